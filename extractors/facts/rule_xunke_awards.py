"""Bonus facts of the 逊克 school rubric (16): awards in IT-related contests by level and rank,
reports on education-office websites and articles in the press by level, 名师工作室 by level,
and the level of a 试点/示范校 title.

A level is the nearest level word before the thing: 国家级/全国 → national, 省级/省/黑龙江 →
province, 市级/市/黑河 → city, 县级/县/逊克 → county. A contest that is not about IT (田径, 篮球)
gives no award; the school's own website is not a "website report"; 申报 (applied for) is not 荣获.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.document import Cell, Document, Table
from extractors.facts import lexicon as lx
from extractors.facts.evidence import Evidence, no_evidence
from extractors.facts.modality import INTENT, RUBRIC_QUOTE, unstated
from extractors.facts.numbers import find_numbers
from extractors.facts.text import Sentence, clause_at, row_sentence

Rule = Callable[[list[Sentence]], Evidence]

LEVELS = {"national": "国家级", "province": "省级", "city": "市级", "county": "县级"}
_LEVEL_WORDS = re.compile(
    r"(?P<national>国家级|全国|国家|部级|中国|教育部)|(?P<province>省级|黑龙江|省)"
    r"|(?P<city>市级|黑河|市)|(?P<county>县级|逊克|县)|(?P<school>校级|学校组织)")
RANKS = {"一": "first", "二": "second", "三": "third"}
_AWARD = re.compile(r"(?P<ranks>[一二三](?:、[一二三])*)等奖")
_IT_CONTEST = re.compile(r"信息化|信息技术|课件|微课|多媒体|班班通|优课|电子白板|融合|创客|"
                         r"编程|机器人|"
                         r"电脑|网络|数字|智慧|教学软件|人工智能|白板|"
                         # the 三个课堂 (专递课堂、名师课堂、名校网络课堂) are IT classrooms
                         r"三个课堂|专递课|名师课堂|同步课堂|互动课堂|双师课堂|空中课堂|录播")
_COUNT_UNITS = ("人次", "人", "名", "项", "个", "件", "篇")
# "该比赛与信息化无关", "不属于信息化类": the IT word is there to say the contest is not IT.
_NOT_IT = re.compile(r"与[^，,。；;]{0,6}(?:信息化|信息技术)[^，,。；;]{0,4}无关"
                     r"|(?:不属于|不是|非)[^，,。；;]{0,2}(?:信息化|信息技术)")
# "其中：省级二等奖2人次…": the breakdown of a total the sentence before named as IT awards.
_BREAKDOWN = re.compile(r"^(?:其中|分别是|具体(?:为|是|如下))[：:，,]?")
# A sum over a whole region: "全县共…", "全市累计…".
_REGION_SUM = r"全(?:国|省|市|县|区)[^，,；;。]{0,8}(?:共|累计|合计|总计)"
# A count of a whole county's or province's pieces, not the school's: "全县教育系统共发表86篇".
_REGION_TOTAL = re.compile(rf"{_REGION_SUM}|全(?:国|省|市|县|区)(?:教育系统|中小学|各校|学校)")


def level_before(text: str, at: int) -> str | None:
    """The level named nearest before `at`: national, province, city, county; None: none or 校级."""
    found = list(_LEVEL_WORDS.finditer(text, 0, at))
    if not found:
        return None
    last = found[-1]
    return None if last.lastgroup == "school" else last.lastgroup


@dataclass(frozen=True)
class Count:
    fact: str
    value: int
    sentence: Sentence
    stated: bool  # the number is written (not one implied by a single award)


def _award_count(text: str, match: re.Match[str]) -> tuple[int, bool]:
    """"一等奖2人次" (after) or "2人获一等奖" (before, in the same segment); else one award."""
    after = [n for n in find_numbers(text[match.end(): match.end() + 8])
             if n.unit in _COUNT_UNITS and n.integer is not None]
    if (after and after[0].start <= 1) or (after and text[match.end():].startswith("各")):
        return after[0].integer or 0, True  # "一等奖0人次" is a stated zero
    segment = re.split(r"[，,；;、。]", text[: match.start()])[-1]
    before = [n for n in find_numbers(segment) if n.unit in _COUNT_UNITS and n.integer]
    if before and re.search(r"获|荣获|获得", segment[before[-1].end:]):
        return before[-1].integer or 1, True
    names = _NAMED.search(text[: match.start()])  # "赵刚、孙梅老师…获二等奖": two people
    if names:
        return names.group("names").count("、") + 1, True
    return 1, False


_NAMED = re.compile(r"^(?:\d+[.、．]\s*)?(?P<names>(?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})"
                    r"(?:老师|同学|教师)")


def _it(text: str) -> bool:
    return bool(_IT_CONTEST.search(_NOT_IT.sub("", text)))


def _breakdown(sentence: Sentence, previous: Sentence | None, previous_it: bool,
               in_breakdown: bool) -> bool:
    """"…信息化相关大赛，共获奖17人次。其中：省级二等奖2人次；市级一等奖3人次；…": a breakdown of
    the IT awards the sentence before named, and each of its parts after a ；."""
    if previous is None or previous.document is not sentence.document:
        return False
    if _BREAKDOWN.match(sentence.text):
        return previous_it
    between = sentence.document.text[previous.end: sentence.start]
    return in_breakdown and ("；" in between or ";" in between) and bool(
        _AWARD.search(sentence.text))


# A word that names a contest of the sentence's own ("在全县田径比赛中").
_CONTEST = re.compile(r"赛|评选|评比|评优|展评|活动|征文|大奖|运动会|汇演|会演|比武")


def _same_contest(sentence: Sentence, contest: Sentence | None) -> bool:
    """"…信息化教学大赛…全县共评出一等奖15名。…我校共获县级一等奖2人次…": the school's awards
    in the IT contest last named before (`contest`), when this sentence names none of its own."""
    return (contest is not None and contest.document is sentence.document
            and not sentence.label_end
            and bool(re.match(r"(?:我校|本校|学校)", sentence.text))
            and not _CONTEST.search(sentence.text))


# A table's title or note that says its rows are IT-contest awards: "信息化相关大赛获奖统计表".
# "学校信息化成果获奖统计" (a title without 表) and "获奖情况统计如下" say the same.
# A heading that ends with 获奖情况 or gives a note in brackets after it ("…大赛获奖情况（摘自各级
# 表彰文件名单）") names the table under it too.
_AWARD_TABLE = re.compile(r"(?:获奖|奖项)[^，,。；;]{0,6}"
                          r"(?:(?:统计|情况|一览|汇总)?表|统计|一览|汇总)|获奖人次"
                          r"|获奖情况(?=[（(]|$)")
# A row of another year kept for comparison ("2017（上年度，对比）") is not this year's.
_OTHER_YEAR_ROW = re.compile(r"上年度|上一年度|上年|去年|往年|对比")
# A row's count cell written as a bare number ("县级 | 一等奖 | 4").


# Prose that compares with another year: "其中上年同期市级一等奖仅为2人次" is last year's award.
_OTHER_YEAR = re.compile(r"上年|上一年|去年|前年|往年|上届|上一届")


def _other_year(sentence: Sentence, at: int) -> bool:
    start, clause = clause_at(sentence, at)
    return at >= sentence.label_end and bool(_OTHER_YEAR.search(clause[: at - start]))


# Another school as the winner: "县内另一所学校的学生在市电脑作品大赛中获一等奖2人次" is not ours,
# unless the school is named after it ("与兄弟学校同台竞技，我校获…").
_OTHER_WINNER = re.compile(r"另一所|另一(?:学校|校)|邻校|兄弟学校|外校|他校|其他学校|其它学校|"
                           r"友好学校|别的学校")


def _other_school(sentence: Sentence, at: int) -> bool:
    start, clause = clause_at(sentence, at)
    lead = clause[: at - start]
    found = list(_OTHER_WINNER.finditer(lead))
    return bool(found) and not re.search(r"我校|本校|学校师生", lead[found[-1].end():])


# The prizes of a whole contest, not the school's: "全县共评出一等奖15名、二等奖24名".
_REGION_PRIZES = re.compile(_REGION_SUM)


def _region_total(sentence: Sentence, at: int) -> bool:
    start, clause = clause_at(sentence, at)
    return bool(_REGION_PRIZES.search(clause[: at - start]))


def _row_count(sentence: Sentence, match: re.Match[str]) -> int | None:
    """The count in a row's last cell, right after the rank: "…\n一等奖\n4" is 4."""
    if not sentence.label_end or match.end() > sentence.label_end:
        return None
    bare = lx.BARE_COUNT.match(sentence.text[sentence.label_end:])
    return int(bare.group(1)) if bare else None


