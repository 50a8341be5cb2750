SELECT "invoice_line_id" AS "invoiceLineId", "invoice_id" AS "invoiceId", "track_id" AS "trackId", "unit_price" AS "unitPrice", "quantity" FROM "public"."invoice_line" WHERE "invoice_line_id" = $1 LIMIT $2
-- params: [2240,1]

DELETE FROM "public"."invoice_line" WHERE "invoice_line_id" = $1
-- params: [2240]

SELECT "playlist_id" AS "playlistId", "track_id" AS "trackId" FROM "public"."playlist_track" WHERE ("playlist_id" = $1 AND "track_id" = $2) LIMIT $3
-- params: [18,597,1]

DELETE FROM "public"."playlist_track" WHERE ("playlist_id" = $1 AND "track_id" = $2)
-- params: [18,597]

SELECT "invoice_line_id" AS "invoiceLineId", "invoice_id" AS "invoiceId", "track_id" AS "trackId", "unit_price" AS "unitPrice", "quantity" FROM "public"."invoice_line" WHERE "invoice_line_id" = $1 LIMIT $2
-- params: [99999,1]
