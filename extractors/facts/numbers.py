"""Numbers as Chinese documents write them, with where they stand in the text.

Forms understood (each has a test):
- Arabic: "3", "1,200", "6.4", full-width "１２" (folded by NFKC, one character to one, so
  offsets do not move).
- Chinese: "三", "两", "十二", "二十三", "一百零五", "三千零五十", "一万二千", formal "叁拾",
  and "〇".
- Decimals: "六点四"; percentages "6.4%", "6.4％", "百分之六点四", "百分之6.4".
- Multipliers: "1.2万" → 12000, "2.3万人" → 23000 with unit 人, "128万元" → 1280000 元.
- Approximations: "140余场", "1000多人", "十几次", "近百", "约200人", "超过5%", "5%以上": the
  value is the stated number and `approximate` says so, with the word that made it approximate.
- Ordinals: "第三次" is not a count; `ordinal` is True so that rules can skip it.

Chinese numerals are matched only where they read as a quantity (followed by a measure word, or
after 百分之), because single characters like 一 and 万 occur in ordinary words (统一, 千万).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
           "柒": 7, "捌": 8, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿"
_CN_DIGIT = "零〇一二三四五六七八九"

# Measure words after a count, longest first so that 人次 wins over 人.
UNITS = ("万元", "亿元", "万人次", "人次", "万人", "元", "人", "名", "位", "次", "场", "期", "个",
         "项", "门", "部", "件", "篇", "条", "台", "套", "所", "家", "天", "小时", "课时", "学时",
         "节", "集", "讲", "届", "批", "轮", "档", "支", "种", "类", "级", "GB", "TB")
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_APPROX_BEFORE = r"(?P<before>约|近|超过|逾|达|共|累计|合计|总计|多达|将近|接近)?"
_APPROX_AFTER = r"(?P<after>余|多|几)?"
_BOUND_AFTER = r"(?P<bound>左右|以上|以下|以内)?"

# Not part of a version or model name ("IPv6", "Win10"), nor the tail of a longer number.
_ARABIC = r"(?<![A-Za-z\d.,])\d+(?:,\d{3})*(?:\.\d+)?"
# A Chinese numeral must not be the tail of an ordinary word (统一, 唯一, 之一, 逐一, 进一步)
# nor the head of one (一部分, 一体化, 一次性, 三门户): those are words, not counts.
_WORD_BEFORE = "统唯之同逐专划均归单万千"
_WORD_AFTER = r"部分|部署|部门|次性|体化|门户|名称|家长|系列|站式|线上"
_CN_NUMERAL = rf"[{_CN}]+(?:点[{_CN_DIGIT}]+)?"
_CHINESE = rf"(?<![{_WORD_BEFORE}]){_CN_NUMERAL}(?!{_WORD_AFTER})"
_NUMBER = re.compile(
    rf"(?P<ordinal>第)?{_APPROX_BEFORE}"
    rf"(?:(?P<percent_word>百分之)(?P<pct>{_ARABIC}|{_CN_NUMERAL})"
    rf"|(?P<arabic>{_ARABIC})\s*(?P<mult_a>[万亿](?![元人]))?"
    rf"|(?P<chinese>{_CHINESE}))"
    rf"{_APPROX_AFTER}\s*(?P<percent_sign>%)?(?P<unit>{_UNIT_RE})?{_BOUND_AFTER}"
)
_VAGUE_AFTER = {"余", "多", "几", "左右"}


@dataclass(frozen=True)
class Number:
    """A number found in text. `value` has 万/亿 applied; `unit` is the measure word without it."""

    value: float
    start: int
    end: int
    text: str
    unit: str = ""
    percent: bool = False
    approximate: bool = False
    qualifier: str = ""  # the word that makes it approximate or bounded: 余, 多, 以上, 超过, …
    ordinal: bool = False

    @property
    def integer(self) -> int | None:
        return int(self.value) if float(self.value).is_integer() else None


def fold_digits(text: str) -> str:
    """Full-width digits, letters and signs as ASCII, one character for one (offsets stay put)."""
    return text.translate(_DIGIT_FOLDS)


class _DigitFolds(dict[int, str]):
    """Each character's _fold_one, by code point, worked out once (str.translate asks per
    character; NFKC per occurrence was about a tenth of the rules extractor's time)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_one(chr(code))
        return folded


_DIGIT_FOLDS = _DigitFolds()