def _cell_count(cells: list[str]) -> tuple[int, bool]:
    """The count in a cell of its own after the rank ("1", "3人次"); one award if none."""
    for cell in cells:
        numbers = find_numbers(cell)
        if len(numbers) == 1 and numbers[0].integer is not None and (
                lx.BARE_COUNT.match(cell) or numbers[0].unit in _COUNT_UNITS):
            return numbers[0].integer, True
    return 1, False


def _cell_tables(sentences: list[Sentence], title: Sentence) -> list[list[list[Cell]]]:
    """The tables after `title` that the row reader leaves cell by cell (a header it does not
    know: "… | 人次 | 备注"), header row first."""
    tables = []
    for table in title.document.tables:
        cells = [cell for row in table.rows for cell in row]
        if not cells or cells[0].start < title.end:
            continue
        start, end = cells[0].start, cells[-1].end
        inside = [s for s in sentences
                  if s.document is title.document and start <= s.start < end]
        if inside and not any(s.label_end for s in inside):
            tables.append([row for row in table.rows if row])
    return tables


def _cell_rows(sentences: list[Sentence], title: Sentence) -> list[list[Cell]]:
    return [row for table in _cell_tables(sentences, title) for row in table[1:]]


def _rank_columns(header: list[Cell]) -> dict[int, str]:
    """The columns of a header that each name one rank ("级别 | 一等奖 | 二等奖 | 三等奖"):
    column → rank."""
    columns = {}
    for column, cell in enumerate(header):
        # the unit may follow the rank: "一等奖（人次）", "二等奖人数"
        match = _AWARD.fullmatch(re.sub(r"[（(]?(?:人次|人数|人)[)）]?$", "", cell.text.strip()))
        if match and len(match.group("ranks")) == 1:
            columns[column] = RANKS[match.group("ranks")]
    return columns


