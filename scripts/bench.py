"""`make bench`: submissions per second and peak memory of `intake check` and `intake run`.

    python scripts/bench.py [--n 500] [--jobs 2] [--results bench-results.md] [--profile]

Generates N .docx submissions (collective and individual forms with deeds, texts varied from the
samples' builders) and N/5 PDF ones in a temporary folder, then times the commands a reviewer
types, each as its own process: start-up alone (`intake check` on an empty folder), then
`intake check` on each folder, `intake run --extractor rules` on the .docx one and `intake score`
on its store (which compares every text for near_duplicate_text). Prints a
table and appends it, dated, to bench-results.md. Peak memory is the largest resident size of
any process of the command (the command itself or one of its workers), as wait4() reports it.
Targets on 2 cores: ≥ 50/s for .docx and ≥ 10/s for PDF with `intake check`, ≥ 20/s for
`intake run --extractor rules`.
`--profile` also reads a sample of the generated files in this process under cProfile and prints
where the time goes.

Then `intake ask` on the store that `intake run` made (its passage index is built by the run):
the index build time per submission (every document indexed again, in this process), the
offline answer to one submission's questions and a batch question over all N submissions, both
in this process (median of the questions in ASK_QUESTIONS) and as a reviewer's command (own
process, start-up included). Targets: ≤ 200 ms for one submission, ≤ 5 s for the batch at 1 000.
`--ask-only` skips the `intake check` timings. `--ask-synthetic N` measures `intake ask` alone on
N submissions made in this process from the sample batch (each deeds text given a sentence of
its own, no files written), which takes seconds where writing and running N .docx takes minutes.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import platform
import pstats
import runpy
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGETS = {"intake check (.docx)": 50.0, "intake check (PDF)": 10.0,
           "intake run --extractor rules (.docx)": 20.0}
ASK_QUESTIONS = ["领导小组开过几次会？", "门户网站有多少关注用户？", "有没有名师工作室？",
                 "信息化资金投入多少？", "有没有发生过网络安全事故？"]
ASK_TARGETS = {"one": 0.2, "batch": 5.0}  # seconds


@dataclass(frozen=True)
class Row:
    label: str
    n: int
    seconds: float
    peak_mb: float

    @property
    def rate(self) -> float:
        return self.n / self.seconds

    @property
    def per_second(self) -> str:
        return f"{self.rate:.1f}" if self.n else "—"


def generate(folder: Path, n: int) -> None:
    """The batches, written by a process of their own: the sample builders (reportlab, fonts)
    would otherwise sit in the memory of every command this script starts, and in its peak."""
    samples = runpy.run_path(str(ROOT / "samples" / "make_samples.py"))
    make_docx_batch(samples, folder / "docx", n)
    make_pdf_batch(samples, folder / "pdf", max(1, n // 5))


def make_docx_batch(samples: dict[str, Any], folder: Path, n: int) -> None:
    """N submissions: four collective ones to one individual, each text a little different."""
    units, sentence = samples["UNITS"], samples["sentence"]
    for i in range(n):
        target = folder / f"{i:04d}"
        target.mkdir(parents=True)
        if i % 5 == 4:
            person = replace(samples["LI_MING"], summary=samples["LI_MING"].summary + sentence(i))
            samples["individual_form"](person, target / "申报表.docx")
            samples["deeds_docx"]([*samples["INDIVIDUAL_DEEDS"], sentence(i + 1)],
                                  target / "事迹材料.docx")
            continue
        unit = units[i % len(units)]
        varied = replace(unit, summary=unit.summary[:900] + sentence(i))
        samples["collective_form"](varied, target / "申报表.docx")
        samples["deeds_docx"]([*unit.deeds, sentence(i + 1)], target / "事迹材料.docx")


def make_pdf_batch(samples: dict[str, Any], folder: Path, n: int) -> None:
    tangshan, sentence = samples["TANGSHAN"], samples["sentence"]
    for i in range(n):
        target = folder / f"{i:04d}-pdf"
        target.mkdir(parents=True)
        unit = replace(tangshan, name=f"唐山开放大学{i}", summary=tangshan.summary + sentence(i))
        samples["collective_pdf"](unit, target / "申报表.pdf")
        samples["deeds_pdf"]([*tangshan.deeds, sentence(i + 1)], target / "事迹材料.pdf")


def timed(label: str, n: int, command: list[str]) -> Row:
    """Run one command to its end; its wall time and the peak memory of its process tree."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} exited with {process.returncode}:\n"
                     + errors.read().decode(errors="replace"))
    row = Row(label, n, seconds, usage.ru_maxrss / 1024)
    target = TARGETS.get(label)
    verdict = "" if target is None else ("  ok" if row.rate >= target else f"  < {target:g}/s")
    print(f"{label:<38} {n:>5} submissions {row.seconds:7.2f} s {row.per_second:>7}/s  "
          f"peak {row.peak_mb:4.0f} MB{verdict}", flush=True)
    return row


