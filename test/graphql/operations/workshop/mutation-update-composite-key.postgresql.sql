SELECT "job_id" AS "jobId", "line_no" AS "lineNo", "part_id" AS "partId", "quantity", "unit_price" AS "unitPrice" FROM "public"."job_part" WHERE ("job_id" = $1 AND "line_no" = $2) LIMIT $3
-- params: [3,2,1]

UPDATE "public"."job_part" SET "quantity" = $1, "unit_price" = $2 WHERE ("job_id" = $3 AND "line_no" = $4) RETURNING "job_id" AS "jobId", "line_no" AS "lineNo", "part_id" AS "partId", "quantity", "unit_price" AS "unitPrice"
-- params: [5,"11.50",3,2]
