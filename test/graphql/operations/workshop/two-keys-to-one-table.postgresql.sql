SELECT "t0"."job_id" AS "jobId", "t0"."opened_by" AS "openedBy", "t0"."closed_by" AS "closedBy", "t1"."mechanic_id" AS "_j1_0", "t1"."name" AS "_j1_1", "t2"."mechanic_id" AS "_j2_0", "t2"."name" AS "_j2_1" FROM "public"."job" AS "t0" LEFT JOIN "public"."mechanic" AS "t1" ON "t1"."mechanic_id" = "t0"."closed_by" LEFT JOIN "public"."mechanic" AS "t2" ON "t2"."mechanic_id" = "t0"."opened_by" ORDER BY "t0"."job_id" ASC
-- params: []

SELECT "t0"."mechanic_id" AS "mechanicId", "t0"."name", (SELECT coalesce(json_agg(json_build_array("t1"."job_id", "t1"."closed_by") ORDER BY "t1"."job_id" ASC), '[]'::json) FROM "public"."job" AS "t1" WHERE "t1"."closed_by" = "t0"."mechanic_id") AS "j1", (SELECT coalesce(json_agg(json_build_array("t2"."job_id", "t2"."opened_by") ORDER BY "t2"."job_id" ASC), '[]'::json) FROM "public"."job" AS "t2" WHERE "t2"."opened_by" = "t0"."mechanic_id") AS "j2" FROM "public"."mechanic" AS "t0" ORDER BY "t0"."mechanic_id" ASC
-- params: []
