SELECT "track_id" AS "trackId", "composer" FROM "public"."track" WHERE ("track_id" <> $1 AND "album_id" = ANY($2) AND "composer" IS NULL) ORDER BY "track_id" ASC LIMIT $3
-- params: [16,[1,4,5],100]

SELECT "track_id" AS "trackId", "composer", "unit_price" AS "unitPrice" FROM "public"."track" WHERE ("composer" IS NOT NULL AND "unit_price" >= '1.99') ORDER BY "track_id" ASC LIMIT '2'
-- params: []
