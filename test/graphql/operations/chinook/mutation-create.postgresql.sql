INSERT INTO "public"."genre" ("genre_id", "name") VALUES ($1, $2) RETURNING "genre_id" AS "genreId", "name"
-- params: [26,"Golden Oldies"]

SELECT "track_id" AS "trackId", "genre_id" AS "genreId" FROM (SELECT "__t".*, row_number() OVER (PARTITION BY "genre_id" ORDER BY "track_id" ASC) AS "__discograph_rn" FROM "public"."track" AS "__t" WHERE "genre_id" = $1) AS "__grouped" WHERE "__discograph_rn" > $2 AND "__discograph_rn" <= $3 ORDER BY "genre_id" ASC, "__discograph_rn"
-- params: [26,0,100]
