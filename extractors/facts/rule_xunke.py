"""Facts of the 逊克 school rubric (xunke-2018-school) that school self-assessment reports state
in words: 领导小组 and 信息化办公室, plans, named 制度, 资产账, 责任表, protection, backups, the
resource library, 档案, 帐号, 按月上报, 专递课程, the school website. Counts, percentages and
awards are in rule_xunke_counts and rule_xunke_awards; 特色与创新 and 校际互动 in
rule_xunke_showcase.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from extractors.facts import lexicon as lx
from extractors.facts import modality
from extractors.facts.evidence import Evidence, no_evidence
from extractors.facts.modality import DIRECTIVE, INTENT, RUBRIC_QUOTE
from extractors.facts.rule_group import leading_group
from extractors.facts.rule_security import security_incident
from extractors.facts.rule_statements import Statement, rule, stated
from extractors.facts.rule_xunke_awards import AWARD_RULES
from extractors.facts.rule_xunke_counts import COUNT_RULES, SUPPLIED
from extractors.facts.rule_xunke_showcase import interactive_subject_share, showcase_level
from extractors.facts.text import Sentence, clause_at, following

Rule = Callable[[list[Sentence]], Evidence]

_DEVICE = r"设备|机房|计算机|微机|电脑|多媒体|班班通|网络|电教|信息化|白板|功能室|器材"
_TEACHING_USE = (r"(?:(?:班班通|多媒体|信息技术|电子白板|信息化|电教|设备|课件)"
                 r"[^，,。；;]{0,12}(?:使用|应用|运用|授课|教学)"
                 # a learning space's or platform's own use ("空间应用", "平台的使用") is what the
                 # space usage facts (平台建设) measure; teaching through it ("利用空间开展教学")
                 # is teaching with IT
                 r"|(?:平台|空间)[^，,。；;]{0,12}(?:授课|教学)"
                 # not across a list's 、: "资源使用登记制度、多媒体教室管理制度" are two rules
                 r"|(?:使用|应用|运用)[^，,。；;、]{0,6}(?:班班通|多媒体|信息技术|电子白板|电教设备))")
# "应用情况" said of the teachers, not of a space or platform ("空间应用情况", "平台的使用情况").
_USE_NOT_OF_SPACE = r"(?<!空间)(?<!平台)(?<!空间的)(?<!平台的)"
# A higher body before the topic in its clause, the school not named between: "县教育局…情况通报"
# (its report, not the school's 通报); not its basis ("按照县教育局部署，").
# "县里要求每位教师…" names the county by its colloquial name.
_BODY = r"(?:县|市|省)?(?:教育局|教体局|教育体育局|教育厅|教育部|进修学校|电教馆)|县局|市局"
_OTHER_BODY = re.compile(rf"^(?:(?!按照|根据|依据)[^，,。；;]){{0,6}}?(?:{_BODY})"
                         r"(?:(?!学校|我校|本校|全校)[^，,。；;]){0,24}$"
                         rf"|(?:{_BODY})[^，,。；;]{{0,6}}$|(?:上级|县里|市里|省里)[^，,。；;]{{0,4}}$"
                         # a body's own document by its title: "县教育局关于…专项检查的通报"
                         rf"|(?:{_BODY})关于[^，,。；;]*$")
# The rubric's own name stands alone; a 信息中心 or 电教中心 counts where it is set up or given a
# duty ("设有电教办公室", "信息中心具体负责落实"), not where it only does one task ("信息中心对全校
# 计算机逐台检查").
_OFFICE_SET_UP = r"(?:成立|设立|设有|下设|组建|建立|设置)了?"
_OTHER_OFFICE = r"信息(?:技术)?中心|电教(?:中心|办公室|办)|网络中心"
_IT_OFFICE = r"信息化(?:工作)?办公室"
# Verbs of teaching with a device; 用 alone only before the lesson it is used in ("每周用班班通上课
# 不少于8节"), not in 作用, 费用 or 用途.
_USES = r"使用|应用|运用|利用|(?<![作费专公])用(?=[^，,。；;]{1,10}(?:上课|授课|讲课|教学|备课))"
# The school inspected by a higher body or its team ("县教体局督导组对我校…进行了检查",
# "市检查组到校查看了…"): the school is the one checked, not the one who supervises its teachers.
_INSPECTED = (rf"(?:{_BODY}|督导组|检查组|评估组|专家组|调研组|考核组)[^，,。；;]{{0,8}}"
              r"(?:对|到|来|深入|莅临)(?:我校|学校|本校|全校|校)[^，,。；;]{0,24}$")
# The rubric asks that the office be set up with its duties: named only as the one who does one
# task ("学校信息化办公室对全体教师进行了问卷调查"), who receives a thing ("交信息化办公室存档") or
# who signs the document, it is not said to be set up. Said to exist ("没有专门的信息化办公室"),
# set up ("下设…"), or given a standing duty ("…负责全校设备运维", "职责明确") it is.
_OFFICE_HELD = r"(?<![所])(?:有|无)(?:专门|单独|独立|专设)?的?"
_OFFICE_DUTY = (r"负责|牵头|主管|统筹|职责|分工|(?:成立|设立|组建)于"
                r"|(?:已|于[^，,。；;]{0,8})(?:成立|设立|组建)"
                # where it sits and who staffs it: "设在教导处", "与教导处合署办公", "配有主任1名"
                r"|设在|设于|挂靠|合署|配备|配有")
# The office as the one who does a task ("由信息化办公室负责维护", "组织信息化办公室人员自查")
# names it as an actor; whether it is set up with its duties is not what the sentence says.
_OFFICE_AS_AGENT = r"(?:由|交由|组织|安排)[^，,。；;]{0,2}$"

# One character of a sentence that does not open a mention of 专递课.
_NO_COURSE = r"(?:(?!专递课)[^。；;])"
# "3月、4月未能按时上报", "有两个月没有上报", "5月份漏报", "缺报2个月": months the report was
# not made. A denial anywhere before 漏报 in its clause ("全年无一个月漏报", "无缺报、漏报月份",
# "从未漏报") says there was no gap.
_UNDENIED = r"(?:^|(?<=[，,。；;\n]))(?:(?!无|未|没|不|杜绝|避免)[^，,。；;\n])*?"
_LEFT_OUT = r"(?:漏报|缺报)"
_MONTHS_MISSED = (r"月[^，,。；;]{0,4}(?:未能|未|没有)[^，,。；;]{0,4}(?:上报|填报|报送)"
                  rf"|{_UNDENIED}(?:月(?:(?!无|未|没|不)[^，,。；;\n]){{0,4}}{_LEFT_OUT}"
                  rf"|{_LEFT_OUT}了?[^，,。；;\n]{{0,4}}月)")

STATEMENTS: dict[str, Statement] = {
    "it_office": Statement(
        "成立信息化办公室", re.compile(
            # not a thing set up and handed to it: "建立了资料交信息化办公室存档制度"
            rf"{_OFFICE_SET_UP}(?:(?!交|由|向|报|送)[^，,。；;]){{0,12}}?"
            rf"(?:{_IT_OFFICE}|{_OTHER_OFFICE})"
            rf"|{_OFFICE_HELD}(?:{_IT_OFFICE})"
            rf"|(?:{_IT_OFFICE}|{_OTHER_OFFICE})(?=[^，,。；;]{{0,8}}(?:{_OFFICE_DUTY}))"
            # a table row's label cell of the name alone: its value says whether it is set up
            rf"|(?:^|(?<=\n))\s*(?:{_IT_OFFICE})(?=\s*\n)"
            r"|(?:信息化|网信|网络安全)[^，,。；;]{0,12}领导小组(?:下设)?办公室"),
        not_ours=re.compile(rf"{_OTHER_BODY.pattern}|{_OFFICE_AS_AGENT}")),
    "plans_reflect_it": Statement(
        "年度及学期工作计划、总结中体现信息化", re.compile(
            r"信息化(?:应用)?(?:工作)?(?:计划|总结)|(?:工作计划|工作总结|计划和总结|计划、总结)"
            r"[^。；;]{0,20}(?:体现|纳入|包含|列入|涵盖)[^。；;]{0,8}信息化"
            r"|(?:学期|学年|年度)[^，,。；;]{0,10}信息化[^，,。；;]{0,6}(?:计划|总结)"),
        # a post's duty towards the plan ("组织实施学期信息化工作计划", "审定…学期计划", a 岗位
        # 职责 cell) says who carries it out, not that the school's plans take IT in
        not_ours=re.compile(r"(?:组织实施|审定|审核|负责)(?!了)[^，,。；;了]{0,6}$"),
        skip=re.compile(r"行动计划|发展规划|《[^》]*计划》")),
    "maintenance_rules": Statement(
        "有符合本校实际的维护管理制度", re.compile(
            # a 责任制度 (who is responsible) is device_responsibility, not maintenance rules
            r"(?:维护|维修|保养|管理|使用)[^，,。；;《》]{0,8}(?<!责任)(?:制度|办法|规定|细则|守则)"),
        also=re.compile(_DEVICE),
        skip=re.compile(r"教师[^，,。；;]{0,8}(?:应用|使用)[^，,。；;]{0,12}教学"),
        # "有维护管理的相关规定，但还不够完整": the rubric asks for complete rules.
        contrary=re.compile(r"(?:维护|管理)[^。；;]{0,16}(?:不够|尚不|不)(?:完整|完善|健全)")),
    "teaching_it_rules": Statement(
        "对教师应用信息技术设备教学有制度", re.compile(
            # a 奖惩办法 is the rewards' (teaching_it_rewards), not the rules of use
            _TEACHING_USE + r"[^，,。；;]{0,10}(?<!奖惩)(?<!奖励)(?:管理)?(?:制度|办法|规定|细则)"),
        also=re.compile(r"教师|教学|授课")),
    "teaching_it_requirements": Statement(
        "对教师应用信息技术设备教学有要求", re.compile(
            # 信息技术应用能力提升 names the teachers' training programme, not their teaching
            rf"(?:要求|规定)[^。；;]{{0,12}}教师[^。；;]{{0,24}}(?:{_USES})(?!能力)"
            r"|(?:提出|明确)[^，,。；;]{0,6}要求"
            rf"|(?:至少|不少于|不低于)[^，,。；;]{{0,4}}(?:{_USES})|(?:{_USES})(?!能力)"
            r"[^，,。；;]{0,12}(?:不少于|不低于|至少)"),
        also=re.compile(r"班班通|多媒体|信息技术|电子白板|信息化|设备|课件|平台"),
        not_ours=_OTHER_BODY,  # "县里要求每位教师…": the county's requirement, not the school's
        goal_words=re.compile(r"将要|计划|拟|下一步|争取")),
    "teaching_it_supervision": Statement(
        "对教师应用信息技术设备教学有督查", re.compile(
            # a team named for its task (督导组, 检查组) is who checks, not a check made
            r"(?:督查|检查|抽查|巡查|督导|监督)(?!组)|查看后台|通报"),
        also=re.compile(_TEACHING_USE + r"|(?:使用|应用)(?:情况|记录)"),
        not_ours=re.compile(rf"{_OTHER_BODY.pattern}|{_INSPECTED}"),
        skip=re.compile(r"迎接|(?:接受|参加)[^，,。；;]{0,16}(?:督查|检查|督导)|安全检查")),
    "teaching_it_rewards": Statement(
        "对教师应用信息技术设备教学有奖惩", re.compile(
            # 奖励加分 is the rubric's bonus section ("应用创新与奖励加分部分"), not a reward
            r"奖惩|奖励(?!加分)|表彰|纳入[^，,。；;]{0,6}(?:绩效|考核|评优|考评)"
            r"|与[^，,。；;]{0,6}(?:绩效|评优|考核)[^，,。；;]{0,4}挂钩"),
        also=re.compile(_TEACHING_USE + rf"|{_USE_NOT_OF_SPACE}(?:应用|使用)情况|应用突出"),
        # "学校曾讨论将使用情况与评优挂钩": a proposal talked over, not a reward made
        not_ours=re.compile(r"讨论|商议|研究(?:过|是否)|考虑|设想|建议|提议|酝酿")),
    "asset_ledgers": Statement(
        "建有信息化资产经费账和实物账", re.compile(
            r"(?:资产|实物|经费|设备|固定资产)(?:登记)?(?:账|帐|台账|台帐|账簿|帐簿|明细账)"),
        # the rubric asks for both ledgers: one of them denied ("建有经费账，但还没有建立实物账")
        # is a no, whichever is named first
        contrary=re.compile(r"(?:未|没有|尚未|暂未|还未|无)[^，,。；;]{0,12}"
                            r"(?:资产|实物|经费|设备)(?:登记)?(?:账|帐)")),
    "device_responsibility": Statement(
        "设备管理责任到人（设备管理责任表）", re.compile(
            r"责任表|责任到人|落实到人|责任书|(?:设备|班班通|机房|多媒体|功能室)[^，,。；;]{0,10}"
            r"(?:专人负责|专人管理|责任人)|(?:落实|明确)专人负责"),
        skip=re.compile(r"帐号|账号|密码|安全责任书|网络安全责任")),
    "systems_run_well": Statement(
        "系统运行正常，设备故障率低", re.compile(
            r"运行(?:正常|稳定|良好|平稳)|故障率(?:低|较低)|使用反映良好|反映良好"),
        # the devices or systems named: "网络运行平稳" after "未出现信息安全问题" is the
        # network's security, not equipment that works
        also=re.compile(r"设备|系统|班班通|机房|微机|电脑|计算机|多媒体|白板|一体机|终端|平台|"
                        r"录播|功能室|故障"),
        # Systems worn out or out of order are not running well: "老化严重，故障频发",
        # "部分设备不能正常使用".
        contrary=re.compile(r"故障(?:较多|频繁|频发|不断|率高|率较高|率偏高|多发)|经常(?:出现)?故障|"
                            r"频繁出现故障|运行不稳定|老化(?:严重|较严重|现象严重|问题突出)|"
                            r"(?:不能|无法|难以|不能够)正常(?:使用|运行|开机)|"
                            # said of the running or of the teachers' view: "运行不够稳定",
                            # "教师对使用情况反映不好"
                            r"运行(?:不够|不太|不很|欠)(?:稳定|正常|流畅|顺畅|平稳)|"
                            r"反映(?:不好|不佳|较差|很差|不理想)")),
    "school_resource_library": Statement(
        "分年级、分科目建立校本数字资源库", re.compile(
            # 校本资源 alone ("校本资源还比较零散") are resources, not a library of them
            r"校本(?:数字)?(?:教学)?资源(?:库|平台)|学科资源库|(?:分年级|分学科|分科目)[^。；;]{0,20}资源"),
        not_ours=_OTHER_BODY,
        # begun in a few subjects, the library said not yet made by a shorter name in a later
        # clause: "…先从语文、数学两科做起，…资源库尚未形成"
        contrary=re.compile(r"资源库[^，,。；;]{0,4}(?:尚未|暂未|还未|仍未|还没有|未)"
                            r"(?:形成|建成|建立|建好|完成)")),
    "management_records": Statement(
        "在教育管理服务平台建立教师、班级、学生档案", re.compile(
            r"档案|(?:教师|学生|班级)[^。；;]{0,20}(?:信息|数据)[^，,。；;]{0,6}(?:录入|维护|管理)"),
        also=re.compile(r"(?:管理|服务)[^，,。；;]{0,6}平台|平台|系统"),
        # a paper file, or the register of the platforms' accounts ("各平台账号、密码由专人管理，
        # 建立登记档案": account_custody's 存档), not the teachers', classes' and students' records
        skip=re.compile(r"纸质|(?:帐号|账号|账户|帐户|密码)[^。；;]{0,24}(?:登记|存档|建立)"
                        r"[^，,。；;]{0,4}档案")),
    "account_custody": Statement(
        "各平台帐号、密码专人管理", re.compile(
            r"(?:帐号|账号|账户|帐户|用户名|密码)[^。；;]{0,16}(?:专人|专门|信息员|管理员)"
            r"[^，,。；;]{0,6}(?:负责|管理|保管)"
            r"|(?:专人|专门)[^，,。；;]{0,6}(?:管理|保管)[^，,。；;]{0,10}(?:帐号|账号|密码)"),
        # the rubric asks also for 存档 and a 交接制: "专人管理，但尚未建立存档和交接制度" is a no
        also=re.compile(r"帐号|账号|账户|帐户|用户名|密码"),
        contrary=re.compile(r"(?:未|没有|尚未|暂未|还未|无)[^，,。；;]{0,8}(?:存档|备案|交接)")),
    "monthly_progress_reports": Statement(
        "按月上报全国教育信息化工作进展系统", re.compile(
            r"(?:上报|填报|报送|录入)[^，,。；;]{0,24}(?:进展系统|工作进展|进展情况)"
            # the system named first, who keeps it, then the reporting in a later clause:
            # "“…进展系统”由信息化办公室专人负责，全年每个月都按时上报"
            r"|(?:进展系统|工作进展)[^，,。；;]{0,12}(?:上报|填报|报送)"
            r"|进展系统[^。；;]{0,24}(?:上报|填报|报送)"),
        also=re.compile(rf"按月|每个?月|月报|逐月|按时|部分月份|未能|{_MONTHS_MISSED}"),
        # "3月、4月未能按时上报，其余月份均已上报": not every month.
        contrary=re.compile(_MONTHS_MISSED)),
    "delivered_courses": Statement(
        # 专递 as the verb of the lessons sent: "每周专递音乐、美术、英语课12节"
        "开展“专递课程”活动", re.compile(r"专递课(?:程|堂)|专递(?=[^，,。；;]{0,10}课)"),
        # "《中国教育报》刊登了我校专递课堂的新闻报道": what a published piece is about, which
        # says neither that nor when the school held the courses
        not_ours=re.compile(r"(?:刊登|刊发|刊载|登载|采用|报道)了?[^，,。；;]{0,8}$"),
        # the same said of a piece in a later clause: "…报道集中在县教体局网站，内容涉及…专递
        # 课堂", "新闻介绍了我校的专递课堂经验" name what was written about; not when the
        # courses are named before as the school's ("开展了专递课堂，新闻介绍了…")
        skip=re.compile(rf"^{_NO_COURSE}*?(?:报道|稿件|文章|新闻|通讯|消息){_NO_COURSE}{{0,30}}?"
                        rf"(?:内容|主题|题材)?(?:涉及|包括|包含|围绕|介绍|反映|聚焦|讲述)"
                        rf"{_NO_COURSE}{{0,20}}专递课")),
}


_MONTHLY_DONE = re.compile(r"(?:每个?月|按月)[^。；;]{0,12}(?:上报|填报|报送)")


def monthly_progress_reports(sentences: list[Sentence]) -> Evidence:
    """按月上报: stated with the system's name; or "我校…每月5日前完成上报" right after a sentence
    that names the system (often the county's instruction)."""
    found = stated(STATEMENTS["monthly_progress_reports"], sentences)
    if found.status == "suggested":
        return found
    for previous, sentence in pairwise(sentences):
        if (sentence.document is previous.document and _MONTHLY_DONE.search(sentence.text)
                and re.search(r"进展系统|工作进展", previous.text)
                and not INTENT.search(sentence.text) and not RUBRIC_QUOTE.search(sentence.text)):
            return Evidence(value=True, confidence=0.55,
                            citations=[previous.cite(), sentence.cite()],
                            rationale=f"材料写明“{previous.text}”，并写明“{sentence.text}”，"
                                      "按月上报进展系统。")
    return found


# A reply or report that goes through the aspects of teaching with devices one by one ("一是制度
# 方面…二是要求方面…四是奖惩方面。学校目前还没有制定相应的奖惩办法"): its 奖惩 sentence speaks of
# that teaching without naming it again, so a sentence this close after one that names it counts.
_REWARDS_ALONE = re.compile(r"奖惩")
# 奖惩 of others than teachers using devices ("学生奖惩办法", "安全工作奖惩") is not this fact's.
_OTHERS_REWARDED = re.compile(r"(?:学生|班主任|班级|安全|卫生|考勤|德育)[^，,。；;]{0,4}奖惩")
_ASPECTS_BACK = 4


def teaching_it_rewards(sentences: list[Sentence]) -> Evidence:
    spec = STATEMENTS["teaching_it_rewards"]
    found = stated(spec, sentences)
    if found.status == "suggested" or spec.also is None:
        return found
    uses = [s for s in sentences if spec.also.search(s.text)]
    # a heading of another topic ("四、学生管理") between them opens a section the 奖惩 is of
    breaks = [s for s in sentences if modality.heading(s) and not spec.also.search(s.text)
              and not _REWARDS_ALONE.search(s.text)]
    near = [s for s in sentences if _REWARDS_ALONE.search(s.text) and not spec.also.search(s.text)
            and not _OTHERS_REWARDED.search(s.text)
            and any(u.document is s.document and 0 < s.index - u.index <= _ASPECTS_BACK
                    and not _between(breaks, u, s) for u in uses)]
    later = stated(replace(spec, also=None), near) if near else found
    return later if later.status == "suggested" else found


def _between(marks: list[Sentence], first: Sentence, last: Sentence) -> bool:
    """One of `marks` stands after `first` and before `last` in their document."""
    return any(m.document is first.document and first.index < m.index < last.index
               for m in marks)


def _own_title(sentence: Sentence) -> bool:
    """The document's first line, a title without a sentence's punctuation ("…学校2018年信息化
    工作总结"): it names the document, and does not say that the school's 年度、学期计划和总结
    take IT in."""
    text = sentence.document.text
    return (sentence.start == len(text) - len(text.lstrip())
            and text[sentence.end: sentence.end + 1] in ("\n", "")
            and not re.search(r"[，,。；;：:]", sentence.text))


def plans_reflect_it(sentences: list[Sentence]) -> Evidence:
    return stated(STATEMENTS["plans_reflect_it"], [s for s in sentences if not _own_title(s)])


def it_leading_group(sentences: list[Sentence]) -> Evidence:
    """成立信息化工作领导小组: the Hebei reader's answer (the unit's own group) as yes or no."""
    found = leading_group(sentences)
    if found.status != "suggested":
        return found
    value = found.value != "none"
    return Evidence(value=value, confidence=found.confidence, citations=found.citations,
                    rationale=found.rationale.replace("网络安全和信息化领导小组",
                                                      "信息化工作领导小组"))


# Devices the school had before ("原有办公电脑6台…已不能正常使用") said out of order, then replaced
# in the same or a next sentence ("…为该校调配新办公电脑12台"): why new ones came, not how the
# systems run now. Old devices still in use ("原有设备老化严重，经常出现故障") still run poorly.
_FORMER_DEVICES = re.compile(r"(?:原有|原来|原先|以前|过去|旧)的?[^，,。；;]{0,8}"
                             rf"(?:{_DEVICE}|一体机|终端)")
_REPLACED = re.compile(rf"{SUPPLIED}|更换|替换|换成|换上")
_REPLACED_WITHIN = 2  # sentences


def _retired_fault(sentence: Sentence, sentences: list[Sentence]) -> bool:
    spec = STATEMENTS["systems_run_well"]
    fault = spec.contrary.search(sentence.text) if spec.contrary else None
    former = _FORMER_DEVICES.search(sentence.text)
    if not fault or not former or former.start() > fault.start():
        return False
    if _REPLACED.search(sentence.text, fault.end()):
        return True
    return any(s.document is sentence.document and 0 < s.index - sentence.index <= _REPLACED_WITHIN
               and _REPLACED.search(s.text) for s in sentences)


def systems_run_well(sentences: list[Sentence]) -> Evidence:
    return stated(STATEMENTS["systems_run_well"],
                  [s for s in sentences if not _retired_fault(s, sentences)])


_PROTECTIONS = re.compile(r"防盗|防火|防尘|防水|防潮|防雷|防静电|防鼠")
# Measures that are a protection without its name: 灭火器 is 防火, 除尘 is 防尘.
_MEASURES = {"防盗": re.compile(r"防盗|监控|铁门|报警"), "防火": re.compile(r"防火|灭火|消防"),
             "防尘": re.compile(r"防尘|除尘|防尘罩"), "防水": re.compile(r"防水|防潮|防漏")}


def _kinds(text: str) -> set[str]:
    named = {m.group(0) for m in _PROTECTIONS.finditer(text)}
    return named | {kind for kind, measure in _MEASURES.items() if measure.search(text)}


def hardware_protection(sentences: list[Sentence]) -> Evidence:
    """防盗、防火、防尘、防水等措施: at least two protections (named or by their measure)."""
    for sentence in sentences:
        text = sentence.text
        if RUBRIC_QUOTE.search(text):
            continue
        kinds = _kinds(text)
        # "做好教室防盗、防火…": the rooms that hold the devices count as well.
        if (len(kinds) < 2 or lx.NO_GROUP.search(text)
                or not re.search(_DEVICE + r"|教室|校舍", text)):
            continue
        shown = "、".join(sorted(kinds))
        weak = re.search(r"不到位|不足|欠缺|未落实|不完善", text)
        return Evidence(value=not weak, confidence=0.5 if weak else 0.7,
                        citations=[sentence.cite()],
                        rationale=f"材料写明“{text}”，硬件{shown}等措施"
                                  + ("不到位。" if weak else "已落实。"))
    return no_evidence("硬件防盗、防火、防尘、防水等措施")


_HARMFUL = re.compile(r"不良(?:信息|内容|视频|图片|文字|声音)|淫秽|色情|有害信息")
_NONE_FOUND = re.compile(r"(?:无|未发现|未存放|没有|不存放|杜绝|清除)[^，,。；;]{0,8}$")


def no_harmful_content(sentences: list[Sentence]) -> Evidence:
    for sentence in sentences:
        for match in _HARMFUL.finditer(sentence.text):
            start, clause = clause_at(sentence, match.start())
            if _NONE_FOUND.search(clause[: match.start() - start]):
                return Evidence(value=True, confidence=0.6, citations=[sentence.cite()],
                                rationale=f"材料写明“{sentence.text}”，设备无存放不良内容。")
    return no_evidence("设备是否存放不良内容")


_BACKUP = re.compile(r"备份")
_BACKUP_REGULAR = re.compile(r"定期|及时|每周|每月|每天|每日|每学期|异地|自动|双机|实时")
# Regularity denied in the backup's clause: "成绩等数据没有定期备份", "未能及时备份" (a backup
# done once is not a regular one, whatever else the sentence says was backed up).
_REGULAR_DENIED = re.compile(r"(?:没有|没|未|未能|尚未|不能|无法)(?:做到|实现)?[^，,。；;]{0,2}"
                             rf"(?:{_BACKUP_REGULAR.pattern})[^，,。；;]{{0,6}}$")
# or after it: "数据备份不及时", "备份不定期"
_IRREGULAR_AFTER = re.compile(r"^[^，,。；;]{0,4}(?:不够|不|未能|未|没有)(?:定期|及时|按时|规律)")
_LEAK = re.compile(r"泄露|泄漏|外泄")
_LEAK_DENIED = re.compile(r"(?:无|未发生|未出现|没有|未|零)[^，,。；;]{0,6}$")


def _leak(sentences: list[Sentence]) -> tuple[bool, Sentence] | None:
    """(True: a leak happened, False: none) where the text says so; a rule ("严禁外泄") is
    neither."""
    for sentence in sentences:
        for match in _LEAK.finditer(sentence.text):
            start, clause = clause_at(sentence, match.start())
            before = clause[: match.start() - start]
            if _LEAK_DENIED.search(before):
                return False, sentence
            if re.search(r"发生|出现|导致|造成", before) and not lx.INCIDENT_GOAL.search(before):
                return True, sentence
    return None


def _irregular_backup(sentences: list[Sentence]) -> Sentence | None:
    """The sentence that says backups are not regular (_REGULAR_DENIED before the backup,
    _IRREGULAR_AFTER after it), if one does."""
    for sentence in sentences:
        if RUBRIC_QUOTE.search(sentence.text) or DIRECTIVE.search(sentence.text):
            continue
        for match in _BACKUP.finditer(sentence.text):
            start, clause = clause_at(sentence, match.start())
            before = clause[: match.start() - start]
            after = clause[match.end() - start:]
            if ((_REGULAR_DENIED.search(before) or _IRREGULAR_AFTER.search(after))
                    and not modality.unstated(sentence, match.start())):
                return sentence
    return None


def backups_no_leaks(sentences: list[Sentence]) -> Evidence:
    leak = _leak(sentences)
    if leak and leak[0]:
        return Evidence(value=False, confidence=0.7, citations=[leak[1].cite()],
                        rationale=f"材料写明“{leak[1].text}”，发生了数据泄露。")
    irregular = _irregular_backup(sentences)
    if irregular:
        return Evidence(value=False, confidence=0.65, citations=[irregular.cite()],
                        rationale=f"材料写明“{irregular.text}”，未定期做好数据备份。")
    backup = stated(Statement("定期做好数据备份", _BACKUP), sentences)
    if backup.status != "suggested" or backup.value is False:
        return backup  # "备份工作不够规范" is a denial
    if not any(_BACKUP_REGULAR.search(c.quote) for c in backup.citations):
        return no_evidence("定期数据备份",
                           why="材料提到数据备份，但未写明是否定期备份，请人工核对。")
    if leak:
        return Evidence(value=True, confidence=0.75, citations=[*backup.citations, leak[1].cite()],
                        rationale=f"{backup.rationale}材料还写明“{leak[1].text}”，数据无泄露。")
    return Evidence(value=True, confidence=0.5, citations=backup.citations,
                    rationale=f"{backup.rationale}材料未写明数据有无泄露，请核对。")


_MAJOR_ISSUE = re.compile(r"(?:重大|严重|较大)[^，,。；;]{0,6}(?:信息安全|网络安全|数据安全|安全)"
                          r"[^，,。；;]{0,4}(?:问题|事故|事件)")


def major_security_issue(sentences: list[Sentence]) -> Evidence:
    """出现重大信息安全问题 (the item's veto): stated or denied; else from the incident reader."""
    for sentence in sentences:
        for match in _MAJOR_ISSUE.finditer(sentence.text):
            start, clause = clause_at(sentence, match.start())
            before = clause[: match.start() - start]
            if lx.INCIDENT_GOAL.search(before):
                continue
            denied = bool(lx.INCIDENT_NONE.search(before))
            return Evidence(value=not denied, confidence=0.75, citations=[sentence.cite()],
                            rationale=f"材料写明“{sentence.text}”，" +
                            ("未出现重大信息安全问题。" if denied else "出现了重大信息安全问题。"))
    incident = security_incident(sentences)
    if incident.status != "suggested":
        return no_evidence("是否出现重大信息安全问题")
    major = incident.value == "major"
    return Evidence(value=major, confidence=0.6 if major else 0.5, citations=incident.citations,
                    rationale=incident.rationale
                    + ("" if major else "未写明重大问题，按未出现计，请核对。"))


_SCHOOL_SITE = re.compile(
    r"学校(?:门户)?网站|校园(?:门户)?网站|学校主页|学校官网|校网站|建有网站|网站"
)
_SITE_EXISTS = re.compile(r"建有|建立|建成|开通|开设|设有|拥有|有")
_SITE_UPDATED = re.compile(r"更新|维护|发布")
_SITE_TIMELY = re.compile(r"及时|适时|定期|每周|每月|按周|按月|经常|常态|按时|持续")
_SITE_STALE = re.compile(r"长期未|未及时|未能及时|没有及时|没能及时|不及时|很少|较少|停止|较慢|"
                         r"缓慢|滞后|"
                         # updates stopped for a time: "自4月以来未更新", "半年没有更新",
                         # "暂停更新", "已停更"; not "无一周未更新"
                         r"(?<![无不])(?:未|没有|没|不再)(?:再)?(?:更新|维护)|暂停更新|停更")
_OTHER_SITE = re.compile(
    r"(?:教育局|教体局|教育厅|教育部|政府|电教馆|进修学校|平台)[^，,。；;]{0,4}$"
    # another school's site: "中心校网站" (校网站 read inside it), "总校网站", "邻校网站"
    r"|(?:中心|总|邻|兄弟学|其他学)$|(?:中学|小学|中心校|总校|邻校)(?:的)?$"
    # one or some of an area's schools, not this one: "县内有一所学校网站被挂马", "个别学校网站
    # 长期不更新", "部分学校的网站"
    r"|(?:[一两二三四五六七八九十几多\d]+所|个别|部分|有的|一些|少数)(?:学校(?:的)?)?$"
)


def _site_mentions(sentences: list[Sentence]) -> list[tuple[Sentence, str, str]]:
    """(sentence, text before the mention in its clause, rest of the sentence) per own site."""
    found = []
    for sentence in sentences:
        text = sentence.text
        if RUBRIC_QUOTE_SITE.search(text):
            continue
        for match in _SCHOOL_SITE.finditer(text):
            start, clause = clause_at(sentence, match.start())
            before = clause[: match.start() - start]
            if match.group(0) == "网站" and not re.search(r"学校|我校|本校|校园", before):
                continue
            if _OTHER_SITE.search(before) or re.search(r"在[^，,。；;]{0,8}$", before):
                continue
            rest = text[match.end():]
            if re.match(r"\s*[：:]", rest) and _SCHOOL_SITE.search(rest):
                continue  # a heading ("学校网站：学校没有…网站"): the site named again decides
            if modality.unstated(sentence, match.start()) or DIRECTIVE.search(text):
                continue  # "计划明年开通学校网站": a plan
            found.append((sentence, before, text[match.end():]))
            break
    return found


# No site, said before it ("学校尚未建设网站") or as a heading's text ("学校网站：暂未建设").
_NO_SITE_BEFORE = re.compile(r"(?:未|尚未|没有|暂未|无)[^，,。；;]{0,6}$")
_NO_SITE_AFTER = re.compile(r"^\s*[：:]\s*(?:(?:未|尚未|没有|暂未|暂无)(?:建|设|开通|独立)"
                            r"|(?:无|暂无|没有)\s*(?:$|[。；;，,]))"
                            # or said right after it: "学校网站尚未建成"
                            r"|^\s*(?:尚未|还未|还没有|暂未)(?:建成|建设|建立|开通)")


def _no_site(before: str, after: str) -> bool:
    return bool(_NO_SITE_BEFORE.search(before) or _NO_SITE_AFTER.match(after))


RUBRIC_QUOTE_SITE = re.compile(r"加\s*\d+(?:\.\d+)?\s*分|每项加|记\s*\d+(?:\.\d+)?\s*分")


# The site named first, its building after it: "我们学校网站是2016年建成的", "学校网站于2017年
# 开通", "校园网站已上线运行".
# Not "学校网站尚未建成" (then 未 before the verb: no site said built).
_SITE_BUILT = re.compile(r"(?:(?!未|没|不|无)[^，,。；;]){0,12}?(?:建成|建立|开通|上线)")


def school_website(sentences: list[Sentence]) -> Evidence:
    for sentence, before, after in _site_mentions(sentences):
        # A site closed, even for now, or out of reach is not one the school runs.
        if re.search(r"停止运行|停止服务|(?:已|暂时|暂|临时|被)关闭|关停|停用|"
                     r"(?:无法|不能)(?:正常)?访问", after):
            return Evidence(value=False, confidence=0.6, citations=[sentence.cite()],
                            rationale=f"材料写明“{sentence.text}”，学校网站已停止运行。")
        if _no_site(before, after):
            return Evidence(value=False, confidence=0.7, citations=[sentence.cite()],
                            rationale=f"材料写明“{sentence.text}”，学校尚未建有学校网站。")
        if (_SITE_EXISTS.search(before) or _SITE_BUILT.match(after)
                or _SITE_UPDATED.search(after) or _SITE_STALE.search(after)):
            return Evidence(value=True, confidence=0.7, citations=[sentence.cite()],
                            rationale=f"材料写明“{sentence.text}”，学校建有学校网站。")
    return no_evidence("学校网站")


# A sentence right after the site's that goes on about it with no subject of its own: "学校网站
# 是2016年建成的…。现在由两位老师专门负责，每周至少更新两次" (an interview's answer).
# Or the bare 网站 at its head, the site named just before: "学校建有门户网站…。网站内容由信息化
# 办公室每周更新".
_GOES_ON = re.compile(r"^(?:现在|目前|平时|日常|并且?|同时|由|每|(?:该)?网站)")


def _goes_on(sentence: Sentence, sentences: list[Sentence]) -> Sentence | None:
    after = following(sentence, sentences)
    return after if after is not None and _GOES_ON.match(after.text) else None


def website_updated(sentences: list[Sentence]) -> Evidence:
    for sentence, before, after in _site_mentions(sentences):
        if _no_site(before, after):
            continue  # no website: whether it is updated is not a fact the text states
        said = [(sentence, after)]
        if (following := _goes_on(sentence, sentences)) is not None:
            said.append((following, following.text))
        for where, text in said:
            if _SITE_STALE.search(text):
                return Evidence(value=False, confidence=0.7, citations=[where.cite()],
                                rationale=f"材料写明“{where.text}”，网站内容未适时更新。")
            if _SITE_UPDATED.search(text) and _SITE_TIMELY.search(where.text):
                return Evidence(value=True, confidence=0.7, citations=[where.cite()],
                                rationale=f"材料写明“{where.text}”，网站内容适时更新。")
    return no_evidence("学校网站内容更新")


XUNKE_RULES: dict[str, Rule] = {
    "it_leading_group": it_leading_group,
    **{name: rule(spec) for name, spec in STATEMENTS.items()},
    "monthly_progress_reports": monthly_progress_reports,
    "teaching_it_rewards": teaching_it_rewards,
    "plans_reflect_it": plans_reflect_it,
    "systems_run_well": systems_run_well,
    "hardware_protection": hardware_protection,
    "no_harmful_content": no_harmful_content,
    "backups_no_leaks": backups_no_leaks,
    "major_security_issue": major_security_issue,
    "school_website": school_website,
    "website_updated": website_updated,
    **COUNT_RULES,
    **AWARD_RULES,
    "showcase_level": showcase_level,
    "interactive_subject_share": interactive_subject_share,
}
