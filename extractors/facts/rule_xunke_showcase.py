"""Two 应用创新 facts of the 逊克 school rubric that school reports state in words:

- showcase_level (14 特色与创新): the highest level at which the school's IT practice was spread
  as a model — "我校…经验在全县推广", "入选黑河市教育信息化应用典型案例", "在全省现场会上作典型
  发言". 国家级 counts as 省 (the rubric's top). Learning from others ("学习外校经验"), plans
  ("力争形成可推广的特色"), 示范校 titles (pilot_school_level) and contest prizes are not it;
  "尚未形成可推广的特色" is `none`.
- interactive_subject_share (15 校际互动): the share of subjects with 联盟校互动课堂, in percent:
  stated ("学科占比80%"), as all subjects ("覆盖全部学科"), or as a part of a whole
  ("开设9个学科，其中6个学科开展互动课堂" → 66.67). A list of subjects without the whole gives no
  share; "尚未开展互动课堂" is 0.
"""

from __future__ import annotations

import re

from extractors.facts.evidence import Evidence, no_evidence
from extractors.facts.modality import DIRECTIVE, INTENT, RUBRIC_QUOTE
from extractors.facts.numbers import Number, find_numbers
from extractors.facts.rule_xunke_awards import level_before
from extractors.facts.text import Sentence, clause_at

# ---- showcase_level --------------------------------------------------------------------------

_MODEL = re.compile(r"典型|特色|经验|案例|做法|模式")
_IT = re.compile(r"信息化|信息技术|智慧|班班通|互动课堂|同步课堂|专递课|空间|融合|数字|网络|"
                 r"电子白板|微课|云课堂|平台")
_SPREAD = re.compile(r"推广|典型发言|经验发言|交流发言|经验交流|作交流|介绍经验|经验介绍|入选|"
                     r"被评为|评为|被确定为|确定为|推介|现场会|观摩会")
_WIDE = re.compile(r"全(?P<level>省|市|县)")
_FROM_OTHERS = re.compile(r"(?:学习|借鉴|参观|考察|引进)[^，,。；;]{0,10}(?:经验|做法|典型|模式)")
_TO_US = re.compile(r"来我校|到我校|莅临我校|在我校召开|在我校举行")
_NOT_AWARDED = re.compile(r"等奖|示范(?:学)?校|试点|申报|推荐参评|参评")
# An article the school published ("在《黑龙江教育》发表…的经验交流文章1篇") is a piece in the press
# (press_articles), not its practice spread as a model by that level.
_PUBLISHED_PIECE = re.compile(r"(?:发表|刊发|刊登|刊载|登载)[^，,。；;]*(?:文章|论文|稿件|\d+篇)"
                              r"|(?:文章|论文|稿件)[^，,。；;]{0,8}(?:发表|刊发|刊登|刊载|登载)")
_NONE = re.compile(r"(?:尚未|未|没有|暂无|尚无|无)[^，,。；;]{0,8}(?:形成|推广|可推广|典型|特色)")
# The school hosting a meeting that shows its practice ("承办了全市信息化现场展示会", "全县观摩会
#在我校召开") is that practice shown as a model at the meeting's level.
_HOSTED = re.compile(r"(?:承办|主办|举办|召开)了?[^，,。；;]{0,12}?"
                     r"(?:现场会|展示会|观摩会|推进会|现场展示|展示活动|观摩活动)"
                     r"|(?:现场会|展示会|观摩会|推进会)[^，,。；;]{0,2}在我校(?:召开|举行|举办)")
# The school is the host: named before the verb, no higher body after it, and not one who only
# went ("学校教师参加了在县城召开的全县现场会").
_SCHOOL_HOSTS = re.compile(r"(?:我校|学校|本校)(?:(?!教育局|教体局|教育厅|政府|进修学校|电教馆|"
                           r"参加|出席|参与|列席|观摩)[^。；;])*$")
_RANK = {"national": 3, "province": 3, "city": 2, "county": 1}
_VALUE = {3: "province", 2: "city", 1: "county"}
SHOWCASE_LABELS = {"province": "省级", "city": "市级", "county": "县级"}


