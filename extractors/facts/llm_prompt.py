"""The messages the `llm` extractor sends: prompts from `prompts/`, the rubric, and the material.

The material is the documents' visible text only (`manipulation.visible_text_for_model`, which is
Document.text: hidden spans never get there), between delimiters whose id is a hash of the
material itself, so a submission cannot close the data block early by writing the end marker.
A material longer than the budget (in characters) is cut at line ends into parts; each part is
asked about every fact and item, and the answers are merged by the extractor. For small models
(≤ 2B parameters) the questions can be asked per item group instead (`groups`). The material
comes first in the user message and the questions after it, so the calls of one submission
share their prefix (system message and material): llama.cpp's server and Ollama keep that
prefix's computed state and read the long material once, not once per group.
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

SYSTEM, USER, EXAMPLE = "facts_system", "facts_user", "facts_example"
# Methods whose output the server constrains to the schema: they need no worked example.
CONSTRAINED = frozenset({"json_schema", "function_calling"})
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
    example: Prompt

    @property
    def version(self) -> str:
        """One version for the three files: a change to any of them changes it."""
        joined = f"{self.system.version}:{self.user.version}:{self.example.version}".encode()
        return hashlib.sha256(joined).hexdigest()[:12]


def load_prompts(directory: Path | None = None) -> Prompts:
    return Prompts(load_prompt(SYSTEM, directory), load_prompt(USER, directory),
                   load_prompt(EXAMPLE, directory))


@dataclass(frozen=True)
class RubricText:
    """The rubric as the prompt states it: facts and expert items, one entry each."""

    id: str
    facts: str
    items: str


def rubric_text(spec: RubricView, group: Group | None = None) -> RubricText:
    """The rubric's facts and expert items as the prompt states them (a group's only, if given)."""
    facts, items = group or whole(spec)
    facts_text = "\n".join(_fact_line(spec.facts[f]) for f in facts) or "（无）"
    items_text = "\n".join(_item_lines(spec.items[i]) for i in items) or "（无）"
    return RubricText(spec.id, facts_text, items_text)


Group = tuple[tuple[str, ...], tuple[str, ...]]  # fact names, expert item ids


def whole(spec: RubricView) -> Group:
    """Every fact and expert item: what one call asks by default."""
    return asked(spec), tuple(i.id for i in spec.items.values() if i.expert)


def asked(spec: RubricView) -> tuple[str, ...]:
    """The facts a model is asked for: not those whose value comes from metrics, a survey or an
    inspection (the text cannot state them; asking would only invite a guess)."""
    return tuple(name for name, fact in spec.facts.items() if fact.from_text())


def groups(spec: RubricView) -> list[Group]:
    """One call per item group, for small models that lose track of a long list: each scored
    item with the facts it reads, each expert item alone, and the facts no item reads."""
    made: list[Group] = []
    used: set[str] = set()
    for item in spec.items.values():
        if item.expert:
            made.append(((), (item.id,)))
            continue
        facts = tuple(f for f in item.facts if f in asked(spec) and f not in used)
        if facts:
            made.append((facts, ()))
            used.update(facts)
    rest = tuple(f for f in asked(spec) if f not in used)
    return [*made, (rest, ())] if rest else made


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


def messages(prompts: Prompts, rubric: RubricText, material: str, part: str,
             method: str = "prompt") -> list[tuple[str, str]]:
    """System and user messages for one part of the material. A method the server constrains
    to the schema gets no worked example (it would cost tokens and teach nothing); the text
    methods get one, concrete and fictitious, never placeholders a small model could copy."""
    example = "" if method in CONSTRAINED else "\n" + prompts.example.render() + "\n"
    user = prompts.user.render(rubric_id=rubric.id, facts=rubric.facts, items=rubric.items,
                               example=example, part=part, boundary=boundary(material),
                               material=material)
    return [("system", prompts.system.render()), ("human", user)]


def part_label(index: int, count: int) -> str:
    if count == 1:
        return "全文"
    return (f"第 {index + 1}/{count} 部分：材料较长，分段提供；只根据这一部分作答，"
            "这一部分中没有证据的事实和指标填 null")
