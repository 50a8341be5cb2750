SELECT `job_id` AS `jobId`, `closed_at` AS `closedAt` FROM `golden_workshop_my`.`job` ORDER BY `closed_at` ASC, `job_id` ASC LIMIT ?
-- params: [100]
