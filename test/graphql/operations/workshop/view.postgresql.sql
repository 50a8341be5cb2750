SELECT "job_id" AS "jobId", "vehicle_id" AS "vehicleId", "opened_by" AS "openedBy", "opened_at" AS "openedAt", "estimate" FROM "public"."open_job" ORDER BY "opened_at" DESC LIMIT '100'
-- params: []

SELECT count(*) AS "count" FROM "public"."open_job" WHERE "estimate" IS NOT NULL
-- params: []
