INSERT INTO "public"."genre" ("genre_id", "name") VALUES ($1, $2) RETURNING "genre_id" AS "genreId", "name"
-- params: [26,"Golden Oldies"]

SELECT "track_id" AS "trackId", "genre_id" AS "genreId" FROM "public"."track" WHERE "genre_id" = $1 ORDER BY "track_id" ASC
-- params: [26]
