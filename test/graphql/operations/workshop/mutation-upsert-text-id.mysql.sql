SELECT `part_id` AS `partId`, `name`, `price`, `serial_base` AS `serialBase` FROM `golden_workshop_my`.`part` WHERE `part_id` = ? LIMIT ?
-- params: ["FILTER",1]

INSERT INTO `golden_workshop_my`.`part` (`part_id`, `name`, `price`, `serial_base`) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `price` = VALUES(`price`), `serial_base` = VALUES(`serial_base`) RETURNING `part_id` AS `partId`, `name`, `price`, `serial_base` AS `serialBase`
-- params: ["FILTER","Oil filter","7.45","9007199254740995"]

SELECT `part_id` AS `partId`, `name`, `price`, `serial_base` AS `serialBase` FROM `golden_workshop_my`.`part` WHERE `part_id` = ? LIMIT ?
-- params: ["WIPER",1]

START TRANSACTION
-- params: []

UPDATE `golden_workshop_my`.`part` SET `part_id` = ?, `name` = ?, `price` = ?, `serial_base` = ? WHERE `part_id` = ?
-- params: ["WIPER","Wiper blade","10.95","2000","WIPER"]

SELECT `part_id` AS `partId`, `name`, `price`, `serial_base` AS `serialBase` FROM `golden_workshop_my`.`part` WHERE `part_id` = ? LIMIT ?
-- params: ["WIPER",1]

COMMIT
-- params: []
