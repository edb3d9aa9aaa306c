"""`make bench`: submissions per second and peak memory of `intake check` and `intake run`.

    python scripts/bench.py [--n 500] [--jobs 2] [--results bench-results.md] [--profile]

Generates N .docx submissions (collective and individual forms with deeds, texts varied from the
samples' builders) and N/5 PDF ones in a temporary folder, times `check_batch` on each, then
`run_batch` with the rules extractor on the .docx ones, prints a table and appends it, dated, to
bench-results.md. Peak memory is ru_maxrss of this process and of the largest worker child.
Targets on 2 cores: ≥ 50/s for .docx and ≥ 10/s for PDF with `intake check`.
`--profile` also reads a sample of the generated files in this process under cProfile and prints
where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import platform
import pstats
import resource
import runpy
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.facts.base import get_extractor  # noqa: E402
from intake.batch import check_batch, load_programme, read_and_recognise  # noqa: E402
from intake.pipeline import run_batch  # noqa: E402
from intake.store import Store  # noqa: E402

SAMPLES = runpy.run_path(str(ROOT / "samples" / "make_samples.py"))
TARGETS = {"intake check (.docx)": 50.0, "intake check (PDF)": 10.0}


@dataclass(frozen=True)
class Row:
    label: str
    n: int
    seconds: float
    self_mb: float
    children_mb: float

    @property
    def rate(self) -> float:
        return self.n / self.seconds


def make_docx_batch(folder: Path, n: int) -> None:
    """N submissions: four collective ones to one individual, each text a little different."""
    units, sentence = SAMPLES["UNITS"], SAMPLES["sentence"]
    for i in range(n):
        target = folder / f"{i:04d}"
        target.mkdir(parents=True)
        if i % 5 == 4:
            person = replace(SAMPLES["LI_MING"], summary=SAMPLES["LI_MING"].summary + sentence(i))
            SAMPLES["individual_form"](person, target / "申报表.docx")
            SAMPLES["deeds_docx"]([*SAMPLES["INDIVIDUAL_DEEDS"], sentence(i + 1)],
                                  target / "事迹材料.docx")
            continue
        unit = units[i % len(units)]
        varied = replace(unit, summary=unit.summary[:900] + sentence(i))
        SAMPLES["collective_form"](varied, target / "申报表.docx")
        SAMPLES["deeds_docx"]([*unit.deeds, sentence(i + 1)], target / "事迹材料.docx")


def make_pdf_batch(folder: Path, n: int) -> None:
    tangshan, sentence = SAMPLES["TANGSHAN"], SAMPLES["sentence"]
    for i in range(n):
        target = folder / f"{i:04d}-pdf"
        target.mkdir(parents=True)
        unit = replace(tangshan, name=f"唐山开放大学{i}", summary=tangshan.summary + sentence(i))
        SAMPLES["collective_pdf"](unit, target / "申报表.pdf")
        SAMPLES["deeds_pdf"]([*tangshan.deeds, sentence(i + 1)], target / "事迹材料.pdf")


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest (already ended) worker child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


def timed(label: str, n: int, work: Callable[[], object]) -> Row:
    start = time.perf_counter()
    work()
    row = Row(label, n, time.perf_counter() - start, *peak_mb())
    target = TARGETS.get(label)
    verdict = "" if target is None else ("  ok" if row.rate >= target else f"  < {target:g}/s")
    print(f"{label:<38} {n:>5} submissions {row.seconds:7.2f} s {row.rate:7.1f}/s  "
          f"peak self {row.self_mb:4.0f} MB, child {row.children_mb:4.0f} MB{verdict}", flush=True)
    return row


def profile(folder: Path, files: int = 60) -> None:
    """Where a worker's time goes: read and recognise some files in this process."""
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
    args = parser.parse_args()
    programme = load_programme("hebei-ou-2024")
    n_pdf = max(1, args.n // 5)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        docx_dir, pdf_dir = Path(tmp) / "docx", Path(tmp) / "pdf"
        make_docx_batch(docx_dir, args.n)
        make_pdf_batch(pdf_dir, n_pdf)
        rows.append(timed("intake check (.docx)", args.n,
                          lambda: check_batch([docx_dir], programme, jobs=args.jobs)))
        rows.append(timed("intake check (PDF)", n_pdf,
                          lambda: check_batch([pdf_dir], programme, jobs=args.jobs)))
        with Store(Path(tmp) / "bench.db") as store:
            rows.append(timed("intake run --extractor rules (.docx)", args.n, lambda: run_batch(
                [docx_dir], "hebei-ou-2024-collective", store, extractor=get_extractor("rules"),
                jobs=args.jobs)))
        if args.profile:
            profile(docx_dir)
            profile(pdf_dir)
    record(args.results, rows, args.jobs)


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return "?"
    return out.stdout.strip() or "?"


def record(path: Path, rows: list[Row], jobs: int) -> None:
    header = ("| date | commit | machine | command | submissions | seconds | per second "
              "| peak MB (self / child) |\n|---|---|---|---|---|---|---|---|\n")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, jobs={jobs}"
    lines = [f"| {dt.date.today()} | {_commit()} | {machine} | {r.label} | {r.n} | "
             f"{r.seconds:.2f} | {r.rate:.1f} | {r.self_mb:.0f} / {r.children_mb:.0f} |\n"
             for r in rows]
    existing = path.read_text(encoding="utf-8") if path.exists() else (
        "# Benchmark results (`make bench`)\n\nTargets on 2 cores: `intake check` ≥ 50 "
        "submissions/s for .docx, ≥ 10/s for PDF.\n\n" + header)
    path.write_text(existing + "".join(lines), encoding="utf-8")
    print(f"appended to {path}")


if __name__ == "__main__":
    main()
