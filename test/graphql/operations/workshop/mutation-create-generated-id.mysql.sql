INSERT INTO `golden_workshop_my`.`job` (`vehicle_id`, `opened_by`, `opened_at`, `estimate`) VALUES (?, ?, ?, ?) RETURNING `job_id` AS `jobId`, `vehicle_id` AS `vehicleId`, `opened_by` AS `openedBy`, `closed_by` AS `closedBy`, `opened_at` AS `openedAt`, `closed_at` AS `closedAt`, `estimate`, `paid`, `notes`
-- params: [2,5,"2024-04-01 08:00:00.000001","99.99"]

SELECT `mechanic_id` AS `mechanicId`, `name` FROM `golden_workshop_my`.`mechanic` WHERE `mechanic_id` IN (?)
-- params: [5]

SELECT `vehicle_id` AS `vehicleId`, `plate` FROM `golden_workshop_my`.`vehicle` WHERE `vehicle_id` IN (?)
-- params: [2]