def _column_awards(rows: list[list[Cell]], title: Sentence) -> list[Count]:
    """Rows under a header of rank columns: the level in the row's other cells, the count in
    each rank's cell ("省级 | 0 | 1 | 1"; a stated 0 is a count, an empty cell is none)."""
    found, ranks = [], _rank_columns(rows[0])
    for row in rows[1:]:
        cells = [cell.text.strip() for cell in row]
        labels = "\n".join(c for i, c in enumerate(cells) if i not in ranks)
        level = level_before(labels, len(labels))
        if level is None or _OTHER_YEAR_ROW.search(labels):
            continue
        cited = row_sentence(title.document, row, title.index)
        for column, rank in ranks.items():
            if column < len(cells) and cells[column]:
                count, stated = _cell_count([cells[column]])  # "2", "2人次"
                if stated:
                    found.append(Count(f"award_{level}_{rank}", count, cited, True))
    return found


def _table_awards(sentences: list[Sentence], title: Sentence) -> list[Count]:
    """Per row of an IT-award table read cell by cell: the level named before the rank cell and
    the count in a later cell; a row that names another year (备注 "已在上年统计") is not this
    year's."""
    found, rows = [], []
    for table in _cell_tables(sentences, title):
        if len(_rank_columns(table[0])) > 1:
            found += _column_awards(table, title)
        else:
            rows += table[1:]
    for row in rows:
        cells = [cell.text.strip() for cell in row]
        ranked = next(((i, m) for i, cell in enumerate(cells) if (m := _AWARD.search(cell))),
                      None)
        if ranked is None or _OTHER_YEAR_ROW.search("\n".join(cells)):
            continue
        rank, match = ranked
        before = "\n".join([*cells[:rank], cells[rank][: match.start()]])
        level = level_before(before, len(before))
        if level is None:
            continue
        cited = row_sentence(title.document, row, title.index)
        count, stated = _cell_count(cells[rank + 1:])
        found += [Count(f"award_{level}_{RANKS[r]}", count, cited, stated)
                  for r in match.group("ranks").split("、")]
    return found


