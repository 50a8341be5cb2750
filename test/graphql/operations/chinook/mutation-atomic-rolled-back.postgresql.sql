BEGIN
-- params: []

INSERT INTO "public"."artist" ("artist_id", "name") VALUES ($1, $2) RETURNING "artist_id" AS "artistId", "name"
-- params: [9201,"Never Signed"]

INSERT INTO "public"."album" ("album_id", "title", "artist_id") VALUES ($1, $2, $3) RETURNING "album_id" AS "albumId", "title", "artist_id" AS "artistId"
-- params: [9201,"Orphan",999999]

ROLLBACK
-- params: []
