SELECT `job_id` AS `jobId`, `vehicle_id` AS `vehicleId`, `opened_by` AS `openedBy`, `opened_at` AS `openedAt`, `estimate` FROM `golden_workshop_my`.`open_job` ORDER BY `opened_at` DESC LIMIT ?
-- params: [100]

SELECT count(*) AS `count` FROM `golden_workshop_my`.`open_job` WHERE `estimate` IS NOT NULL
-- params: []
