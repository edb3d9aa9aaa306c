"""The classes of wording round 24 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out); every citation is
checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES: list[tuple[str, str, object]] = [
    # 1. the 信息化办公室 named only as who does one task, receives a thing or signs the text is
    # not said to be set up with its duties; set up, said to exist or not, or given a standing
    # duty it is
    ("本学期，学校信息化办公室对各年级学生开展了一次上网情况问卷调查。", "it_office", None),
    ("教研组长把本组的听课记录交信息化办公室统一归档。", "it_office", None),
    ("学校建立了培训资料交信息化办公室存档的制度。", "it_office", None),
    ("一、调查结果\n教师满意率为92%。\n学校信息化办公室\n2018年12月1日", "it_office", None),
    ("学校成立了信息化领导小组和信息化办公室，职责分工明确。", "it_office", True),
    ("我校信息化办公室成立于2016年，负责全校设备的日常维护。", "it_office", True),
    ("学校规模小，没有专门的信息化办公室。", "it_office", False),
    # ... and where it sits or who staffs it says it exists as a body
    ("学校信息化办公室设在教务处，由一名副主任兼管。", "it_office", True),
    ("信息化办公室配有专职管理员1名。", "it_office", True),
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


CASES += [
    # 6. office computers the school had before ("原来的办公电脑10台"), ones out of use ("已全部
    # 报废") and a batch given ("调配办公电脑12台") are not the computers teachers have now;
    # the total now, or the ratio the text states ("平均每2名专任教师一台"), is
    ("学校有专任教师30人，原来的办公电脑10台已全部报废。今年新购办公电脑15台。",
     "teachers_per_office_computer", None),
    ("学校现有专任教师24人，原有办公电脑8台因老化无法使用，县局今年调配办公电脑12台，"
     "现共有办公电脑12台。", "teachers_per_office_computer", 2),
    ("学校有专任教师30人，办公电脑15台。", "teachers_per_office_computer", 2),
    ("学校有专任教师30人，办公电脑15台，其中2台已损坏待修。", "teachers_per_office_computer", 2),
    ("学校办公电脑配备到位，平均每3名专任教师一台。", "teachers_per_office_computer", 3),
    ("全县平均每3名专任教师一台办公电脑。", "teachers_per_office_computer", None),
    # ... and computers allotted by a higher body (调配, 划拨) are computers added this year
    ("今年县教育局为我校调配办公电脑12台。", "office_computers_added", True),
    ("县局从装备项目中为学校划拨了教师办公电脑6台。", "office_computers_added", True),
    ("下一步，县局拟为学校调配教师办公电脑8台。", "office_computers_added", None),
    # 7. a fault of devices the school had before, replaced in the same or the next sentence,
    # is why new ones came, not how the systems run now; old devices still in use still run
    # poorly
    ("学校原有的6台一体机已无法正常使用，今年全部更换为新设备。", "systems_run_well", None),
    ("原来的微机室电脑大多不能正常开机。今年县局为学校新配电脑40台，目前运行稳定。",
     "systems_run_well", True),
    ("学校原有的班班通设备老化严重，经常出现故障。", "systems_run_well", False),
    ("学校部分一体机已不能正常使用。", "systems_run_well", False),
    # 8. the school's practice named by a word pointing back ("我校“…”的做法") spread as a
    # model, in a document titled on IT; under another title it is not an IT practice
    ("让班班通走进每一节课\n学校坚持每周通报使用情况。\n我校“周通报、月评比”的做法被市教育局"
     "在全市推广。", "showcase_level", "city"),
    ("学校德育工作总结\n我校“周通报、月评比”的做法被市教育局在全市推广。", "showcase_level",
     None),
    # 9. the share of subjects with interactive lessons as "占…学科…的N%"; a share of teachers
    # is not of subjects
    ("本学期开展互动课堂的有语文、数学、英语3个学科，占全校学科总数的30%。",
     "interactive_subject_share", 30),
    ("学校与联盟校开展互动课堂，参与教师占全校教师的60%。", "interactive_subject_share", None),
    # 10. one article a paper published about the school, no number written, is one piece at
    # the paper's level; a paper's piece not about the school, or one planned, is none
    ("10月，《黑龙江教育》刊登了介绍我校智慧课堂做法的文章。", "press_articles_province", 1),
    ("《黑河日报》报道了我校开展网络教研的做法。", "press_articles_city", 1),
    ("《黑龙江教育》刊登了省教育厅关于信息化工作的通知。", "press_articles_province", None),
    ("学校计划在《黑龙江教育》发表介绍我校做法的文章。", "press_articles_province", None),
    # 11. a studio applied for, then given its title ("申报的…被认定为县级名师工作室"), is one
    # created; applied for, under review or aimed at it is not
    ("学校申报的“信息技术名师工作室”今年获批为市级名师工作室。", "studios_city", 1),
    ("学校申报的“信息技术名师工作室”正在等待市级名师工作室评审。", "studios_city", None),
    ("学校今年申报市级名师工作室1个。", "studios_city", None),
    ("学校申报的工作室力争评为市级名师工作室。", "studios_city", None),
]


test_round24_xunke_classes = class_cases("xunke", CASES)

# 12. a rectification list ("问题整改清单"): a finding that the website was not updated, still
# being put right ("整改中"), is a website not updated; a ledger's note that hands papers to the
# 信息化办公室 does not say it is set up. A row done ("已完成") states its measure, and its
# problem is the state before it (table_rows' status column).
RECTIFY = "学校信息化检查问题整改台账"
RECTIFY_HEADER = ["序号", "存在问题", "整改措施", "完成时间", "进度"]
LEDGER = "学校信息化培训记录表"
LEDGER_HEADER = ["日期", "内容", "参训人数", "说明"]
TABLES = [
    (RECTIFY, [RECTIFY_HEADER, ["1", "学校网站的校园动态栏目半年没有更新", "安排专人每周更新",
                                "2019年1月", "整改中"]], "website_updated", False),
    (RECTIFY, [RECTIFY_HEADER, ["1", "学校网站校园动态栏目更新不及时",
                                "学校网站由专人维护，每周更新", "2018年10月", "已完成"]],
     "website_updated", True),
    (LEDGER, [LEDGER_HEADER, ["3月5日", "微课制作培训", "30", "签到表交信息化办公室保存"]],
     "it_office", None),
    (LEDGER, [LEDGER_HEADER, ["3月5日", "微课制作培训", "30", "由学校信息化办公室负责组织"]],
     "it_office", None),
]


test_round24_xunke_tables = table_cases("xunke", TABLES)
