"""The classes of wording round 23 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out); every citation is
checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES: list[tuple[str, str, object]] = [
    # 1. the use of the 网络学习空间 or a platform put in the teachers' appraisal is measured by
    # the space usage facts, not a reward for teaching with IT devices; teaching with the
    # devices (or with the space, 授课) rewarded still is
    ("本学年，学校将教师空间应用情况纳入年度考核。", "teaching_it_rewards", None),
    ("学校把教育云平台的使用纳入了教师考评。", "teaching_it_rewards", None),
    ("学校将教师使用班班通授课的情况纳入年度考核。", "teaching_it_rewards", True),
    # ... nor does a bare 奖惩 sentence read as the aspect of the space's use named just before
    ("教师空间应用方面，学校每月通报各教研组的空间使用情况。对此学校制定了奖惩细则。",
     "teaching_it_rewards", None),
    ("教师应用班班通教学方面，学校每月通报各教研组的使用情况。对此学校制定了奖惩细则。",
     "teaching_it_rewards", True),
    ("学校把教师利用网络空间开展教学的情况纳入绩效考核。", "teaching_it_rewards", True),
    # ... nor one under a heading of another topic after it ("四、学生管理"); under a heading
    # of the aspect itself ("四、奖惩") it still is
    ("三、教学应用\n教师每周使用班班通上课不少于10节。\n四、学生管理\n"
     "学校制定了奖惩制度，每学期评比一次。", "teaching_it_rewards", None),
    ("三、教学应用\n教师每周使用班班通上课不少于10节。\n四、奖惩\n"
     "学校制定了奖惩制度，每学期兑现一次。", "teaching_it_rewards", True),
    # 2. what a published piece is about ("报道内容涉及…专递课堂") does not say the school held
    # the courses; the school's own doing does
    ("今年我校共有3篇稿件在县教育局网站刊发，主题涉及智慧课堂和专递课堂。",
     "delivered_courses", None),
    ("市教育网的新闻介绍了我校的专递课堂经验。", "delivered_courses", None),
    ("本学期我校与两所村小开展专递课堂教学，每周4节。", "delivered_courses", True),
    ("本学期我校开设专递课堂，县电视台的新闻介绍了专递课堂的做法。", "delivered_courses", True),
    # 3. a level's studio denied ("尚无省级名师工作室") is a stated zero at that level, the
    # levels counted beside it unchanged
    ("今年学校建成县级名师工作室3个，目前还没有省级名师工作室和省级优秀学习空间。",
     "studios_province", 0),
    ("今年学校建成县级名师工作室3个，目前还没有省级名师工作室和省级优秀学习空间。",
     "studios_county", 3),
    ("学校暂无市级名师工作室。", "studios_city", 0),
    ("省级名师工作室0个，市级名师工作室1个。", "studios_province", 0),
    ("未来三年，学校力争创建省级名师工作室1个。", "studios_province", None),
    ("学校创建了市级优秀学习空间2个。", "studios_city", 2),
    # 5. months left out ("5月份漏报", "缺报两个月") are not every month; "无漏报" is every month
    ("学校按月向全国教育信息化工作进展系统填报数据，但5月份漏报。",
     "monthly_progress_reports", False),
    ("学校每月按时上报教育信息化工作进展情况，缺报了两个月。", "monthly_progress_reports", False),
    ("学校每月按时上报教育信息化工作进展情况，全年12个月无漏报。",
     "monthly_progress_reports", True),
    ("学校每月按时上报教育信息化工作进展情况，从未漏报。", "monthly_progress_reports", True),
    ("学校每月按时上报教育信息化工作进展情况，全年没有一个月漏报。",
     "monthly_progress_reports", True),
    ("学校每月按时上报教育信息化工作进展情况，无缺报、漏报月份。",
     "monthly_progress_reports", True),
    # 6. systems said to run poorly ("故障率偏高", "运行不够流畅", "教师反映不佳") do not run well;
    # said to run well they do, and a goal of running well says neither
    ("学校部分一体机已使用多年，故障率偏高。", "systems_run_well", False),
    ("班班通系统运行不够流畅，上课时经常卡顿。", "systems_run_well", False),
    ("多媒体设备老旧，教师对使用效果反映不佳。", "systems_run_well", False),
    ("今年班班通设备运行良好，教师反映良好。", "systems_run_well", True),
    ("下一步学校将加强设备维护，确保系统运行稳定。", "systems_run_well", None),
]


test_round23_xunke_classes = class_cases("xunke", CASES)

# 4. a tally of published pieces with the levels as columns and the venues as rows ("类别 |
# 国家级 | 省级 | 市级 | 县级"), or the other way round, the levels written 中央/省/市/县: each
# count cell is its row's and column's venue and level, a stated 0 a zero and a "—" none; a
# 合计 row, another year's row, the rubric's points per piece and a table of other counts are
# not read
LEVELS = ["项目", "国家级", "省级", "市级", "县级"]
WEB = ["政府及教育部门网站报道（篇）", "1", "0", "3", "6"]
PRESS = ["教育报刊、党报党刊发表文章（篇）", "0", "2", "0", "/"]
SUM = ["合计", "1", "2", "3", "6"]
CROSS = ["级别", "网站报道", "报刊文章"]
DOWN = [CROSS, ["中央", "0", "1"], ["省", "2", "0"], ["市", "1", "1"], ["县", "4", "—"]]
VENUES = ["类别", "国家级网站", "省级网站（篇）", "省级报刊（篇）"]
TITLE = "学校信息化宣传报道统计"
SCORE = "学校信息化考核自评表"
SCORE_HEADER = ["评估内容", "分值", "自评分", "情况说明"]
TABLES = [
    (TITLE, [LEVELS, WEB, PRESS, SUM], "web_reports_county", 6),
    (TITLE, [LEVELS, WEB, PRESS, SUM], "web_reports_national", 1),
    (TITLE, [LEVELS, WEB, PRESS, SUM], "web_reports_province", 0),
    (TITLE, [LEVELS, WEB, PRESS, SUM], "press_articles_province", 2),
    (TITLE, [LEVELS, WEB, PRESS, SUM], "press_articles_city", 0),
    (TITLE, DOWN, "web_reports_province", 2),
    (TITLE, [LEVELS, ["教育网站刊发", "1篇", "2篇", "0篇", "3篇"]], "web_reports_province", 2),
    (TITLE, DOWN, "press_articles_national", 1),
    (TITLE, DOWN, "web_reports_county", 4),
    (TITLE, [["级别", "网站报道篇数", "报刊文章篇数"], ["省级", "2", "1"]],
     "press_articles_province", 1),
    (TITLE, [VENUES, ["发表篇数", "0", "2", "1"]], "web_reports_province", 2),
    (TITLE, [VENUES, ["发表篇数", "0", "2", "1"]], "press_articles_province", 1),
    (TITLE, [LEVELS, ["上年度网站报道（篇）", "0", "1", "1", "3"], WEB], "web_reports_county", 6),
    ("加分标准", [LEVELS, ["网站通讯报道每篇加分", "1", "0.8", "0.5", "0.3"]],
     "web_reports_national", None),
    ("学校信息化竞赛获奖统计", [LEVELS, ["课件大赛获奖（人次）", "1", "2", "0", "4"]],
     "web_reports_national", None),
    # 5. a self-score row whose note names months left out ("6月、9月漏报", "缺报2个月") is
    # not every month
    (SCORE, [SCORE_HEADER, ["按月填报全国教育信息化工作进展系统", "3", "1", "6月、9月漏报"]],
     "monthly_progress_reports", False),
    (SCORE, [SCORE_HEADER, ["按月填报全国教育信息化工作进展系统", "3", "1", "缺报2个月"]],
     "monthly_progress_reports", False),
    (TITLE, [LEVELS, ["学校网站发布信息（条）", "0", "0", "0", "30"]], "web_reports_county", None),
]


test_round23_xunke_tables = table_cases("xunke", TABLES)
