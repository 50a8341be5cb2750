SELECT "track_id" AS "trackId", "name", "unit_price" AS "unitPrice" FROM "public"."track" WHERE "unit_price" > '0.99' ORDER BY "name" ASC, "track_id" ASC LIMIT '20'
-- params: []
