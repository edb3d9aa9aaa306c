"""Item 2 fact `it_budget_share`: the share of IT spending in the year's total budget, in percent.

A stated share ("占年度总预算的6.4%", "百分之六点四") is taken as written. Otherwise an IT amount
and a total budget are read and the share computed and shown ("128万元÷2000万元=6.4%"). When
both are written and disagree, the stated share is suggested and the difference is pointed out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.facts import lexicon as lx
from extractors.facts import modality
from extractors.facts.evidence import (
    Evidence,
    approx_note,
    found_before,
    labelled_numbers,
    no_evidence,
    unique,
    upper_bound,
)
from extractors.facts.numbers import Number, find_numbers
from extractors.facts.table_rows import title_year
from extractors.facts.text import Sentence, clause_at


@dataclass(frozen=True)
class Money:
    number: Number
    sentence: Sentence
    role: str  # "total" or "amount"
    aggregate: bool  # 共/合计: a sum, preferred over its parts
    part: str  # "软件", "硬件" or ""


def _budget_sentence(sentence: Sentence) -> bool:
    text = sentence.text
    return bool(lx.MONEY_TOPIC.search(text)) and bool(
        lx.IT_MONEY.search(text) or lx.TOTAL_WORDS.search(text))


# A total over several years ("“十四五”以来累计投入1200万元", "近三年共投入", "2021—2024年累计")
# is not one year's spending, so no share of one year's budget is computed from it. 累计 alone
# counts only when no single year is named after it ("2024年累计投入128万元" is one year).
MULTI_YEAR = re.compile(
    r"以来|近[几两二三四五六七八九十\d]+年|近年|历年|多年|十[一二三四五]五”?期间|"
    r"\d{4}\s*[-—–至到~]\s*\d{4}\s*年|累计")
# A single year: 本年, 全年, 年度, 2024年 (not the end of a range 2021—2024年, nor 2021年以来).
ONE_YEAR = re.compile(rf"(?:本|今|全|当)年|年度|{lx.SINGLE_YEAR}")


def multi_year(sentence: Sentence, position: int) -> bool:
    """The amount at `position` is a sum over several years: the sentence says so before it,
    after its last mention of a single year."""
    before = sentence.text[:position]
    years = [m.end() for m in ONE_YEAR.finditer(before)]
    found = MULTI_YEAR.search(before[years[-1]:] if years else before)
    return bool(found) and not (found.group(0) == "累计" and years)


def _role(before: str) -> str | None:
    """Which keyword stands nearest before the number: a total budget or an IT amount."""
    total = [m.end() for m in lx.TOTAL_WORDS.finditer(before)]
    amount = [m.end() for m in lx.AMOUNT_WORDS.finditer(before)]
    if not total and not amount:
        return None
    return "total" if max(total, default=-1) >= max(amount, default=-1) else "amount"


def _money(sentence: Sentence) -> list[Money]:
    found = []
    for number in find_numbers(sentence.text):
        if (number.unit != "元" or number.ordinal or not modality.stated(sentence, number.start)
                or multi_year(sentence, number.start)):
            continue
        start, clause = clause_at(sentence, number.start)
        before = clause[: number.start - start]
        role = _role(before) or _role(sentence.text[: number.start])
        if role is None:
            continue
        part = next((p for p, r in (("软件", lx.SOFTWARE), ("硬件", lx.HARDWARE))
                     if r.search(before)), "")
        aggregate = bool(lx.AGGREGATE.search(number.text) or lx.AGGREGATE.search(before[-6:]))
        found.append(Money(number, sentence, role, aggregate, part))
    return found


def _stated_share(sentence: Sentence) -> Number | None:
    text = sentence.text
    if not lx.SHARE_WORDS.search(text):
        return None
    for number in labelled_numbers(sentence):
        _, clause = clause_at(sentence, number.start)
        if lx.WEIGHT_SHARE.search(clause):
            continue  # 权重占比不低于5%: a weight in an assessment
        if _share_from(text, number):
            continue  # the share before a change, not this year's
        if _prior_year(sentence, number):
            continue  # "上年度占比为4.2%": an earlier year's share
        if upper_bound(sentence, number):
            continue  # "占比还不到3%": below 3, and read as 3 it would score the 3%-5% band
        if _superseded(sentence, number):
            continue  # "2023年占2.8%，今年增加到4.5%": the year before the one reported on
        if (number.percent and not lx.NOT_SHARE.search(text[: number.start])
                and not multi_year(sentence, number.start)
                and modality.stated(sentence, number.start)):  # not "力争占比达到5%"
            return number
    return None


# Several years listed before a share said for each (分别): "2022年、2023年、2024年…占年度总预算的
# 比例分别为2.1%、2.6%、3.4%".
_YEAR_LIST = re.compile(r"\d{4}\s*年度?(?:\s*(?:、|和|及|与)\s*\d{4}\s*年度?)+")
_RESPECTIVE = re.compile(r"分别")
# Between 分别 and the first value only a plain verb: "分别为", not "分别力争达到" (a goal).
_RESPECTIVE_VERB = re.compile(r"\s*(?:为|是|达|达到|约为|占)?\s*")


def _respective_share(sentence: Sentence) -> tuple[Number, int] | None:
    """The share of the year the document reports on (its title's) among shares given one per
    listed year, in the order of the years; None when the counts differ or that year is not
    listed (modality leaves such values unstated: which one is the year assessed?)."""
    text = sentence.text
    year = title_year(sentence.document)
    for respective in _RESPECTIVE.finditer(text):
        start, clause = clause_at(sentence, respective.start())
        end = start + len(clause)
        listed = _YEAR_LIST.search(clause, 0, respective.start() - start)
        if (year is None or listed is None
                or not lx.SHARE_WORDS.search(clause, listed.end(), respective.start() - start)):
            continue
        years = [int(y) for y in re.findall(r"\d{4}", listed.group(0))]
        values = [n for n in find_numbers(text) if respective.end() <= n.start < end]
        if (len(set(years)) != len(years) or year not in years or len(values) != len(years)
                or not all(n.percent for n in values)
                or not _RESPECTIVE_VERB.fullmatch(text, respective.end(), values[0].start)):
            continue
        value = values[years.index(year)]
        # modality names 分别 first at the values, so the years are asked (计划2024年、2025年…)
        if (lx.WEIGHT_SHARE.search(clause) or multi_year(sentence, listed.start() + start)
                or not modality.stated(sentence, listed.start() + start)):
            continue
        return value, year
    return None


def _prior_year(sentence: Sentence, number: Number) -> bool:
    """The clause names an earlier year (上年度, 去年) before the share."""
    start, clause = clause_at(sentence, number.start)
    return bool(lx.PRIOR_YEAR.search(clause[: number.start - start]))


def _superseded(sentence: Sentence, number: Number) -> bool:
    """A later clause of the sentence gives the share the year reported on changed to; when both
    clauses name their years, the later one's is the later year (not "…，2023年下降至2.8%")."""
    start, clause = clause_at(sentence, number.start)
    year = _year(clause[: number.start - start])
    for later in find_numbers(sentence.text[start + len(clause):]):
        at = start + len(clause) + later.start
        later_start, later_clause = clause_at(sentence, at)
        now = lx.SHARE_NOW.search(later_clause[: at - later_start])
        if (later.percent and now and modality.stated(sentence, at)
                and (year is None or (_year(now.group(0)) or year + 1) > year)):
            return True
    return False


_YEAR = re.compile(r"(\d{4})\s*年")


def _year(text: str) -> int | None:
    found = _YEAR.search(text)
    return int(found.group(1)) if found else None


def _share_from(text: str, number: Number) -> bool:
    """"占比由6.5%提升到8%": 6.5 is where the change started."""
    return bool(lx.SHARE_FROM.search(text, 0, number.start)
                and lx.SHARE_CHANGE_AFTER.match(text, number.end))


def _amount(amounts: list[Money], total: float) -> tuple[float, list[Money]]:
    """The IT amount: a stated sum; else software plus hardware; else the largest one ≤ total."""
    sums = [m for m in amounts if m.aggregate and m.number.value <= total]
    if sums:
        return sums[0].number.value, [sums[0]]
    parts = {m.part: m for m in amounts if m.part}
    if set(parts) == {"软件", "硬件"} and all(m.part for m in amounts):
        chosen = list(parts.values())
        return sum(m.number.value for m in chosen), chosen
    fitting = [m for m in amounts if m.number.value <= total]
    best = max(fitting, key=lambda m: m.number.value, default=None)
    return (best.number.value, [best]) if best else (0.0, [])


def money_text(value: float) -> str:
    """128万元 or 5000元, as the deeds would write it."""
    if value >= 10_000:
        return f"{value / 10_000:g}万元"
    return f"{value:g}元"


def _share_text(share: float) -> str:
    return f"{round(share, 2):g}"


def _computed(money: list[Money]) -> tuple[float, str, list[Money]] | None:
    totals = [m for m in money if m.role == "total"]
    amounts = [m for m in money if m.role == "amount"]
    if not totals or not amounts or totals[0].number.value <= 0:
        return None
    total = totals[0]
    amount, used = _amount(amounts, total.number.value)
    if not used:
        return None
    share = amount / total.number.value * 100
    sign = "=" if abs(round(share, 2) - share) < 1e-9 else "≈"
    terms = "+".join(money_text(m.number.value) for m in used)
    shown = f"({terms})" if len(used) > 1 else terms
    how = f"{shown}÷{money_text(total.number.value)}{sign}{_share_text(share)}%"
    return round(share, 2), how, [*used, total]


def it_budget_share(sentences: list[Sentence]) -> Evidence:
    candidates = [s for s in sentences if _budget_sentence(s)]
    shares = [(s, n) for s in candidates if (n := _stated_share(s))]
    # What an inspection found gives way to a share stated as it is now (a 整改报告's).
    stated = next(((s, n) for s, n in shares if not found_before(s, n.start)),
                  shares[0] if shares else None)
    computed = _computed([m for s in candidates for m in _money(s)])
    if stated:
        return _from_stated(*stated, computed)
    respective = next(((s, r) for s in candidates if (r := _respective_share(s))), None)
    if respective:
        sentence, (number, year) = respective
        return Evidence(value=number.value, confidence=0.6, citations=[sentence.cite()],
                        rationale=f"材料写明“{sentence.text}”，按年份顺序，标题所写的{year}年"
                                  f"占比为{number.value:g}%{approx_note(number)}，请核对。")
    if computed:
        share, how, used = computed
        cites = list(dict.fromkeys(m.sentence for m in used))
        return Evidence(value=share, confidence=0.7, citations=[s.cite() for s in cites],
                        rationale=f"材料写明信息化投入与年度总预算，计算得{how}。")
    return no_evidence("年度信息化资金投入占总预算比例")


def _from_stated(
    sentence: Sentence, number: Number, computed: tuple[float, str, list[Money]] | None
) -> Evidence:
    rationale = f"材料写明“{sentence.text}”，占比为{number.value:g}%{approx_note(number)}。"
    confidence = 0.6 if number.approximate else 0.8
    cites = [sentence.cite()]
    if computed and abs(computed[0] - number.value) > 0.1:
        rationale += f"但按材料中的金额计算为{computed[1]}，与所写占比不一致，请核对。"
        confidence = 0.4
        cites += [m.sentence.cite() for m in computed[2] if m.sentence is not sentence]
    elif computed:
        rationale += f"按金额核算：{computed[1]}，一致。"
    return Evidence(value=number.value, confidence=confidence, citations=unique(cites),
                    rationale=rationale)

