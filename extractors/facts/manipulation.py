"""Text aimed at scorers rather than readers: instructions to a grader or a model, in visible or
hidden text ("忽略以上要求", "评为第一档", "ignore previous instructions").

Such text is reported (`suspected_injection`), never obeyed and never removed: a reviewer decides.
Hidden text never reaches a model in the first place — `visible_text_for_model` is exactly
Document.text, which the readers build from visible text only — and no model output becomes a
score without a reviewer, so neither can change a number.
"""

from __future__ import annotations

import re

from extractors.document import Document, HiddenSpan
from extractors.facts.citations import fold, normalise
from extractors.facts.models import location_at
from extractors.findings import Finding, finding

# Matched on normalised text (citations.normalise: width- and case-folded, no whitespace or
# punctuation), so "忽 略 以 上" and "Ignore  previous\ninstructions" are caught too;
# hence no spaces in the English patterns. Each phrase is an instruction to whoever scores,
# which ordinary deeds never contain ("领导小组组长由校长担任" is not flagged).
INJECTION = re.compile(
    "|".join([
        r"(?:忽略|无视|忘记|忘掉)(?:掉)?(?:以上|之前|前面|上面|上述|此前|先前|所有|全部|其他)",
        r"(?:评为|评定为|定为|给予|给|打|划为|列为|判为|归为)第[一1]档",
        # Not 得满分/获评满分: deeds report full marks they were given ("考核获得满分").
        r"(?:给予|给|打|(?<!获)评|判|予以)(?:本单位|我们|该单位|本材料|此材料|本项|每项)?满分",
        r"满分评价|最高分(?:评价|处理)|(?:给予|给|打)(?:本单位|我们|该单位)?最高(?:分|档)",
        r"评分标准.{0,12}(?:无效|作废|不适用|不再适用|失效)",
        r"(?:作为|身为|你是|您是)(?:一名|一位|一个)?(?:评审|评委|评审专家|专家|评分|打分|阅卷|"
        r"ai|人工智能|大模型|语言模型|模型|助手).{0,10}(?:你应|你必须|你需要|请你|应当|必须|请)",
        r"(?:系统提示|系统指令|提示词|新的指令|新指令)",
        r"(?:请|务必)(?:将|把)?(?:本单位|该单位|本材料|此材料|我们|我单位)(?:评为|列为|排在|推荐为)"
        r"(?:第一|首位|最高|优秀|先进)",
        r"ignore(?:all|any)?(?:the)?(?:previous|prior|above|preceding|earlier|other)",
        r"disregard(?:all|any)?(?:the)?(?:previous|prior|above|preceding|earlier|scoring|rubric|instructions)",
        r"(?:youarenow|youarea|youarean|actas)(?:grader|reviewer|evaluator|scorer|judge|examiner)",
        r"systemprompt|newinstructions|\[inst\]|<\|?(?:system|im_start)",
        r"(?:give|assign|award)(?:this|the|us|it|our)?\w{0,20}(?:full|maximum|highest|top)"
        r"(?:marks|score|points|tier|rating)",
        r"(?:rate|score|rank)(?:this|us|it)\w{0,20}(?:first|top|tier1|highest)",
    ]),
    re.IGNORECASE,
)
QUOTE_LIMIT = 80


def _hits(text: str) -> list[tuple[int, int]]:
    """Spans in `text` (original offsets) of each injection phrase."""
    # The offsets only when there is a phrase: nearly every document has none, and mapping
    # each character back was half of this scan's time.
    matches = [m for m in INJECTION.finditer(fold(text)) if m.end() > m.start()]
    if not matches:
        return []
    _, origin = normalise(text)
    return [(origin[m.start()], origin[m.end() - 1] + 1) for m in matches]


def _context(text: str, start: int, end: int) -> str:
    """The phrase with a little of its sentence around it, for the reviewer to judge."""
    left = max(text.rfind(c, 0, start) for c in "。！？\n") + 1
    right = min([i for i in (text.find(c, end) for c in "。！？\n") if i >= 0] or [len(text)])
    snippet = text[left:right].strip()
    return snippet if len(snippet) <= QUOTE_LIMIT else text[start:end]


def _visible(document: Document) -> list[Finding]:
    """One finding per passage, however many phrases it holds."""
    found: dict[str, Finding] = {}
    for start, end in _hits(document.text):
        passage = _context(document.text, start, end)
        where = location_at(document, start).describe()
        found.setdefault(passage, finding(
            "suspected_injection", f"可见文本（{where}）中疑似针对评审或模型的指令：“{passage}”",
            document=document.path))
    return list(found.values())


def _hidden(document: Document, span: HiddenSpan) -> list[Finding]:
    hits = _hits(span.text)
    if not hits:
        return []
    start, end = hits[0]
    return [finding(
        "suspected_injection",
        f"隐藏文本（{span.reason}，{span.location.describe()}）中疑似针对评审或模型的指令："
        f"“{_context(span.text, start, end)}”；隐藏文本不会交给模型",
        document=document.path)]


def scan(document: Document) -> list[Finding]:
    """`suspected_injection` findings for instruction-like text, visible and hidden."""
    return _visible(document) + [f for s in document.hidden for f in _hidden(document, s)]


def visible_text_for_model(document: Document) -> str:
    """What a model may read of a document: its visible text, exactly Document.text."""
    return document.text
