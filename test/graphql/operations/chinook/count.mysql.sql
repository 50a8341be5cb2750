SELECT count(*) AS `count` FROM `golden_chinook_my`.`Track`
-- params: []

SELECT count(*) AS `count` FROM `golden_chinook_my`.`Album` WHERE `ArtistId` = ?
-- params: [90]
