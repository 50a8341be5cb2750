SELECT `PlaylistId` AS `playlistId` FROM `golden_chinook_my`.`Playlist` WHERE `PlaylistId` IN (?, ?, ?, ?) ORDER BY `PlaylistId` ASC LIMIT ?
-- params: [3,5,11,99,100]

SELECT `__grouped`.`TrackId` AS `trackId`, `__grouped`.`Name` AS `name`, `__grouped`.`Milliseconds` AS `milliseconds`, `__grouped`.`__discograph_link_0` FROM (SELECT `__t`.*, `__link`.`PlaylistId` AS `__discograph_link_0`, row_number() OVER (PARTITION BY `__link`.`PlaylistId` ORDER BY `__t`.`Name` ASC, `__t`.`TrackId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`PlaylistTrack` AS `__link` JOIN `golden_chinook_my`.`Track` AS `__t` ON `__t`.`TrackId` = `__link`.`TrackId` WHERE `__link`.`PlaylistId` IN (?, ?, ?) AND `__t`.`Milliseconds` > ?) AS `__grouped` WHERE `__grouped`.`__discograph_rn` > ? AND `__grouped`.`__discograph_rn` <= ? ORDER BY `__grouped`.`__discograph_link_0` ASC, `__grouped`.`__discograph_rn`
-- params: [3,5,11,300000,1,3]
