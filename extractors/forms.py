"""Recognise what a document is by its content: 先进集体申报表, 先进个人申报表, 事迹材料 or
unknown; and read a form's fields by label, the value being in the neighbouring cell.

Field names, aliases, limits and template text come from the rubric's FormSpec data, never from
constants here: labels vary between institutions ("姓　　名", "单位名称", "突出事迹简介(1000字)").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import Field

from extractors.document import Cell, Document, Location, Table
from extractors.flat_fields import fields_from_runs, per_spec, spec_labels
from rubric import FieldSpec, FormSpec
from rubric.strict import Strict

FormKind = Literal["collective", "individual", "deeds", "unknown"]

# A limit hint such as "(1000字)" or "（800字以内）" is template text, not part of a label or value.
_LIMIT_HINT = re.compile(r"[（(]\s*(?:不超过|限)?\s*\d+\s*字\s*(?:以内)?\s*[）)]")
_LABEL_NOISE = re.compile(r"[\s:：*＊]")
_DEEDS_TITLE = re.compile(r"事迹材料|先进事迹|事迹简介")
# Prose: a deeds document is mostly running text; forms are mostly short table cells.
_MIN_DEEDS_WORDS_OUTSIDE_TABLES = 150


class FieldValue(Strict):
    """A field's value as the applicant wrote it, template text removed, with its place in text."""

    name: str
    label: str
    value: str
    start: int
    end: int
    location: Location
    images: int = 0


class Form(Strict):
    kind: FormKind
    title: str | None = None
    fields: dict[str, FieldValue] = Field(default_factory=dict)


@functools.lru_cache(maxsize=4096)  # label cells repeat in every form of a template
def normalise_label(text: str) -> str:
    """'姓　　名：' → '姓名'; '突出事迹简介 (1000字)' → '突出事迹简介'.

    Noise goes first, so that '（限：1000字）' is a hint too; hints go until none is left, so that
    a normalised label normalises to itself.
    """
    label = _LABEL_NOISE.sub("", text)
    while (shorter := _LIMIT_HINT.sub("", label)) != label:
        label = shorter
    return label


_INDEXES: dict[int, tuple[FormSpec, dict[str, FieldSpec]]] = {}


def prepare(specs: Iterable[FormSpec]) -> None:
    """Make the specs' label indexes and patterns now. A process that forks workers calls this
    first, so each worker does not compile them again (~6 ms a spec)."""
    for spec in specs:
        _label_index(spec)
        spec_labels(spec)


def _label_index(spec: FormSpec) -> dict[str, FieldSpec]:
    return per_spec(_INDEXES, spec, _make_label_index)


def _make_label_index(spec: FormSpec) -> dict[str, FieldSpec]:
    index: dict[str, FieldSpec] = {}
    for field in spec.fields:
        for label in (field.name, *field.aliases):
            index[normalise_label(label)] = field
    return index


def _match_label(cell_text: str, index: dict[str, FieldSpec]) -> FieldSpec | None:
    # The whole cell first: PDF cells wrap labels anywhere ("突出事迹简介(100\n0字)"); then the
    # first line, for a label cell that also holds a note under the label.
    for text in (cell_text, cell_text.split("\n", 1)[0]):
        label = normalise_label(text)
        if 0 < len(label) <= 12 and label in index:
            return index[label]
    return None


def _value_span(document: Document, cell: Cell, field: FieldSpec) -> tuple[int, int, str]:
    """The cell's span with template text (limit hint, placeholder) trimmed from both ends.

    Template text inside the applicant's words cannot be cut out without breaking the offsets,
    so only leading and trailing template text is removed; that is where the forms print it.
    """
    start, end = cell.start, cell.end
    templates = [*field.template_text, *(m.group(0) for m in _LIMIT_HINT.finditer(cell.text))]
    changed = True
    while changed:
        changed = False
        text = document.text[start:end]
        stripped = text.lstrip()
        start += len(text) - len(stripped)
        text = document.text[start:end].rstrip()
        end = start + len(text)
        for template in templates:
            if text.startswith(template):
                start, changed = start + len(template), True
                break
            if text.endswith(template):
                end, changed = end - len(template), True
                break
    return start, end, document.text[start:end]


