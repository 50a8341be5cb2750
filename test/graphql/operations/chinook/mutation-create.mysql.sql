INSERT INTO `golden_chinook_my`.`Genre` (`GenreId`, `Name`) VALUES (?, ?) RETURNING `GenreId` AS `genreId`, `Name` AS `name`
-- params: [26,"Golden Oldies"]

SELECT `TrackId` AS `trackId`, `GenreId` AS `genreId` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `GenreId` ORDER BY `TrackId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`Track` AS `__t` WHERE `GenreId` IN (?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `GenreId` ASC, `__discograph_rn`
-- params: [26,0,100]
