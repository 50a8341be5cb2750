SELECT "t0"."claim_id" AS "claimId", "t0"."job_id" AS "jobId", "t0"."line_no" AS "lineNo", "t0"."filed_on" AS "filedOn", "t0"."amount", "t1"."job_id" AS "_j1_0", "t1"."line_no" AS "_j1_1", "t1"."part_id" AS "_j1_2", "t2"."part_id" AS "_j2_0", "t2"."name" AS "_j2_1" FROM "public"."warranty_claim" AS "t0" LEFT JOIN "public"."job_part" AS "t1" ON "t1"."job_id" = "t0"."job_id" AND "t1"."line_no" = "t0"."line_no" LEFT JOIN "public"."part" AS "t2" ON "t2"."part_id" = "t1"."part_id" ORDER BY "t0"."claim_id" ASC
-- params: []

SELECT "t0"."job_id" AS "jobId", "t0"."line_no" AS "lineNo", (SELECT coalesce(json_agg(json_build_array("t1"."claim_id", "t1"."job_id", "t1"."line_no") ORDER BY "t1"."claim_id" ASC), '[]'::json) FROM "public"."warranty_claim" AS "t1" WHERE "t1"."job_id" = "t0"."job_id" AND "t1"."line_no" = "t0"."line_no") AS "_j1" FROM "public"."job_part" AS "t0" ORDER BY "t0"."job_id" ASC, "t0"."line_no" ASC
-- params: []
