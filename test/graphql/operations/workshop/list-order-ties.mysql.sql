SELECT `mechanic_id` AS `mechanicId`, `hourly_rate` AS `hourlyRate` FROM `golden_workshop_my`.`mechanic` ORDER BY `hourly_rate` DESC, `mechanic_id` ASC LIMIT ?
-- params: [4]

SELECT `job_id` AS `jobId`, `opened_at` AS `openedAt`, `estimate` FROM `golden_workshop_my`.`job` WHERE `estimate` IS NOT NULL ORDER BY `estimate` DESC, `opened_at` DESC, `job_id` ASC LIMIT ?
-- params: [3]
