SELECT "playlist_id" AS "playlistId" FROM "public"."playlist" WHERE "playlist_id" = ANY($1) ORDER BY "playlist_id" ASC LIMIT $2
-- params: [[3,5,11,99],100]

SELECT "__grouped"."track_id" AS "trackId", "__grouped"."name", "__grouped"."milliseconds", "__grouped"."__discograph_link_0" FROM (SELECT "__t".*, "__link"."playlist_id" AS "__discograph_link_0", row_number() OVER (PARTITION BY "__link"."playlist_id" ORDER BY "__t"."name" ASC, "__t"."track_id" ASC) AS "__discograph_rn" FROM "public"."playlist_track" AS "__link" JOIN "public"."track" AS "__t" ON "__t"."track_id" = "__link"."track_id" WHERE "__link"."playlist_id" = ANY($1) AND "__t"."milliseconds" > $2) AS "__grouped" WHERE "__grouped"."__discograph_rn" > $3 AND "__grouped"."__discograph_rn" <= $4 ORDER BY "__grouped"."__discograph_link_0" ASC, "__grouped"."__discograph_rn"
-- params: [[3,5,11],300000,1,3]
