"""Fuzzing (issue 6): properties of 字数 counting and of the form-field code, checked by
hypothesis; and a bounded run of the readers over deterministically mutated samples.

The reader run fits the CI budget: a few hundred mutants of small .docx and PDF files, each read
in its own worker process (intake.screen.workers.run_isolated) with a time limit, so a hang would
be counted instead of stopping the suite. Every mutant must come back as a Document — findings are
fine, an escaped exception, a dead worker or a hang are not.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.document import Document
from extractors.forms import Form, normalise_label, recognise
from extractors.ocr.need import OcrOptions
from extractors.read import read_document
from intake.screen.batch import load_programme
from intake.screen.checks import ReadDocument, check_submission, role_of
from intake.screen.counting import count, count_characters_no_spaces, count_words
from intake.screen.workers import run_isolated
from tests.support.documents import collective_rows, individual_rows, make_document
from tests.support.files import (
    NS,
    append_block,
    assert_offsets,
    cid_pdf,
    cjk_canvas,
    draw_grid,
    make_docx,
    run_xml,
    textbox_xml,
)

PROGRAMME = load_programme("hebei-ou-2024")
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# ---------------------------------------------------------------- 字数 counting

IDEOGRAPHS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CJK_PUNCTUATION = st.sampled_from("，。、；：？！“”‘’《》（）【】〇％１２ａ①㎡")
LATIN = st.characters(codec="ascii", exclude_categories=("Cc", "Zs"))
SEPARATORS = st.sampled_from([" ", "\n", "\t", "\r", "\u3000", "\u00a0", "\u2013", "\u2014",
                              "\u2028"])
MIXED = st.text(st.one_of(IDEOGRAPHS, CJK_PUNCTUATION, LATIN, SEPARATORS, st.characters()),
                max_size=80)


@given(MIXED, MIXED, SEPARATORS)
def test_count_is_additive_over_separated_joins(a: str, b: str, sep: str) -> None:
    assert count_words(a + sep + b) == count_words(a) + count_words(b)


@given(MIXED)
def test_count_is_never_negative_and_at_most_the_non_space_characters(text: str) -> None:
    words = count_words(text)
    assert 0 <= words <= count_characters_no_spaces(text) <= len(text)
    assert count(text).words == words
    assert count(text).characters_no_spaces == count_characters_no_spaces(text)


@given(st.text(IDEOGRAPHS, max_size=60))
def test_each_ideograph_counts_one(text: str) -> None:
    assert count_words(text) == len(text)


@given(st.text(IDEOGRAPHS, min_size=1, max_size=20), st.text(LATIN, min_size=1, max_size=20))
def test_an_ideograph_splits_a_latin_run(ideographs: str, word: str) -> None:
    # "2024年投入500万元" is 7: each ideograph, and each Latin/digit run between them.
    assert count_words(word + ideographs + word) == len(ideographs) + 2


@given(MIXED, st.text(SEPARATORS, min_size=1, max_size=5))
def test_more_whitespace_changes_nothing(text: str, spaces: str) -> None:
    assert count_words(spaces + text + spaces) == count_words(text)
    assert count_words(re.sub(r"\s+", lambda m: m.group(0) + spaces, text)) == count_words(text)


@given(st.text(SEPARATORS, max_size=20))
def test_separators_alone_count_nothing(text: str) -> None:
    assert count_words(text) == 0


# ---------------------------------------------------------------- form labels and recognise

LABELS = sorted({label for spec in PROGRAMME.forms for field in spec.fields
                 for label in (field.name, *field.aliases)})
HINTS = ["(1000字)", "（800字）", "（限1000字）", "(不超过 800 字以内)", "（1000字以内）"]
NOISE = st.text(st.sampled_from(" \u3000\t\n:：*＊"), max_size=4)
LABEL_ALPHABET = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@given(st.one_of(st.text(), st.text(st.sampled_from("(（1 0字）):：*限以内不超过名"))))
def test_normalise_label_strips_the_noise_and_is_idempotent(text: str) -> None:
    # Found by this test: '(0:字)' → '(0字)' → '' when hints were cut before the noise.
    label = normalise_label(text)
    assert not re.search(r"[\s:：*＊]", label)
    assert normalise_label(label) == label


@given(st.text(LABEL_ALPHABET, min_size=1, max_size=12), NOISE, NOISE, NOISE,
       st.sampled_from(["", *HINTS]))
def test_normalise_label_ignores_spacing_colons_and_limit_hints(
    label: str, before: str, inside: str, after: str, hint: str
) -> None:
    middle = len(label) // 2
    noisy = before + label[:middle] + inside + label[middle:] + after + hint + after
    assert normalise_label(noisy) == label
    assert normalise_label(normalise_label(noisy)) == normalise_label(noisy)


@pytest.mark.parametrize("label", LABELS)
def test_every_programme_label_survives_typical_spelling(label: str) -> None:
    spaced = "\u3000".join(label)  # "姓　　名" in a form's label cell
    assert normalise_label(spaced + "：") == normalise_label(label)
    assert normalise_label(label + "（1000字）") == normalise_label(label)


def _cell_text() -> st.SearchStrategy[str]:
    value = st.text(max_size=40)
    return st.one_of(
        st.sampled_from(LABELS), value, st.sampled_from(HINTS),
        st.builds(lambda label, text: f"{label}：{text}", st.sampled_from(LABELS), value),
        st.builds(lambda label, hint: f"{label}\n{hint}", st.sampled_from(LABELS),
                  st.sampled_from(HINTS)),
        st.sampled_from(["(详细材料另附)", "签章 日期", "同意推荐。签章 2024年10月11日",
                         "先进集体申报表", "先进个人申报表", "事迹材料", ""]),
    )


DOCUMENTS = st.builds(
    make_document,
    before=st.lists(_cell_text(), max_size=4),
    rows=st.one_of(st.none(), st.lists(st.lists(_cell_text(), max_size=7), max_size=8),
                   st.sampled_from([collective_rows(), individual_rows()])),
    after=st.lists(_cell_text(), max_size=4),
    images_at=st.sets(st.tuples(st.integers(0, 8), st.integers(0, 7)), max_size=3),
    text_reliable=st.booleans(),
)


@FUZZ
@given(DOCUMENTS)
def test_recognise_never_raises_and_every_value_is_a_citation(document: Document) -> None:
    form = recognise(document, PROGRAMME.forms)
    assert isinstance(form, Form)
    assert form.kind in ("collective", "individual", "deeds", "unknown")
    for name, value in form.fields.items():
        assert value.name == name
        assert 0 <= value.start <= value.end <= len(document.text)
        assert document.text[value.start : value.end] == value.value  # the citation invariant


@FUZZ
@given(st.lists(DOCUMENTS, min_size=1, max_size=3))
def test_checks_never_raise_on_recognised_documents(documents: list[Document]) -> None:
    reads = []
    for document in documents:
        form = recognise(document, PROGRAMME.forms)
        reads.append(ReadDocument(document=document, form=form, role=role_of(document, form)))
    checked = check_submission("batch/01", reads, list(PROGRAMME.forms), PROGRAMME.deeds)
    assert all(f.message for f in checked.findings)
    assert all(n is None or n >= 0 for n in checked.counts.values())


# ---------------------------------------------------------------- readers over mutated samples

MUTANTS_PER_SEED = 75
READ_TIMEOUT = 15.0


def _seed_docx_plain(path: Path) -> None:
    def build(d: object) -> None:
        d.add_paragraph("石家庄开放大学信息化工作先进集体事迹材料")  # type: ignore[attr-defined]
        d.add_paragraph("学校持续推进信息化建设，成效显著。" * 3)  # type: ignore[attr-defined]
    make_docx(path, build)


def _seed_docx_form(path: Path) -> None:
    def build(d: object) -> None:
        d.add_paragraph("先进集体申报表")  # type: ignore[attr-defined]
        table = d.add_table(rows=3, cols=2)  # type: ignore[attr-defined]
        for row, (label, value) in enumerate([("单位名称", "某某学校"), ("负责人", "张三"),
                                              ("突出事迹简介", "成绩突出。")]):
            table.cell(row, 0).text, table.cell(row, 1).text = label, value
        table.cell(2, 1).merge(table.cell(1, 1))
        append_block(d, f"<w:p {NS}>{textbox_xml('文本框里的字')}"
                        f"{run_xml('隐藏', '<w:vanish/>')}</w:p>")
        d.sections[0].footer.paragraphs[0].text = "第 1 页"  # type: ignore[attr-defined]
    make_docx(path, build)


def _seed_pdf_form(path: Path) -> None:
    pdf = cjk_canvas(path, pageCompression=0)  # uncompressed: mutations hit the operators
    pdf.drawString(200, 780, "先进集体申报表")
    xs, ys = [60.0, 160.0, 330.0], [760.0 - 30 * i for i in range(3)]
    draw_grid(pdf, xs, ys)
    for row, (label, value) in enumerate([("单位名称", "某某学校"), ("负责人", "张三")]):
        pdf.drawString(xs[0] + 5, ys[row] - 20, label)
        pdf.drawString(xs[1] + 5, ys[row] - 20, value)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.drawString(60, 600, "白色的字")
    pdf.showPage()
    pdf.drawString(60, 780, "第二页")
    pdf.save()


SEEDS: dict[str, Callable[[Path], object]] = {
    "plain.docx": _seed_docx_plain,
    "form.docx": _seed_docx_form,
    "form.pdf": _seed_pdf_form,
    "cid.pdf": cid_pdf,
}


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three byte-level edits: flip, truncate, duplicate, delete, insert, splice a number."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        if not out:
            break
        at = rng.randrange(len(out))
        span = rng.randint(1, min(64, len(out) - at))
        kind = rng.randrange(6)
        if kind == 0:
            for i in rng.sample(range(len(out)), min(len(out), rng.randint(1, 8))):
                out[i] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del out[rng.randrange(len(out)) :]
        elif kind == 2:
            out[at:at] = out[at : at + span] * rng.randint(2, 50)
        elif kind == 3:
            del out[at : at + span]
        elif kind == 4:
            out[at:at] = rng.randbytes(rng.randint(1, 16))
        else:
            out[at:at] = rng.choice([b"-1", b"0", b"99999999", b"1e308", b" R ", b"<<", b"]"])
    return bytes(out)


def _mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """A .docx whose XML parts are mutated and re-zipped with valid CRCs, so the damage reaches
    python-docx and our walker instead of stopping at the zip layer."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    targets = [i for i, (name, _) in enumerate(members) if name.endswith(".xml")]
    buffer = io.BytesIO()
    chosen = set(rng.sample(targets, rng.randint(1, 2)))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for index, (name, body) in enumerate(members):
            target.writestr(name, _mutate(body, rng) if index in chosen else body)
    return buffer.getvalue()


