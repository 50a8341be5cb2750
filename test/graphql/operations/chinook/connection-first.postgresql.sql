SELECT "track_id" AS "trackId", "milliseconds" FROM "public"."track" WHERE "album_id" = $1 ORDER BY "milliseconds" ASC, "track_id" ASC LIMIT $2
-- params: [1,4]

SELECT count(*) AS "count" FROM "public"."track" WHERE "album_id" = $1
-- params: [1]