def _awards(sentences: list[Sentence]) -> list[Count]:
    found = []
    previous, previous_it, in_breakdown = None, False, False
    it_table = None  # the document whose title names a table of IT-contest awards
    tabled: set[tuple[int, int]] = set()  # the cells of rows _table_awards read
    contest: Sentence | None = None  # the last sentence that named a contest, if an IT one
    for sentence in sentences:
        text = sentence.text
        if not sentence.label_end and _it(text) and _AWARD_TABLE.search(text):
            if it_table is not sentence.document:
                found += _table_awards(sentences, sentence)
                tabled |= {(c.start, c.end) for row in _cell_rows(sentences, sentence)
                           for c in row}
            it_table = sentence.document
        if any(start <= sentence.start < end for start, end in tabled):
            continue  # a cell of a row read whole above
        in_breakdown = _breakdown(sentence, previous, previous_it, in_breakdown)
        in_table = bool(sentence.label_end) and it_table is sentence.document
        it = in_breakdown or _it(text) or in_table or _same_contest(sentence, contest)
        if _CONTEST.search(text) and not sentence.label_end:
            contest = sentence if _it(text) else None
        previous, previous_it = sentence, it
        if not it or RUBRIC_QUOTE.search(text) or re.search(r"每人次", text):
            continue
        if sentence.label_end and _OTHER_YEAR_ROW.search(text[: sentence.label_end]):
            continue
        for match in _AWARD.finditer(text):
            level = level_before(text, match.start())
            if (level is None or _other_year(sentence, match.start())
                    or _other_school(sentence, match.start())
                    or _region_total(sentence, match.start())):
                continue
            row = _row_count(sentence, match)
            count, stated = (row, True) if row is not None else _award_count(text, match)
            for rank in match.group("ranks").split("、"):
                found.append(Count(f"award_{level}_{RANKS[rank]}", count, sentence, stated))
    return found


def _total(counts: list[Count], fact: str, what: str) -> Evidence:
    mine = [c for c in counts if c.fact == fact]
    if not mine:
        return no_evidence(what)
    total = sum(c.value for c in mine)
    cites = [s.cite() for s in dict.fromkeys(c.sentence for c in mine)]
    shown = "；".join(f"“{c.sentence.text}”" for c in mine[:3])
    implied = "" if all(c.stated for c in mine) else "（未写明人次处按1人次计，请核对）"
    return Evidence(value=total, confidence=0.65 if implied == "" else 0.45, citations=cites,
                    rationale=f"材料写明{shown}，{what}合计{total}{implied}。")


def _award_rule(level: str, rank: str) -> Rule:
    label = f"{LEVELS[level]}信息化相关大赛{'一二三'[list(RANKS.values()).index(rank)]}等奖人次"
    return lambda sentences: _total(_awards(sentences), f"award_{level}_{rank}", label)


# ---- reports and articles --------------------------------------------------------------------

_PUBLISHED = re.compile(r"发表|刊发|刊登|登载|录用|采用|发布|刊载")
_WEB = re.compile(r"网站|网页|信息网|官网|门户|政务网|教育网")
_PRESS = re.compile(r"《[^》]{2,20}》|报|刊|杂志")
_OWN_SITE = re.compile(r"学校网站|校园网站|本校网站|我校网站|校网")
# A table row's label that says its count is of published pieces (通讯报道 | 省级 | …网站 | 1篇).
_ROW_PUBLISHED = re.compile(r"报道|文章|稿件|发稿|刊文|论文")


# The venue after the count, in the passive: "通讯有2篇被县教育局网站采用，1篇被黑河市教育局网站
# 采用", "3篇被《黑河日报》刊登".
_TAKEN_BY = re.compile(r"[^，,；;。\d]{0,6}?被(?P<venue>[^，,；;。]{1,20}?)"
                       r"(?:采用|录用|发表|刊发|刊登|登载|刊载|转载)")


def _taken_by(text: str, end: int) -> str | None:
    """The venue a count was taken by, named after it (the clause's own words up to it)."""
    found = _TAKEN_BY.match(text, end)
    return found.group("venue") if found else None


def _reports(sentences: list[Sentence]) -> list[Count]:
    found, tallied = _tallies(sentences)
    for sentence in sentences:
        if any(doc is sentence.document and start <= sentence.start < end
               for doc, start, end in tallied):
            continue  # a cell of a tally read above, by its row and column
        text = sentence.text
        published = _PUBLISHED.search(text) or _ROW_PUBLISHED.search(text[: sentence.label_end])
        if RUBRIC_QUOTE.search(text) or re.search(r"每篇", text):
            continue
        if not published:
            found += _one_article(sentence)  # "《黑河日报》报道了我校…": 报道 its verb
            continue
        for number in find_numbers(text):
            # "本年度发表0篇" is a stated zero
            if number.unit not in ("篇", "条") or number.integer is None or number.ordinal:
                continue
            segment = re.split(r"[，,；;。]", text[: number.start])[-1]
            # a requirement or threshold ("要求各校…发表稿件不少于5篇") is not a count published
            if _REGION_TOTAL.search(segment) or unstated(sentence, number.start):
                continue
            # the venue that took the count decides, not a word before it ("【宣传报道】…有2篇
            # 被县教育局网站采用": 报 of 报道 is no paper)
            segment = _taken_by(text, number.end) or segment
            if _WEB.search(segment) and not _OWN_SITE.search(segment):
                # the site nearest the count: "相关报道在各级网站发表情况如下：在省教育厅网站
                # 发表1篇" names the province's site after the sites of all levels
                kind, venue = "web_reports", list(_WEB.finditer(segment))[-1]
            elif _PRESS.search(segment):
                # in a row the venue is the last press name: its label "报刊文章" names no venue
                # in prose a paper's name (《黑河日报》) is the venue, not 报 of 报道 before it
                venues = list(_PRESS.finditer(segment))
                titled = [v for v in venues if v.group(0).startswith("《")]
                kind, venue = "press_articles", (venues[-1] if sentence.label_end
                                                 else (titled or venues)[0])
            else:
                continue
            level = level_before(segment, venue.end()) if venue else None
            if level is None or (kind == "press_articles" and level == "county"):
                continue
            found.append(Count(f"{kind}_{level}", number.integer, sentence, True))
        found += _none_published(sentence)
        if not any(c.sentence is sentence for c in found):
            found += _one_report(sentence) or _one_article(sentence)
    return found


