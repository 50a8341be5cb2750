SELECT `skill_id` AS `skillId`, `name` FROM `golden_workshop_my`.`skill` WHERE `name` = ? LIMIT ?
-- params: ["brakes",2]