def _fold_one(char: str) -> str:
    if char == "，":
        # Kept: folded to "," it reads as a thousands separator, and "培训，1人缺席" loses its 1.
        return char
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def chinese_to_int(text: str) -> int | None:
    """"一百零五" → 105, "十二" → 12, "两万三千" → 23000; None when it is not a numeral."""
    if not text or any(c not in _DIGITS and c not in _SMALL_UNITS and c not in _BIG_UNITS
                       for c in text):
        return None
    if all(c in _DIGITS for c in text) and len(text) > 1:
        return int("".join(str(_DIGITS[c]) for c in text))  # digit by digit: "二〇二四"
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
        else:
            total = (total + section + (digit or 0)) * _BIG_UNITS[char]
            section, digit = 0, None
    return total + section + (digit or 0)


def _chinese_value(text: str) -> float | None:
    whole, _, fraction = text.partition("点")
    integer = chinese_to_int(whole)
    if integer is None:
        return None
    if not fraction:
        return integer
    return float(f"{integer}.{''.join(str(_DIGITS[c]) for c in fraction)}")


def _value(raw: str) -> float | None:
    """One numeral, Arabic or Chinese, as a number."""
    if raw[0].isdigit():
        return float(raw.replace(",", ""))
    return _chinese_value(raw)


def parse_number(text: str) -> Number | None:
    """The number that `text` is, whole: "三", "百分之六点四", "140余场", "1.2万"; else None."""
    text = text.strip()
    match = _NUMBER.fullmatch(fold_digits(text))
    # Given on its own, even a lone "三" is meant as a number.
    return _number(match, text, alone=True) if match else None


def find_numbers(text: str) -> list[Number]:
    """Every quantity in the text, in order, with offsets into `text`."""
    return list(_numbers_in(text))


# The rules ask for the numbers of one sentence many times (each expert item, each fact): found
# once. Numbers are frozen, so the cached tuple is safe to share.
@lru_cache(maxsize=4096)
def _numbers_in(text: str) -> tuple[Number, ...]:
    matches = _NUMBER.finditer(fold_digits(text))
    return tuple(n for n in (_number(m, text, alone=False) for m in matches) if n is not None)


def _number(match: re.Match[str], original: str, *, alone: bool) -> Number | None:
    groups = match.groupdict()
    raw = groups["pct"] or groups["arabic"] or groups["chinese"]
    percent = bool(groups["percent_word"] or groups["percent_sign"])
    if (groups["chinese"] and not (alone or groups["unit"] or percent)
            and not _counts_alone(raw)):
        return None  # 一, 万 without a measure word: too often part of a word (万一, 千万)
    value = _value(raw)
    if value is None:
        return None
    unit, value = _apply_multiplier(groups, value)
    qualifier = groups["after"] or groups["bound"] or groups["before"] or ""
    start, end = match.start(), match.end()
    return Number(value=value, start=start, end=end, text=original[start:end], unit=unit,
                  percent=percent, approximate=bool(qualifier) and qualifier not in _EXACT_WORDS,
                  qualifier=qualifier, ordinal=bool(groups["ordinal"]))


# Words before a number that do not make it approximate: 共3次 is exactly 3.
_EXACT_WORDS = {"共", "累计", "合计", "总计", "达", "多达"}


def _counts_alone(raw: str) -> bool:
    """A Chinese numeral of two or more characters with a unit inside reads as a number ("十二")."""
    return len(raw) >= 2 and any(c in _SMALL_UNITS for c in raw)


def _apply_multiplier(groups: dict[str, str | None], value: float) -> tuple[str, float]:
    unit = groups["unit"] or ""
    if groups["mult_a"]:
        value *= _BIG_UNITS[groups["mult_a"]]
    if unit[:1] in _BIG_UNITS and len(unit) > 1:
        value *= _BIG_UNITS[unit[0]]
        unit = unit[1:]
    value = int(value) if float(value).is_integer() else round(value, 6)
    return unit, value


def to_chinese(number: int) -> str:
    """0..99999999 written as in Chinese prose: 105 → 一百零五, 12 → 十二, 20003 → 二万零三."""
    if number == 0:
        return "零"
    high, low = divmod(number, 10_000)
    if not high:
        return _below_10000(low, leading=True)
    tail = "" if not low else ("零" if low < 1000 else "") + _below_10000(low, leading=False)
    return _below_10000(high, leading=True) + "万" + tail


def _below_10000(number: int, *, leading: bool) -> str:
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        # 十二, not 一十二, when 十 leads the whole numeral.
        omit_one = power == 10 and digit == 1 and not out and leading
        out += ("" if omit_one else digits[digit]) + name
    return out
