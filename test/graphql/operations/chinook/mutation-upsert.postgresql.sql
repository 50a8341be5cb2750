SELECT "media_type_id" AS "mediaTypeId", "name" FROM "public"."media_type" WHERE "media_type_id" = $1 LIMIT $2
-- params: [6,1]

INSERT INTO "public"."media_type" ("media_type_id", "name") VALUES ($1, $2) ON CONFLICT ("media_type_id") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "media_type_id" AS "mediaTypeId", "name"
-- params: [6,"Vinyl record"]

SELECT "media_type_id" AS "mediaTypeId", "name" FROM "public"."media_type" WHERE "media_type_id" = $1 LIMIT $2
-- params: [5,1]

UPDATE "public"."media_type" SET "media_type_id" = $1, "name" = $2 WHERE "media_type_id" = $3 RETURNING "media_type_id" AS "mediaTypeId", "name"
-- params: [5,"AAC audio file (renamed)",5]
