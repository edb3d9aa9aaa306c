"""The classes of wording round 22 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out); every citation is
checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES: list[tuple[str, str, object]] = [
    # 1. a contest's prizes over the whole county ("全县共评出一等奖15名") are not the school's;
    # the school's own count after it, in a sentence that names no contest of its own, is the
    # IT contest's named before; after a contest not about IT it is not
    ("县局公布了全县课件制作大赛结果，全县共评出一等奖12名、二等奖20名。",
     "award_county_first", None),
    ("县局公布了全县课件制作大赛结果，全县共评出一等奖12名、二等奖20名。现摘录如下。"
     "我校共获县级一等奖3人次、二等奖2人次。", "award_county_first", 3),
    ("县局公布了全县课件制作大赛结果，全县共评出一等奖12名、二等奖20名。现摘录如下。"
     "我校共获县级一等奖3人次、二等奖2人次。", "award_county_second", 2),
    ("县局公布了全县中小学田径运动会结果。我校共获县级一等奖3人次。", "award_county_first", None),
    # 2. a share counted ("10个学科中已有8个学科") outweighs a loose "也在各学科铺开" before it;
    # the loose phrase alone is still all subjects
    ("联盟校互动课堂也在各学科铺开。本学期开设的10个学科中，已有8个学科与联盟校开展了互动课堂。",
     "interactive_subject_share", 80),
    ("联盟校互动课堂已覆盖全部学科，每节课都有记录。", "interactive_subject_share", 100),
    # 3. a rule still drafted ("还在征求意见") is not made; one issued is
    ("学校对教师应用班班通教学的奖惩办法目前还在征求意见，尚未出台。",
     "teaching_it_rewards", False),
    ("学校出台了教师应用班班通教学的奖惩办法，与绩效考核挂钩。", "teaching_it_rewards", True),
    # 4. a lack an inspection pointed out ("检查组指出我校存在…没有经费账等问题") is put right by
    # a later sentence saying it done; the finding alone, or with nothing done after, is a no
    ("县局检查组指出我校存在信息化资产只有实物账没有经费账等问题。整改中，学校补建了信息化资产"
     "经费账，与实物账核对一致。", "asset_ledgers", True),
    ("县局检查组指出我校存在信息化资产只有实物账没有经费账等问题。学校正在研究整改办法。",
     "asset_ledgers", False),
    # 5. a plan document's section on the state it starts from ("一、学校信息化现状") states
    # facts; its goals ("二、发展目标") stay plans
    ("学校信息化发展规划\n一、现状\n学校建有学校网站，"
     "由教导处负责维护。\n二、发展目标\n到2020年，建成覆盖各年级各学科的校本资源库。",
     "school_website", True),
    ("学校信息化发展规划\n一、现状\n学校建有学校网站，"
     "由教导处负责维护。\n二、发展目标\n到2020年，建成覆盖各年级各学科的校本资源库。",
     "school_resource_library", None),
    ("学校信息化发展规划\n一、发展目标\n学校建有学校网站，每周更新。",
     "school_website", None),
    # 6. a count written as 0篇 is a stated zero, also with stories sent but not yet published
    # after it (alone, sent and unpublished is no count); web and press denied together
    # ("国家级网站和国家级报刊均未发表") are both zero, a site alone says nothing of the press
    ("省级教体主管部门网站本年度发表0篇，另有2篇稿件已投给省教育厅网站，尚未刊发。",
     "web_reports_province", 0),
    ("学校有2篇稿件已投给省教育厅网站，目前尚未刊发。", "web_reports_province", None),
    ("国家级网站和国家级报刊本年度均未发表。", "press_articles_national", 0),
    ("国家级网站和国家级报刊本年度均未发表。", "web_reports_national", 0),
    ("国家级网站本年度未采用我校稿件。", "press_articles_national", None),
    # 7. both terms named, a comma and the school before 各: a training in each term, none
    # missed; one term's training alone is one missed
    ("今年春季学期和秋季学期，学校各组织了一次面向全体教师的信息化应用培训。",
     "school_trainings_missed", 0),
    ("今年春季学期，学校组织了一次信息化应用培训，秋季学期因迎检未能开展。",
     "school_trainings_missed", 1),
]


test_round22_xunke_classes = class_cases("xunke", CASES)

# 1. a table of measures by year whose header names 项目 then years ("项目 | 2017年度 |
# 2018年度"): only the reported year's column (the title's year, else the latest) is read,
# not the earlier year's
YEARS = ["项目", "2017年度", "2018年度"]
TABLES = [
    ("网络学习空间应用情况统计", [YEARS, ["教师个人空间使用率", "70%", "88%"]],
     "teacher_space_usage", 88),
    ("网络学习空间应用情况统计", [YEARS, ["班级空间使用率", "90%", "100%"]],
     "class_space_usage", 100),
    ("2017年度网络学习空间应用情况统计", [YEARS, ["班级空间使用率", "90%", "100%"]],
     "class_space_usage", 90),
]


test_round22_xunke_tables = table_cases("xunke", TABLES)
