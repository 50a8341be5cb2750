SELECT `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId` FROM `golden_chinook_my`.`Album` WHERE `AlbumId` = ? LIMIT ?
-- params: [2,1]

START TRANSACTION
-- params: []

UPDATE `golden_chinook_my`.`Album` SET `Title` = ? WHERE `AlbumId` = ?
-- params: ["Balls to the Wall (Remastered)",2]

SELECT `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId` FROM `golden_chinook_my`.`Album` WHERE `AlbumId` = ? LIMIT ?
-- params: [2,1]

COMMIT
-- params: []

SELECT `ArtistId` AS `artistId`, `Name` AS `name` FROM `golden_chinook_my`.`Artist` WHERE `ArtistId` IN (?)
-- params: [2]
