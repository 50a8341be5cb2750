SELECT `t0`.`job_id` AS `jobId`, `t0`.`opened_by` AS `openedBy`, `t0`.`closed_by` AS `closedBy`, `t1`.`mechanic_id` AS `_j1_0`, `t1`.`name` AS `_j1_1`, `t2`.`mechanic_id` AS `_j2_0`, `t2`.`name` AS `_j2_1` FROM `golden_workshop_my`.`job` AS `t0` LEFT JOIN `golden_workshop_my`.`mechanic` AS `t1` ON `t1`.`mechanic_id` = `t0`.`closed_by` LEFT JOIN `golden_workshop_my`.`mechanic` AS `t2` ON `t2`.`mechanic_id` = `t0`.`opened_by` ORDER BY `t0`.`job_id` ASC LIMIT ?
-- params: [100]

SELECT `mechanic_id` AS `mechanicId`, `name` FROM `golden_workshop_my`.`mechanic` ORDER BY `mechanic_id` ASC LIMIT ?
-- params: [100]

SELECT `job_id` AS `jobId`, `opened_by` AS `openedBy` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `opened_by` ORDER BY `job_id` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`job` AS `__t` WHERE `opened_by` IN (?, ?, ?, ?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `opened_by` ASC, `__discograph_rn`
-- params: [1,2,3,4,5,0,100]

SELECT `job_id` AS `jobId`, `closed_by` AS `closedBy` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `closed_by` ORDER BY `job_id` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`job` AS `__t` WHERE `closed_by` IN (?, ?, ?, ?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `closed_by` ASC, `__discograph_rn`
-- params: [1,2,3,4,5,0,100]