def _neighbour(row: Sequence[Cell], position: int, index: dict[str, FieldSpec]) -> Cell | None:
    """The cell right of the label, unless it is another label (the value was left out)."""
    if position + 1 >= len(row):
        return None
    cell = row[position + 1]
    return None if _match_label(cell.text, index) else cell


def _fields_from_table(document: Document, table: Table, spec: FormSpec) -> dict[str, FieldValue]:
    index = _label_index(spec)
    found: dict[str, FieldValue] = {}
    for row in table.rows:
        for position, cell in enumerate(row):
            field = _match_label(cell.text, index)
            if field is None or field.name in found:
                continue
            value_cell = _neighbour(row, position, index)
            found[field.name] = _field_value(document, table, cell, value_cell, field)
    return found


def _field_value(
    document: Document, table: Table, label: Cell, value_cell: Cell | None, field: FieldSpec
) -> FieldValue:
    location = Location(page=table.page, table=table.index, row=label.row,
                        column=(value_cell or label).column)
    if value_cell is None:
        return FieldValue(name=field.name, label=label.text, value="", start=label.end,
                          end=label.end, location=location)
    start, end, value = _value_span(document, value_cell, field)
    return FieldValue(name=field.name, label=label.text, value=value, start=start, end=end,
                      location=location, images=value_cell.images)


_INLINE = re.compile(r"^\s*(?P<label>[^:：\n]{1,12})[:：]\s*(?P<value>.*)$")


def _fields_from_lines(document: Document, spec: FormSpec) -> dict[str, FieldValue]:
    """Forms typed as paragraphs, 'label：value' on a line, for documents without a table."""
    index = _label_index(spec)
    found: dict[str, FieldValue] = {}
    for block in document.blocks:
        match = _INLINE.match(document.text[block.start : block.end])
        field = index.get(normalise_label(match.group("label"))) if match else None
        if match is None or field is None or field.name in found:
            continue
        start = block.start + match.start("value")
        end = block.start + match.end("value")
        found[field.name] = FieldValue(name=field.name, label=match.group("label"),
                                       value=document.text[start:end], start=start, end=end,
                                       location=block.location)
    return found


def _title(document: Document) -> str | None:
    for block in document.blocks[:5]:
        line = document.text[block.start : block.end].strip()
        if line:
            return line
    return None


def _form_spec(document: Document, specs: Iterable[FormSpec]) -> FormSpec | None:
    """The spec whose marker ("先进集体申报表") appears in the document, else the one whose labels
    the document's tables match best (at least half of the required fields)."""
    specs = list(specs)
    head = re.sub(r"\s", "", document.text[:400])
    for spec in specs:
        if any(marker in head for marker in spec.markers):
            return spec
    best, best_score = None, 0.0
    for spec in specs:
        required = [f for f in spec.fields if f.required]
        score = len(_all_fields(document, spec)) / max(len(required), 1)
        if score > best_score:
            best, best_score = spec, score
    return best if best_score >= 0.5 else None


def _all_fields(document: Document, spec: FormSpec) -> dict[str, FieldValue]:
    found: dict[str, FieldValue] = {}
    for table in document.tables:
        for name, value in _fields_from_table(document, table, spec).items():
            found.setdefault(name, value)
    for name, value in _fields_from_lines(document, spec).items():
        found.setdefault(name, value)
    # Label–value runs only for fields no table cell or line holds: an empty value cell of a
    # table form stays empty even when a note below the table names its label.
    for name, (_, label, start, end, location) in fields_from_runs(document, spec).items():
        found.setdefault(name, FieldValue(name=name, label=label, value=document.text[start:end],
                                          start=start, end=end, location=location))
    return found


def _looks_like_deeds(document: Document) -> bool:
    table_chars = sum(c.end - c.start for t in document.tables for row in t.rows for c in row)
    prose = len(document.text) - table_chars
    title = _title(document) or ""
    return bool(_DEEDS_TITLE.search(title)) or prose >= _MIN_DEEDS_WORDS_OUTSIDE_TABLES


def recognise(document: Document, specs: Iterable[FormSpec]) -> Form:
    """What the document is, and for a form its fields. Specs are the programme's FormSpecs."""
    spec = _form_spec(document, specs)
    if spec is not None:
        return Form(kind=spec.kind, title=_title(document), fields=_all_fields(document, spec))
    if document.text.strip() and _looks_like_deeds(document):
        return Form(kind="deeds", title=_title(document))
    return Form(kind="unknown", title=_title(document))
