SELECT count(*) AS "count" FROM "public"."track"
-- params: []

SELECT count(*) AS "count" FROM "public"."album" WHERE "artist_id" = $1
-- params: [90]
