"""The classes of wording round 15 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied and a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out; a 自评表 as a ruled
table); every citation is checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES = [
    # 1. the office named as the one who does a task is not its setting-up with duties
    ("学校设立了信息化办公室，负责全校设备管理。", "it_office", True),
    ("学校至今没有设立信息化办公室。", "it_office", False),
    ("班班通的维修登记由信息化办公室统一填写。", "it_office", None),
    ("学校组织信息化办公室教师对机房进行了检修。", "it_office", None),
    # 2. a threshold the county sets for reports is not a count the school published
    ("学校在逊克县教育局网站发表信息化稿件6篇。", "web_reports_county", 6),
    ("县教育局要求各校每年在县级网站发表稿件不少于8篇。", "web_reports_county", None),
    ("学校在县教育局网站发表稿件6篇，县局规定每校全年发稿不少于8篇。",
     "web_reports_county", 6),
    # 3. another school's studio is not this school's
    ("我校创建市级名师工作室1个。", "studios_city", 1),
    ("兄弟学校的市级名师工作室经验丰富，我校前去学习。", "studios_city", None),
    ("我校创建县级名师工作室3个，邻校逊克县第二小学的名师工作室被评为市级。",
     "studios_county", 3),
    # 4. another school's website updated is not the school's
    ("学校网站由专人维护，每周及时更新。", "website_updated", True),
    ("学校网站长期未更新。", "website_updated", False),
    ("学校的新闻稿件交中心校网站发布，中心校网站每月定期更新。", "website_updated", None),
    # 6. the offices named before the supply verb, the computers after it
    ("学校为三个年级组办公室新购置电脑9台。", "office_computers_added", True),
    ("今年学校没有新购置办公电脑。", "office_computers_added", False),
    ("学校计划为年级组办公室新购置电脑9台。", "office_computers_added", None),
    # 7. the rate as counts: the part in use counted between the whole and the space
    ("全校20个教学班中有15个班级空间经常使用。", "class_space_usage", 75),
    ("全校20个教学班中有15个班级空间已经开通。", "class_space_usage", None),
    ("全县300个教学班中有150个班级空间经常使用。", "class_space_usage", None),
    # 9. running well is said of the devices or systems, not of the network's security
    ("全校的班班通和录播设备全年运行良好。", "systems_run_well", True),
    ("学校的电脑老化严重，经常出现故障。", "systems_run_well", False),
    ("今年学校没有发生信息安全事件，校园网络运行平稳。", "systems_run_well", None),
    # 8. a term's training not held on time, for a reason that names a higher body's inspection
    ("上学期学校组织了微课制作培训。下学期的校本培训，因为迎接上级检查，加上外出学习的老师多，"
     "没能按时开展。", "school_trainings_missed", 1),
    ("学校上、下学期各组织了一次信息技术校本培训。", "school_trainings_missed", 0),
    ("教师参加上级组织的信息技术培训，下学期的一期因故没能按时开展。",
     "school_trainings_missed", None),
]


test_round15_xunke_classes = class_cases("xunke", CASES)


AWARD_HEADER = ["年度", "级别", "奖项", "人数"]
TABLES = [
    # 5. a table of IT-contest awards: level and rank cells, the count a bare number; a table of
    # other contests is not IT; a row kept from another year for comparison is not this year's
    ("2019年度信息技术应用大赛获奖统计表", [AWARD_HEADER, ["2019", "市级", "二等奖", "3"]],
     "award_city_second", 3),
    ("2019年度信息技术应用大赛获奖统计表", [AWARD_HEADER, ["2019", "市级", "二等奖", "0"]],
     "award_city_second", 0),
    ("2019年度田径运动会获奖统计表", [AWARD_HEADER, ["2019", "市级", "二等奖", "3"]],
     "award_city_second", None),
    ("2019年度信息技术应用大赛获奖统计表",
     [AWARD_HEADER, ["2019", "县级", "一等奖", "2"], ["2018（上年度）", "市级", "二等奖", "3"]],
     "award_city_second", None),
]


test_round15_xunke_award_tables = table_cases("xunke", TABLES)
