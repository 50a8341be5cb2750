SELECT `TrackId` AS `trackId` FROM `golden_chinook_my`.`Track` WHERE `TrackId` IN (?, ?, ?) ORDER BY `TrackId` ASC LIMIT ?
-- params: [1,2,3503,100]

SELECT `PlaylistId` AS `playlistId` FROM `golden_chinook_my`.`Playlist` WHERE `PlaylistId` IN (?, ?, ?) ORDER BY `PlaylistId` ASC LIMIT ?
-- params: [2,4,18,100]

SELECT `__grouped`.`PlaylistId` AS `playlistId`, `__grouped`.`__discograph_link_0` FROM (SELECT `__t`.*, `__link`.`TrackId` AS `__discograph_link_0`, row_number() OVER (PARTITION BY `__link`.`TrackId` ORDER BY `__t`.`PlaylistId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`PlaylistTrack` AS `__link` JOIN `golden_chinook_my`.`Playlist` AS `__t` ON `__t`.`PlaylistId` = `__link`.`PlaylistId` WHERE `__link`.`TrackId` IN (?, ?, ?)) AS `__grouped` WHERE `__grouped`.`__discograph_rn` > ? AND `__grouped`.`__discograph_rn` <= ? ORDER BY `__grouped`.`__discograph_link_0` ASC, `__grouped`.`__discograph_rn`
-- params: [1,2,3503,0,100]

SELECT `__grouped`.`TrackId` AS `trackId`, `__grouped`.`__discograph_link_0` FROM (SELECT `__t`.*, `__link`.`PlaylistId` AS `__discograph_link_0`, row_number() OVER (PARTITION BY `__link`.`PlaylistId` ORDER BY `__t`.`TrackId` ASC) AS `__discograph_rn` FROM `golden_chinook_my`.`PlaylistTrack` AS `__link` JOIN `golden_chinook_my`.`Track` AS `__t` ON `__t`.`TrackId` = `__link`.`TrackId` WHERE `__link`.`PlaylistId` IN (?, ?, ?)) AS `__grouped` WHERE `__grouped`.`__discograph_rn` > ? AND `__grouped`.`__discograph_rn` <= ? ORDER BY `__grouped`.`__discograph_link_0` ASC, `__grouped`.`__discograph_rn`
-- params: [2,4,18,0,100]
