SELECT `AlbumId` AS `albumId` FROM `golden_chinook_my`.`Album` WHERE `AlbumId` IN (?, ?, ?) ORDER BY `AlbumId` DESC
-- params: [1,2,3]

SELECT `TrackId` AS `trackId`, `AlbumId` AS `albumId`, `Milliseconds` AS `milliseconds` FROM `golden_chinook_my`.`Track` WHERE (`Milliseconds` > ? AND `AlbumId` IN (?, ?, ?)) ORDER BY `Milliseconds` DESC, `TrackId` ASC
-- params: [250000,3,2,1]
