SELECT `t0`.`claim_id` AS `claimId`, `t0`.`job_id` AS `jobId`, `t0`.`line_no` AS `lineNo`, `t0`.`filed_on` AS `filedOn`, `t0`.`amount`, `t1`.`job_id` AS `_j1_0`, `t1`.`line_no` AS `_j1_1`, `t1`.`part_id` AS `_j1_2`, `t2`.`part_id` AS `_j2_0`, `t2`.`name` AS `_j2_1` FROM `golden_workshop_my`.`warranty_claim` AS `t0` LEFT JOIN `golden_workshop_my`.`job_part` AS `t1` ON `t1`.`job_id` = `t0`.`job_id` AND `t1`.`line_no` = `t0`.`line_no` LEFT JOIN `golden_workshop_my`.`part` AS `t2` ON `t2`.`part_id` = `t1`.`part_id` ORDER BY `t0`.`claim_id` ASC LIMIT ?
-- params: [100]

SELECT `job_id` AS `jobId`, `line_no` AS `lineNo` FROM `golden_workshop_my`.`job_part` ORDER BY `job_id` ASC, `line_no` ASC LIMIT ?
-- params: [100]

SELECT `claim_id` AS `claimId`, `job_id` AS `jobId`, `line_no` AS `lineNo` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `job_id`, `line_no` ORDER BY `claim_id` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`warranty_claim` AS `__t` WHERE (`job_id`, `line_no`) IN ((?, ?), (?, ?), (?, ?), (?, ?), (?, ?))) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `job_id` ASC, `line_no` ASC, `__discograph_rn`
-- params: [1,1,1,2,3,1,3,2,4,1,0,100]
