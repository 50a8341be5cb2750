SELECT `TrackId` AS `trackId`, `Name` AS `name`, `UnitPrice` AS `unitPrice` FROM `golden_chinook_my`.`Track` WHERE `UnitPrice` > ? ORDER BY `Name` ASC, `TrackId` ASC LIMIT ?
-- params: ["0.99",20]
