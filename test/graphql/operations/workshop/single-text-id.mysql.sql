SELECT `part_id` AS `partId`, `name`, `price`, `serial_base` AS `serialBase` FROM `golden_workshop_my`.`part` WHERE `part_id` IN (?)
-- params: ["BRK-PAD"]

SELECT `job_id` AS `jobId`, `line_no` AS `lineNo`, `part_id` AS `partId`, `quantity` FROM `golden_workshop_my`.`job_part` WHERE `part_id` IN (?) ORDER BY `job_id` ASC, `line_no` ASC
-- params: ["BRK-PAD"]
