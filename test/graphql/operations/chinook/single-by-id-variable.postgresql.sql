SELECT "track_id" AS "trackId", "name", "composer", "milliseconds", "bytes", "unit_price" AS "unitPrice" FROM "public"."track" WHERE "track_id" = $1
-- params: [1]