def _mutants(folder: Path) -> list[Path]:
    rng = random.Random(20240601)  # deterministic: a failure names a file that can be rebuilt
    paths = []
    for name, build in SEEDS.items():
        seed = folder / f"seed-{name}"
        build(seed)
        data = seed.read_bytes()
        for index in range(MUTANTS_PER_SEED):
            structural = name.endswith(".docx") and index % 2 == 1
            mutant = _mutate_xml(data, rng) if structural else _mutate(data, rng)
            path = folder / f"{index:03d}-{name}"
            path.write_bytes(mutant)
            paths.append(path)
    return paths


def _read_and_check(path: Path) -> tuple[Document, str]:
    """In the worker: read, then check what every Document promises. Returns the problem.
    The parsers are under test here, not OCR: a mutated CMap garbles a page, which auto mode
    would OCR for seconds (tests/test_ocr.py fuzzes the OCR path on its own)."""
    document = read_document(path, OcrOptions(mode="off"))
    try:
        assert isinstance(document, Document)
        assert_offsets(document)
        document.model_dump_json()  # serialisable: no lone surrogates from a broken CMap
        for f in document.findings:
            assert f.message and "Traceback" not in f.message
        return document, ""
    except AssertionError as error:
        return document, f"invariant broken: {error}"


def test_readers_survive_mutated_samples(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    paths = _mutants(tmp_path)
    outcomes = list(run_isolated(_read_and_check, paths, jobs=2, timeout=READ_TIMEOUT,
                                 memory=2 * 1024**3))
    assert len(outcomes) == len(paths)
    failures = [(o.item.name, o.failure, o.detail[:300]) for o in outcomes if o.failure]
    broken = [(o.item.name, o.value[1]) for o in outcomes if o.value and o.value[1]]
    codes: dict[str, int] = {}
    for outcome in outcomes:
        if outcome.value:
            for f in outcome.value[0].findings:
                codes[f.code] = codes.get(f.code, 0) + 1
    clean = sum(1 for o in outcomes if o.value and not o.value[0].findings)
    with capsys.disabled():
        print(f"\nreader fuzz: {len(outcomes)} mutants of {len(SEEDS)} samples, "
              f"{len(failures)} crashes or hangs, {len(broken)} broken invariants, "
              f"{clean} read without findings, findings {dict(sorted(codes.items()))}, "
              f"slowest {max(o.seconds for o in outcomes):.1f} s")
    assert failures == []
    assert broken == []
