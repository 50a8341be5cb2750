SELECT `InvoiceLineId` AS `invoiceLineId`, `InvoiceId` AS `invoiceId`, `TrackId` AS `trackId`, `UnitPrice` AS `unitPrice`, `Quantity` AS `quantity` FROM `golden_chinook_my`.`InvoiceLine` WHERE `InvoiceLineId` = ? LIMIT ?
-- params: [2240,1]

DELETE FROM `golden_chinook_my`.`InvoiceLine` WHERE `InvoiceLineId` = ?
-- params: [2240]

SELECT `PlaylistId` AS `playlistId`, `TrackId` AS `trackId` FROM `golden_chinook_my`.`PlaylistTrack` WHERE (`PlaylistId` = ? AND `TrackId` = ?) LIMIT ?
-- params: [18,597,1]

DELETE FROM `golden_chinook_my`.`PlaylistTrack` WHERE (`PlaylistId` = ? AND `TrackId` = ?)
-- params: [18,597]

SELECT `InvoiceLineId` AS `invoiceLineId`, `InvoiceId` AS `invoiceId`, `TrackId` AS `trackId`, `UnitPrice` AS `unitPrice`, `Quantity` AS `quantity` FROM `golden_chinook_my`.`InvoiceLine` WHERE `InvoiceLineId` = ? LIMIT ?
-- params: [99999,1]
