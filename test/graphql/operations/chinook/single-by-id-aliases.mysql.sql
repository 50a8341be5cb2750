SELECT `AlbumId` AS `albumId`, `Title` AS `title` FROM `golden_chinook_my`.`Album` WHERE `AlbumId` IN (?, ?, ?)
-- params: [1,2,99999]
