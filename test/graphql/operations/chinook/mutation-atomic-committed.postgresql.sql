BEGIN
-- params: []

INSERT INTO "public"."artist" ("artist_id", "name") VALUES ($1, $2) RETURNING "artist_id" AS "artistId", "name"
-- params: [9101,"Atomic Kitten"]

INSERT INTO "public"."album" ("album_id", "title", "artist_id") VALUES ($1, $2, $3) RETURNING "album_id" AS "albumId", "title", "artist_id" AS "artistId"
-- params: [9101,"Right Now",9101]

SELECT "artist_id" AS "artistId", "name" FROM "public"."artist" WHERE "artist_id" = $1
-- params: [9101]

COMMIT
-- params: []
