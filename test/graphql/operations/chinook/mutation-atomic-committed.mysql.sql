START TRANSACTION
-- params: []

INSERT INTO `golden_chinook_my`.`Artist` (`ArtistId`, `Name`) VALUES (?, ?) RETURNING `ArtistId` AS `artistId`, `Name` AS `name`
-- params: [9101,"Atomic Kitten"]

INSERT INTO `golden_chinook_my`.`Album` (`AlbumId`, `Title`, `ArtistId`) VALUES (?, ?, ?) RETURNING `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId`
-- params: [9101,"Right Now",9101]

SELECT `ArtistId` AS `artistId`, `Name` AS `name` FROM `golden_chinook_my`.`Artist` WHERE `ArtistId` IN (?)
-- params: [9101]

COMMIT
-- params: []
