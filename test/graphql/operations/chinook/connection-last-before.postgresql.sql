SELECT "track_id" AS "trackId", "milliseconds" FROM "public"."track" WHERE "album_id" = $1 ORDER BY "milliseconds" ASC, "track_id" ASC LIMIT $2 OFFSET $3
-- params: [1,4,3]
