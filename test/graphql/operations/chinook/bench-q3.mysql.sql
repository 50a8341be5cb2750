SELECT `CustomerId` AS `customerId`, `FirstName` AS `firstName`, `LastName` AS `lastName` FROM `golden_chinook_my`.`Customer` WHERE `CustomerId` IN (?)
-- params: [1]

SELECT `InvoiceId` AS `invoiceId`, `CustomerId` AS `customerId`, `InvoiceDate` AS `invoiceDate`, `Total` AS `total` FROM `golden_chinook_my`.`Invoice` WHERE `CustomerId` IN (?) ORDER BY `InvoiceId` ASC
-- params: [1]

SELECT `t0`.`InvoiceLineId` AS `invoiceLineId`, `t0`.`InvoiceId` AS `invoiceId`, `t0`.`TrackId` AS `trackId`, `t0`.`UnitPrice` AS `unitPrice`, `t0`.`Quantity` AS `quantity`, `t1`.`TrackId` AS `j1_0`, `t1`.`Name` AS `j1_1`, `t1`.`AlbumId` AS `j1_2`, `t2`.`AlbumId` AS `j2_0`, `t2`.`Title` AS `j2_1`, `t2`.`ArtistId` AS `j2_2`, `t3`.`ArtistId` AS `j3_0`, `t3`.`Name` AS `j3_1` FROM `golden_chinook_my`.`InvoiceLine` AS `t0` LEFT JOIN `golden_chinook_my`.`Track` AS `t1` ON `t1`.`TrackId` = `t0`.`TrackId` LEFT JOIN `golden_chinook_my`.`Album` AS `t2` ON `t2`.`AlbumId` = `t1`.`AlbumId` LEFT JOIN `golden_chinook_my`.`Artist` AS `t3` ON `t3`.`ArtistId` = `t2`.`ArtistId` WHERE `t0`.`InvoiceId` IN (?, ?, ?, ?, ?, ?, ?) ORDER BY `t0`.`InvoiceLineId` ASC
-- params: [98,121,143,195,316,327,382]