# ---- a tally of pieces by level (宣传报道统计表) ----
# A header or row cell that opens with a level: "国家级", "省级（篇）", "中央", "市", "县（区）级
# 网站"; not a range of levels ("县级以上"), nor 部分 or 区域.
_CELL_LEVEL = re.compile(r"^(?:(?P<national>国家|全国|中央|部级)|(?P<province>省|自治区)"
                         r"|(?P<city>地市|市|地区)|(?P<county>县区|区县|县|区级))级?"
                         r"(?!以上|以下|以外)")
# Words of the pieces themselves, whose 报 and 刊 name no paper: "通讯报道", "刊发文章".
_PIECE_WORDS = re.compile(r"报道|报送|汇报|上报|报告|刊发|刊登|刊载|发稿|刊文")
# A row or column that sums others ("合计", "网站报道小计"), names another year, or gives the
# rubric's points or a target ("每篇加分", "目标") is not a count of the school's pieces.
_NOT_A_TALLY = re.compile(rf"{_OTHER_YEAR_ROW.pattern}|合计|总计|小计|共计|累计"
                          r"|每篇|加分|分值|得分|标准|目标|计划")


def _tally_count(cell: str) -> int | None:
    """A count cell: a bare number or one in 篇/条 ("2", "2篇"); not "—", "/" or a sentence."""
    bare = lx.BARE_COUNT.match(cell)
    if bare:
        return int(bare.group(1))
    numbers = find_numbers(cell)
    whole = len(numbers) == 1 and numbers[0].text.strip() == cell.strip()
    return numbers[0].integer if whole and numbers[0].unit in ("篇", "条") else None


def _bare(text: str) -> str:
    """A cell's text without brackets and spaces: "县（区）级" is 县级."""
    return re.sub(r"[（(][^（）()]*[)）]|\s", "", text)


def _cell_level(text: str) -> str | None:
    match = _CELL_LEVEL.match(_bare(text))
    return match.lastgroup if match else None


def _cell_kind(text: str) -> str | None:
    """web_reports or press_articles: the venue a cell names, none when it names both or none."""
    text = _PIECE_WORDS.sub("", _bare(text))
    web = bool(_WEB.search(text)) and not _OWN_SITE.search(text)
    press = bool(_PRESS.search(text))
    return None if web == press else "web_reports" if web else "press_articles"


def _one(values: list[str | None]) -> str | None:
    named = set(values) - {None}
    return named.pop() if len(named) == 1 else None


def _tally_cell(head: str, labels: list[str]) -> tuple[str, str] | None:
    """(kind, level) of a count cell by its column's header and its row's other cells; None
    when they name no venue, no level, or two of either."""
    if _NOT_A_TALLY.search(head) or any(_NOT_A_TALLY.search(label) for label in labels):
        return None
    kind = _one([_cell_kind(head), _cell_kind("\n".join(labels))])
    level = _one([_cell_level(head), *map(_cell_level, labels)])
    return (kind, level) if kind and level else None


