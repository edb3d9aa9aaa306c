"""`make bench`: wall time, CPU time and peak memory of every command at 100, 1 000 and 5 000
submissions, and the ratio of `intake check` to the raw floors measured in the same run.

    python scripts/bench.py [--sizes 100,1000,5000] [--jobs 2] [--scans 4]
                            [--results bench-results.md] [--profile] [--batches DIR]
                            [--keep-store DIR]
    python scripts/bench.py --reuse-store DIR/bench-5000.db [--results FILE]
    python scripts/bench.py --ask-synthetic 5000 --keep-store DIR

For each size N, generates N .docx submissions (collective and individual forms with deeds,
texts varied from the samples' builders) and N/5 PDF ones in a temporary folder, then runs the
commands a reviewer types, each as its own process, start-up included: `intake check` on each
folder, `intake run --extractor rules`, `intake review export`, `intake review --accept-all`,
`intake score` (which compares every deeds text for near_duplicate_text) and `intake report`
on the store that run made. Start-up alone (`intake check` on an empty folder) is timed once.

For every command: wall seconds, CPU seconds of the whole process tree (user + system, as
wait4() reports them for the command and the workers it waited for), CPU milliseconds per
submission, the peak resident memory of the process tree (the sum over the command and its
live workers, sampled every 20 ms) and of its largest single process (sampled the same way).
The floors are the raw work a reader cannot avoid, timed in this process on the same files:
unzip and lxml-parse each .docx's word/document.xml; PDFium's page text of each PDF.
`× floor` is the command's per-submission wall time over the floor's on `--jobs` cores.

Targets (issue 21): `intake check` within 5× of the floor, ≥ 300 .docx and ≥ 100 PDF
submissions/s; `run --extractor rules` within 2× of `check`; at 5 000, every command's peak
memory within 1.5× of its peak at 100 and its CPU time per submission within 1.5× of that at
100. `--profile` also reads a sample of the generated files in this process under cProfile.

With the ocr extra and a CJK font (scripts/sysdeps.sh), each size also makes `--scans` scanned
forms (tests/support/scans.py: rendered, stamped, skewed, JPEG) and times `intake check` on them:
OCR seconds per page (target ≤ 8 s on 2 cores); and `intake check --ocr off` on the digital PDF
batch, which must be as fast as the default `--ocr auto` (OCR must cost digital files nothing).

`--desk` measures the review desk instead (`intake serve` under 20 reviewers at once; see
scripts/bench_desk.py).

Then `intake ask` on the store that `intake run` made (its passage index is built by the run):
the index build time per submission (every document indexed again, in this process), the
offline answer to one submission's questions and a batch question over all N submissions, both
in this process (median of the questions in ASK_QUESTIONS) and as a reviewer's command (own
process, start-up included). Targets: ≤ 200 ms for one submission, ≤ 5 s for the batch at 1 000.
`--ask-only` skips the `intake check` timings. `--keep-store DIR` keeps the store each size's
`intake run` made (DIR/bench-N.db, before any decision); `--reuse-store DB` times only `intake ask`
and the reviewer's commands (review export, --accept-all, score, report) on a copy of DB, so the
5 000 size is measured again without writing and reading 5 000 packages (about 20 minutes).
`--ask-synthetic N` measures `intake ask` alone on
N submissions made in this process from the sample batch (each deeds text given a sentence of
its own, no files written, stored as `intake run --extractor rules` stores them), which takes
minutes where writing and running N .docx takes much longer; with `--keep-store DIR` the store
is kept as DIR/bench-N.db for `--reuse-store`.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import datetime as dt
import os
import platform
import pstats
import runpy
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUBRIC = "hebei-ou-2024-collective"
SAMPLE_EVERY = 0.02  # seconds between memory samples of a command's process tree
ASK_QUESTIONS = ["领导小组开过几次会？", "门户网站有多少关注用户？", "有没有名师工作室？",
                 "信息化资金投入多少？", "有没有发生过网络安全事故？"]
ASK_TARGETS = {"one": 0.2, "batch": 5.0}  # seconds


@dataclass(frozen=True)
class Row:
    label: str
    n: int
    seconds: float
    cpu: float
    tree_mb: float
    largest_mb: float
    floor: float | None = None  # seconds per submission of the raw floor, one core

    @property
    def rate(self) -> str:
        return f"{self.n / self.seconds:.1f}" if self.n else "—"

    @property
    def cpu_ms(self) -> str:
        return f"{self.cpu / self.n * 1000:.1f}" if self.n else "—"

    def over_floor(self, jobs: int) -> str:
        if not self.floor or not self.n:
            return "—"
        return f"{self.seconds / self.n / (self.floor / jobs):.1f}×"


def generate(folder: Path, n: int) -> None:
    """The batches, written by a process of their own: the sample builders (reportlab, fonts)
    would otherwise sit in the memory of every command this script starts, and in its peak."""
    samples = runpy.run_path(str(ROOT / "samples" / "make_samples.py"))
    make_docx_batch(samples, folder / "docx", n)
    make_pdf_batch(samples, folder / "pdf", max(1, n // 5))


def make_scan_batch(folder: Path, n: int) -> bool:
    """N one-page scanned forms; False when the ocr extra or the CJK font is missing."""
    from extractors.ocr import available
    from tests.support import scans as scan_builders

    if available() is not None or not scan_builders.font_available() or n <= 0:
        return False
    original = scan_builders.form_pdf(folder / "original.pdf")
    for i in range(n):
        target = folder / "scans" / f"{i:03d}"
        target.mkdir(parents=True)
        jpeg = scan_builders.scan(original, skew=0.5 + i % 3 * 0.5)
        scan_builders.jpeg_pdf(target / "申报表.pdf", jpeg)
    return True


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


class TreeMemory:
    """The largest sum of resident memory over a process and its descendants, and the largest
    resident memory of any one of them, sampled. (wait4's ru_maxrss is no measure of the
    command: Linux keeps a process's high-water mark across fork and exec, so a command started
    by this script begins with the script's own peak, e.g. after `intake run`'s store.)"""

    def __init__(self, pid: int) -> None:
        self.peak = 0
        self.largest = 0
        self._pid = pid
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            sizes = self._sample()
            self.peak = max(self.peak, sum(sizes))
            self.largest = max([self.largest, *sizes])
            self._done.wait(SAMPLE_EVERY)

    def _sample(self) -> list[int]:
        try:
            root = psutil.Process(self._pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return []
        sizes = []
        for process in tree:
            try:
                sizes.append(process.memory_info().rss)
            except psutil.Error:
                continue  # a worker that ended between listing and reading
        return sizes

    def stop(self) -> tuple[int, int]:
        """The peak of the tree's sum and the largest single process, in bytes."""
        self._done.set()
        self._thread.join()
        return self.peak, self.largest


