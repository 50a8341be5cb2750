INSERT INTO "public"."job" ("vehicle_id", "opened_by", "opened_at", "estimate") VALUES ($1, $2, $3, $4) RETURNING "job_id" AS "jobId", "vehicle_id" AS "vehicleId", "opened_by" AS "openedBy", "closed_by" AS "closedBy", "opened_at" AS "openedAt", "closed_at" AS "closedAt", "estimate", "paid", "notes"
-- params: [2,5,"2024-04-01T08:00:00.000001Z","99.99"]

SELECT "mechanic_id" AS "mechanicId", "name" FROM "public"."mechanic" WHERE "mechanic_id" = $1
-- params: [5]

SELECT "vehicle_id" AS "vehicleId", "plate" FROM "public"."vehicle" WHERE "vehicle_id" = $1
-- params: [2]