def profile(folder: Path, files: int = 60) -> None:
    """Where a worker's time goes: read and recognise some files in this process."""
    from intake.screen.batch import load_programme, read_and_recognise

    forms = load_programme().forms
    sample = sorted(folder.rglob("*.*"))[:files]
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.runcall(lambda: [read_and_recognise(path, forms) for path in sample])
    per_file = (time.perf_counter() - start) / len(sample) * 1000
    print(f"\n{folder.name}: {per_file:.1f} ms per file in one process (profiled)")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500, help="docx submissions (PDF: n/5)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results.md")
    parser.add_argument("--profile", action="store_true", help="cProfile a sample of files")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ask-only", action="store_true", help="only intake run and intake ask")
    parser.add_argument("--ask-synthetic", type=int, metavar="N",
                        help="only intake ask, on N submissions varied from samples/batch")
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.n)
        return
    if args.ask_synthetic:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            seconds = synthetic_store(db, args.ask_synthetic)
            print(f"{'synthetic store (check, store, index)':<38} {args.ask_synthetic:>5} "
                  f"submissions {seconds:7.2f} s", flush=True)
            rows = ask_rows(str(Path(sys.executable).with_name("intake")), db,
                            args.ask_synthetic)
        record(args.results, rows, args.jobs)
        return
    n_pdf = max(1, args.n // 5)
    intake = str(Path(sys.executable).with_name("intake"))
    jobs = ["--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory() as tmp:
        docx_dir, pdf_dir, out = Path(tmp) / "docx", Path(tmp) / "pdf", Path(tmp) / "out.json"
        subprocess.run([sys.executable, __file__, "--generate", tmp, "--n", str(args.n)],
                       check=True)
        check = [intake, "check", "--format", "json", "--output", str(out), *jobs]
        (Path(tmp) / "empty").mkdir()
        rows = [] if args.ask_only else [
            timed("start-up: intake check, empty folder", 0, [*check, str(Path(tmp) / "empty")]),
            timed("intake check (.docx)", args.n, [*check, str(docx_dir)]),
            timed("intake check (PDF)", n_pdf, [*check, str(pdf_dir)]),
        ]
        db = Path(tmp) / "bench.db"
        rows.append(timed("intake run --extractor rules (.docx)", args.n, [
            intake, "run", str(docx_dir), "--rubric", "hebei-ou-2024-collective",
            "--extractor", "rules", "--db", str(db), "--format", "json", "--output", str(out),
            *jobs]))
        # Totals, batch findings and near_duplicate_text over the whole store: the batch's
        # texts come from a few templates, so hundreds of units share each one.
        rows.append(timed("intake score (near_duplicate_text)", args.n, [
            intake, "score", "--rubric", "hebei-ou-2024-collective", "--db", str(db),
            "--format", "json", "--output", str(out)]))
        rows += ask_rows(intake, db, args.n)
        if args.profile:
            profile(docx_dir)
            profile(pdf_dir)
    record(args.results, rows, args.jobs)


def ask_rows(intake: str, db: Path, n: int) -> list[Row]:
    """Index build per submission, and offline answers to one submission and to the batch."""
    from intake.ask import offline
    from intake.store import Store
    from intake.store import passages as passage_index

    with Store(db) as store:
        seconds = _reindex(store)
        one = passage_index.submission_ids(store)[n // 2]
        single = _median([_clock(lambda q=q: offline.answer_one(store, one, q))
                          for q in ASK_QUESTIONS])
        batch = _median([_clock(lambda q=q: offline.answer_batch(store, q))
                         for q in ASK_QUESTIONS[:3]])
    print(f"{'ask: index build (every document)':<38} {n:>5} submissions {seconds:7.2f} s "
          f"{1000 * seconds / n:7.2f} ms per submission", flush=True)
    rows = [Row("ask: index build (every document)", n, seconds, 0),
            _ask_row("ask: one submission, in process", 1, single, "one"),
            _ask_row(f"ask --batch over {n}, in process", n, batch, "batch")]
    ask = [intake, "ask", "--db", str(db)]
    rows.append(timed("intake ask SUBMISSION (command)", 1, [*ask, one, ASK_QUESTIONS[1]]))
    rows.append(timed("intake ask --batch (command)", n, [*ask, "--batch", ASK_QUESTIONS[1],
                                                         "--format", "json"]))
    return rows


def synthetic_store(db: Path, n: int) -> float:
    """N submissions varied from the checked sample batch, stored (and so indexed) and given
    the rules extractor's suggestions; returns the seconds it took."""
    from extractors.facts.base import get_extractor
    from extractors.facts.rubric_adapter import from_rubric
    from intake.catalog import load_rubric
    from intake.run.pipeline import submission_text
    from intake.screen.batch import check_batch, load_programme
    from intake.store import Store
    from intake.store import passages as passage_index
    from intake.store.submissions import save_submission
    from intake.store.suggestions import save_suggestions

    sentence = runpy.run_path(str(ROOT / "samples" / "make_samples.py"))["sentence"]
    rubric = load_rubric("hebei-ou-2024-collective")
    samples = check_batch([ROOT / "samples" / "batch"], load_programme(rubric.programme),
                          jobs=1).submissions
    rules, view = get_extractor("rules"), from_rubric(rubric)
    start = time.perf_counter()
    with Store(db) as store:
        for i in range(n):
            varied = _varied(samples[i % len(samples)], i, sentence(i))
            stored = save_submission(store, varied)
            passage_index.index_documents(store, (read.document for read in varied.documents))
            result = rules.suggest(submission_text(stored), view)
            save_suggestions(store, stored.id, rubric.id, result.suggestions, result.findings)
    return time.perf_counter() - start


def _varied(checked: Any, i: int, extra: str) -> Any:
    """The submission under folder i with a sentence of its own at the end of every text."""
    from extractors.document import Block, Location

    documents = []
    for read in checked.documents:
        doc = read.document
        if doc.text:
            text = f"{doc.text}\n{extra}"
            block = Block(kind="paragraph", start=len(doc.text) + 1, end=len(text),
                          location=Location(paragraph=len(doc.blocks)))
            doc = doc.model_copy(update={"text": text, "blocks": [*doc.blocks, block],
                                         "sha256": f"{doc.sha256[:48]}{i:016d}"})
        documents.append(read.model_copy(update={"document": doc}))
    return checked.model_copy(update={"path": f"{checked.path}-{i:04d}", "documents": documents})


def _reindex(store: Any) -> float:
    """Seconds to index every stored document again (the documents read beforehand)."""
    from intake.store import passages as passage_index

    documents = passage_index.stored_documents(store)
    start = time.perf_counter()
    with store.transaction() as db:
        for document in documents:
            passage_index.index_document(db, document)
    return time.perf_counter() - start


def _clock(work: Any) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _ask_row(label: str, n: int, seconds: float, target: str) -> Row:
    limit = ASK_TARGETS[target]
    verdict = "ok" if seconds <= limit else f"> {limit:g} s"
    print(f"{label:<38} {n:>5} submissions {seconds:7.3f} s  {verdict}", flush=True)
    return Row(label, n, seconds, 0)


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return "?"
    return out.stdout.strip() or "?"


def record(path: Path, rows: list[Row], jobs: int) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, jobs={jobs}"
    lines = [f"\n### {dt.date.today()}, commit {_commit()}, {machine}\n\n",
             "| command | submissions | seconds | per second | peak MB |\n|---|---|---|---|---|\n",
             *(f"| {r.label} | {r.n} | {r.seconds:.3f} | {r.per_second} | "
               f"{f'{r.peak_mb:.0f}' if r.peak_mb else '—'} |\n"
               for r in rows)]
    existing = path.read_text(encoding="utf-8") if path.exists() else (
        "# Benchmark results (`make bench`)\n\nTargets on 2 cores: `intake check` ≥ 50 "
        "submissions/s for .docx, ≥ 10/s for PDF.\n")
    path.write_text(existing + "".join(lines), encoding="utf-8")
    print(f"appended to {path}")


if __name__ == "__main__":
    main()
