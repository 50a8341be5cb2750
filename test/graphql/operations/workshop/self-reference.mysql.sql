SELECT `t0`.`mechanic_id` AS `mechanicId`, `t0`.`name`, `t0`.`mentor_id` AS `mentorId`, `t1`.`mechanic_id` AS `j1_0`, `t1`.`name` AS `j1_1`, `t1`.`mentor_id` AS `j1_2`, `t2`.`mechanic_id` AS `j2_0`, `t2`.`name` AS `j2_1` FROM `golden_workshop_my`.`mechanic` AS `t0` LEFT JOIN `golden_workshop_my`.`mechanic` AS `t1` ON `t1`.`mechanic_id` = `t0`.`mentor_id` LEFT JOIN `golden_workshop_my`.`mechanic` AS `t2` ON `t2`.`mechanic_id` = `t1`.`mentor_id` ORDER BY `t0`.`mechanic_id` ASC LIMIT ?
-- params: [100]

SELECT `mechanic_id` AS `mechanicId`, `name`, `mentor_id` AS `mentorId` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `mentor_id` ORDER BY `mechanic_id` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`mechanic` AS `__t` WHERE `mentor_id` IN (?, ?, ?, ?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `mentor_id` ASC, `__discograph_rn`
-- params: [1,2,3,4,5,0,100]
