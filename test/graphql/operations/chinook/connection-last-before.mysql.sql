SELECT `TrackId` AS `trackId`, `Milliseconds` AS `milliseconds` FROM `golden_chinook_my`.`Track` WHERE `AlbumId` = ? ORDER BY `Milliseconds` ASC, `TrackId` ASC LIMIT ? OFFSET ?
-- params: [1,4,3]