def _tally_rows(document: Document, table: Table) -> list[Count]:
    """A table of counts whose columns name the levels or venues ("类别 | 国家级 | 省级 | 市级 |
    县级", rows "…网站通讯报道（篇）", "…报刊文章（篇）"; or levels down the rows): each count cell
    is the pieces of its row's and column's venue and level, a stated 0 a zero, a "—" none."""
    heads = {cell.column: cell.text.strip() for cell in table.rows[0]}
    if not any(_cell_level(h) or _cell_kind(h) for h in heads.values()):
        return []
    found = []
    for row in table.rows[1:]:
        counts = {cell.column: n for cell in row if (n := _tally_count(cell.text)) is not None}
        labels = [cell.text.strip() for cell in row if cell.column not in counts]
        cited = row_sentence(document, row)
        for column, count in counts.items():
            named = _tally_cell(heads.get(column, ""), labels)
            # the rubric counts no county press
            if named and (named[0] == "web_reports" or named[1] != "county"):
                found.append(Count(f"{named[0]}_{named[1]}", count, cited, True))
    return found


def _tallies(sentences: list[Sentence]) -> tuple[list[Count], list[tuple[Document, int, int]]]:
    """The counts of tally tables whose title or cells say they count published pieces, and
    the spans of the tables read (their cells are not read again as sentences)."""
    found: list[Count] = []
    spans = []
    for document in {id(s.document): s.document for s in sentences}.values():
        for table in document.tables:
            cells = [cell for row in table.rows for cell in row]
            if len(table.rows) < 2 or not cells or not _counts_pieces(document, cells):
                continue
            counts = _tally_rows(document, table)
            if counts:
                found += counts
                spans.append((document, cells[0].start, cells[-1].end))
    return found, spans


def _counts_pieces(document: Document, cells: list[Cell]) -> bool:
    """The table's cells, or the two lines above it (its title, a note), name published pieces."""
    above = document.text[: cells[0].start].rstrip().split("\n")[-2:]
    words = "\n".join([*above, *(cell.text for cell in cells)])
    return bool(_PUBLISHED.search(words) or _ROW_PUBLISHED.search(words)
                or re.search(r"宣传|通讯", words)) and not RUBRIC_QUOTE.search(words)


# "国家级教育网站没有采用", "省级报刊未发表": a level's count stated as zero, no number written.
_NONE_PUBLISHED = re.compile(r"(?:没有|未|无|尚未|均未)[^，,；;。]{0,12}"
                             r"(?:采用|发表|刊登|刊发|录用|登载|刊载)")


def _none_published(sentence: Sentence) -> list[Count]:
    found = []
    for piece in re.finditer(r"[^，,；;。]+", sentence.text):
        segment, denial = piece.group(0), _NONE_PUBLISHED.search(piece.group(0))
        if (not denial or _OWN_SITE.search(segment)
                or unstated(sentence, piece.start() + denial.start())):
            continue
        # the venue nearest before the denial: "报道被各级网站采用情况如下：国家级网站没有采用"
        webs = list(_WEB.finditer(segment, 0, denial.start())) or list(_WEB.finditer(segment))
        press = _PRESS.search(segment)
        kind, venue = ("web_reports", webs[-1]) if webs else ("press_articles", press)
        level = level_before(segment, venue.end()) if venue else None
        if level is not None and not (kind == "press_articles" and level == "county"):
            found.append(Count(f"{kind}_{level}", 0, sentence, True))
        both = _WEB_AND_PRESS.search(segment, 0, denial.start())
        if kind == "web_reports" and both:  # "国家级网站和国家级报刊均未发表": the press too
            level = level_before(segment, both.end())
            if level is not None and level != "county":
                found.append(Count(f"press_articles_{level}", 0, sentence, True))
    return found


_WEB_AND_PRESS = re.compile(r"(?:网站|网页|官网|门户)(?:和|及|与|、|以及)[^，,；;。]{0,6}?"
                            r"(?:报刊|杂志|报纸)")


def _one_report(sentence: Sentence) -> list[Count]:
    """"县教育局网站刊发我校信息化工作经验": one report, no number written."""
    text = sentence.text
    venue, verb = _WEB.search(text), _PUBLISHED.search(text)
    if not venue or not verb or venue.start() > verb.start() or _OWN_SITE.search(text):
        return []
    if re.search(r"[多几数]篇|系列", text) or not re.search(r"我校|本校|学校", text[verb.end():]):
        return []
    level = level_before(text, venue.end())
    return [Count(f"web_reports_{level}", 1, sentence, False)] if level else []


# A paper or journal by its title: 《黑河日报》, 《黑龙江教育》, 《中国教师报》 (not a book or a
# plan: 《…行动计划》).
_PAPER = re.compile(r"《[^《》]{1,16}(?:报|刊|杂志|教育|教研|教学|周刊|学报)》")
_ARTICLE_VERB = re.compile(rf"{_PUBLISHED.pattern}|报道")


