SELECT "t0"."mechanic_id" AS "mechanicId", "t0"."name", "t0"."mentor_id" AS "mentorId", "t1"."mechanic_id" AS "j1_0", "t1"."name" AS "j1_1" FROM "public"."mechanic" AS "t0" LEFT JOIN "public"."mechanic" AS "t1" ON "t1"."mechanic_id" = "t0"."mentor_id" ORDER BY "t0"."mechanic_id" ASC LIMIT '10'
-- params: []

SELECT "__grouped"."skill_id" AS "skillId", "__grouped"."name", "__grouped"."__discograph_link_0" FROM (SELECT "__t".*, "__link"."mechanic_id" AS "__discograph_link_0", row_number() OVER (PARTITION BY "__link"."mechanic_id" ORDER BY "__t"."name" ASC, "__t"."skill_id" ASC) AS "__discograph_rn" FROM "public"."mechanic_skill" AS "__link" JOIN "public"."skill" AS "__t" ON "__t"."skill_id" = "__link"."skill_id" WHERE "__link"."mechanic_id" = ANY($1)) AS "__grouped" WHERE "__grouped"."__discograph_rn" > $2 AND "__grouped"."__discograph_rn" <= $3 ORDER BY "__grouped"."__discograph_link_0" ASC, "__grouped"."__discograph_rn"
-- params: [[1,2,3,4,5],0,2]
