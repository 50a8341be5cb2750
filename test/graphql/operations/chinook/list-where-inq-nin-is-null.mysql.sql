SELECT `TrackId` AS `trackId`, `Composer` AS `composer` FROM `golden_chinook_my`.`Track` WHERE (`TrackId` NOT IN (?) AND `AlbumId` IN (?, ?, ?) AND `Composer` IS NULL) ORDER BY `TrackId` ASC LIMIT ?
-- params: [16,1,4,5,100]

SELECT `TrackId` AS `trackId`, `Composer` AS `composer`, `UnitPrice` AS `unitPrice` FROM `golden_chinook_my`.`Track` WHERE (`Composer` IS NOT NULL AND `UnitPrice` >= ?) ORDER BY `TrackId` ASC LIMIT ?
-- params: ["1.99",2]