def _showcase(sentence: Sentence) -> int | None:
    """The level (3 省, 2 市, 1 县) at which this sentence says the school's practice was spread;
    0: it says there is none; None: it says neither."""
    text = sentence.text
    if (RUBRIC_QUOTE.search(text) or DIRECTIVE.search(text) or not _about_it(sentence)
            or not (_MODEL.search(text) or _HOSTED.search(text))):
        return None
    if _FROM_OTHERS.search(text) and not _TO_US.search(text):
        return None  # the school learnt from others
    none = _NONE.search(text)
    if none and _MODEL.search(text, none.start()):
        return 0
    best = None
    for spread in _SPREAD.finditer(text) if _MODEL.search(text) else ():
        start, clause = clause_at(sentence, spread.start())
        before = clause[: spread.start() - start]
        if (INTENT.search(before) or _NOT_AWARDED.search(clause) or _attended(text, spread)
                or _PUBLISHED_PIECE.search(clause)):
            continue
        wide = _WIDE.search(text, max(0, spread.start() - 8), spread.end() + 6)
        # "入选黑河市…典型案例": the level stands between the verb and the model it names.
        named = _MODEL.search(text, spread.end(), start + len(clause))
        level = ({"省": "province", "市": "city", "县": "county"}[wide.group("level")] if wide
                 else level_before(text, named.start() if named else spread.end()))
        if level is not None:
            best = max(best or 0, _RANK[level])
    hosted = _hosted_level(sentence)
    return max(best or 0, hosted) if hosted else best


# The school's practice named by a word that points back ("我校“制度+督查+奖惩”的做法"), in a
# document whose title is about IT ("用制度推动应用 让班班通“天天用”"): the IT practice the
# document tells of.
_OWN_PRACTICE = re.compile(r"(?:我校|学校|本校)[^，,。；;]{0,16}(?:做法|经验|模式)")


def _about_it(sentence: Sentence) -> bool:
    if _IT.search(sentence.text):
        return True
    title = next((line for line in sentence.document.text.split("\n") if line.strip()), "")
    return bool(_OWN_PRACTICE.search(sentence.text) and _IT.search(title))


_MEETING = re.compile(r"现场会|观摩会")
# What the school did at a meeting that shows its practice there: "作典型发言", "介绍经验".
_PRESENTED = re.compile(r"发言|介绍|交流|展示|推广|汇报")


def _attended(text: str, spread: re.Match[str]) -> bool:
    """"县教育局召开全县…观摩会，我校校长到会听取经验": a meeting another body held, which the
    school only went to, spreads nothing of its own."""
    return bool(_MEETING.fullmatch(spread.group(0)) and not _PRESENTED.search(text)
                and not _TO_US.search(text)
                and not _SCHOOL_HOSTS.search(text[: spread.start()]))


def _hosted_level(sentence: Sentence) -> int | None:
    """The level of a meeting the school hosted, named in its words ("全市现场展示会")."""
    best = None
    for hosted in _HOSTED.finditer(sentence.text):
        start, clause = clause_at(sentence, hosted.start())
        if INTENT.search(clause[: hosted.start() - start]) or _NOT_AWARDED.search(clause):
            continue
        if "在我校" not in hosted.group(0) and not _SCHOOL_HOSTS.search(
                sentence.text[: hosted.start()]):
            continue  # "县教育局召开全县信息化工作推进会": the county's meeting
        wide = _WIDE.search(hosted.group(0))
        level = ({"省": "province", "市": "city", "县": "county"}[wide.group("level")] if wide
                 else level_before(hosted.group(0), len(hosted.group(0))))
        if level is not None:
            best = max(best or 0, _RANK[level])
    return best


def showcase_level(sentences: list[Sentence]) -> Evidence:
    found = [(s, level) for s in sentences if (level := _showcase(s)) is not None]
    spread = [(s, level) for s, level in found if level]
    if spread:
        sentence, level = max(spread, key=lambda pair: pair[1])
        value = _VALUE[level]
        national = "（国家级按省级计）" if re.search(r"全国|国家级|教育部", sentence.text) else ""
        return Evidence(value=value, confidence=0.55, citations=[sentence.cite()],
                        rationale=f"材料写明“{sentence.text}”，信息化应用特色或创新典型在"
                                  f"{SHOWCASE_LABELS[value]}推广{national}；有多级时取最高一级。")
    if found:
        sentence = found[0][0]
        return Evidence(value="none", confidence=0.6, citations=[sentence.cite()],
                        rationale=f"材料写明“{sentence.text}”，没有推广的信息化应用特色或创新典型。")
    return no_evidence("推广的信息化应用特色或创新典型")