def _one_article(sentence: Sentence) -> list[Count]:
    """"《黑河日报》刊发通讯…，报道我校信息化教学做法": one article, no number written, at the
    paper's level (the rubric counts no county press)."""
    text = sentence.text
    paper, verb = _PAPER.search(text), _ARTICLE_VERB.search(text)
    if not paper or not verb or paper.start() > verb.start() or _WEB.search(text[: verb.start()]):
        return []
    if re.search(r"[多几数]篇|系列", text) or not re.search(r"我校|本校|学校", text[verb.end():]):
        return []
    if unstated(sentence, verb.start()):
        return []
    level = level_before(paper.group(0), len(paper.group(0)))  # the paper's own name says it
    return [Count(f"press_articles_{level}", 1, sentence, False)] if level not in (
        None, "county") else []


def _report_rule(kind: str, level: str) -> Rule:
    what = "网站通讯报道" if kind == "web_reports" else "报刊发表文章"
    return lambda sentences: _total(_reports(sentences), f"{kind}_{level}",
                                    f"{LEVELS[level]}{what}篇数")


# ---- studios and pilot schools ---------------------------------------------------------------

_STUDIO = re.compile(r"名师工作室|优秀学习空间|名师空间")
_NOT_YET = re.compile(r"推荐|参评|申报|申请|争创|计划|拟")
# Said after the studio: "省级名师工作室已申报，尚在评审中", "…正在创建中".
_PENDING = re.compile(r"^[^，,。；;]{0,8}(?:申报|申请|上报|推荐|评审中|待审|审核中|待批|创建中|"
                      r"筹建)")
# A state of review in a later clause, before any other studio is named: "…已经上报，目前处于
# 评审中" (not "创建县级名师工作室1个，学校计划明年申报市级名师工作室", a second studio).
_UNDER_REVIEW = re.compile(r"评审中|审核中|审批中|待审|待批|公示中|未获批|尚未批复")


def _pending(text: str, end: int) -> bool:
    after = text[end:]
    following = _STUDIO.search(after)
    return bool(_PENDING.search(after)
                or _UNDER_REVIEW.search(after[: following.start()] if following else after))
# A studio the school works through or joins ("依托县级名师工作室开展教研") is not one it created.
_USED = re.compile(r"依托|借助|利用|通过|参加|参与|加入|走进|观摩")
# Another school's studio ("邻校…中学的名师工作室被评为省级") is not this school's.
_OTHER_SCHOOL = re.compile(r"邻校|兄弟学校|外校|其他学校|友好学校|(?:中学|小学|中心校)的$")


# A studio named, then the title it was given: "…主持的名师工作室被认定为市级名师工作室" is one
# studio, at the later (its title's) level.
_GIVEN_TITLE = re.compile(r"^[^，,。；;]{0,3}(?:认定|评为|评选为|确定|命名|批准|授予)为?"
                          r"[^，,。；;]{0,8}$")


# A level's studio said not to exist: "尚无省级名师工作室或省级优秀学习空间", "还没有创建市级名师
# 工作室", "省级名师工作室：暂无" is a stated zero at that level.
_NO_STUDIO = re.compile(r"(?:尚无|暂无|还没有|没有|并无|均无|无(?!线)|尚未|暂未|还未|未(?!来))"
                        r"(?:创建|建成|建立|成立|获批|获评)?[^，,。；;]{0,12}$")
_NO_STUDIO_AFTER = re.compile(r"^[：:\s]{0,2}(?:尚无|暂无|均无|没有|无|暂缺|空缺)")


# The title given after the application: "我校申报的…工作室被认定为县级名师工作室" was granted;
# the application is then only what names the studio (申报的), not a step still to come.
_GRANTED = re.compile(r"(?:认定|评为|评选为|命名|批准|授予|获批|获评|确定)为?[^，,。；;]{0,8}$")
_APPLIED_FOR = re.compile(r"(?:申报|申请|推荐|上报|参评)的")


def _not_yet(lead: str) -> bool:
    """Applied for, planned or put forward (not one granted the title since)."""
    if _GRANTED.search(lead):
        lead = _APPLIED_FOR.sub("", lead)
    return bool(_NOT_YET.search(lead) or INTENT.search(lead))


def _denied(lead: str, text: str, end: int) -> bool:
    return bool(_NO_STUDIO.search(lead) or _NO_STUDIO_AFTER.match(text[end:]))


