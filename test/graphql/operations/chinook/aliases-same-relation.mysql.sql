SELECT `ArtistId` AS `artistId`, `Name` AS `name` FROM `golden_chinook_my`.`Artist` WHERE `ArtistId` IN (?)
-- params: [22]

SELECT `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `ArtistId` ORDER BY `AlbumId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`Album` AS `__t` WHERE `ArtistId` IN (?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `ArtistId` ASC, `__discograph_rn`
-- params: [22,0,2]

SELECT `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `ArtistId` ORDER BY `AlbumId` DESC) AS `__discograph_rn` FROM `golden_chinook_my`.`Album` AS `__t` WHERE `ArtistId` IN (?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `ArtistId` ASC, `__discograph_rn`
-- params: [22,0,1]
