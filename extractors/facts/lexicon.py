"""Words and patterns the `rules` extractor looks for, each with the reason it is there.

Patterns are plain regular expressions over one sentence of visible text. They are deliberately
narrow: a miss becomes an explicit "no evidence" suggestion that a reviewer sees, whereas a wrong
hit would put a wrong number in front of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---- leading group (item 1) -------------------------------------------------------------------

# The group the rubric means: 网络安全和信息化领导小组 and the names units give it.
GROUP = re.compile(
    r"(?:网络安全(?:和|与|及|暨|、)?信息化|网络与信息安全|网信|信息化|网络安全|数字化)"
    r"(?:工作|建设)?领导小组"
)
# A bare 领导小组 counts when the sentence is about IT work
# ("成立了以校长为组长的领导小组，统筹信息化").
GROUP_BARE = re.compile(r"领导小组")
# The unit's group may also be a 工作小组 named by its IT subject ("系网络安全工作小组组长").
OWN_GROUP_WORD = re.compile(
    r"领导小组|(?:网络安全|网信|信息化|网络与信息安全|信息安全)[^，,。；;、]{0,6}(?:工作小组|工作组)"
)
SMALL_GROUP = re.compile(r"工作小组|工作组|小组")
# The group's office (网信办) right after its name: its meetings are the office's, not the group's.
GROUP_OFFICE = re.compile(r"(?:下设)?办公室(?!主任)")
# "每季度召开一次例会", "每学期至少召开一次", "原则上一学期召开一次", "按季度召开": a frequency,
# not the year's count. Looked for in the clause before the count.
FREQUENCY = re.compile(r"(?:每|(?:(?<=原则上)|(?<![上下这本前近]))一(?=个?(?:学年|学期|季度|月|周))"
                       r"|按(?=学期|季度|月|周)|定期)[^，,、；;\d]{0,12}$")
IT_CONTEXT = re.compile(r"信息化|网络安全|网信|数字化|信息技术|智慧校园")
# "未单独设立领导小组", "没有专门成立…": a negated establishment, however it is qualified.
NO_GROUP = re.compile(r"(?:未|没有|尚未|暂未|并未|未曾)(?:单独|专门|另行|独立|正式)?"
                      r"(?:成立|设立|建立|组建|设置)"
                      r"|(?:尚无|暂无|还没有|没有)[^，,。；;]{0,14}领导小组")

# 主要领导 of a school: its 校长 or 党委书记 (also 院长 in colleges). 副校长, 分管校长, 纪委书记 and
# 校长办公室 are not: the lookbehinds and lookaheads exclude them.
PRINCIPAL = (
    r"(?<!副)(?<!分管)(?<!纪委)(?<!团委)(?<!总)"
    r"(?:党委书记|党总支书记|书记|校长|院长|站长|主要领导|主要负责人|主要负责同志|一把手)"
    r"(?!助理|办|室)"
)
_FILL = r"[^，,。；;]{0,14}"
HEAD = re.compile(
    rf"以{PRINCIPAL}{_FILL}为(?:领导小组)?组长"  # 以校长为组长
    # 成立由校长挂帅的领导小组, 成立由校长负责、信息中心人员组成的领导小组
    rf"|由{PRINCIPAL}(?:亲自)?(?:挂帅|领导负责|负责)(?=[、，,的])"
    rf"|{PRINCIPAL}{_FILL}(?:任|担任|兼任|为|作为){_FILL}(?<!副)双?组长"  # 校长任组长
    # 组长由校长担任, 组长：张三（校长）, "组  长：党委书记 刘强"
    rf"|(?<!副)组\s*长(?:由|为|是|\s*[：:])?{_FILL}{PRINCIPAL}"
    # The post first, in apposition: 校党委书记、网络安全和信息化领导小组组长刘某主持会议; or the
    # group post in brackets after it, as minutes head their chair: "主持：校长（领导小组组长）"
    # (the IT group or a bare one, not "校长（招生领导小组组长）").
    rf"|{PRINCIPAL}、{_FILL}(?<!副)组长"
    rf"|{PRINCIPAL}[（(](?:学校|本校|我校)?(?:{GROUP.pattern}|领导小组)组长"
)
# The group's head post and the principal's in apposition, the IT group named in full: "由学校网络
# 安全和信息化领导小组组长、校长负总责", "校长、网信领导小组组长王某". It names who holds the post
# now, so it says so even in a plan's measure (a 整改方案 giving the task to the group's head).
APPOSED_HEAD = re.compile(rf"(?:{GROUP.pattern})组长、{PRINCIPAL}"
                          rf"|{PRINCIPAL}、(?:学校|本校|我校)?(?:{GROUP.pattern})组长")
# The writer heads the group ("由我本人任组长"): the principal, if the document is the principal's
# own report, which its title says ("校长2024年度述职报告"; not a 副校长's, PRINCIPAL's lookbehind).
# The IT group may be named in full between the post and 组长: "我兼任学校网络安全和信息化
# 领导小组组长" (not "我兼任学校招生工作领导小组组长").
FIRST_PERSON_HEAD = re.compile(rf"(?:我本人|我|本人)(?:亲自)?(?:任|担任|兼任)"
                               rf"(?:(?:学校|本校|我校)?(?:{GROUP.pattern}|领导小组))?组长")
PRINCIPAL_REPORT = re.compile(rf"{PRINCIPAL}[^，,。；;]{{0,12}}(?:述职|述责|工作报告|讲话)")
# A report or a speech signed under its title by the principal's post and name ("——在…教职工
# 代表大会上的工作报告" then "校长 王某某", "党委书记、校长  李某"): its "我" is the principal.
REPORT_TITLE = re.compile(r"报告|讲话|发言|致辞|述职")
PRINCIPAL_BYLINE = re.compile(rf"^\s*(?:[^，,。；;：:\s]{{1,8}}、)?{PRINCIPAL}\s+"
                              r"[\u4e00-\u9fff×]{2,4}\s*$")
BYLINE_LINES = 4  # the lines at a document's head where its title and byline stand
# An interview or a meeting's record gives each answer its speaker at the paragraph's head
# ("校长：我们首先从组织上抓。学校成立了由我任组长的…领导小组"; "王书记：…"): the writer of that
# paragraph's "我" is the principal. Not "副校长：" (PRINCIPAL's lookbehind) nor "记者：".
PRINCIPAL_SPEAKER = re.compile(rf"^\s*[^，,。；;：:\s]{{0,4}}?{PRINCIPAL}\s*[：:]")
# A head post denied inside the phrase ("校长未担任组长", "组长不是校长"): not headed by them.
HEAD_DENIED = re.compile(r"未|没有|并非|不是|不再|不担任|不兼任")
# Groups of higher bodies are not the unit's own: 以习近平总书记为组长的中央网络安全和信息化领导
# 小组, 教育部网络安全和信息化领导小组, 省委网信委. Looked for before the group in its clause.
HIGHER_BODY = re.compile(
    r"党中央|中央|国家(?!开放大学)|国务院|教育部|省委|市委|县委|区委|省政府|市政府|县政府|"
    r"教育厅|教育局|教体局|总书记|习近平|自治区|上级|省校|省开放大学|省电大|省广播电视大学"
    # a county school's city school (市校), which guides it: "市校领导小组由校长任组长"
    r"|市校(?![园区])|(?<=[在由受经对向])市(?:开放大学|电大|广播电视大学)"
)
# A group named by what it is, followed by a roster (组长：/副组长：/成员：) on the next lines.
ROSTER_GROUP = re.compile(
    r"(?:网络安全|网信|信息化|网络与信息安全|信息安全)[^，,。；;：:]{0,10}"
    r"(?:工作小组|工作组|组织机构|领导机构|工作机构|小组)"
)
ROSTER_LINE = re.compile(r"^\s*(?:副?组\s*长|成\s*员|组\s*员)\s*[：:]")
ROSTER_HEAD = re.compile(r"^\s*组\s*长\s*[：:]")
SET_UP = re.compile(r"成立|组建|设立|调整|建立")

# ---- meetings (item 1) ------------------------------------------------------------------------

# "开了一次会": 会 alone after its count (次/场) is a meeting too.
MEETING = re.compile(r"会议(?!室)|专题会|工作会|例会|办公会|碰头会|会商|(?<=[次场])会(?![议室])")
# Sentences about meetings that are services to others (在线会议保障) or attended elsewhere.
MEETING_NOT_OURS = re.compile(
    r"参加|参与|出席|保障|支持|直播|视频会议|在线会议|网络会议|承办|协办|收看|观看|传达|精神"
)
# "第三次领导小组会议", "领导小组第一次全体会议": the third one held, so at least three.
MEETING_ORDINAL = re.compile(
    r"第(?P<n>[一二三四五六七八九十\d]{1,3})次[^，,。；;]{0,24}?会议(?!室)"
)
# Another body's or another kind of meeting named with an ordinal or between the group and it:
# 第三次校长办公会议, 党委会, 教代会. The group's own 全体会议 and 扩大会议 are not other kinds.
OTHER_MEETING = re.compile(r"党委|党组|党总支|支部|校务|校长办公|办公会|教代|职代|工会|团委|"
                           r"常委|理事|董事|委员会|办公室")
HELD = re.compile(r"召开|举行|举办|主持召开|组织召开|召集")
# Meetings given by their dates: "分别于3月、7月和11月召开会议" is three meetings.
_MONTH = r"(?:\d{4}年)?\d{1,2}月(?:份|\d{1,2}日)?"
MEETING_DATES = re.compile(rf"于(?P<dates>{_MONTH}(?:(?:、|和|及|与|，|,){_MONTH})+)"
                           r"[^，,。；;\d]{0,6}?(?:召开|举行|组织召开)")
MONTH = re.compile(_MONTH)
# "没有开过一次会" as well as "未召开": 开 said plainly, with 过 of experience; also qualified,
# "未单独召开过会议", "没有专门开会" (the group's work done at other meetings: none of its own).
NO_MEETING = re.compile(r"(?:未|没有|尚未|暂未|并未|未曾|没)(?:单独|专门|另行|正式|专题)?"
                        r"(?:召开|开展|组织|举行|开过?)")
# Meetings held before the one a text reports ("这是调整后的第一次会议，此前领导小组已于4月召开过
# 一次会议"): that one is held on top of them. Not "4月之前" (a part of the year).
EARLIER_MEETINGS = re.compile(r"(?:此前|在此之前|这之前|(?:本|此)次会议(?:召开)?前)"
                              r"[^，,。；;]{0,20}$")
# Meetings the text itself leaves out of the count it reports: "（2023年度召开的2次会议不在此列）",
# "…召开会议5次，我校派员列席其中1次，不计入本校会议次数".
NOT_COUNTED = re.compile(r"不在此列|不计入|未计入|不计在内|不包括在内|未包括在内|不统计在内|不列入")
NOT_COUNTED_CLAUSE = re.compile(rf"^\s*(?:均|都|也|亦|故|因此)?(?:{NOT_COUNTED.pattern})")
VAGUE_MEETING = re.compile(r"多次|定期|不定期|经常|适时|及时")
MEETING_UNITS = ("次", "场")

# ---- bounds ------------------------------------------------------------------------------------

# A figure said to be an upper bound ("比例还不到3%", "不足年度总预算的3%", "专职人员少于3人",
# "3%以下"): the value is below it, not it, and the rubric's bands meet at it (3%-5% and 3%以下
# both hold 3), so reading it as the value may score it a band too high. Not 不低于/不少于 (a
# lower bound, read as the value as 以上 is). Between the bound and the figure only what it is a
# part of, ended by 的 ("年度总预算的").
UPPER_BOUND_BEFORE = re.compile(
    r"(?:不到|不足|不满|未满|(?<!不)(?:低于|少于|小于)|未(?:能)?达到?|没(?:有)?达到"
    r"|(?:未|没有|不)超过|不高于|不大于|不多于)(?:[^，,。；;\d]{0,6}的)?\s*$")
UPPER_BOUND_AFTER = ("以下", "以内")

# ---- budget share (item 2) --------------------------------------------------------------------

MONEY_TOPIC = re.compile(r"投入|经费|资金|预算|支出|投资")
IT_MONEY = re.compile(r"信息化|网络安全|网信|软硬件|软件|硬件|信息技术|数字化|智慧校园")
# "占总预算的6.4%", and a share said as a part of the total: "达到总支出的6.2%", "为年度预算的5%"
# (not a part of the IT money itself: "信息化经费的60%用于设备购置").
SHARE_WORDS = re.compile(r"占|比例|占比|比重|"
                         r"(?:总预算|预算总额|年度预算|总支出|支出总额|经费总额|总经费)的\s*(?=[\d百])")
# A percentage that is a change, not a share: 同比增长10%; not the level reached: "提高到6%".
NOT_SHARE = re.compile(r"(?:增长|提高|提升|同比|环比|下降|减少|增加|增幅|降幅)(?![到至])"
                       r"[^，。；]{0,3}$")
# The earlier share a change starts from: "占比由6.5%提升到8%", "比例从5%有所提高" (6.5, 5).
SHARE_FROM = re.compile(r"(?:由|从)[^，。；\d]{0,6}$")
SHARE_CHANGE_AFTER = re.compile(r"[^，。；\d]{0,6}(?:提升|提高|增长|增加|上升|下降|降低|减少|"
                                r"增至|升至|降至|调整|到)")
# A table cell that holds a count and nothing else ("3"): a row's or a column's count.
BARE_COUNT = re.compile(r"^\s*(\d{1,3})\s*$")
# One year named: 2024年 (年度), not the end of a range (2021—2024年) nor a start (2021年以来).
SINGLE_YEAR = r"(?<![-—–至到~\d])(?P<year>\d{4})\s*年(?![-—–至到~以])"
# The share of the year reported on, told after an earlier one as its change: "2023年占总预算的
# 2.8%，今年增加到4.5%" (4.5; the clause opens with the time, and has no other subject before the
# change: "其中软件投入增加到30%" is not it).
SHARE_NOW = re.compile(r"^(?:今年|本年度?|当年|\d{4}\s*年度?|目前|现)[^，,。；;\d%]{0,6}?"
                       r"(?:(?:增加|提高|提升|上升|增长|下降|降低|减少|调整)(?:到|至)|[增升降]至)"
                       r"\s*$")
# A percentage that is a weight in an assessment, not a budget share: 权重占比不低于5%.
WEIGHT_SHARE = re.compile(r"权重|考核|分值|得分|评分|赋分")
TOTAL_WORDS = re.compile(
    r"总预算|预算总额|年度预算|全年预算|预算总|部门预算|总支出|支出总额|经费总额|总经费|总额"
)
# 采购/购置 name IT money only with an IT object ("其中信息化硬件采购96万元"; not 图书采购).
AMOUNT_WORDS = re.compile(
    r"投入|经费|资金|支出|花费|投资|金额|(?:信息化|软件|硬件|设备|平台)[^，,、；;\d]{0,4}(?:采购|购置)"
)
AGGREGATE = re.compile(r"共|合计|总计|累计|总投入")
SOFTWARE = re.compile(r"软件")
HARDWARE = re.compile(r"硬件")

# ---- IT staff (item 3) ------------------------------------------------------------------------

FULL_TIME = re.compile(r"专职")
PART_TIME = re.compile(r"兼职")
# 网管 (a network administrator, "专职网管1名") is one of them, named by the post.
STAFF_NOUN = re.compile(r"人员|技术人员|工作人员|队伍|员工|教师|技术骨干|工程师|管理员|网管")
# Without 专职, only these nouns make an IT team's head count: 信息技术教师 teach a subject.
TEAM_NOUN = re.compile(r"人员|技术人员|工作人员|技术骨干|工程师|管理员|网管")
# Counts of the whole staff or of students, never of IT staff: 教职工64人, 学生1200人.
NOT_STAFF_COUNT = re.compile(
    r"(?:教职工|教职员工|学生|在校生|班级|专任教师|全体教师)[^，,、；;]{0,3}$"
)
# "由2023年的4人增加到目前的6人": the count before 增加到/增至 is the former figure, not today's.
FORMER_COUNT = re.compile(
    r"^[^，,；;。\d]{0,4}(?:增加|增长|增|提高|提升|发展|扩充|扩大|充实|壮大|减少|减|调整)(?:到|至)"
)
# "上年度信息化投入占比为4.2%": a share of an earlier year, not of the year reported on.
# What an inspection found (检查指出我校…仅占2.8%，专职人员只有2人): the state before the
# rectification a 整改报告 goes on to report, unless the text says it is now so after it.
FINDING = re.compile(r"(?:检查|督查|巡查|评估|审计|反馈|督导)(?:组|意见)?中?(?:指出|发现)")
FINDING_NOW = re.compile(r"整改|目前|现有|现已|现在|当前")
PRIOR_YEAR = re.compile(r"上一?年度?|去年|前年|上一年")
IT_TEAM = re.compile(r"信息化|信息技术中心|信息中心|网络中心|现代教育技术中心|信息技术|网络管理")
HAS_STAFF = re.compile(r"配备|现有|共有|拥有|编制|设有|有")
NOT_STAFF = re.compile(r"培训|参加|参与|学员|学生|学习者|考生")
TAKING_PART = ("参加", "参与")  # of NOT_STAFF: participants only before the staff noun
# "中心实有5人，均为专职": a head count then said to be all full-time, without a staff noun.
ALL_FULL_TIME = re.compile(r"(?:均|全部|全|都|皆)(?:为|是|系|属)?专职")
# "没有信息化专职人员": the field may stand between the denial and 专职.
NO_STAFF = re.compile(r"(?:无|没有|未配备|尚未配备|暂无|未设)(?:信息化|信息技术|网络|网信)?专职")
STAFF_UNITS = ("人", "名", "位")
# The unit's IT office named in one sentence, and its people counted in the next with the centre
# as subject ("日常工作由信息中心承担。中心现有工作人员3人"); not a 中心校 or 中心小学.
IT_CENTRE = re.compile(r"(?:信息化|信息技术|网络信息|信息|网络|现代教育技术|教育技术|电教)"
                       r"(?:管理|服务)?中心")
CENTRE_SUBJECT = re.compile(r"^(?:该|本)?中心(?![校小中学城区])")
# Another body's centre: 市电教中心, 县教育局信息中心, 省校信息化中心.
OTHER_CENTRE = re.compile(r"[省市县区]$")

# ---- security policy and incidents (item 9) ---------------------------------------------------

POLICY_TITLE = re.compile(
    r"《(?P<title>[^《》]{2,40}?(?:制度|办法|规定|预案|细则|规范|条例|规程|方案|守则|实施意见|须知))》"
)
SECURITY_WORDS = re.compile(
    r"网络|信息|网信|数据|安全|系统|机房|保密|账号|密码|应急|等级保护|等保|网站|新媒体|公众号|设备|资产"
)
SECURITY_CONTEXT = re.compile(r"网络安全|网信安全|信息安全|数据安全|安全管理|等级保护|等保")
POLICY_MADE = re.compile(
    r"(?:制定|出台|修订|完善|建立|印发)[^，。；]{0,20}(?:制度|办法|规定|预案|细则)"
)
POLICY_WEAK = re.compile(
    r"不健全|未健全|不够健全|有待(?:进一步)?完善|有待(?:进一步)?健全|尚不完善|不够完善|不完善|缺乏|欠缺|尚未建立|滞后|薄弱"
    r"|缺失|空白"
    # rules on paper only: "部分制度仍停留在墙上", "制度执行流于形式", "未形成体系"
    r"|停留在(?:纸面|纸上|墙上|口头)|流于形式|未(?:形成|成)体系|不成体系"
    # rules said to be missing or still to be made: "尚无专门的网络安全制度", "相关制度亟待建立"
    r"|(?:尚无|暂无|缺少|还没有)[^，,。；;]{0,12}(?:制度|办法|规定|预案|细则|规范)"
    r"|(?:亟待|亟需|急需|有待)(?:进一步)?(?:建立|制定|出台|健全|完善)"
)
# Another body's lack, named before it in its clause ("市教育局尚无统一的…办法", "部分县校尚无应急
# 预案"): not the unit's rules.
POLICY_OTHER = re.compile(r"(?:部分|个别|一些|少数|多数|各)[^，,。；;]{0,4}"
                          r"(?:校|单位|分校|工作站|教学点|学习中心)")
# A lack told as a past state the text says is fixed ("去年学校尚无网络安全制度，今年已制定…"):
# the marker of the past before the lack, the making after it or in the next sentence.
POLICY_PAST = re.compile(r"此前|以前|过去|原来|原先|去年|上一?年度?|曾经?")
POLICY_FIXED = re.compile(r"(?:现已|目前已|今年已|已经|已)(?:陆续|全部|先后)?"
                          r"(?:制定|建立|出台|健全|完善|印发|修订)")
# The unit's own judgement of its rules, without titles: "网络安全管理制度健全" (complete);
# "制度较为完善", "制度体系基本健全", "制度进一步健全" (mostly_complete: a degree or progress).
# A negation or a lack in between ("制度不健全", "尚待完善") is a weakness (POLICY_WEAK).
# Not a need or a call ("制度还需进一步完善", "制度要健全"): 需 and 要 stop the reading.
POLICY_SOUND = re.compile(
    r"(?:制度|规章|规范|预案)(?:体系|建设)?[^，,。；;、不未尚待欠缺需要]{0,2}?"
    r"(?P<degree>较为|比较|较|基本|相对|日趋|逐步|进一步|不断)?(?:健全|完善|齐全|完备)"
)
POLICY_COMPLETE_COUNT = 3  # distinct named security policies for "complete"
# A weakness counts only when the clause is about the rules: "部分教师网络安全意识薄弱" is not.
POLICY_WORD = re.compile(r"制度|办法|规定|预案|细则|机制|规范|规章")
# 《…》 titles that are not the unit's own security policies: laws and rules of the state cited as
# the basis (根据《中华人民共和国网络安全法》), activity plans (…活动实施方案), and duties or plans
# (负责制定《…办法》).
NOT_OWN_TITLE = re.compile(
    r"^(?:中华人民共和国|国家|全国|教育部|国务院|关于)|(?:(?<!办)法|条例|法律|法规)$"
    r"|活动|宣传周|竞赛|比赛|大赛|评选|(?:实施|工作|行动)方案$|工作要点$|行动计划$"
    # a budget or a building project (《2025年学校信息化建设预算方案》) is no security policy
    r"|(?:预算|建设|采购|招标|改造|升级)[^《》]{0,4}方案$"
)
TITLE_BASIS = re.compile(
    r"(?:根据|依据|按照|遵照|依照|贯彻|落实|学习|对照|参照|执行|负责|拟|将|计划|准备|正在|牵头)"
    r"[^，,。；;]*$"
)
# A duty or a plan, not a policy made: 负责制定…办法, 拟出台…制度; or a part in another's making
# ("参与修订了中心的网络安全管理制度", "协助起草…"): what someone did, not the unit's rules.
POLICY_DUTY = re.compile(
    r"(?:负责|拟|将|计划|准备|牵头|参与|协助|配合)[^，,。；;]{0,4}"
    r"(?:制定|出台|修订|完善|建立|印发|起草)"
)
# The writer as the subject, as a personal 总结 tells its own work ("我在网络中心工作，今年和同事
# 修订了…"): not 我校, 我院, 我们 (the unit speaking), nor 自我.
FIRST_PERSON = re.compile(r"本人|(?<!自)我(?![校院们单国省市县区])")
# After a title: it is the rule followed, not one made (以《…办法》为遵循, 《…》精神).
TITLE_FOLLOWED = re.compile(r"^(?:为遵循|为依据|为指导|为准绳|为指引|精神|的要求|要求|规定的)")
# A title that names a school or college as its maker is the unit's own, whatever verb leads it
# ("严格落实《邯郸开放大学网络安全工作责任制实施细则》").
TITLE_OWN_NAME = re.compile(
    r"^(?!国家开放大学)[^《》]{2,14}?(?:开放大学|大学|学院|学校|中学|小学|分校|工作站)"
)
# A deadline before a title in its clause, a task set rather than a rule the unit has: a meeting's
# decision "9月底前完成《网络安全事件应急预案》和《数据备份管理办法》修订", "年内出台《…办法》".
# Done by then (了, 已: "6月底前完成了《…》修订") is a fact again (POLICY_DONE).
POLICY_DEADLINE = re.compile(r"(?:(?:(?:月|年|季度|学期)(?:底|末)|[上中下]旬|\d{1,2}日)之?前"
                             r"|年内|月内|限期)[^，,。；;《》]{0,6}$")
POLICY_DONE = re.compile(r"了|已")
# A title taken as a model, not the unit's own: "参照《某大学网络安全管理办法》起草了本校办法".
TITLE_MODEL = re.compile(r"(?:参照|参考|借鉴|学习|对照|仿照)[^，,。；;]{0,6}$")
# A higher body issuing the title ("省校印发了《河北开放大学网络安全管理办法》", "县教育局下发
# 《…制度》"): its rule, which the unit follows, not one the unit made, even when it names a school.
HIGHER_ISSUER = (r"(?:省校|总校|总部|省开放大学|省开大|国家开放大学|上级(?:部门|单位|主管部门)?|"
                 r"教育厅|教育局|教体局|教育体育局|(?:省|市|县|区)(?:委|政府|网信办))"
                 r"[^，,。；;《》]{0,6}")
TITLE_ISSUED_ABOVE = re.compile(
    rf"{HIGHER_ISSUER}(?:印发|下发|出台|制定|发布|转发|颁布)了?[^，,。；;《》]{{0,3}}$")
# The same issuer before the verb of POLICY_MADE: "省校印发了网络安全管理办法".
ISSUED_ABOVE = re.compile(rf"{HIGHER_ISSUER}$")
TITLE_OF_HIGHER = re.compile(r"(?:教育部|教育厅|中央|国家|国务院|公安部|网信办)[^，,。；;]{0,3}$")

INCIDENT = re.compile(r"事故|事件")
INCIDENT_CONTEXT = re.compile(
    r"网络|网信|信息|数据|系统|安全|病毒|攻击|网站|网页|篡改|泄露|入侵|勒索|黑客"
    # a machine compromised: "录播服务器被植入挖矿程序", "办公电脑被植入木马"
    r"|服务器|主机|终端|电脑|计算机|木马|挖矿|后门|恶意(?:程序|代码|软件)"
)
# Negation within the clause before the noun: 未发生, 没有发生, 无…事故, 零事故, 从未出现.
INCIDENT_NONE = re.compile(
    r"(?:未|没有|没|无(?!线)|未曾|从未|零)(?:发生|出现|发现)?[^，。；]{0,20}$"
)
# A table row's whole value cell under an incident label (网信安全事故 | 无): nothing happened.
INCIDENT_NONE_CELL = re.compile(
    r"(?:无|没有|未发生|未出现|从未发生|零|0\s*[起次件]?)(?:事故|事件|安全事故|安全事件)?[。.]?"
)
# Goals, duties and conditions, not facts: 防止发生安全事故, 确保不发生…, 一旦发生…立即处置.
INCIDENT_GOAL = re.compile(
    r"防止|避免|预防|杜绝|确保|防范|以免|严防|谨防|减少|一旦|如遇|如果|若|万一|应急"
    r"|守住|守牢|不发生|不出现"  # 守住不发生重大网络安全事件的底线: a line to hold, not a fact
    # a drill's scenario: "应急演练模拟门户网站遭篡改", "假设数据库遭勒索病毒加密"
    r"|模拟|演练|演习|推演|假设|假定"
)
# An incident graded by how it was reported: "学校按一般网信安全事故上报了市网信办", "已作为较大
# 网络安全事件报告省教育厅" (after the grade's 按/作为/以). Done (已…, …了), not a rule of a plan
# ("…的，按一般网络安全事件上报").
INCIDENT_REPORTED_AS = (r"(?:特别重大|重大|较大|一般)[^，,。；;]{0,8}?(?:事故|事件)"
                        r"(?:向[^，,。；;]{0,10}?)?(?:上报|报告|报送|报备)")
INCIDENT_HAPPENED = re.compile(
    r"(?:发生|出现|遭受|遭到)了?[^，。；]{0,16}(?:事故|事件)"
    r"|(?<!周)(?:遭受|遭到|遭)了?[^，。；]{0,12}(?:攻击|入侵|勒索|篡改|泄露)"
    # an incident told by what it did: "系统瘫痪5天", "1.2万条学生个人信息泄露"
    r"|瘫痪|(?:信息|数据)被?(?:泄露|外泄)"
    r"|感染了?[^，。；]{0,8}(?:病毒|木马|勒索)"
    r"|被[^，。；]{0,4}(?:植入|篡改|攻击|入侵|挂马|劫持)"
    # an incident told by its grade: "定性为一般网信安全事故", "被认定为较大网络安全事件", "此次
    # 事件属于一般网信安全事故" (属 right after the event: not "不属于")
    r"|(?:定性为|认定为|界定为|定为|(?<=[件故])属于?)(?:特别重大|重大|较大|一般)[^，。；]{0,8}"
    r"(?:事故|事件)"
    rf"|已(?:按|按照|作为|以){INCIDENT_REPORTED_AS}|(?:按|按照|作为|以){INCIDENT_REPORTED_AS}了"
)
# An attack the defences stopped is not an incident: "遭到境外IP扫描攻击，防火墙成功拦截" (a page
# defaced or a virus caught, then contained, still is one).
INCIDENT_BLOCKED = re.compile(r"[^。；;]{0,20}?(?:成功)?(?:拦截|阻断|抵御|防御住|未得逞|未能得逞)")
# An incident named as the case a rule handles, by 的 before the rule: "认定为一般网络安全事件的，
# 由信息中心负责处置" (a plan's clause), not an incident that happened.
INCIDENT_CASE = re.compile(r"的[，,]")
# A higher body's 通报 of an incident before it in the sentence: "省校通报，某市校网站被篡改" is
# another unit's incident told as a warning, unless the unit is named after the 通报 ("省校通报
# 我校网站被篡改": its own). 某 alone says nothing: texts name the unit itself 某县开放大学.
INCIDENT_REPORTED = re.compile(rf"(?:{HIGHER_BODY.pattern})[^。；;]{{0,8}}?通报(?!表扬|表彰)")
# The unit named after a 通报: 我校…, or a clause of its own that opens with 学校 ("市教育局通报
# 全市情况后，学校自查发现…").
OWN_UNIT = re.compile(r"我校|本校|我单位|本单位|我院|本院|我站|本站|[，,：:](?:学校|全校|学院)")
# An incident of an earlier year: 曾, 去年, 往年.
INCIDENT_PAST = re.compile(r"曾|去年|上一?年度?|往年|前年|以往|此前")
INCIDENT_MAJOR = re.compile(r"重大|特大|严重|较大|特别重大")
# An incident classed afterwards ("…，属较大网络安全事件") or by its harm ("造成严重影响"); a
# negation before either in its clause (NEGATED: 未造成重大影响) leaves the incident minor.
INCIDENT_SERIOUS = re.compile(
    r"造成[^，,。；;]{0,6}?(?:严重|重大|恶劣|较大)[^，,。；;]{0,4}?(?:影响|后果|损失)"
)
# An incident stated by its consequences is a major one: a system down (系统瘫痪5天; not a few
# minutes), data leaked, the unit reprimanded by a higher body (被省教育厅通报批评; not 通报表扬).
INCIDENT_CONSEQUENCE = re.compile(
    r"瘫痪(?![约近]?\s*[\d一二两三四五六七八九十几]+\s*(?:分钟|秒))|(?:信息|数据)被?(?:泄露|外泄)"
    r"|被[^，,。；;]{0,8}通报(?!表扬|表彰)|被[^，,。；;]{0,8}约谈")
INCIDENT_CLASS = re.compile(
    rf"(?:属(?:于)?|定性为|认定为|界定为|定为|(?:按|按照|作为|以)(?={INCIDENT_REPORTED_AS}))"
    r"(?P<grade>特别重大|重大|较大|一般)[^，,。；;]{0,8}(?:事件|事故)"
)
# A negation anywhere before a verb in its clause: "未造成重大影响", "未对教学造成严重影响",
# "没有给学校造成损失", "不属于重大事件". 不断、不仅、无论 are not negations.
NEGATED = re.compile(r"(?:未|没有|没|并未|从未|尚未|(?<!毫)无(?!论|线|法)"
                     r"|不(?!断|仅|但|少|久|同|定))[^，,。；;]*$")

# ---- statistics usually taken from platforms (items 10, 11) ------------------------------------

ONLINE_DAYS = re.compile(r"人均上线(?:天数)?|上线天数")
# The statistic named 在线(学习)天数 is the per-capita one only with 人均 beside it: "在线学习
# 天数人均达到142天", "在线天数：全年人均186天", "人均在线天数150天"; the figure is the one after
# 人均, not a total before it ("在线学习天数累计31248天，人均126天").
ONLINE_DAYS_PER_CAPITA = re.compile(
    r"人均[^，,。；;\d]{0,8}在线(?:学习)?天数|在线(?:学习)?天数[^。；;\n]{0,16}?人均"
)
# A row "教师在线天数 | 158天 | 人均": the label names it, another cell says it is per capita.
ONLINE_DAYS_NOUN = re.compile(r"在线(?:学习)?天数")
PER_CAPITA = re.compile(r"人均")
# A figure of a whole area or of every school in it, before the statistic in its clause ("全市特教
# 学校教师人均上线天数为120天"): another body's average, not the unit's.
AREA_FIGURE = re.compile(r"(?:全(?:省|市|县|区|国)|各(?:市校|县校|县区|市|县|区|校|单位)|省内|市内)"
                         r"[^，,。；;]*$")
# Students' days are not the teachers' ("学生在线学习天数人均80天"); the teachers who tutor them
# are ("辅导学员的教师在线学习天数人均…").
STUDENT_FIGURE = re.compile(r"(?:学生|学员|学习者)(?![^，,。；;]*(?:教师|老师))[^，,。；;]*$")
LOGINS = re.compile(r"人均登录(?:次数)?|人均登陆(?:次数)?")

# ---- expert items: what concrete evidence each tier descriptor asks for -----------------------


@dataclass(frozen=True)
class ItemLexicon:
    """Evidence words for one expert item, and what counts as a large number for it.

    `topic`: the sentence is about this item. `measure`: a number in the same clause is evidence
    (users, followers, resources, activities, services). Thresholds are in base units (人, 个).
    """

    topic: re.Pattern[str]
    measure: re.Pattern[str]
    large_people: float
    large_things: float
    exclude: re.Pattern[str] | None = None  # topic sentences that belong to another item


# Activities organised by the system (省校), where the unit takes part: item 6, not item 7.
_SYSTEM_ACTIVITY = re.compile(r"(?:省校|体系|全省|上级|国家开放大学|国开)[^。；]{0,30}"
                              r"(?:活动|大赛|比赛|竞赛|评选|培训|征集|展示)")
PEOPLE_UNITS = ("人", "人次", "名", "位")
THING_UNITS = ("个", "门", "部", "件", "篇", "条", "项", "场", "次", "期", "集", "讲", "节", "套",
               "类", "种", "课时", "学时", "小时", "GB", "TB", "届", "批", "轮", "所", "家")

EXPERT: dict[str, ItemLexicon] = {
    # 门户网站、公众号、子站: 用户数量、关注度、更新.
    "portal": ItemLexicon(
        topic=re.compile(r"门户网站|网站|公众号|视频号|抖音|微博|新媒体|子站|客户端|APP|App|app"),
        measure=re.compile(r"用户|关注|粉丝|订阅|阅读|浏览|访问|点击|发布|推送|更新|稿件|文章|信息"),
        large_people=10_000, large_things=300),
    # 数字化资源: 数量、种类、选课人数、共享.
    "resources": ItemLexicon(
        topic=re.compile(r"资源|课程|微课|慕课|MOOC|视频|课件|题库|数字教材|电子教材|案例库"),
        measure=re.compile(r"建设|制作|开发|录制|上线|共享|选课|学习|浏览|点击|使用|共|累计"),
        large_people=5_000, large_things=100),
    # 体系(省校)组织的活动: 所辖区县参与、参与人数.
    "system_activities": ItemLexicon(
        topic=_SYSTEM_ACTIVITY,
        measure=re.compile(r"参加|参与|参赛|报名|获奖|获得|区县|县级|分校|覆盖"),
        large_people=500, large_things=10),
    # 本单位组织的信息化活动: 活动多、参与人数多.
    "own_activities": ItemLexicon(
        topic=re.compile(r"培训|讲座|大赛|比赛|竞赛|活动|研讨|沙龙|工作坊|教研|展评"),
        measure=re.compile(r"组织|举办|开展|承办|参与|参加|覆盖|培训"),
        large_people=1_000, large_things=10, exclude=_SYSTEM_ACTIVITY),
    # 在线会议、教学直播、考试、人事系统等支持服务: 次数多.
    "services": ItemLexicon(
        topic=re.compile(r"在线会议|视频会议|网络会议|直播|考试|人事系统|办公系统|OA|教务|录播|"
                         r"技术支持|技术保障|服务保障|运维"),
        measure=re.compile(r"保障|支持|服务|提供|完成|开展|录制|组织|处理"),
        large_people=5_000, large_things=50),
    # 特色与创新: 管理、服务、技术、应用创新，要求有具体效果.
    "innovation": ItemLexicon(
        topic=re.compile(r"创新|特色|首创|首个|自主研发|自主开发|自编|研发|专利|软件著作权|著作权|"
                         r"数字人|人工智能|AI|获评|推广|示范"),
        measure=re.compile(r"节省|减少|提高|提升|覆盖|服务|应用|使用|推广|获|达"),
        large_people=5_000, large_things=10),
}

# Which lexicon an expert item uses, by its name (二级指标), so another programme's wording finds
# the right one; first match wins, hence 参与 (体系组织…参与情况) before 活动组织. Item ids of the
# Hebei rubric are the fallback.
EXPERT_BY_NAME: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"门户|新媒体|公众号|网站"), "portal"),
    (re.compile(r"资源"), "resources"),
    (re.compile(r"体系.*活动|活动.*参与"), "system_activities"),
    (re.compile(r"活动"), "own_activities"),
    (re.compile(r"支持服务|服务情况|教学办公"), "services"),
    (re.compile(r"特色|创新"), "innovation"),
)
EXPERT_BY_ID = {"4": "portal", "5": "resources", "6": "system_activities",
                "7": "own_activities", "8": "services", "12": "innovation"}


def expert_lexicon(item_id: str, name: str) -> ItemLexicon | None:
    for pattern, kind in EXPERT_BY_NAME:
        if pattern.search(name):
            return EXPERT[kind]
    kind = EXPERT_BY_ID.get(item_id)
    return EXPERT[kind] if kind else None
