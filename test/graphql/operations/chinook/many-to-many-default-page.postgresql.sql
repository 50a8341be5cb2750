SELECT "track_id" AS "trackId" FROM "public"."track" WHERE "track_id" = ANY($1) ORDER BY "track_id" ASC LIMIT $2
-- params: [[1,2,3503],100]

SELECT "playlist_id" AS "playlistId" FROM "public"."playlist" WHERE "playlist_id" = ANY($1) ORDER BY "playlist_id" ASC LIMIT $2
-- params: [[2,4,18],100]

SELECT "__grouped"."playlist_id" AS "playlistId", "__grouped"."__discograph_link_0" FROM (SELECT "__t".*, "__link"."track_id" AS "__discograph_link_0", row_number() OVER (PARTITION BY "__link"."track_id" ORDER BY "__t"."playlist_id" ASC) AS "__discograph_rn" FROM "public"."playlist_track" AS "__link" JOIN "public"."playlist" AS "__t" ON "__t"."playlist_id" = "__link"."playlist_id" WHERE "__link"."track_id" = ANY($1)) AS "__grouped" WHERE "__grouped"."__discograph_rn" > $2 AND "__grouped"."__discograph_rn" <= $3 ORDER BY "__grouped"."__discograph_link_0" ASC, "__grouped"."__discograph_rn"
-- params: [[1,2,3503],0,100]

SELECT "__grouped"."track_id" AS "trackId", "__grouped"."__discograph_link_0" FROM (SELECT "__t".*, "__link"."playlist_id" AS "__discograph_link_0", row_number() OVER (PARTITION BY "__link"."playlist_id" ORDER BY "__t"."track_id" ASC) AS "__discograph_rn" FROM "public"."playlist_track" AS "__link" JOIN "public"."track" AS "__t" ON "__t"."track_id" = "__link"."track_id" WHERE "__link"."playlist_id" = ANY($1)) AS "__grouped" WHERE "__grouped"."__discograph_rn" > $2 AND "__grouped"."__discograph_rn" <= $3 ORDER BY "__grouped"."__discograph_link_0" ASC, "__grouped"."__discograph_rn"
-- params: [[2,4,18],0,100]
