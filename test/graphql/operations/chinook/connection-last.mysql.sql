SELECT count(*) AS `count` FROM `golden_chinook_my`.`Track` WHERE `AlbumId` = ?
-- params: [1]

SELECT `TrackId` AS `trackId`, `Milliseconds` AS `milliseconds` FROM `golden_chinook_my`.`Track` WHERE `AlbumId` = ? ORDER BY `Milliseconds` DESC, `TrackId` DESC LIMIT ?
-- params: [1,2]
