SELECT "artist_id" AS "artistId", "name" FROM "public"."artist" WHERE "artist_id" = $1
-- params: [22]

SELECT "album_id" AS "albumId", "title", "artist_id" AS "artistId" FROM (SELECT "__t".*, row_number() OVER (PARTITION BY "artist_id" ORDER BY "album_id" ASC) AS "__discograph_rn" FROM "public"."album" AS "__t" WHERE "artist_id" = $1) AS "__grouped" WHERE "__discograph_rn" > $2 AND "__discograph_rn" <= $3 ORDER BY "artist_id" ASC, "__discograph_rn"
-- params: [22,0,2]

SELECT "album_id" AS "albumId", "title", "artist_id" AS "artistId" FROM (SELECT "__t".*, row_number() OVER (PARTITION BY "artist_id" ORDER BY "album_id" DESC) AS "__discograph_rn" FROM "public"."album" AS "__t" WHERE "artist_id" = $1) AS "__grouped" WHERE "__discograph_rn" > $2 AND "__discograph_rn" <= $3 ORDER BY "artist_id" ASC, "__discograph_rn"
-- params: [22,0,1]
