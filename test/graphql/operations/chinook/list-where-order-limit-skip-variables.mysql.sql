SELECT `TrackId` AS `trackId`, `Name` AS `name`, `Milliseconds` AS `milliseconds` FROM `golden_chinook_my`.`Track` WHERE (`GenreId` = ? AND `Milliseconds` < ?) ORDER BY `Milliseconds` DESC, `TrackId` ASC LIMIT ? OFFSET ?
-- params: [1,200000,3,2]
