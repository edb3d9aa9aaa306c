"""The classes of wording round 24 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 24), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out); every citation is
checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES: list[tuple[str, str, object]] = [
    # 1. the 信息化办公室 named only as who does one task, receives a thing or signs the text is
    # not said to be set up with its duties; set up, said to exist or not, or given a standing
    # duty it is
    ("本学期，学校信息化办公室对各年级学生开展了一次上网情况问卷调查。", "it_office", None),
    ("教研组长把本组的听课记录交信息化办公室统一归档。", "it_office", None),
    ("一、调查结果\n教师满意率为92%。\n学校信息化办公室\n2018年12月1日", "it_office", None),
    ("学校成立了信息化领导小组和信息化办公室，职责分工明确。", "it_office", True),
    ("我校信息化办公室成立于2016年，负责全校设备的日常维护。", "it_office", True),
    ("学校规模小，没有专门的信息化办公室。", "it_office", False),
    # 2. the school inspected by a higher body or its team ("督导组对我校…检查") is not the
    # school supervising its teachers' teaching with devices; the school's own checks are
    ("5月，市教育局检查组对我校班班通使用情况进行了抽查。", "teaching_it_supervision", None),
    ("县督导组到校查看了教师多媒体设备的使用记录。", "teaching_it_supervision", None),
    ("教导处每周抽查一次教师班班通使用记录。", "teaching_it_supervision", True),
    ("县教体局对我校检查后，学校坚持每月抽查教师班班通使用情况。",
     "teaching_it_supervision", True),
    # 3. a school website whose updates stopped for a time ("自3月以来没有更新", "暂停更新") is
    # not updated in time
    ("学校网站的新闻栏目自3月以来没有更新。", "website_updated", False),
    ("学校网站的通知公告栏目已半年未更新。", "website_updated", False),
    ("因服务器迁移，学校网站暂停更新两个月。", "website_updated", False),
    ("学校网站由专人维护，每周更新两次，从未中断。", "website_updated", True),
    # 4. a requirement to teach with a device by the verb 用 alone ("每周用多媒体上课不少于6
    # 节"); the county's or a planned one is not the school's
    ("学校规定每位教师每周用多媒体上课不少于6节。", "teaching_it_requirements", True),
    ("学校要求青年教师用电子白板授课每周至少4节。", "teaching_it_requirements", True),
    ("县里要求每位教师每周用班班通上课不少于8节。", "teaching_it_requirements", None),
    ("学校对教师用班班通上课还没有提出具体要求。", "teaching_it_requirements", False),
    # 5. a plan's section on where it starts from ("二、工作基础") states facts; its tasks and
    # targets do not
    ("××学校2019年春季学期信息化工作计划\n一、工作基础\n学校已成立信息化工作领导小组，组长由校长"
     "担任。目前教师个人空间使用率为76%。\n二、主要任务\n力争教师个人空间使用率达到95%。",
     "teacher_space_usage", 76),
    ("××学校2019年春季学期信息化工作计划\n一、工作基础\n学校已成立信息化工作领导小组，组长由校长"
     "担任。目前教师个人空间使用率为76%。\n二、主要任务\n力争教师个人空间使用率达到95%。",
     "it_leading_group", True),
    ("××学校2019年春季学期信息化工作计划\n一、指导思想\n以应用为核心。\n二、主要任务\n"
     "力争教师个人空间使用率达到95%，班级空间使用率达到100%。", "teacher_space_usage", None),
    ("××学校2019年春季学期信息化工作计划\n一、指导思想\n以应用为核心。\n二、主要任务\n"
     "力争教师个人空间使用率达到95%，班级空间使用率达到100%。", "class_space_usage", None),
]


test_round24_xunke_classes = class_cases("xunke", CASES)