def timed(label: str, n: int, command: list[str], floor: float | None = None) -> Row:
    """Run one command to its end: wall and CPU time, peak memory of its process tree."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        memory = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        tree, largest = memory.stop()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1: done, and findings at or above --fail-on exist
            errors.seek(0)
            sys.exit(f"{' '.join(command)} exited with {code}:\n"
                     + errors.read().decode(errors="replace"))
    row = Row(label, n, seconds, usage.ru_utime + usage.ru_stime, tree / 2**20, largest / 2**20,
              floor)
    print(f"{label:<38} {n:>5} {row.seconds:8.2f} s {row.rate:>7}/s  CPU {row.cpu:7.2f} s "
          f"({row.cpu_ms} ms each)  tree {row.tree_mb:5.0f} MB  largest {row.largest_mb:4.0f} MB",
          flush=True)
    return row


def _warmed(files: list[Path]) -> list[Path]:
    """The files read once, untimed: a batch made by an earlier --generate is cold on disk, and
    the floor timed on it measured the disk (0.4 to 0.9 ms a submission across runs), while the
    commands after it read the files from the page cache the floor filled."""
    for path in files:
        path.read_bytes()
    return files


def docx_floor(folder: Path) -> float:
    """Seconds per submission to unzip and parse each .docx's document.xml, one core."""
    from lxml import etree

    files = _warmed(sorted(folder.rglob("*.docx")))
    start = time.perf_counter()
    for path in files:
        with zipfile.ZipFile(path) as archive:
            etree.fromstring(archive.read("word/document.xml"))
    return (time.perf_counter() - start) / max(1, len({p.parent for p in files}))


