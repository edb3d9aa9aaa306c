"""Held-out round 25 (Hebei): the classes of wording its misses showed, each stated and negated
or as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style PDF (every
line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

INTERVIEW = "抓好信息化这盘棋——访某市开放大学负责人\n"
NEXT = "2024年网络安全工作总结\n一、主要工作\n学校完成了门户网站改版。\n二、下一步工作\n"
RECTIFY = "某市开放大学网络安全检查问题整改方案\n"
MINUTES = "某市开放大学网信领导小组会议纪要\n"
CASES: list[tuple[str, str, object]] = [
    # 1. the units a city school runs, uncounted, as the subject of a clause (所辖县级学校…,
    # 下属分校…): their staff are not the unit's; a unit that is itself the subject of 下辖
    # ("本校下辖两个教学点") still counts its own
    ("学校信息中心现有专职技术人员3名。所辖县级开放大学共有专职人员9人，比上年多1人。",
     "it_staff", 3),
    ("本年度所辖县级学校共有信息化专职人员6人。", "it_staff", None),
    ("其中下属分校配备专职网管5人。", "it_staff", None),
    ("本校下辖两个教学点，信息中心现有专职人员2人。", "it_staff", 2),
    # 2. an interview (or a record of talks) that names each answer's speaker at the head of its
    # paragraph: "我任组长" in the principal's answer (校长：, 李书记：) is the principal heading
    # the group, however long the paragraph runs (a PDF wraps it); in a vice-principal's or the
    # reporter's words it is not
    (INTERVIEW + "记者：学校的信息化工作是怎么组织的？\n校长：先讲组织保障。今年学校调整了网络安全"
     "和信息化领导小组，由我担任组长，分管副校长任副组长，每个季度都要听一次汇报。",
     "leading_group", "headed_by_principal"),
    (INTERVIEW + "记者：请谈谈组织保障。\n李书记：这几年我们把网络安全放在很重要的位置，"
     "学校成立了由我任组长的网信领导小组。", "leading_group", "headed_by_principal"),
    (INTERVIEW + "记者：请谈谈组织保障。\n副校长：学校成立了由我任组长的网络安全和信息化领导"
     "小组。", "leading_group", "exists"),
    (INTERVIEW + "校长：先讲组织保障。\n记者：听说学校成立了由我任组长的网络安全和信息化领导"
     "小组？", "leading_group", "exists"),
    # 3. a sentence of a plan section (下一步工作) that opens by looking back over the time up to
    # now (今年以来, 一年来, 截至目前): what it says happened is a fact, its later clauses of intent
    # are still plans; a sentence of the section that does not look back stays a plan
    (NEXT + "今年以来学校没有发生网络安全事件，我们将继续加强值守，把隐患消除在萌芽状态。",
     "security_incident", "none"),
    (NEXT + "一年来，网信领导小组已召开会议2次，下半年将再召开一次专题会议。", "group_meetings", 2),
    (NEXT + "全年实现网络安全零事故，做到未发生网络安全事件。", "security_incident", None),
    (NEXT + "今年以来工作平稳，我们将召开领导小组会议3次。", "group_meetings", None),
    (NEXT + "从现在至今年底，领导小组召开会议2次。", "group_meetings", None),
    # 4. a plan document (…整改方案) whose section sets out the problems found (存在的主要问题,
    # 检查发现的问题): the state it describes is the unit's now; its measures are still plans, and
    # a heading that names the measures too (存在问题及整改措施) keeps its section a plan (headings
    # kept short: a heading that fills a line of the narrow test PDF reads as wrapped)
    (RECTIFY + "一、存在问题\n信息中心仅有专职人员1人，网络安全管理制度不够健全。\n"
     "二、整改措施\n学校信息中心配备专职人员3人。", "it_staff", 1),
    (RECTIFY + "一、发现的问题\n对照检查清单，学校网络安全管理制度不够健全，缺少数据备份制度。\n"
     "二、整改措施\n年底前出台相关制度。", "security_policy", "incomplete"),
    (RECTIFY + "一、存在问题及整改措施\n信息中心仅有专职人员1人，年底前增加到3人。",
     "it_staff", None),
    (RECTIFY + "一、需要完成的任务\n信息中心配备专职人员3人。", "it_staff", None),
    # 5. the IT group's head post and the principal's in apposition (网信领导小组组长、校长; 校长、
    # 网络安全和信息化领导小组组长) name who heads the group now, even in a plan's measure; a plan
    # to make someone head, a vice-principal, another group, or other units' heads are not
    (RECTIFY + "二、整改措施\n组建整改专班，由网信领导小组组长、校长牵头抓总。", "leading_group",
     "headed_by_principal"),
    (RECTIFY + "二、整改措施\n由党委书记、网络安全和信息化领导小组组长统筹整改，分管副校长"
     "具体负责。", "leading_group", "headed_by_principal"),
    (RECTIFY + "二、整改措施\n调整网络安全和信息化领导小组，由校长任组长。", "leading_group", None),
    (RECTIFY + "二、整改措施\n由网信领导小组组长、副校长牵头抓总。", "leading_group", None),
    (RECTIFY + "二、整改措施\n由招生工作领导小组组长、校长牵头抓总。", "leading_group", None),
    (RECTIFY + "二、整改措施\n督促各县级学校由网信领导小组组长、校长牵头抓总。", "leading_group",
     None),
    # 6. a security policy named with a deadline before it in its clause (a meeting's decision:
    # "10月底前完成《…》修订", "年内出台《…》"): a task set, not a rule the unit has; done by the
    # deadline (了, 已) it is one again
    (MINUTES + "会议议定：由信息中心牵头，10月底前完成《网络安全管理办法》和《机房管理制度》修订。",
     "security_policy", None),
    (MINUTES + "会议议定：年内出台《数据安全管理办法》，报领导小组审定。", "security_policy", None),
    (MINUTES + "会议通报：信息中心已于6月底前完成《网络安全管理办法》修订。", "security_policy",
     "mostly_complete"),
    (MINUTES + "会议通报：上半年学校修订了《网络安全管理办法》。", "security_policy",
     "mostly_complete"),
]


test_round25_hebei_classes = class_cases("hebei", CASES)
