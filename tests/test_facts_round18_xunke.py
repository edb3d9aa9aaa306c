"""The classes of wording round 18 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out; a 自评表 as a ruled
table); every citation is checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES = [
    # 1. regular backups denied in the backup's clause, after a backup done once
    ("学校只在暑假前对学籍数据备份过一次，教务数据没有定期备份。", "backups_no_leaks", False),
    ("学校的成绩数据未能及时备份。", "backups_no_leaks", False),
    ("学校教务数据每周五定期备份，没有发生数据泄露。", "backups_no_leaks", True),
    ("下一步要解决部分数据没有定期备份的问题。", "backups_no_leaks", None),
    ("学校学籍数据备份不及时，存在丢失隐患。", "backups_no_leaks", False),
    ("学校数据每周备份一次，不定期抽查恢复情况，未发生泄露。", "backups_no_leaks", True),
    # 2. the thing named, then said not yet made ("奖惩办法尚未制定"); a 奖惩办法 is not the
    # rules of use
    ("学校要求教师每节课使用电子白板，奖惩办法尚未制定。", "teaching_it_rewards", False),
    ("学校要求教师每节课使用电子白板，奖惩办法尚未制定。", "teaching_it_rules", None),
    ("学校将教师使用电子白板授课的情况纳入绩效考核。", "teaching_it_rewards", True),
    # 3. a heading "学校网站：" names the topic; what follows says whether there is one
    ("学校网站：学校还没有自己的网站，新闻在县教育局网站的栏目里发布。", "school_website", False),
    ("学校网站：学校建有校园网站，由信息员每周更新。", "school_website", True),
    ("学校网站：学校新闻通过县教育局网站发布。", "school_website", None),
    ("学校网站：由信息员每周更新两次。", "school_website", True),
    ("学校网站：暂未建设。", "school_website", False),
    ("学校网站：没有及时更新。", "school_website", True),
    ("学校网站：没有及时更新。", "website_updated", False),
    # 4. a list of titles named first, then the school's title in a later clause
    ("省教育厅公布教育信息化试点单位名单，我校被确定为省级信息化试点学校。",
     "pilot_school_level", "province"),
    ("市教育局公布信息化示范校名单，邻校被命名为市级示范校。", "pilot_school_level", None),
    ("省教育厅公布教育信息化试点单位名单，我校正在申报省级试点学校。",
     "pilot_school_level", None),
    # 5. a studio named, then the title it was given, is one studio at the title's level
    ("经县教育局推荐、市教育局评审，我校刘老师主持的语文名师工作室被认定为市级名师工作室。",
     "studios_city", 1),
    ("经县教育局推荐、市教育局评审，我校刘老师主持的语文名师工作室被认定为市级名师工作室。",
     "studios_county", None),
    ("我校创建市级名师工作室1个、县级名师工作室2个。", "studios_city", 1),
    # 7. the site nearest the count, after a phrase that names the sites of all levels
    ("我校的报道在各级网站发表情况如下：在省教育厅网站发表报道2篇。", "web_reports_province", 2),
    ("我校的报道在各级网站发表情况如下：在县教育局网站发表报道3篇。", "web_reports_province", None),
    ("我校的报道在各级网站发表情况如下：在学校网站发表报道5篇。", "web_reports_county", None),
    # 8. the rubric's "解决了部分办公室电脑" with 的 between
    ("今年乡中心校调拨了3台电脑，解决了部分办公室的电脑问题。", "office_computers_added", True),
    ("学校至今没有解决教师办公室的电脑问题。", "office_computers_added", False),
    ("下一步争取解决部分办公室的电脑问题。", "office_computers_added", None),
    # an earlier year's computers are not the rubric's 本年, unless this year is named after it
    ("去年乡中心校调拨了3台电脑，解决了部分办公室的电脑问题。", "office_computers_added", None),
    ("去年办公室还没有电脑，今年乡中心校调拨了3台电脑，解决了部分办公室的电脑问题。",
     "office_computers_added", True),
    # 9. the subjects counted, then all of them taking part in the 互动课堂
    ("学校与结对校开展互动课堂活动，本学期开设的8个学科全部参与。",
     "interactive_subject_share", 100),
    ("学校与结对校开展互动课堂活动，本学期开设的8个学科尚未全部参与。",
     "interactive_subject_share", None),
    ("学校计划明年与结对校开展互动课堂活动，各个学科均参与。", "interactive_subject_share", None),
]


test_round18_xunke_classes = class_cases("xunke", CASES)


SELF_EVAL_HEADER = ["评估项目", "自评情况", "自评分"]
TABLES = [
    # 2. a 自评表 row whose value names the rewards and says they are not yet made; the row's
    # rules of use stay stated
    ("某小学信息化自评表", [SELF_EVAL_HEADER, ["教师应用信息技术设备教学",
                                        "有使用制度；奖惩办法尚未制定", "2"]],
     "teaching_it_rewards", False),
    ("某小学信息化自评表", [SELF_EVAL_HEADER, ["教师应用信息技术设备教学",
                                        "有使用制度；奖惩办法尚未制定", "2"]],
     "teaching_it_rules", True),
]

# 6. an IT-award table whose header the row reader does not know (人次, 备注): each row read from
# its cells, the count in its own cell after the rank; a row its note says is another year's,
# a 优秀奖 and a table of another kind of contest give nothing
AWARD_HEADER = ["比赛", "级别", "等次", "人次", "备注"]
AWARD_TITLE = "学校信息化大赛获奖情况统计"
TABLES += [
    (AWARD_TITLE, [AWARD_HEADER, ["微课赛", "县级", "一等奖", "3", "教师"]],
     "award_county_first", 3),
    (AWARD_TITLE, [AWARD_HEADER, ["微课赛", "市级", "二等奖", "2", "教师"],
                   ["课件赛", "市级", "二等奖", "1", "上年获奖"]], "award_city_second", 2),
    (AWARD_TITLE, [AWARD_HEADER, ["课件赛", "市级", "二等奖", "1", "去年已统计"]],
     "award_city_second", None),
    (AWARD_TITLE, [AWARD_HEADER, ["微课赛", "省级", "优秀奖", "4", "教师"]],
     "award_province_first", None),
    ("学校书法比赛获奖情况统计", [AWARD_HEADER, ["书法赛", "县级", "一等奖", "3", "学生"]],
     "award_county_first", None),
]


test_round18_xunke_tables = table_cases("xunke", TABLES)