def pdf_floor(folder: Path) -> float:
    """Seconds per submission for PDFium's page text of each PDF, one core."""
    import pypdfium2 as pdfium

    files = _warmed(sorted(folder.rglob("*.pdf")))
    start = time.perf_counter()
    for path in files:
        document = pdfium.PdfDocument(str(path))
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()
    return (time.perf_counter() - start) / max(1, len({p.parent for p in files}))


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
    parser.add_argument("--sizes", default="100,1000,5000",
                        help="docx submissions per run, comma-separated (PDF: n/5)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results.md")
    parser.add_argument("--scans", type=int, default=4, help="scanned one-page forms to OCR")
    parser.add_argument("--profile", action="store_true", help="cProfile a sample of files")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--batches", type=Path, metavar="DIR",
                        help="use DIR/sN/{docx,pdf} made before with --generate DIR/sN --n N "
                             "(no scans then): writing 5 000 submissions takes tens of minutes")
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--ask-only", action="store_true", help="only intake run and intake ask")
    parser.add_argument("--ask-synthetic", type=int, metavar="N",
                        help="only intake ask, on N submissions varied from samples/batch")
    parser.add_argument("--keep-store", type=Path, metavar="DIR",
                        help="keep each size's store in DIR as bench-N.db (--ask-synthetic too)")
    parser.add_argument("--reuse-store", type=Path, metavar="DB",
                        help="only intake ask and the reviewer's commands, on a copy of DB")
    parser.add_argument("--desk", action="store_true",
                        help="only the review desk under load (scripts/bench_desk.py)")
    args, rest = parser.parse_known_args()
    as_installed()
    if args.desk:
        runpy.run_path(str(ROOT / "scripts" / "bench_desk.py"), run_name="bench_desk")["main"](
            [*rest, "--results", str(args.results)])
        return
    if args.generate:
        generate(args.generate, args.n)
        if not make_scan_batch(args.generate, args.scans):
            print("no OCR bench: the ocr extra or the CJK font is missing", flush=True)
        return
    if args.reuse_store:
        record(args.results, reuse_store(args.reuse_store), args.jobs)
        return
    if args.ask_synthetic:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            seconds = synthetic_store(db, args.ask_synthetic)
            print(f"{'synthetic store (check, store, index)':<38} {args.ask_synthetic:>5} "
                  f"submissions {seconds:7.2f} s", flush=True)
            if args.keep_store:
                args.keep_store.mkdir(parents=True, exist_ok=True)
                shutil.copy(db, args.keep_store / f"bench-{args.ask_synthetic}.db")
            rows = ask_rows(_intake(), db, args.ask_synthetic)
        record(args.results, rows, args.jobs)
        return
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "empty").mkdir()
        rows.append(timed("start-up: intake check, empty folder", 0,
                          [_intake(), "check", "--format", "json", "--output",
                           str(Path(tmp) / "out.json"), str(Path(tmp) / "empty")]))
    for n in (int(size) for size in args.sizes.split(",")):
        rows += run_size(n, args.jobs, args.profile, args.ask_only, args.scans, args.keep_store,
                         args.batches)
    record(args.results, rows, args.jobs)


