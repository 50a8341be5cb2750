SELECT "mechanic_id" AS "mechanicId", "skill_id" AS "skillId" FROM "public"."mechanic_skill" WHERE ("mechanic_id" = $1 AND "skill_id" = $2) LIMIT $3
-- params: [4,1,1]

DELETE FROM "public"."mechanic_skill" WHERE ("mechanic_id" = $1 AND "skill_id" = $2)
-- params: [4,1]
