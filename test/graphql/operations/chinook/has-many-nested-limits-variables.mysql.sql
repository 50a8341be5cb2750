SELECT `ArtistId` AS `artistId`, `Name` AS `name` FROM `golden_chinook_my`.`Artist` WHERE `ArtistId` IN (?, ?, ?) ORDER BY `ArtistId` ASC LIMIT ?
-- params: [1,2,8,100]

SELECT `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `ArtistId` ORDER BY `AlbumId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`Album` AS `__t` WHERE `ArtistId` IN (?, ?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `ArtistId` ASC, `__discograph_rn`
-- params: [1,2,8,0,2]

SELECT `TrackId` AS `trackId`, `Name` AS `name`, `AlbumId` AS `albumId` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `AlbumId` ORDER BY `TrackId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`Track` AS `__t` WHERE `AlbumId` IN (?, ?, ?, ?, ?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `AlbumId` ASC, `__discograph_rn`
-- params: [1,4,2,3,10,11,0,3]
