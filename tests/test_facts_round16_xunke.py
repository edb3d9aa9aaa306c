"""The classes of wording round 16 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out); every citation is checked
against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES = [
    # 1. the document's own title (an IT work summary) names the document; it does not say the
    # school's plans and summaries take IT in
    ("学校的年度工作计划和学期总结中都列入了信息化工作内容。", "plans_reflect_it", True),
    ("学校的年度工作计划中没有体现信息化工作。", "plans_reflect_it", False),
    ("某镇中心小学2019年度信息化工作总结\n今年学校为六个班级更换了电子白板。",
     "plans_reflect_it", None),
    # 2. a higher body at the head of the sentence: its later clauses that do not name the school
    # are its own doing
    ("教导处每月检查教师使用班班通上课的情况。", "teaching_it_supervision", True),
    ("县教育局本学年对全县电子白板使用情况开展了抽查，共抽查课堂80节。",
     "teaching_it_supervision", None),
    ("县教育局下发了班班通应用通知，学校据此每周检查教师使用班班通上课的情况。",
     "teaching_it_supervision", True),
    # 3. an award of another year, kept in prose for comparison, is not this year's
    ("今年我校教师在市级信息技术应用大赛中获一等奖3人次，去年同期市级一等奖为1人次。",
     "award_city_first", 3),
    ("去年我校教师在市级课件大赛中获一等奖2人次。", "award_city_first", None),
    # 4. a whole city's or province's count of studios is not the school's
    ("我校创建省级优秀学习空间2个。", "studios_province", 2),
    ("全省今年共评出省级名师工作室30个。", "studios_province", None),
    ("我校李老师的空间被评为省级优秀学习空间，全市共评出省级优秀学习空间12个。",
     "studios_province", 1),
    # 5. absences said as "未能参加", with the reason between the count and the verb
    ("市教育局组织了一次信息技术骨干培训，我校有2人次因外出监考未能参加。",
     "external_training_absences", 2),
    ("县进修学校组织的三次信息化培训，我校教师均按时参加。", "external_training_absences", 0),
    ("县教育局组织了信息化培训，全县有15人次没能参加。", "external_training_absences", None),
    # 6. in prose a paper's name is the venue, not 报 of the 报道 before it
    ("学校智慧课堂的经验报道在《黑河日报》刊发1篇。", "press_articles_city", 1),
    ("学校智慧课堂的经验报道在《黑河日报》刊发1篇。", "press_articles_province", None),
    ("学校的经验报道在县教育局网站发布2篇。", "press_articles_city", None),
]


test_round16_xunke_classes = class_cases("xunke", CASES)
