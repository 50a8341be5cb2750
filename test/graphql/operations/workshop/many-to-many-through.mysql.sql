SELECT `mechanic_id` AS `mechanicId`, `name` FROM `golden_workshop_my`.`mechanic` ORDER BY `mechanic_id` ASC LIMIT ?
-- params: [100]

SELECT `skill_id` AS `skillId`, `name` FROM `golden_workshop_my`.`skill` ORDER BY `skill_id` ASC LIMIT ?
-- params: [100]

SELECT `mechanic_id` AS `mechanicId`, `skill_id` AS `skillId` FROM `golden_workshop_my`.`mechanic_skill` WHERE `mechanic_id` IN (?, ?, ?, ?, ?)
-- params: [1,2,3,4,5]

SELECT `mechanic_id` AS `mechanicId`, `skill_id` AS `skillId` FROM `golden_workshop_my`.`mechanic_skill` WHERE `skill_id` IN (?, ?, ?, ?)
-- params: [1,2,3,4]

SELECT `skill_id` AS `skillId`, `name` FROM `golden_workshop_my`.`skill` WHERE `skill_id` IN (?, ?, ?) ORDER BY `name` ASC, `skill_id` ASC
-- params: [1,2,3]

SELECT `mechanic_id` AS `mechanicId`, `name` FROM `golden_workshop_my`.`mechanic` WHERE `mechanic_id` IN (?, ?, ?, ?) ORDER BY `mechanic_id` ASC
-- params: [1,2,4,3]
