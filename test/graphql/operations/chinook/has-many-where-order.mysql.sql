SELECT `AlbumId` AS `albumId` FROM `golden_chinook_my`.`Album` WHERE `AlbumId` IN (?, ?, ?) ORDER BY `AlbumId` DESC LIMIT ?
-- params: [1,2,3,100]

SELECT `TrackId` AS `trackId`, `AlbumId` AS `albumId`, `Milliseconds` AS `milliseconds` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `AlbumId` ORDER BY `Milliseconds` DESC, `TrackId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`Track` AS `__t` WHERE `AlbumId` IN (?, ?, ?) AND `Milliseconds` > ?) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `AlbumId` ASC, `__discograph_rn`
-- params: [3,2,1,250000,0,100]
