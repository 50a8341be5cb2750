SELECT `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId` FROM `golden_chinook_my`.`Album` WHERE `AlbumId` = ? LIMIT ?
-- params: [2,1]

UPDATE `golden_chinook_my`.`Album` SET `Title` = ? WHERE `AlbumId` = ?
-- params: ["Balls to the Wall (Remastered)",2]

SELECT `ArtistId` AS `artistId`, `Name` AS `name` FROM `golden_chinook_my`.`Artist` WHERE `ArtistId` IN (?)
-- params: [2]
