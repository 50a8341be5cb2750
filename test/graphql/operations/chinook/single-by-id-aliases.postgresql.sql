SELECT "album_id" AS "albumId", "title" FROM "public"."album" WHERE "album_id" = ANY($1)
-- params: [[1,2,99999]]
