SELECT `PlaylistId` AS `playlistId`, `Name` AS `name` FROM `golden_chinook_my`.`Playlist` WHERE `PlaylistId` IN (?, ?, ?) ORDER BY `PlaylistId` ASC LIMIT ?
-- params: [11,13,16,100]

SELECT `TrackId` AS `trackId`, `Name` AS `name` FROM `golden_chinook_my`.`Track` WHERE `TrackId` IN (?)
-- params: [3000]

SELECT `PlaylistId` AS `playlistId`, `TrackId` AS `trackId` FROM `golden_chinook_my`.`PlaylistTrack` WHERE `PlaylistId` IN (?, ?, ?)
-- params: [11,13,16]

SELECT `PlaylistId` AS `playlistId`, `TrackId` AS `trackId` FROM `golden_chinook_my`.`PlaylistTrack` WHERE `TrackId` IN (?)
-- params: [3000]

SELECT `TrackId` AS `trackId`, `Name` AS `name` FROM `golden_chinook_my`.`Track` WHERE `TrackId` IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ORDER BY `TrackId` ASC
-- params: [215,219,220,228,230,236,391,393,501,504,516,523,730,738,852,858,864,867,874,877,885,888,1088,1093,1099,1105,1514,1518,1519,1916,1921,1928,2752,2753,2754,2758,2767,2768,2769,3479,3480,3481,3482,3483,3484,3485,3486,3487,3488,3489,3490,3491,3492,3493,3494,3495,3496,3497,3498,3499,3500,3501,3502,3503,52,2003,2004,2005,2007,2010,2013,2194,2195,2198,2206,2512,2516,2550,3367]

SELECT `PlaylistId` AS `playlistId`, `Name` AS `name` FROM `golden_chinook_my`.`Playlist` WHERE `PlaylistId` IN (?, ?) ORDER BY `PlaylistId` ASC
-- params: [1,8]
