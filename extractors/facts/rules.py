"""The offline `rules` extractor (the default; no network): regular expressions and lexicons.

Per fact of the rubric, one rule (FACT_RULES) reads the submission's sentences and returns a value
with the sentence that proves it, or an explicit "no evidence". The Hebei facts are in rule_group,
rule_budget, rule_staff and rule_security, which read a value only from a clause that states it
(modality: not a goal, plan, requirement, condition, rubric quote or another body's); the 先进个人
conditions in rule_conditions; the 逊克 school facts in rule_xunke*, which ask the same modality
module. Per expert item, a heuristic
tier (rule_items). Every suggestion is range-checked against the rubric before it leaves: one
outside the rubric is dropped with an `out_of_range` finding, never clamped. Hidden text is never
read (Document.text holds only visible text); `manipulation.scan` reports it and injection
attempts.
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.facts import manipulation
from extractors.facts.base import SubmissionText
from extractors.facts.evidence import Evidence, no_evidence, suggestion
from extractors.facts.models import ExtractionResult, Suggestion
from extractors.facts.ranges import check_range
from extractors.facts.rule_budget import it_budget_share
from extractors.facts.rule_conditions import CONDITION_RULES
from extractors.facts.rule_group import group_meetings, leading_group
from extractors.facts.rule_items import expert_item
from extractors.facts.rule_security import security_incident, security_policy
from extractors.facts.rule_staff import it_staff, platform_logins_per_capita, teacher_online_days
from extractors.facts.rule_xunke import XUNKE_RULES
from extractors.facts.spec import FactSpec, RubricView
from extractors.facts.text import Sentence, sentences
from extractors.findings import Finding

Rule = Callable[[list[Sentence]], Evidence]

FACT_RULES: dict[str, Rule] = {
    "leading_group": leading_group,
    "group_meetings": group_meetings,
    "it_budget_share": it_budget_share,
    "it_staff": it_staff,
    "security_policy": security_policy,
    "security_incident": security_incident,
    "teacher_online_days": teacher_online_days,
    "platform_logins_per_capita": platform_logins_per_capita,
    **CONDITION_RULES,  # 先进个人: 评选条件1-4 and it_post (rule_conditions.py)
    **XUNKE_RULES,  # xunke-2018-school (rule_xunke*.py)
}


class RulesExtractor:
    name = "rules"

    def suggest(self, submission: SubmissionText, rubric: RubricView) -> ExtractionResult:
        spec = rubric
        documents = submission.ordered()
        text = [s for d in documents for s in sentences(d)]
        evidence: list[tuple[str, str, Evidence]] = [
            ("fact", name, _read_fact(spec.facts[name], text)) for name in spec.facts]
        evidence += [("item", item.id, expert_item(item, text))
                     for item in spec.items.values() if item.expert]
        made = [suggestion(e, submission=submission.submission, target=target, key=key,
                           extractor=self.name) for target, key, e in evidence]
        kept, findings = _in_range(made, spec)
        findings += [f for d in documents for f in manipulation.scan(d)]
        return ExtractionResult(suggestions=kept, findings=findings)


def _read_fact(fact: FactSpec, text: list[Sentence]) -> Evidence:
    """The fact's rule; a fact the rubric says comes from elsewhere (origin: metrics, survey,
    inspection) is never read from the text, and its rationale says where its value comes from."""
    if not fact.from_text():
        return no_evidence("", why=fact.origin_rationale())
    rule = FACT_RULES.get(fact.name)
    if rule is None:
        return no_evidence("", why="规则提取器没有识别这一事实的规则，请人工填写。")
    return rule(text)


def _in_range(made: list[Suggestion], spec: RubricView) -> tuple[list[Suggestion], list[Finding]]:
    """Suggestions that fit the rubric; one that does not is replaced by an explicit no-evidence
    suggestion (the reviewer still sees the fact) and reported as `out_of_range`."""
    kept: list[Suggestion] = []
    findings: list[Finding] = []
    for item in made:
        problem = check_range(item, spec)
        if problem is None:
            kept.append(item)
            continue
        findings.append(problem)
        kept.append(Suggestion.model_validate({
            **item.model_dump(), "value": None, "tier": None, "points": None,
            "points_range": None, "status": "no_evidence", "confidence": 0.0,
            "rationale": f"提取结果已拒绝：{problem.message}"}))
    return kept, findings
