SELECT `t0`.`AlbumId` AS `albumId`, `t0`.`Title` AS `title`, `t0`.`ArtistId` AS `artistId`, `t1`.`ArtistId` AS `j1_0`, `t1`.`Name` AS `j1_1` FROM `golden_chinook_my`.`Album` AS `t0` LEFT JOIN `golden_chinook_my`.`Artist` AS `t1` ON `t1`.`ArtistId` = `t0`.`ArtistId` ORDER BY `t0`.`AlbumId` ASC LIMIT ?
-- params: [20]

SELECT `t0`.`TrackId` AS `trackId`, `t0`.`Name` AS `name`, `t0`.`AlbumId` AS `albumId`, `t0`.`GenreId` AS `genreId`, `t1`.`GenreId` AS `j1_0`, `t1`.`Name` AS `j1_1` FROM `golden_chinook_my`.`Track` AS `t0` LEFT JOIN `golden_chinook_my`.`Genre` AS `t1` ON `t1`.`GenreId` = `t0`.`GenreId` WHERE `t0`.`AlbumId` IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ORDER BY `t0`.`TrackId` ASC
-- params: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]
