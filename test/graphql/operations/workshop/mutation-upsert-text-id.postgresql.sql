SELECT "part_id" AS "partId", "name", "price", "serial_base" AS "serialBase" FROM "public"."part" WHERE "part_id" = $1 LIMIT $2
-- params: ["FILTER",1]

INSERT INTO "public"."part" ("part_id", "name", "price", "serial_base") VALUES ($1, $2, $3, $4) ON CONFLICT ("part_id") DO UPDATE SET "name" = EXCLUDED."name", "price" = EXCLUDED."price", "serial_base" = EXCLUDED."serial_base" RETURNING "part_id" AS "partId", "name", "price", "serial_base" AS "serialBase"
-- params: ["FILTER","Oil filter","7.45","9007199254740995"]

SELECT "part_id" AS "partId", "name", "price", "serial_base" AS "serialBase" FROM "public"."part" WHERE "part_id" = $1 LIMIT $2
-- params: ["WIPER",1]

UPDATE "public"."part" SET "part_id" = $1, "name" = $2, "price" = $3, "serial_base" = $4 WHERE "part_id" = $5 RETURNING "part_id" AS "partId", "name", "price", "serial_base" AS "serialBase"
-- params: ["WIPER","Wiper blade","10.95","2000","WIPER"]
