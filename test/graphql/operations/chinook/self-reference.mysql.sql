SELECT `t0`.`EmployeeId` AS `employeeId`, `t0`.`FirstName` AS `firstName`, `t0`.`ReportsTo` AS `reportsTo`, `t1`.`EmployeeId` AS `j1_0`, `t1`.`FirstName` AS `j1_1` FROM `golden_chinook_my`.`Employee` AS `t0` LEFT JOIN `golden_chinook_my`.`Employee` AS `t1` ON `t1`.`EmployeeId` = `t0`.`ReportsTo` ORDER BY `t0`.`EmployeeId` ASC LIMIT ?
-- params: [100]

SELECT `EmployeeId` AS `employeeId`, `FirstName` AS `firstName`, `ReportsTo` AS `reportsTo` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `ReportsTo` ORDER BY `EmployeeId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`Employee` AS `__t` WHERE `ReportsTo` IN (?, ?, ?, ?, ?, ?, ?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `ReportsTo` ASC, `__discograph_rn`
-- params: [1,2,3,4,5,6,7,8,0,100]
