SELECT `AlbumId` AS `albumId`, `Title` AS `title` FROM `golden_chinook_my`.`Album` WHERE `AlbumId` IN (?, ?) ORDER BY `AlbumId` ASC LIMIT ?
-- params: [1,4,100]

SELECT `PlaylistId` AS `playlistId`, `Name` AS `name` FROM `golden_chinook_my`.`Playlist` WHERE `PlaylistId` IN (?)
-- params: [18]

SELECT `TrackId` AS `trackId`, `Name` AS `name`, `AlbumId` AS `albumId` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `AlbumId` ORDER BY `TrackId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`Track` AS `__t` WHERE `AlbumId` IN (?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `AlbumId` ASC, `__discograph_rn`
-- params: [1,4,0,2]

SELECT `__grouped`.`TrackId` AS `trackId`, `__grouped`.`Name` AS `name`, `__grouped`.`AlbumId` AS `albumId`, `__grouped`.`GenreId` AS `genreId`, `__grouped`.`__discograph_link_0`, `t1`.`AlbumId` AS `j1_0`, `t1`.`Title` AS `j1_1`, `t1`.`ArtistId` AS `j1_2`, `t2`.`ArtistId` AS `j2_0`, `t2`.`Name` AS `j2_1`, `t3`.`GenreId` AS `j3_0`, `t3`.`Name` AS `j3_1` FROM (SELECT `__t`.*, `__link`.`PlaylistId` AS `__discograph_link_0`, row_number() OVER (PARTITION BY `__link`.`PlaylistId` ORDER BY `__t`.`TrackId` DESC) AS `__discograph_rn` FROM `golden_chinook_my`.`PlaylistTrack` AS `__link` JOIN `golden_chinook_my`.`Track` AS `__t` ON `__t`.`TrackId` = `__link`.`TrackId` WHERE `__link`.`PlaylistId` IN (?)) AS `__grouped` LEFT JOIN `golden_chinook_my`.`Album` AS `t1` ON `t1`.`AlbumId` = `__grouped`.`AlbumId` LEFT JOIN `golden_chinook_my`.`Artist` AS `t2` ON `t2`.`ArtistId` = `t1`.`ArtistId` LEFT JOIN `golden_chinook_my`.`Genre` AS `t3` ON `t3`.`GenreId` = `__grouped`.`GenreId` WHERE `__grouped`.`__discograph_rn` > ? AND `__grouped`.`__discograph_rn` <= ? ORDER BY `__grouped`.`__discograph_link_0` ASC, `__grouped`.`__discograph_rn`
-- params: [18,0,2]

SELECT `__grouped`.`PlaylistId` AS `playlistId`, `__grouped`.`Name` AS `name`, `__grouped`.`__discograph_link_0` FROM (SELECT `__t`.*, `__link`.`TrackId` AS `__discograph_link_0`, row_number() OVER (PARTITION BY `__link`.`TrackId` ORDER BY `__t`.`Name` ASC, `__t`.`PlaylistId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`PlaylistTrack` AS `__link` JOIN `golden_chinook_my`.`Playlist` AS `__t` ON `__t`.`PlaylistId` = `__link`.`PlaylistId` WHERE `__link`.`TrackId` IN (?, ?, ?, ?)) AS `__grouped` WHERE `__grouped`.`__discograph_rn` > ? AND `__grouped`.`__discograph_rn` <= ? ORDER BY `__grouped`.`__discograph_link_0` ASC, `__grouped`.`__discograph_rn`
-- params: [1,6,15,16,0,100]
