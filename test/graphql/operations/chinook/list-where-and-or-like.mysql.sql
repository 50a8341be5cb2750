SELECT `TrackId` AS `trackId`, `Name` AS `name`, `AlbumId` AS `albumId`, `Milliseconds` AS `milliseconds` FROM `golden_chinook_my`.`Track` WHERE (`AlbumId` BETWEEN ? AND ? AND (CONVERT(`Name` USING utf8mb4) COLLATE utf8mb4_bin LIKE ? OR `Milliseconds` > ?)) ORDER BY `TrackId` ASC LIMIT ?
-- params: [1,3,"%Rock%",330000,100]
