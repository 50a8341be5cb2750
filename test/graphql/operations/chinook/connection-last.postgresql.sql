SELECT count(*) AS "count" FROM "public"."track" WHERE "album_id" = $1
-- params: [1]

SELECT "track_id" AS "trackId", "milliseconds" FROM "public"."track" WHERE "album_id" = $1 ORDER BY "milliseconds" DESC, "track_id" DESC LIMIT $2
-- params: [1,2]
