"""Held-out round 25 (逊克 school rubric, issue 20): the classes of wording its misses showed, each
stated and negated or as a distractor, in texts of our own words, as a .docx and as a
LibreOffice-style PDF (every line wraps). Every citation is verified against the document (in
_suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES: list[tuple[str, str, object]] = [
    # 1. "每人一台" is a ratio, not a count of computers: the former count and the ratio after it
    # give one computer a teacher, not 42 teachers on one computer
    ("学校有专任教师36人，原有办公电脑20台，今年新增16台，教师实现人手一台办公电脑。",
     "teachers_per_office_computer", 1),
    ("学校有专任教师30人，教师办公电脑15台，下一步争取每人一台办公电脑。",
     "teachers_per_office_computer", 2.0),
    # 2. a website of one or some of the county's schools is not the school's
    ("去年全县有两所学校网站因长期未更新被通报。", "school_website", None),
    ("去年全县有两所学校网站因长期未更新被通报。", "website_updated", None),
    ("县里个别学校的网站内容更新不及时。", "website_updated", None),
    ("我校网站内容更新不及时，栏目较少。", "website_updated", False),
    # 3. the site named first, then when it was built (or that it is not yet)
    ("答：学校网站是2017年建成的，设有新闻、通知等栏目。", "school_website", True),
    ("校园网站于去年9月开通。", "school_website", True),
    ("学校网站尚未建成，目前借用县教育网发布信息。", "school_website", False),
    # 4. the register of the platforms' accounts is account custody, not the teachers', classes'
    # and students' records on the platform
    ("各系统的帐号、密码由教务员专人管理，并建立登记档案。", "management_records", None),
    ("各系统的帐号、密码由教务员专人管理，并建立登记档案。", "account_custody", True),
    ("学校在教育管理服务平台建立了教师、班级和学生档案。", "management_records", True),
    # 5. a 个人空间 named without its owner after a count of the teachers is the teachers'; after
    # a count of the students it is not
    ("学校现有在职教师40人，开通并常用个人空间的36人，使用率为90%。", "teacher_space_usage", 90),
    ("初中部学生200人，开通个人空间的150人，使用率为75%。", "teacher_space_usage", None),
    # 6. a county's figure at the head of a sentence reaches its later clauses that name no
    # school: the county's averages are not the school's rates
    ("检查显示，全县教师个人空间平均使用率为84%，班级空间平均使用率为90%。",
     "class_space_usage", None),
    ("全县平均为80%，我校班级空间使用率为96%。", "class_space_usage", 96),
    # 8. the venue after the count, in the passive (有2篇被县教育局网站采用); a region's total and
    # the school's own site are not reports
    ("本学期我校信息化工作通讯有3篇被县教育局网站采用，1篇被黑河市教育局网站采用。",
     "web_reports_county", 3),
    ("本学期我校信息化工作通讯有3篇被县教育局网站采用，1篇被黑河市教育局网站采用。",
     "web_reports_city", 1),
    ("【宣传报道】我校通讯有2篇被县教育局网站采用。", "web_reports_county", 2),
    ("全县本学期共有20篇通讯被县级以上网站采用。", "web_reports_county", None),
    ("我校有2篇通讯被学校网站采用。", "web_reports_county", None),
    # 9. 专递 as the verb of the lessons sent is the 专递课程 held; planned it is not
    ("学校每周向村小教学点专递音乐、英语课10节。", "delivered_courses", True),
    ("下学期计划向教学点专递音乐课。", "delivered_courses", None),
    # 10. the sentence after the site's, going on about it with no subject of its own, says
    # how it is updated; one about another thing does not
    ("答：学校网站是去年建成的。现在由两名教师专门负责，每周更新三次。", "website_updated", True),
    ("学校网站建于2015年。目前很少更新。", "website_updated", False),
    ("学校网站是去年建成的。班级群每周更新作业。", "website_updated", None),
    # 11. a site updated 按周 or 按月 is updated in time
    ("学校网站由专人维护，按周更新。", "website_updated", True),
    ("学校网站由专人维护，偶尔更新。", "website_updated", None),
]

test_round25_xunke_classes = class_cases("xunke", CASES)

# 7. a bureau's 通报 with a table of schools, sent by one of them ("报送单位：…"): the row of the
# sending school (named in full or without its county) states its facts, the other schools' rows
# do not; without a sender no row is the school's own; the bureau's title is its own inspection,
# not the school's supervision of its teachers
NOTICE = ("附件3：县教育局检查情况通报（摘录）\n报送单位：某县红星乡中心学校\n"
          "某县教育局关于2018年中小学信息化应用情况检查的通报\n各中小学：\n部分学校检查结果见下表。")
UNSENT = "某县教育局关于2018年中小学信息化应用情况检查的通报\n各中小学：\n部分学校检查结果见下表。"
SCHOOLS = [["学校", "班级空间使用率", "进展系统按月上报", "学校网站"],
           ["东风乡中心学校", "70%", "10月漏报", "已建，长期未更新"],
           ["红星乡中心学校", "98%", "按月上报，无漏报", "已建，按周更新"]]
TABLES = [
    (NOTICE, SCHOOLS, "class_space_usage", 98),
    (NOTICE, SCHOOLS, "monthly_progress_reports", True),
    (NOTICE, SCHOOLS, "website_updated", True),
    (NOTICE, SCHOOLS, "teaching_it_supervision", None),
    (UNSENT, SCHOOLS, "class_space_usage", None),
]

test_round25_xunke_school_tables = table_cases("xunke", TABLES)
