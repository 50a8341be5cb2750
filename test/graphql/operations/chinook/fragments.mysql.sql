SELECT `t0`.`InvoiceId` AS `invoiceId`, `t0`.`CustomerId` AS `customerId`, `t0`.`BillingCountry` AS `billingCountry`, `t0`.`Total` AS `total`, `t1`.`CustomerId` AS `j1_0`, `t1`.`FirstName` AS `j1_1`, `t1`.`LastName` AS `j1_2` FROM `golden_chinook_my`.`Invoice` AS `t0` LEFT JOIN `golden_chinook_my`.`Customer` AS `t1` ON `t1`.`CustomerId` = `t0`.`CustomerId` WHERE `t0`.`InvoiceId` IN (?)
-- params: [1]

SELECT `InvoiceId` AS `invoiceId`, `CustomerId` AS `customerId`, `BillingCountry` AS `billingCountry`, `Total` AS `total` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `CustomerId` ORDER BY `InvoiceId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`Invoice` AS `__t` WHERE `CustomerId` IN (?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `CustomerId` ASC, `__discograph_rn`
-- params: [2,0,2]
