SELECT "track_id" AS "trackId", "name", "album_id" AS "albumId", "milliseconds" FROM "public"."track" WHERE ("album_id" BETWEEN $1 AND $2 AND ("name" LIKE $3 OR "milliseconds" > $4)) ORDER BY "track_id" ASC LIMIT $5
-- params: [1,3,"%Rock%",330000,100]
