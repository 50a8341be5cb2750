SELECT "track_id" AS "trackId", "name", "milliseconds" FROM "public"."track" WHERE ("genre_id" = $1 AND "milliseconds" < $2) ORDER BY "milliseconds" DESC, "track_id" ASC LIMIT $3 OFFSET $4
-- params: [1,200000,3,2]
