"""Fields by label where the table is gone: 'label value label value …' in one run of text.

A legacy .doc converted by LibreOffice can arrive as one paragraph, "姓名孙芳性别女出生年月1988.05
所在单位唐山开放大学职称/职务工程师突出事迹简介(800字)该同志…", and an OCR'd form without ruling
lines gives such lines too. The programme's labels (FormSpec names and aliases) cut the run:
each value runs from the end of its label to the next label of a field not yet read. A label
inside a field's running text ("为本单位…") does not end a long field (one with a 字数 limit)
unless it is a full name of at least four characters ("单位意见"). A block counts only when two
different fields' labels stand in it, so a sentence that happens to hold "职务" is not a form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from extractors.document import Document, Location
from rubric import FieldSpec, FormSpec

_SEPARATOR = re.compile(r"^[\s:：]*")
_HINT = re.compile(r"^[（(]\s*(?:不超过|限)?\s*\d+\s*字\s*(?:以内)?\s*[）)]")
_MIN_STRONG_LABEL = 4
_WORDS = re.compile(r"\w")  # a value of punctuation only ("、" between two labels) is none
_BLANKS = re.compile(r"[ \u3000]")
_KEPT_SPECS = 64  # a programme has two forms; tests make many more
Found = tuple[FieldSpec, str, int, int, Location]  # field, label, start, end, location
Labels = tuple[dict[str, FieldSpec], re.Pattern[str]]  # field by label without blanks; pattern
T = TypeVar("T")


def per_spec(kept: dict[int, tuple[FormSpec, T]], spec: FormSpec,
             make: Callable[[FormSpec], T]) -> T:
    """`make(spec)`, made once per spec: every table and block of every document is matched
    against the same few specs. Kept by identity (hashing a FormSpec walks all its fields);
    the spec is kept with it, so its id cannot be reused meanwhile."""
    found = kept.get(id(spec))
    if found is None or found[0] is not spec:
        if len(kept) >= _KEPT_SPECS:
            kept.clear()
        found = kept[id(spec)] = (spec, make(spec))
    return found[1]


_LABELS: dict[int, tuple[FormSpec, Labels]] = {}


def _labels(spec: FormSpec) -> list[tuple[str, FieldSpec]]:
    pairs = [(label, field) for field in spec.fields for label in (field.name, *field.aliases)]
    return sorted(pairs, key=lambda pair: -len(pair[0]))  # longest first: 所在单位 before 单位


def _pattern(labels: list[tuple[str, FieldSpec]]) -> re.Pattern[str]:
    # Labels may be spaced out on forms ("姓　　名"): allow blanks between their characters.
    alternatives = ["[ \u3000]*".join(map(re.escape, label)) for label, _ in labels]
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def _spec_labels(spec: FormSpec) -> Labels:
    labels = _labels(spec)
    return {_BLANKS.sub("", label): field for label, field in labels}, _pattern(labels)


def spec_labels(spec: FormSpec) -> Labels:
    """The spec's fields by label (blanks removed) and the pattern of its labels, made once."""
    return per_spec(_LABELS, spec, _spec_labels)


def fields_from_runs(document: Document, spec: FormSpec) -> dict[str, Found]:
    by_text, pattern = spec_labels(spec)
    found: dict[str, Found] = {}
    for block in document.blocks:
        text = document.text[block.start : block.end]
        hits = [(m, by_text[_BLANKS.sub("", m.group(0))]) for m in pattern.finditer(text)]
        if len({field.name for _, field in hits}) < 2:
            continue
        for field, label, start, end in _values(text, hits):
            if field.name not in found and _WORDS.search(text[start:end]):
                found[field.name] = (field, label, block.start + start, block.start + end,
                                     block.location)
    return found


def _values(text: str, hits: list[tuple[re.Match[str], FieldSpec]]
            ) -> Iterator[tuple[FieldSpec, str, int, int]]:
    seen: set[str] = set()
    current: tuple[re.Match[str], FieldSpec] | None = None
    for match, field in hits:
        if field.name in seen:
            continue
        if current is not None and not _ends(current[1], match.group(0)):
            continue
        if current is not None:
            yield _span(text, *current, match.start())
        current = (match, field)
        seen.add(field.name)
    if current is not None:
        yield _span(text, *current, len(text))


def _ends(running: FieldSpec, label: str) -> bool:
    """May this label end the running field's value?"""
    return running.limit is None or len(label) >= _MIN_STRONG_LABEL


def _span(text: str, match: re.Match[str], field: FieldSpec, end: int
          ) -> tuple[FieldSpec, str, int, int]:
    start = match.end()
    while True:
        rest = text[start:end]
        skipped = len(_SEPARATOR.match(rest).group(0))  # type: ignore[union-attr]
        hint = _HINT.match(rest[skipped:])
        start += skipped + (len(hint.group(0)) if hint else 0)
        if not skipped and not hint:
            break
    while end > start and text[end - 1].isspace():
        end -= 1
    return field, match.group(0), start, end
