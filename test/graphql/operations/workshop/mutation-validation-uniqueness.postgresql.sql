SELECT "skill_id" AS "skillId", "name" FROM "public"."skill" WHERE "name" = $1 LIMIT $2
-- params: ["brakes",2]
