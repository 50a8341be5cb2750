SELECT `mechanic_id` AS `mechanicId`, `skill_id` AS `skillId` FROM `golden_workshop_my`.`mechanic_skill` WHERE (`mechanic_id` = ? AND `skill_id` = ?) LIMIT ?
-- params: [4,1,1]

DELETE FROM `golden_workshop_my`.`mechanic_skill` WHERE (`mechanic_id` = ? AND `skill_id` = ?)
-- params: [4,1]
