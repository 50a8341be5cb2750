SELECT `TrackId` AS `trackId`, `Name` AS `name`, `Milliseconds` AS `milliseconds`, `UnitPrice` AS `unitPrice` FROM `golden_chinook_my`.`Track` ORDER BY `TrackId` ASC LIMIT ?
-- params: [50]
