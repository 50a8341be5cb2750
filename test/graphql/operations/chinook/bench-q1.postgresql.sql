SELECT "track_id" AS "trackId", "name", "milliseconds", "unit_price" AS "unitPrice" FROM "public"."track" ORDER BY "track_id" ASC LIMIT '50'
-- params: []
