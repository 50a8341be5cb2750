SELECT `t0`.`vehicle_id` AS `vehicleId`, `t0`.`owner_id` AS `ownerId`, `t0`.`plate`, `t1`.`customer_id` AS `j1_0`, `t1`.`name` AS `j1_1` FROM `golden_workshop_my`.`vehicle` AS `t0` LEFT JOIN `golden_workshop_my`.`customer` AS `t1` ON `t1`.`customer_id` = `t0`.`owner_id` ORDER BY `t0`.`vehicle_id` ASC LIMIT ?
-- params: [100]

SELECT `customer_id` AS `customerId`, `name` FROM `golden_workshop_my`.`customer` ORDER BY `customer_id` ASC LIMIT ?
-- params: [100]

SELECT `vehicle_id` AS `vehicleId`, `owner_id` AS `ownerId`, `plate` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `owner_id` ORDER BY `vehicle_id` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`vehicle` AS `__t` WHERE `owner_id` IN (?, ?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `owner_id` ASC, `__discograph_rn`
-- params: [1,2,3,0,100]

SELECT `job_id` AS `jobId`, `vehicle_id` AS `vehicleId` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `vehicle_id` ORDER BY `job_id` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`job` AS `__t` WHERE `vehicle_id` IN (?, ?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `vehicle_id` ASC, `__discograph_rn`
-- params: [1,2,3,0,1]
