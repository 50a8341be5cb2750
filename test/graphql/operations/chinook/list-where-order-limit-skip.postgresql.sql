SELECT "track_id" AS "trackId", "name", "milliseconds" FROM "public"."track" WHERE ("genre_id" = '1' AND "milliseconds" < '200000') ORDER BY "milliseconds" DESC, "track_id" ASC LIMIT '3' OFFSET '2'
-- params: []
