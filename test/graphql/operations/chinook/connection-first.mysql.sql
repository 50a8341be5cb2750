SELECT `TrackId` AS `trackId`, `Milliseconds` AS `milliseconds` FROM `golden_chinook_my`.`Track` WHERE `AlbumId` = ? ORDER BY `Milliseconds` ASC, `TrackId` ASC LIMIT ?
-- params: [1,4]

SELECT count(*) AS `count` FROM `golden_chinook_my`.`Track` WHERE `AlbumId` = ?
-- params: [1]
