SELECT `job_id` AS `jobId`, `line_no` AS `lineNo`, `part_id` AS `partId`, `quantity`, `unit_price` AS `unitPrice` FROM `golden_workshop_my`.`job_part` WHERE (`job_id` = ? AND `line_no` = ?) LIMIT ?
-- params: [3,2,1]

START TRANSACTION
-- params: []

UPDATE `golden_workshop_my`.`job_part` SET `quantity` = ?, `unit_price` = ? WHERE (`job_id` = ? AND `line_no` = ?)
-- params: [5,"11.50",3,2]

SELECT `job_id` AS `jobId`, `line_no` AS `lineNo`, `part_id` AS `partId`, `quantity`, `unit_price` AS `unitPrice` FROM `golden_workshop_my`.`job_part` WHERE (`job_id` = ? AND `line_no` = ?) LIMIT ?
-- params: [3,2,1]

COMMIT
-- params: []
