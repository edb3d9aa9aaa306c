"""The classes of wording round 19 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out; a 自评表 as a ruled
table); every citation is checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES = [
    # 1. accounts kept by one person, but the rubric's 存档 and 交接制 denied
    ("学校各类平台的账号和密码由管理员专人保管，但没有存档，也无交接手续。",
     "account_custody", False),
    ("学校各类平台的账号和密码由管理员专人保管，登记存档，人员变动时按制度交接。",
     "account_custody", True),
    ("学校仪器室没有建立交接制度。", "account_custody", None),
    # 2. a reward talked over but not made; the denial after it decides
    ("学校研究过把教师使用电子白板的情况纳入绩效考核，因意见不一，本学期暂未实行奖惩。",
     "teaching_it_rewards", False),
    ("学校曾考虑将教师应用班班通的情况与评优挂钩。", "teaching_it_rewards", None),
    ("学校把教师应用班班通的情况与评优挂钩，每学期兑现一次。", "teaching_it_rewards", True),
    ("经学校行政会研究，将教师应用班班通的情况纳入绩效考核。", "teaching_it_rewards", True),
    # 3. both ledgers asked for: one kept and the other not yet made is a no
    ("学校有设备实物账，但尚未建立信息化资产经费账。", "asset_ledgers", False),
    ("学校建有信息化经费账，还没有建立设备实物账，准备下学期补建。", "asset_ledgers", False),
    ("学校建有信息化资产经费账和设备实物账，账实相符。", "asset_ledgers", True),
    # 4. the rubric's bonus section (奖励加分) named in a title is no reward to teachers
    ("某小学信息化工作自评报告（应用创新与奖励加分项目）", "teaching_it_rewards", None),
    ("学校对信息技术应用突出的教师给予奖励。", "teaching_it_rewards", True),
    # 5. a stated zero for one level of sites, next to counts of other levels
    ("我校报道被各级网站采用情况：国家级网站没有采用；省教育厅网站采用2篇。",
     "web_reports_national", 0),
    ("我校报道被各级网站采用情况：国家级网站没有采用；省教育厅网站采用2篇。",
     "web_reports_province", 2),
    ("学校网站没有发布专递课堂的消息。", "web_reports_county", None),
    ("明年争取在国家级网站发表报道，目前省级网站已采用1篇。", "web_reports_national", None),
    # 6. 专递课堂 as what a published article is about: not the school's courses held
    ("《黑河日报》刊发了我校专递课堂的报道1篇。", "delivered_courses", None),
    ("本学期我校通过专递课堂为两所村小开设音乐课。", "delivered_courses", True),
    ("本学年我校没有开展专递课程活动。", "delivered_courses", False),
    # 7. a county's requirement of training hours (信息技术应用能力提升) is neither the school's
    # requirement nor one about teaching with devices
    ("县里要求每位教师每年完成信息技术应用能力提升培训不少于50学时，我校均已完成。",
     "teaching_it_requirements", None),
    ("学校要求每位教师每周使用班班通授课不少于5节。", "teaching_it_requirements", True),
    ("学校规定各学科教师每周利用班班通上课，新教师入职须通过操作考核。",
     "teaching_it_requirements", True),
]


test_round19_xunke_classes = class_cases("xunke", CASES)


SELF_EVAL_HEADER = ["项目", "自评情况", "自评分"]
# 8. a 自评表 row's value that opens with the title given, the school not named (its own row); a
# title applied for stays unanswered. Values short enough not to wrap in the ruled PDF's cell.
TABLES = [
    ("某校自评表", [SELF_EVAL_HEADER, ["试点项目单位", "被确定为省级试点单位", "1"]],
     "pilot_school_level", "province"),
    ("某校自评表", [SELF_EVAL_HEADER, ["示范校", "今年被命名为市级示范校", "1"]],
     "pilot_school_level", "city"),
    ("某校自评表", [SELF_EVAL_HEADER, ["试点项目单位", "正在申报省级试点单位", "0"]],
     "pilot_school_level", None),
]


test_round19_xunke_tables = table_cases("xunke", TABLES)
