START TRANSACTION
-- params: []

INSERT INTO `golden_chinook_my`.`Artist` (`ArtistId`, `Name`) VALUES (?, ?)
-- params: [9201,"Never Signed"]

SELECT `ArtistId` AS `artistId`, `Name` AS `name` FROM `golden_chinook_my`.`Artist` WHERE `ArtistId` = ? LIMIT ?
-- params: [9201,1]

INSERT INTO `golden_chinook_my`.`Album` (`AlbumId`, `Title`, `ArtistId`) VALUES (?, ?, ?)
-- params: [9201,"Orphan",999999]

ROLLBACK
-- params: []
