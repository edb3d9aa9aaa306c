"""Build Document objects directly, with exact offsets, for tests of forms and checks.

The readers have their own tests; these builders let form and check tests state a table as a grid
of strings without going through a file. The forms' rows are the samples' (samples.builders).
"""

from __future__ import annotations

from extractors.document import Block, Cell, Document, Location, Table
from samples import builders


class _Text:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []

    def add(self, text: str, kind: str, location: Location) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self.blocks.append(Block(kind=kind, start=start, end=self.length, location=location))
        return start, self.length


def make_document(
    *,
    before: list[str] = (),  # type: ignore[assignment]
    rows: list[list[str]] | None = None,
    after: list[str] = (),  # type: ignore[assignment]
    images_at: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
    path: str = "申报表.docx",
    text_reliable: bool = True,
) -> Document:
    """Paragraphs `before`, one table of `rows` (cells as strings), then paragraphs `after`."""
    text = _Text()
    paragraph = 0
    for line in before:
        text.add(line, "paragraph", Location(paragraph=paragraph))
        paragraph += 1
    tables = []
    if rows is not None:
        cells = []
        for r, row in enumerate(rows):
            out_row = []
            for c, value in enumerate(row):
                start, end = text.add(value, "cell", Location(table=0, row=r, column=c))
                images = 1 if (r, c) in images_at else 0
                out_row.append(Cell(row=r, column=c, text=value, start=start, end=end,
                                    images=images))
            cells.append(out_row)
        tables.append(Table(index=0, rows=cells))
    for line in after:
        text.add(line, "paragraph", Location(paragraph=paragraph))
        paragraph += 1
    return Document(path=path, sha256="0" * 64, format="docx", text="".join(text.parts),
                    blocks=text.blocks, tables=tables, text_reliable=text_reliable)


def collective_rows(summary: str = "本单位信息化工作成效显著。",
                    opinion: str = "同意推荐。\n签章\n日期：2024年10月12日") -> list[list[str]]:
    """The collective form's rows (samples.builders) for a complete unit."""
    return builders.collective_rows(builders.Unit(
        folder="石家庄开放大学", name="石家庄开放大学信息技术中心",
        address="石家庄市长安区建设北大街1号", phone="0311-66000000", summary=summary,
        opinion=opinion))


def individual_rows(summary: str = "长期负责学习平台运维。") -> list[list[str]]:
    """The individual form's rows (samples.builders) for a complete nominee."""
    return builders.individual_rows(builders.Person(
        name="李明", sex="男", born="1985.06", school="唐山开放大学", title="讲师",
        summary=summary))
