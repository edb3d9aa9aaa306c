"""The classes of wording round 21 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out); every citation is
checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES: list[tuple[str, str, object]] = [
    # 1. an award won by another school (另一所学校, 兄弟学校) is not the school's; the school's
    # own, also when another school is named in the clause before it, is
    ("同期，县内另一所学校的教师在市课件制作大赛中获一等奖3人次，我校没有教师参赛。",
     "award_city_first", None),
    ("兄弟学校的学生在省机器人竞赛中获二等奖1人次。", "award_province_second", None),
    ("在市课件制作大赛中，我校教师获一等奖3人次。", "award_city_first", 3),
    ("与兄弟学校同台比拼，我校学生在省机器人竞赛中获二等奖1人次。", "award_province_second", 1),
    # 2. both terms named, the school between them and 各: a training in each term, none
    # missed; one term without it is one missed
    ("今年春季学期和秋季学期学校各组织了一次电子白板应用培训。", "school_trainings_missed", 0),
    ("春季学期和秋季学期我校各举办一次课件制作校本培训。", "school_trainings_missed", 0),
    ("今年春季学期学校组织了一次电子白板应用培训，秋季学期因迎检未能开展。",
     "school_trainings_missed", 1),
    # 3. a matter on a meeting's agenda ("三、研究…建设") states nothing; a library begun in a
    # few subjects and said not yet made by a shorter name is a no; one built is a yes
    ("三、研究校本数字资源库建设。", "school_resource_library", None),
    ("议题：讨论校本资源库的建设方案。", "school_resource_library", None),
    ("校本资源库本学期先在英语学科试点，别的学科以后再说，资源库暂未建成。",
     "school_resource_library", False),
    ("学校分年级、分学科建成了校本数字资源库，教师可随时调用。",
     "school_resource_library", True),
    ("经研究，学校建立了校本资源库，覆盖各年级各学科。", "school_resource_library", True),
]


test_round21_xunke_classes = class_cases("xunke", CASES)
