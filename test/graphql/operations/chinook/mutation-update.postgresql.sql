SELECT "album_id" AS "albumId", "title", "artist_id" AS "artistId" FROM "public"."album" WHERE "album_id" = $1 LIMIT $2
-- params: [2,1]

UPDATE "public"."album" SET "title" = $1 WHERE "album_id" = $2 RETURNING "album_id" AS "albumId", "title", "artist_id" AS "artistId"
-- params: ["Balls to the Wall (Remastered)",2]

SELECT "artist_id" AS "artistId", "name" FROM "public"."artist" WHERE "artist_id" = $1
-- params: [2]
