SELECT `TrackId` AS `trackId`, `Name` AS `name`, `Composer` AS `composer`, `Milliseconds` AS `milliseconds`, `Bytes` AS `bytes`, `UnitPrice` AS `unitPrice` FROM `golden_chinook_my`.`Track` WHERE `TrackId` IN (?)
-- params: [1]
