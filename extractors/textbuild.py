"""Assemble Document.text from blocks, keeping exact offsets and the hidden text out.

Readers hand over each block as pieces of (text, hidden reason or None). Visible pieces become
the block's text; hidden ones become HiddenSpans. Invisible characters (zero-width, bidi
controls, Unicode tags) are stripped from the visible text here, for every format, because they
can smuggle instructions past a reader and change character counts without showing on paper.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extractors.document import Block, BlockKind, HiddenReason, HiddenSpan, Location
from extractors.findings import Finding, finding

Piece = tuple[str, HiddenReason | None]

# Zero-width space/joiners, LRM/RLM, bidi embeddings and isolates, word joiner and invisible
# operators, BOM, and the Unicode tag block (which can spell out ASCII nobody sees).
INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)

_REASON_WORDS: dict[str, tuple[str, str]] = {
    "vanish": ("隐藏格式", "hidden formatting"),
    "web_hidden": ("网页隐藏", "web hidden"),
    "white": ("白色文字", "white text"),
    "tiny": ("极小字号", "tiny font"),
    "invisible": ("隐形、与背景同色或在页面外", "invisible, background colour or off the page"),
    "zero_width": ("零宽或不可见字符", "zero-width or invisible characters"),
}


@dataclass
class TextBuilder:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[Block] = field(default_factory=list)
    hidden: list[HiddenSpan] = field(default_factory=list)

    def add(
        self, pieces: Iterable[Piece], kind: BlockKind, location: Location, **details: Any
    ) -> tuple[Block, str]:
        """Append one block; return it and its visible text (== text[block.start:block.end]).
        `details` are the Block's optional fields (source, confidence, box of OCR'd text)."""
        visible = self._visible(pieces, location)
        if self.blocks:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(visible)
        self.length += len(visible)
        block = Block(kind=kind, start=start, end=self.length, location=location, **details)
        self.blocks.append(block)
        return block, visible

    def mark(self) -> tuple[int, int, int, int]:
        """Where the builder stands, to go back to with `rollback` (a page OCR replaces)."""
        return len(self.parts), self.length, len(self.blocks), len(self.hidden)

    def rollback(self, mark: tuple[int, int, int, int]) -> None:
        parts, self.length, blocks, hidden = mark
        del self.parts[parts:], self.blocks[blocks:], self.hidden[hidden:]

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def _visible(self, pieces: Iterable[Piece], location: Location) -> str:
        shown: list[str] = []
        run_text, run_reason = "", None
        for text, reason in pieces:
            if reason is None:
                shown.append(text)
            if reason != run_reason:
                self.hide(run_text, run_reason, location)
                run_text, run_reason = "", reason
            run_text += text if reason else ""
        self.hide(run_text, run_reason, location)
        visible = "".join(shown)
        stripped = "".join(INVISIBLE.findall(visible))
        if stripped:
            self.hidden.append(HiddenSpan(text=stripped, reason="zero_width", location=location))
            visible = INVISIBLE.sub("", visible)
        return visible

    def hide(self, text: str, reason: HiddenReason | None, location: Location) -> None:
        # Whitespace in tiny or white type is how Word forms space their layout: not a finding.
        if reason is not None and text.strip():
            self.hidden.append(HiddenSpan(text=text, reason=reason, location=location))


def hidden_finding(hidden: list[HiddenSpan], document: str) -> Finding | None:
    """ONE warning per document: how many hidden characters, and why."""
    if not hidden:
        return None
    by_reason: Counter[str] = Counter()
    for span in hidden:
        by_reason[span.reason] += len(span.text)
    total = sum(by_reason.values())
    zh = "，".join(f"{_REASON_WORDS[r][0]} {n}" for r, n in by_reason.most_common())
    en = ", ".join(f"{_REASON_WORDS[r][1]} {n}" for r, n in by_reason.most_common())
    message = (f"发现 {total} 个隐藏字符（{zh}），未计入正文，请人工查看 "
               f"(hidden text: {total} characters — {en}; kept out of the text)")
    return finding("hidden_text", message, count=total, document=document)
