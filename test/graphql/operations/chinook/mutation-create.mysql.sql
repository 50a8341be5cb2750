INSERT INTO `golden_chinook_my`.`Genre` (`GenreId`, `Name`) VALUES (?, ?)
-- params: [26,"Golden Oldies"]

SELECT `GenreId` AS `genreId`, `Name` AS `name` FROM `golden_chinook_my`.`Genre` WHERE `GenreId` = ? LIMIT ?
-- params: [26,1]

SELECT `TrackId` AS `trackId`, `GenreId` AS `genreId` FROM `golden_chinook_my`.`Track` WHERE `GenreId` IN (?) ORDER BY `TrackId` ASC
-- params: [26]
