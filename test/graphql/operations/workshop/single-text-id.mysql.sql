SELECT `part_id` AS `partId`, `name`, `price`, `serial_base` AS `serialBase` FROM `golden_workshop_my`.`part` WHERE `part_id` IN (?)
-- params: ["BRK-PAD"]

SELECT `job_id` AS `jobId`, `line_no` AS `lineNo`, `part_id` AS `partId`, `quantity` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `part_id` ORDER BY `job_id` ASC, `line_no` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`job_part` AS `__t` WHERE `part_id` IN (?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `part_id` ASC, `__discograph_rn`
-- params: ["BRK-PAD",0,100]
