START TRANSACTION
-- params: []

INSERT INTO `golden_chinook_my`.`Artist` (`ArtistId`, `Name`) VALUES (?, ?)
-- params: [9101,"Atomic Kitten"]

SELECT `ArtistId` AS `artistId`, `Name` AS `name` FROM `golden_chinook_my`.`Artist` WHERE `ArtistId` = ? LIMIT ?
-- params: [9101,1]

INSERT INTO `golden_chinook_my`.`Album` (`AlbumId`, `Title`, `ArtistId`) VALUES (?, ?, ?)
-- params: [9101,"Right Now",9101]

SELECT `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId` FROM `golden_chinook_my`.`Album` WHERE `AlbumId` = ? LIMIT ?
-- params: [9101,1]

SELECT `ArtistId` AS `artistId`, `Name` AS `name` FROM `golden_chinook_my`.`Artist` WHERE `ArtistId` IN (?)
-- params: [9101]

COMMIT
-- params: []