# ---- interactive_subject_share ---------------------------------------------------------------

# 互动课 names the lessons themselves ("开设互动课的学科有…5个"), not a 互动课件.
_INTERACTIVE = re.compile(r"互动课(?!件)|同步课堂|联盟校|结对校|结对学校|共享课堂|网际交互|"
                          r"双师课堂")
_SUBJECT = re.compile(r"学科|科目")
_ALL = re.compile(r"(?:全部|所有|各|全)(?:年级、各)?(?:学科|科目)(?:全覆盖|全部覆盖)?"
                  r"|(?:学科|科目)全覆盖|覆盖(?:了)?(?:全部|所有|各个?)(?:学科|科目)"
                  # the subjects named, then all of them taking part: "开设的9个学科全部参与"
                  r"|(?:学科|科目)(?:已|也)?(?:全部|均|都)(?:已|有)?(?:参与|参加|开展|纳入)")
# The subjects as what the share is of, after 占 ("…4个，占我校开设学科（10个）的40%"), or
# the share named after the subjects ("学科占比80%").
_SHARE = re.compile(r"(?:学科|科目)[^，,。；;]{0,8}(?:占比|覆盖率|比例|比率|占)"
                    r"|占[^，,。；;]{0,12}(?:学科|科目)(?:总数)?")
_UNITS = ("个", "门", "科")
_NOT_DONE = re.compile(r"(?:尚未|未|没有|暂未|未能)[^，,。；;]{0,16}"
                       r"(?:互动课堂|同步课堂|共享课堂|双师课堂|网际交互)")


def _interactive_share(sentence: Sentence) -> tuple[float, str] | None:
    """(share in percent, how it was read) where the sentence states the share."""
    text = sentence.text
    topic = _INTERACTIVE.search(text)
    if (topic is None or RUBRIC_QUOTE.search(text) or DIRECTIVE.search(text)
            or INTENT.search(text[: topic.start()])):
        return None
    if _NOT_DONE.search(clause_at(sentence, topic.start())[1]):
        return 0.0, "尚未开展联盟校互动课堂"
    if not _SUBJECT.search(text):
        return None
    share = _SHARE.search(text)
    if share:
        rate = next((n for n in find_numbers(text) if n.percent and n.start >= share.start()
                     and n.start - share.end() <= 8), None)
        if rate is not None:
            return rate.value, f"学科占比{rate.value:g}%"
    part = _part_of_whole(text)
    if part is not None:
        return part
    if _ALL.search(text):
        return 100.0, "覆盖全部学科"
    return None


def _part_of_whole(text: str) -> tuple[float, str] | None:
    """"开设9个学科，其中6个学科开展…" or "9门学科中有7门": the part over the whole."""
    counts: list[Number] = [n for n in find_numbers(text) if n.unit in _UNITS and n.integer
                            and not n.ordinal and _SUBJECT.search(text[n.end: n.end + 3]
                                                                   + text[n.start - 3: n.start])]
    if len(counts) < 2:
        return None
    whole, part = counts[0], counts[1]
    between = text[whole.end: part.start]
    if not re.search(r"其中|中有|中的|中", between) or not part.value <= whole.value:
        return None
    share = round(part.value / whole.value * 100, 2)
    return share, f"{whole.integer}个学科中{part.integer}个开展，占{share:g}%"


def interactive_subject_share(sentences: list[Sentence]) -> Evidence:
    reads = [(sentence, read) for sentence in sentences
             if (read := _interactive_share(sentence)) is not None]
    # a share counted ("10个学科中已有8个") outweighs a loose "也在各学科铺开" said before it
    counted = [(s, r) for s, r in reads if r[1] != "覆盖全部学科"]
    for sentence, (share, how) in (counted or reads)[:1]:
        return Evidence(value=share, confidence=0.6 if share else 0.65,
                        citations=[sentence.cite()],
                        rationale=f"材料写明“{sentence.text}”，{how}；"
                                  "联盟校互动课堂活动记录是否详实、真实，请核对。")
    return no_evidence("有联盟校互动课堂活动的学科占比",
                       why="材料未写明开展联盟校互动课堂的学科占全部学科的比例，请人工核对。")
