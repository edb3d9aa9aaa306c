"""The llm extractor on the 先进个人 rubric: the 评选条件 are asked through the prompt as yes/no
facts, and every answer is grounded in the text or dropped, as for any fact."""

from __future__ import annotations

from extractors.facts.llm import LLMExtractor
from extractors.facts.rubric_adapter import from_rubric
from intake.catalog import load_rubric
from tests.support.facts import submission_of
from tests.test_llm_extractor import answer, fake, sent_text

DEEDS = "\n".join([
    "刘洋同志在图书馆工作十二年，负责电子教材管理。",
    "她牵头建成电子教材管理平台，上线电子教材1300种。",
])
FORM = "所在单位\n唐山开放大学\n职称/职务\n图书馆馆员\n突出事迹简介(800字)\n负责电子教材管理。"


def test_conditions_are_asked_and_grounded() -> None:
    said = answer(facts=[
        {"fact": "criterion_4", "value": True, "quotes": ["她牵头建成电子教材管理平台"],
         "rationale": "有电子教材管理方面的突出贡献", "confidence": 0.8},
        {"fact": "it_post", "value": False, "quotes": ["图书馆馆员"],
         "rationale": "图书馆岗位", "confidence": 0.9},
        {"fact": "criterion_2", "value": True, "quotes": ["获全国创新大奖"],  # not in the text
         "rationale": "有创新", "confidence": 0.9},
    ])
    model = fake(said, said)  # the invented quote gets one repair message; the model repeats
    extractor = LLMExtractor(model, base_delay=0, sleep=lambda _: None)
    view = from_rubric(load_rubric("hebei-ou-2024-individual"))
    made = extractor.suggest(submission_of(DEEDS, FORM), view)
    found = {s.key: s for s in made.suggestions}
    prompt = sent_text(model)
    assert "criterion_4" in prompt and "非信息化岗位人员" in prompt and "it_post" in prompt
    assert found["criterion_4"].value is True and found["criterion_4"].status == "suggested"
    assert found["it_post"].value is False
    assert found["criterion_2"].status == "ungrounded" and not found["criterion_2"].citations
