START TRANSACTION
-- params: []

INSERT INTO `golden_chinook_my`.`Artist` (`ArtistId`, `Name`) VALUES (?, ?) RETURNING `ArtistId` AS `artistId`, `Name` AS `name`
-- params: [9201,"Never Signed"]

INSERT INTO `golden_chinook_my`.`Album` (`AlbumId`, `Title`, `ArtistId`) VALUES (?, ?, ?) RETURNING `AlbumId` AS `albumId`, `Title` AS `title`, `ArtistId` AS `artistId`
-- params: [9201,"Orphan",999999]

ROLLBACK
-- params: []
