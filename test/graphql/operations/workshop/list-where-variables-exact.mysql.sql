SELECT `customer_id` AS `customerId`, `loyalty_points` AS `loyaltyPoints` FROM `golden_workshop_my`.`customer` WHERE `loyalty_points` > ? ORDER BY `customer_id` ASC LIMIT ?
-- params: ["9007199254740992",100]

SELECT `job_id` AS `jobId`, `opened_at` AS `openedAt`, `estimate` FROM `golden_workshop_my`.`job` WHERE (`opened_at` >= ? AND `estimate` >= ?) ORDER BY `job_id` ASC LIMIT ?
-- params: ["2024-03-01 08:15:30.123456","250.00",100]

SELECT count(*) AS `count` FROM `golden_workshop_my`.`customer` WHERE `joined_on` >= ?
-- params: ["2021-06-15"]
