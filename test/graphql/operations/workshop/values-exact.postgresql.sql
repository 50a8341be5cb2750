SELECT "customer_id" AS "customerId", "name", "email", "loyalty_points" AS "loyaltyPoints", "joined_on" AS "joinedOn" FROM "public"."customer" ORDER BY "customer_id" ASC LIMIT '100'
-- params: []

SELECT "part_id" AS "partId", "price", "serial_base" AS "serialBase" FROM "public"."part" ORDER BY "part_id" ASC LIMIT '100'
-- params: []

SELECT "mechanic_id" AS "mechanicId", "hourly_rate" AS "hourlyRate", "active", "hired_at" AS "hiredAt" FROM "public"."mechanic" WHERE "mechanic_id" <= '2' ORDER BY "mechanic_id" ASC LIMIT '100'
-- params: []

SELECT "job_id" AS "jobId", "opened_at" AS "openedAt", "closed_at" AS "closedAt", "estimate", "paid", "notes" FROM "public"."job" WHERE "job_id" = ANY($1) ORDER BY "job_id" ASC LIMIT $2
-- params: [[1,3],100]
