SELECT "mechanic_id" AS "mechanicId", "name" FROM "public"."mechanic" ORDER BY "mechanic_id" ASC LIMIT '100'
-- params: []

SELECT "skill_id" AS "skillId", "name" FROM "public"."skill" ORDER BY "skill_id" ASC LIMIT '100'
-- params: []

SELECT "mechanic_id" AS "mechanicId", "skill_id" AS "skillId" FROM "public"."mechanic_skill" WHERE "mechanic_id" = ANY($1)
-- params: [[1,2,3,4,5]]

SELECT "mechanic_id" AS "mechanicId", "skill_id" AS "skillId" FROM "public"."mechanic_skill" WHERE "skill_id" = ANY($1)
-- params: [[1,2,3,4]]

SELECT "skill_id" AS "skillId", "name" FROM "public"."skill" WHERE "skill_id" = ANY($1) ORDER BY "name" ASC, "skill_id" ASC
-- params: [[1,2,3]]

SELECT "mechanic_id" AS "mechanicId", "name" FROM "public"."mechanic" WHERE "mechanic_id" = ANY($1) ORDER BY "mechanic_id" ASC
-- params: [[1,2,3,4]]