def as_installed() -> None:
    """Time the commands as an installed copy runs them: with their modules compiled once. A
    shell with PYTHONDONTWRITEBYTECODE (as on our development machines) makes every command
    compile the project's sources again at start-up, 0.4–0.65 s of CPU a command that no
    reviewer's installation pays."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    for package in ("intake", "extractors", "rubric"):
        compileall.compile_dir(ROOT / package, quiet=1)


def _intake() -> str:
    return str(Path(sys.executable).with_name("intake"))


def run_size(n: int, jobs: int, profiling: bool, ask_only: bool = False,
             scans: int = 0, keep: Path | None = None, batches: Path | None = None
             ) -> list[Row]:
    """Every command on a fresh batch of n .docx (and n/5 PDF) submissions and `scans` scanned
    forms (with `ask_only`, `intake run` and `intake ask` only); `keep`: a folder to copy the
    store `intake run` made into, as bench-N.db."""
    n_pdf, intake = max(1, n // 5), _intake()
    jobs_option = ["--jobs", str(jobs)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx_dir, pdf_dir, out = folder / "docx", folder / "pdf", folder / "out.json"
        db = ["--db", str(folder / "bench.db")]
        made = batches / f"s{n}" if batches else None
        if made is not None and (made / "docx").is_dir():  # made before, by --generate
            docx_dir, pdf_dir, scans = made / "docx", made / "pdf", 0
        else:
            subprocess.run([sys.executable, __file__, "--generate", tmp, "--n", str(n),
                            "--scans", str(scans)], check=True)
        floors = docx_floor(docx_dir), pdf_floor(pdf_dir)
        check = [intake, "check", "--format", "json", "--output", str(out), "--fail-on",
                 "never", *jobs_option]
        rows = [] if ask_only else [
            timed("intake check (.docx)", n, [*check, str(docx_dir)], floors[0]),
            timed("intake check (PDF)", n_pdf, [*check, str(pdf_dir)], floors[1]),
            timed("intake check (PDF, --ocr off)", n_pdf, [*check, "--ocr", "off", str(pdf_dir)],
                  floors[1])]
        if (folder / "scans").is_dir() and not ask_only:  # --timeout: a cold OCR engine
            rows.append(timed("intake check (scanned PDF, OCR)", scans,
                              [*check, "--timeout", "300", str(folder / "scans")]))
            print(f"OCR: {rows[-1].seconds / scans:.1f} s per page (target ≤ 8)", flush=True)
        rows.append(timed("intake run --extractor rules (.docx)", n, [
            intake, "run", str(docx_dir), "--rubric", RUBRIC, "--extractor", "rules", *db,
            "--format", "json", "--output", str(out), *jobs_option], floors[0]))
        if keep is not None:  # before the commands below add decisions to it
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(folder / "bench.db", keep / f"bench-{n}.db")
        rows += ask_rows(intake, folder / "bench.db", n)
        if ask_only:
            return rows
        rows += store_rows(intake, folder, n)
        print(f"floors: .docx {floors[0] * 1000:.2f} ms, PDF {floors[1] * 1000:.2f} ms per "
              "submission on one core", flush=True)
        if profiling:
            profile(docx_dir)
            profile(pdf_dir)
    return rows


def store_rows(intake: str, folder: Path, n: int) -> list[Row]:
    """The commands a reviewer runs after `intake run` on folder/bench.db, in their order
    (`review --accept-all` adds the decisions that `score` and `report` then read)."""
    db = ["--db", str(folder / "bench.db")]
    out = folder / "out.json"
    return [
        timed("intake review export", n, [intake, "review", "export", str(folder / "review.xlsx"),
                                          "--rubric", RUBRIC, *db]),
        timed("intake review --accept-all", n, [intake, "review", "--accept-all", "--reviewer",
                                                "bench", "--rubric", RUBRIC, *db]),
        # Totals, batch findings and near_duplicate_text over the whole store: the batch's
        # texts come from a few templates, so hundreds of units share each one.
        timed("intake score (near_duplicate_text)", n, [intake, "score", "--rubric", RUBRIC, *db,
                                                        "--format", "json", "--output",
                                                        str(out)]),
        timed("intake report", n, [intake, "report", "--rubric", RUBRIC, *db, "--xlsx",
                                   str(folder / "汇总表.xlsx"), "--html", str(folder / "html")]),
    ]


def reuse_store(source: Path) -> list[Row]:
    """`intake ask` and the reviewer's commands on a copy of a store kept by --keep-store (or
    any store `intake run` made), so 5 000 submissions are measured without making them again."""
    from intake.store import Store
    from intake.store.submissions import submission_paths

    with Store(source, create=False) as store:
        n = len(submission_paths(store))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(source, folder / "bench.db")
        return ask_rows(_intake(), folder / "bench.db", n) + store_rows(_intake(), folder, n)


def ask_rows(intake: str, db: Path, n: int) -> list[Row]:
    """Index build per submission, and offline answers to one submission and to the batch."""
    from intake.ask import offline
    from intake.store import Store
    from intake.store.submissions import submission_ids

    with Store(db) as store:
        seconds = _reindex(store)
        one = submission_ids(store)[n // 2]
        single = _median([_clock(lambda q=q: offline.answer_one(store, one, q))
                          for q in ASK_QUESTIONS])
        batch = _median([_clock(lambda q=q: offline.answer_batch(store, q))
                         for q in ASK_QUESTIONS[:3]])
    print(f"{'ask: index build (every document)':<38} {n:>5} submissions {seconds:7.2f} s "
          f"{1000 * seconds / n:7.2f} ms per submission", flush=True)
    rows = [Row("ask: index build (every document)", n, seconds, 0.0, 0.0, 0.0),
            _ask_row("ask: one submission, in process", 1, single, "one"),
            _ask_row(f"ask --batch over {n}, in process", n, batch, "batch")]
    ask = [intake, "ask", "--db", str(db)]
    rows.append(timed("intake ask SUBMISSION (command)", 1, [*ask, one, ASK_QUESTIONS[1]]))
    rows.append(timed("intake ask --batch (command)", n, [*ask, "--batch", ASK_QUESTIONS[1],
                                                         "--format", "json"]))
    return rows


def synthetic_store(db: Path, n: int) -> float:
    """N submissions varied from the checked sample batch, stored as `intake run --extractor
    rules` stores them (intake/run/pipeline.py: the submission under its folder, its passages
    indexed, the rules' suggestions with the points requests added); returns the seconds."""
    from extractors.facts.base import get_extractor
    from extractors.facts.rubric_adapter import from_rubric
    from intake.catalog import load_rubric
    from intake.run.judged import with_requests
    from intake.run.pipeline import scored_by, submission_text
    from intake.screen.batch import ReadOptions, check_batch, load_programme
    from intake.store import Store
    from intake.store import passages as passage_index
    from intake.store.submissions import save_submission
    from intake.store.suggestions import save_suggestions

    sentence = runpy.run_path(str(ROOT / "samples" / "make_samples.py"))["sentence"]
    rubric = load_rubric(RUBRIC)
    samples = check_batch([ROOT / "samples" / "batch"], load_programme(rubric.programme),
                          ReadOptions(jobs=1)).submissions
    rules, view = get_extractor("rules"), from_rubric(rubric)
    start = time.perf_counter()
    with Store(db, create=True) as store:
        for i in range(n):
            varied = _varied(samples[i % len(samples)], i, sentence(i))
            stored = save_submission(store, varied, Path(varied.path).name)
            passage_index.index_documents(store, (read.document for read in varied.documents))
            if not scored_by(rubric, varied.kind):
                continue
            text = submission_text(stored.id, stored.checked)
            result = with_requests(rubric, stored.id, rules.suggest(text, view), rules.name)
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
    return Row(label, n, seconds, 0.0, 0.0, 0.0)


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
             "| command | submissions | wall s | per second | CPU s | CPU ms each | "
             "tree peak MB | largest MB | × floor |\n|---|---|---|---|---|---|---|---|---|\n",
             *(f"| {r.label} | {r.n} | {r.seconds:.2f} | {r.rate} | {r.cpu:.2f} | {r.cpu_ms} | "
               f"{r.tree_mb:.0f} | {r.largest_mb:.0f} | {r.over_floor(jobs)} |\n" for r in rows)]
    existing = path.read_text(encoding="utf-8") if path.exists() else (
        "# Benchmark results (`make bench`)\n")
    path.write_text(existing + "".join(lines), encoding="utf-8")
    print(f"appended to {path}")


if __name__ == "__main__":
    main()
