SELECT "job_id" AS "jobId", "closed_at" AS "closedAt" FROM "public"."job" ORDER BY "closed_at" ASC, "job_id" ASC LIMIT '100'
-- params: []
