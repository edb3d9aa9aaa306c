"""Helpers for the facts tests: Documents built straight from text, and the Hebei rubric's view."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from extractors.document import Block, Document, HiddenSpan, Location
from extractors.facts.base import SubmissionText
from extractors.facts.spec import FactSpec, ItemSpec, RubricView, TierSpec


def document_from_text(
    text: str, path: str = "deeds.docx", hidden: Iterable[str] = ()
) -> Document:
    """One paragraph block per line, offsets into text; `hidden` become vanished spans."""
    blocks, offset = [], 0
    for index, line in enumerate(text.split("\n")):
        blocks.append(Block(kind="paragraph", start=offset, end=offset + len(line),
                            location=Location(paragraph=index)))
        offset += len(line) + 1
    spans = [HiddenSpan(text=h, reason="vanish", location=Location(paragraph=0)) for h in hidden]
    digest = hashlib.sha256((path + text + "".join(hidden)).encode()).hexdigest()
    return Document(path=path, sha256=digest, format="docx", text=text, blocks=blocks,
                    hidden=spans)


def submission_of(text: str, form_text: str | None = None) -> SubmissionText:
    parts = [(document_from_text(text), "deeds")]
    if form_text is not None:
        parts.append((document_from_text(form_text, "form.docx"), "form"))
    return SubmissionText.of("S1", *parts)  # type: ignore[arg-type]


def _tiers(*spans: tuple[float, float]) -> tuple[TierSpec, ...]:
    labels = ("第一档", "第二档", "第三档")
    return tuple(TierSpec(label=labels[i], min=lo, max=hi) for i, (lo, hi) in enumerate(spans))


def hebei_view() -> RubricView:
    """The fact contract and expert tiers of 附件1 (Hebei collective rubric), by hand."""
    facts = [
        FactSpec(name="leading_group", type="enum",
                 values=("none", "exists", "headed_by_principal")),
        FactSpec(name="group_meetings", type="int"),
        FactSpec(name="it_budget_share", type="percent"),
        FactSpec(name="it_staff", type="int"),
        FactSpec(name="security_policy", type="enum",
                 values=("complete", "mostly_complete", "incomplete")),
        FactSpec(name="security_incident", type="enum", values=("none", "minor", "major")),
        FactSpec(name="teacher_online_days", type="number"),
        FactSpec(name="platform_logins_per_capita", type="number"),
    ]
    ten = _tiers((8, 10), (4, 7), (0, 3))
    items = [
        ItemSpec(id="1", name="领导小组", maximum=5, expert=False,
                 facts=("leading_group", "group_meetings")),
        ItemSpec(id="4", name="信息门户及新媒体建设", maximum=10, expert=True, tiers=ten),
        ItemSpec(id="5", name="数字化资源建设", maximum=10, expert=True, tiers=ten),
        ItemSpec(id="6", name="体系组织信息化活动参与情况", maximum=8, expert=True,
                 tiers=_tiers((6, 8), (3, 5), (0, 2))),
        ItemSpec(id="7", name="市校信息化活动组织情况", maximum=7, expert=True,
                 tiers=_tiers((5, 6), (2, 4), (0, 1))),
        ItemSpec(id="8", name="信息化对教学办公支持服务情况", maximum=10, expert=True, tiers=ten),
        ItemSpec(id="12", name="信息化特色和创新", maximum=10, expert=True),
    ]
    return RubricView(id="hebei-collective", facts={f.name: f for f in facts},
                      items={i.id: i for i in items})
