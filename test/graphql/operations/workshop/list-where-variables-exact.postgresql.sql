SELECT "customer_id" AS "customerId", "loyalty_points" AS "loyaltyPoints" FROM "public"."customer" WHERE "loyalty_points" > $1 ORDER BY "customer_id" ASC LIMIT $2
-- params: ["9007199254740992",100]

SELECT "job_id" AS "jobId", "opened_at" AS "openedAt", "estimate" FROM "public"."job" WHERE ("opened_at" >= $1 AND "estimate" >= $2) ORDER BY "job_id" ASC LIMIT $3
-- params: ["2024-03-01T08:15:30.123456Z","250.00",100]

SELECT count(*) AS "count" FROM "public"."customer" WHERE "joined_on" >= $1
-- params: ["2021-06-15"]
