SELECT `MediaTypeId` AS `mediaTypeId`, `Name` AS `name` FROM `golden_chinook_my`.`MediaType` WHERE `MediaTypeId` = ? LIMIT ?
-- params: [6,1]

INSERT INTO `golden_chinook_my`.`MediaType` (`MediaTypeId`, `Name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `Name` = VALUES(`Name`) RETURNING `MediaTypeId` AS `mediaTypeId`, `Name` AS `name`
-- params: [6,"Vinyl record"]

SELECT `MediaTypeId` AS `mediaTypeId`, `Name` AS `name` FROM `golden_chinook_my`.`MediaType` WHERE `MediaTypeId` = ? LIMIT ?
-- params: [5,1]

START TRANSACTION
-- params: []

UPDATE `golden_chinook_my`.`MediaType` SET `MediaTypeId` = ?, `Name` = ? WHERE `MediaTypeId` = ?
-- params: [5,"AAC audio file (renamed)",5]

SELECT `MediaTypeId` AS `mediaTypeId`, `Name` AS `name` FROM `golden_chinook_my`.`MediaType` WHERE `MediaTypeId` = ? LIMIT ?
-- params: [5,1]

COMMIT
-- params: []
