SELECT "t0"."vehicle_id" AS "vehicleId", "t0"."owner_id" AS "ownerId", "t0"."plate", "t1"."customer_id" AS "j1_0", "t1"."name" AS "j1_1" FROM "public"."vehicle" AS "t0" LEFT JOIN "public"."customer" AS "t1" ON "t1"."customer_id" = "t0"."owner_id" ORDER BY "t0"."vehicle_id" ASC
-- params: []

SELECT "t0"."customer_id" AS "customerId", "t0"."name", (SELECT coalesce(json_agg(json_build_array("t1"."vehicle_id", "t1"."plate", "t1"."owner_id", (SELECT coalesce(json_agg(json_build_array("s2"."c0", "s2"."c1") ORDER BY "s2"."__o"), '[]'::json) FROM (SELECT "t2"."job_id" AS "c0", "t2"."vehicle_id" AS "c1", row_number() OVER (ORDER BY "t2"."job_id" ASC) AS "__o" FROM "public"."job" AS "t2" WHERE "t2"."vehicle_id" = "t1"."vehicle_id" ORDER BY "t2"."job_id" ASC LIMIT '1') AS "s2")) ORDER BY "t1"."vehicle_id" ASC), '[]'::json) FROM "public"."vehicle" AS "t1" WHERE "t1"."owner_id" = "t0"."customer_id") AS "j1" FROM "public"."customer" AS "t0" ORDER BY "t0"."customer_id" ASC
-- params: []