def _titled_later(text: str, end: int) -> bool:
    following = _STUDIO.search(text, end)
    return bool(following and _GIVEN_TITLE.match(text[end: following.start()]))


def _studios(sentences: list[Sentence]) -> list[Count]:
    found = []
    for sentence in sentences:
        text = sentence.text
        if RUBRIC_QUOTE.search(text) or re.search(r"每个", text):
            continue
        for match in _STUDIO.finditer(text):
            level = level_before(text, match.start())
            lead = re.split(r"[，,；;、。]", text[: match.start()])[-1]
            if (level not in ("province", "city", "county") or _not_yet(lead)
                    or _USED.search(lead) or _OTHER_SCHOOL.search(lead)
                    # "全市今年共评出省级优秀学习空间15个": the city's count, not the school's
                    or _REGION_TOTAL.search(lead) or _pending(text, match.end())
                    or _titled_later(text, match.end())):
                continue
            if _denied(lead, text, match.end()):
                found.append(Count(f"studios_{level}", 0, sentence, True))
                continue
            near = [n for n in find_numbers(text[match.end(): match.end() + 6])
                    if n.unit in ("个", "间")]
            before = [n for n in find_numbers(lead) if n.unit in ("个", "间")]
            count = (near or before or [None])[0]
            # "省级名师工作室0个" is a stated zero, not one studio implied
            value = count.integer if count and count.integer is not None else 1
            found.append(Count(f"studios_{level}", value, sentence, count is not None))
    return found


def _studio_rule(level: str) -> Rule:
    return lambda sentences: _total(_studios(sentences), f"studios_{level}",
                                    f"{LEVELS[level]}名师工作室、优秀学习空间个数")


_PILOT = re.compile(
    r"试点(?:项目)?(?:单位|学校|校)|示范(?:学)?校|示范学校|工程项目校|实验(?:学)?校"
)
_AWARDED = re.compile(
    r"被评为|荣获|获评|被确定为|确定为|被命名为|命名为|成为|被批准为|批准为|入选|获批"
)
_PILOT_LEVEL = {"national": "province", "province": "province", "city": "city", "county": "none"}


def _pilot_level(sentence: Sentence) -> str | None:
    """The level of the title the school was given: "公布…试点项目单位名单，我校被确定为省级…试点
    项目学校" names the list first, then the school's title in a later clause."""
    text = sentence.text
    if RUBRIC_QUOTE.search(text) or re.search(r"申报|争创|申请|创建中", text):
        return None
    for index, match in enumerate(_PILOT.finditer(text)):
        # the first title may take a verb of an earlier clause; a later one only its own, and
        # with the school named there ("…名单，邻校被命名为示范校" is another school's)
        start = clause_at(sentence, match.start())[0] if index else 0
        if index and not (re.search(r"我校|本校|学校", text[start: match.start()])
                          or _opens_own_row(sentence, start, match.start())):
            continue
        level = level_before(text, match.start())
        if _AWARDED.search(text, start, match.start()) and level is not None:
            return level
    return None


def _opens_own_row(sentence: Sentence, start: int, at: int) -> bool:
    """A 自评表 row's value whose first clause gives the title ("试点项目单位 | 本年度被确定为
    省…试点项目单位"): the school's own row speaks of the school without naming it."""
    return 0 < sentence.label_end <= start <= sentence.label_end + 1 and at > sentence.label_end


def pilot_school_level(sentences: list[Sentence]) -> Evidence:
    for sentence in sentences:
        level = _pilot_level(sentence)
        if level is None:
            continue
        text, value = sentence.text, _PILOT_LEVEL[level]
        note = "（国家级，按省级计）" if level == "national" else ""
        label = {"province": "省级", "city": "市级", "none": "县级（不加分）"}[value]
        return Evidence(value=value, confidence=0.6, citations=[sentence.cite()],
                        rationale=f"材料写明“{text}”，试点项目单位或示范校级别为{label}{note}。")
    return no_evidence("教育信息化试点项目单位或示范校")


AWARD_RULES: dict[str, Rule] = {
    **{f"award_{level}_{rank}": _award_rule(level, rank)
       for level in LEVELS for rank in RANKS.values()},
    **{f"web_reports_{level}": _report_rule("web_reports", level) for level in LEVELS},
    **{f"press_articles_{level}": _report_rule("press_articles", level)
       for level in ("national", "province", "city")},
    **{f"studios_{level}": _studio_rule(level) for level in ("province", "city", "county")},
    "pilot_school_level": pilot_school_level,
}
