"""The messages the `llm` extractor sends: prompts from `prompts/`, the rubric, and the material.

The material is the documents' visible text only (`manipulation.visible_text_for_model`, which is
Document.text: hidden spans never get there), between delimiters whose id is a hash of the
material itself, so a submission cannot close the data block early by writing the end marker.
A material longer than the budget (in characters) is cut at line ends into parts; each part is
asked about every fact and item, and the answers are merged by the extractor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractors.document import Document
from extractors.facts.manipulation import visible_text_for_model
from extractors.facts.spec import FactSpec, ItemSpec, RubricView
from prompts.loader import Prompt, load_prompt

SYSTEM, USER = "facts_system", "facts_user"
ROLE_NAMES = {"deeds": "事迹材料", "form": "申报表"}
TYPE_HINTS = {
    "bool": "填 true 或 false",
    "int": "填整数",
    "number": "填数字",
    "percent": "填百分数的数值，如 6.4 表示 6.4%",
    "rank": "填名次（正整数）",
    "ratio": "填比值（数字）",
}


@dataclass(frozen=True)
class Prompts:
    system: Prompt
    user: Prompt

    @property
    def version(self) -> str:
        """One version for the pair: a change to either prompt file changes it."""
        joined = f"{self.system.version}:{self.user.version}".encode()
        return hashlib.sha256(joined).hexdigest()[:12]


def load_prompts(directory: Path | None = None) -> Prompts:
    return Prompts(load_prompt(SYSTEM, directory), load_prompt(USER, directory))


@dataclass(frozen=True)
class RubricText:
    """The rubric as the prompt states it: facts and expert items, one entry each."""

    id: str
    facts: str
    items: str


def rubric_text(spec: RubricView) -> RubricText:
    facts = "\n".join(_fact_line(f) for f in spec.facts.values()) or "（无）"
    experts = [i for i in spec.items.values() if i.expert]
    items = "\n".join(_item_lines(i) for i in experts) or "（无）"
    return RubricText(spec.id, facts, items)


def _fact_line(fact: FactSpec) -> str:
    if fact.type == "enum":
        labels = fact.value_labels
        codes = "、".join(f"{v}（{labels[v]}）" if v in labels else v for v in fact.values)
        hint = f"只能填以下代码之一：{codes}"
    else:
        hint = TYPE_HINTS.get(fact.type, "填数值") + _bounds(fact)
    return f"- {fact.name}：{fact.description or fact.name}；{hint}"


def _bounds(fact: FactSpec) -> str:
    low, high = fact.minimum, fact.maximum
    if low is not None and high is not None:
        return f"，在 {low:g} 到 {high:g} 之间"
    if low is not None:
        return f"，不小于 {low:g}"
    return f"，不大于 {high:g}" if high is not None else ""


def _item_lines(item: ItemSpec) -> str:
    lines = [f"- {item.id} {item.name}（满分 {item.maximum:g} 分）"]
    if item.explanation:
        lines.append(f"  指标解释：{item.explanation}")
    if not item.tiers:
        lines.append(f"  不分档：tier 填 null，points 填 0 到 {item.maximum:g} 之间的分值")
    for tier in item.tiers:
        said = tier.descriptors
        head = f"  {tier.label}（{tier.min:g}–{tier.max:g} 分）"
        lines.append(head + (f"：{said}" if said else ""))
    return "\n".join(lines)


def parts(documents: Sequence[tuple[Document, str]], budget: int) -> list[str]:
    """The material in parts of at most `budget` characters (one part when it fits)."""
    blocks = [(_header(i, d, role), visible_text_for_model(d))
              for i, (d, role) in enumerate(documents, 1)]
    whole = "\n\n".join(f"{h}\n{t}" for h, t in blocks)
    if len(whole) <= budget:
        return [whole]
    return list(_packed(blocks, budget))


def _header(index: int, document: Document, role: str) -> str:
    name = Path(document.path).name
    return f"【文档{index}：{name}（{ROLE_NAMES.get(role, role)}）】"


def _packed(blocks: list[tuple[str, str]], budget: int) -> Iterator[str]:
    """Lines packed into parts; a part that goes on with a document repeats its header."""
    current: list[str] = []
    size = 0
    for header, text in blocks:
        pending: str | None = header
        for line in _lines(text, max(budget // 2, 1)):
            if current and size + len(pending or "") + len(line) + 2 > budget:
                yield "\n".join(current)
                current, size = [], 0
                pending = pending or header + "（续）"
            if pending:
                current.append(pending)
                size += len(pending) + 1
                pending = None
            current.append(line)
            size += len(line) + 1
    if current:
        yield "\n".join(current)


def _lines(text: str, width: int) -> Iterator[str]:
    """The text's lines, a line longer than `width` cut into pieces of that width."""
    for line in text.split("\n"):
        for start in range(0, max(len(line), 1), width):
            yield line[start : start + width]


def boundary(material: str) -> str:
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def messages(prompts: Prompts, rubric: RubricText, material: str, part: str) -> list[
        tuple[str, str]]:
    """System and user messages for one part of the material."""
    user = prompts.user.render(rubric_id=rubric.id, facts=rubric.facts, items=rubric.items,
                               part=part, boundary=boundary(material), material=material)
    return [("system", prompts.system.render()), ("human", user)]


def part_label(index: int, count: int) -> str:
    if count == 1:
        return "全文"
    return (f"第 {index + 1}/{count} 部分：材料较长，分段提供；只根据这一部分作答，"
            "这一部分中没有证据的事实和指标填 null")
