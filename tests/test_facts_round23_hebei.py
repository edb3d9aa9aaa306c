"""Held-out round 23 (Hebei): the classes of wording its misses showed, each stated and negated
or as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style PDF (every
line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES: list[tuple[str, str, object]] = [
    # 1. the writer's own part in making a rule, as a personal 总结 tells it (本人协助起草…, 我和
    # 同事修订了…, 参与完善…): what the person did, not the unit's rules; the unit making them
    # (学校, 我校, 我们) still reads as rules made
    ("2024年个人述职报告\n本人在信息中心从事网络管理工作，协助主任修订了网络安全管理制度，并负责"
     "机房日常巡查。", "security_policy", None),
    ("我在网络中心工作，今年和同事一起修订了数据安全管理办法。", "security_policy", None),
    ("作为网管员，我参与完善了学院的信息安全管理规定。", "security_policy", None),
    ("学校今年修订了网络安全管理制度，各部门签订了安全责任书。", "security_policy",
     "mostly_complete"),
    ("我们进一步完善了网络安全管理制度。", "security_policy", "mostly_complete"),
    ("学校组织自我检查后，修订了网络安全管理制度。", "security_policy", "mostly_complete"),
    ("我到任后，学校修订了网络安全管理制度。", "security_policy", "mostly_complete"),
    # 2. an incident told as a machine compromised (服务器被植入木马, 电脑被植入勒索程序): the
    # machine is the security context; the same machines said to run safely, or another school's,
    # are not the unit's incident
    ("6月，学校一台教务服务器被植入木马程序，信息中心断网清除后恢复运行。", "security_incident",
     "minor"),
    ("学校财务室一台电脑被植入勒索程序，部分文件无法打开。", "security_incident", "minor"),
    ("本年度学校服务器和办公电脑运行平稳，未发生网络安全事件。", "security_incident", "none"),
    ("会议通报了外省一所高校服务器被植入挖矿程序的情况，要求各部门加强防护。",
     "security_incident", None),
    # 3. an incident graded by how it was reported (已按一般…事件向省校报告, 作为较大…事件上报了):
    # the grade decides minor or major; a plan's rule of how to report one is no incident
    ("9月学校网站遭篡改，信息中心两小时内恢复，学校已按一般网络安全事件向省校报告。",
     "security_incident", "minor"),
    ("学校网站被篡改，按较大网络安全事件上报了省教育厅。", "security_incident", "major"),
    ("学校招生系统数据被非法访问，已作为较大网络安全事件上报市网信办。", "security_incident",
     "major"),
    ("学校应急预案规定，网页被篡改的，按一般网络安全事件上报。", "security_incident", None),
    ("如出现数据泄露，应按重大网络安全事件上报。", "security_incident", None),
    # 4. the staff of an area's or a system's units (全省11所市级开放大学中，…共配备…; 全市各县级
    # 开放大学共有…; 体系内各分校…合计…): not the unit's; the unit naming itself after the frame
    # (其中…本级, its own level of the system), or the area only naming a meeting, stands
    ("全省11所市级开放大学中，有9所设立了网络中心，共配备专职技术人员40人。", "it_staff", None),
    ("全市各县级开放大学共有信息化专职人员12人。", "it_staff", None),
    ("体系内各分校均设立了信息化岗位，合计专职人员15人。", "it_staff", None),
    ("在全市6所县级开放大学中，我校率先成立信息中心，现有专职人员4人。", "it_staff", 4),
    ("全市县级开放大学信息化工作会议在我校召开，学校现有信息化专职人员5人。", "it_staff", 5),
    ("全市体系共配备信息化专职人员11人，其中市开放大学本级5人，县级分校合计6人。", "it_staff", 5),
    # 5. an upper bound (不到3%, 低于…的3%, 2%以下, 不足3人): below the figure, not the figure; a
    # figure stated beside a bound it falls short of stands
    ("2024年学校信息化投入占年度总预算的比例不到3%，与省校要求仍有差距。", "it_budget_share",
     None),
    ("学校信息化软硬件投入低于年度总预算的3%。", "it_budget_share", None),
    ("学校本年度信息化投入占年度预算的2%以下。", "it_budget_share", None),
    ("学校信息化投入占年度总预算的3.6%，尚未达到5%的标准。", "it_budget_share", 3.6),
    ("学校信息化投入占年度总预算的4%，不足部分由上级专项补助。", "it_budget_share", 4),
    ("学校信息化专职人员不足3人，难以满足日常运维需要。", "it_staff", None),
    ("学校现有信息化专职人员2人，少于省校要求的3人。", "it_staff", 2),
]


test_round23_hebei_classes = class_cases("hebei", CASES)
