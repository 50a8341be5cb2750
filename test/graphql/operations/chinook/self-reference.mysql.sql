SELECT `t0`.`EmployeeId` AS `employeeId`, `t0`.`FirstName` AS `firstName`, `t0`.`ReportsTo` AS `reportsTo`, `t1`.`EmployeeId` AS `j1_0`, `t1`.`FirstName` AS `j1_1` FROM `golden_chinook_my`.`Employee` AS `t0` LEFT JOIN `golden_chinook_my`.`Employee` AS `t1` ON `t1`.`EmployeeId` = `t0`.`ReportsTo` ORDER BY `t0`.`EmployeeId` ASC
-- params: []

SELECT `EmployeeId` AS `employeeId`, `FirstName` AS `firstName`, `ReportsTo` AS `reportsTo` FROM `golden_chinook_my`.`Employee` WHERE `ReportsTo` IN (?, ?, ?, ?, ?, ?, ?, ?) ORDER BY `EmployeeId` ASC
-- params: [1,2,3,4,5,6,7,8]
