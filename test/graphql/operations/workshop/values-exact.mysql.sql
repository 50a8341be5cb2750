SELECT `customer_id` AS `customerId`, `name`, `email`, `loyalty_points` AS `loyaltyPoints`, `joined_on` AS `joinedOn` FROM `golden_workshop_my`.`customer` ORDER BY `customer_id` ASC LIMIT ?
-- params: [100]

SELECT `part_id` AS `partId`, `price`, `serial_base` AS `serialBase` FROM `golden_workshop_my`.`part` ORDER BY `part_id` ASC LIMIT ?
-- params: [100]

SELECT `mechanic_id` AS `mechanicId`, `hourly_rate` AS `hourlyRate`, `active`, `hired_at` AS `hiredAt` FROM `golden_workshop_my`.`mechanic` WHERE `mechanic_id` <= ? ORDER BY `mechanic_id` ASC LIMIT ?
-- params: [2,100]

SELECT `job_id` AS `jobId`, `opened_at` AS `openedAt`, `closed_at` AS `closedAt`, `estimate`, `paid`, `notes` FROM `golden_workshop_my`.`job` WHERE `job_id` IN (?, ?) ORDER BY `job_id` ASC LIMIT ?
-- params: [1,3,100]
