SELECT "mechanic_id" AS "mechanicId", "hourly_rate" AS "hourlyRate" FROM "public"."mechanic" ORDER BY "hourly_rate" DESC, "mechanic_id" ASC LIMIT '4'
-- params: []

SELECT "job_id" AS "jobId", "opened_at" AS "openedAt", "estimate" FROM "public"."job" WHERE "estimate" IS NOT NULL ORDER BY "estimate" DESC, "opened_at" DESC, "job_id" ASC LIMIT '3'
-- params: []
