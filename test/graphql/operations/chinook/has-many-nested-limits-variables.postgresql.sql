SELECT "artist_id" AS "artistId", "name" FROM "public"."artist" WHERE "artist_id" = ANY($1) ORDER BY "artist_id" ASC LIMIT $2
-- params: [[1,2,8],100]

SELECT "album_id" AS "albumId", "title", "artist_id" AS "artistId" FROM (SELECT "__t".*, row_number() OVER (PARTITION BY "artist_id" ORDER BY "album_id" ASC) AS "__discograph_rn" FROM "public"."album" AS "__t" WHERE "artist_id" = ANY($1)) AS "__grouped" WHERE "__discograph_rn" > $2 AND "__discograph_rn" <= $3 ORDER BY "artist_id" ASC, "__discograph_rn"
-- params: [[1,2,8],0,2]

SELECT "track_id" AS "trackId", "name", "album_id" AS "albumId" FROM (SELECT "__t".*, row_number() OVER (PARTITION BY "album_id" ORDER BY "track_id" ASC) AS "__discograph_rn" FROM "public"."track" AS "__t" WHERE "album_id" = ANY($1)) AS "__grouped" WHERE "__discograph_rn" > $2 AND "__discograph_rn" <= $3 ORDER BY "album_id" ASC, "__discograph_rn"
-- params: [[1,4,2,3,10,11],0,3]
