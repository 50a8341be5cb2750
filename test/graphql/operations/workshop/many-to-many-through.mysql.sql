SELECT `mechanic_id` AS `mechanicId`, `name` FROM `golden_workshop_my`.`mechanic` ORDER BY `mechanic_id` ASC LIMIT ?
-- params: [100]

SELECT `skill_id` AS `skillId`, `name` FROM `golden_workshop_my`.`skill` ORDER BY `skill_id` ASC LIMIT ?
-- params: [100]

SELECT `__grouped`.`skill_id` AS `skillId`, `__grouped`.`name`, `__grouped`.`__discograph_link_0` FROM (SELECT `__t`.*, `__link`.`mechanic_id` AS `__discograph_link_0`, row_number() OVER (PARTITION BY `__link`.`mechanic_id` ORDER BY `__t`.`name` ASC, `__t`.`skill_id` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`mechanic_skill` AS `__link` JOIN `golden_workshop_my`.`skill` AS `__t` ON `__t`.`skill_id` = `__link`.`skill_id` WHERE `__link`.`mechanic_id` IN (?, ?, ?, ?, ?)) AS `__grouped` WHERE `__grouped`.`__discograph_rn` > ? AND `__grouped`.`__discograph_rn` <= ? ORDER BY `__grouped`.`__discograph_link_0` ASC, `__grouped`.`__discograph_rn`
-- params: [1,2,3,4,5,0,100]

SELECT `__grouped`.`mechanic_id` AS `mechanicId`, `__grouped`.`name`, `__grouped`.`__discograph_link_0` FROM (SELECT `__t`.*, `__link`.`skill_id` AS `__discograph_link_0`, row_number() OVER (PARTITION BY `__link`.`skill_id` ORDER BY `__t`.`mechanic_id` ASC) AS `__discograph_rn` FROM `golden_workshop_my`.`mechanic_skill` AS `__link` JOIN `golden_workshop_my`.`mechanic` AS `__t` ON `__t`.`mechanic_id` = `__link`.`mechanic_id` WHERE `__link`.`skill_id` IN (?, ?, ?, ?)) AS `__grouped` WHERE `__grouped`.`__discograph_rn` > ? AND `__grouped`.`__discograph_rn` <= ? ORDER BY `__grouped`.`__discograph_link_0` ASC, `__grouped`.`__discograph_rn`
-- params: [1,2,3,4,0,2]
