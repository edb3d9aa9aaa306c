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
    from intake.batch import load_programme, read_and_recognise

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
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.n)
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
        rows = [
            timed("start-up: intake check, empty folder", 0, [*check, str(Path(tmp) / "empty")]),
            timed("intake check (.docx)", args.n, [*check, str(docx_dir)]),
            timed("intake check (PDF)", n_pdf, [*check, str(pdf_dir)]),
            timed("intake run --extractor rules (.docx)", args.n, [
                intake, "run", str(docx_dir), "--rubric", "hebei-ou-2024-collective",
                "--extractor", "rules", "--db", str(Path(tmp) / "bench.db"),
                "--format", "json", "--output", str(out), *jobs]),
            # Totals, batch findings and near_duplicate_text over the whole store: the batch's
            # texts come from a few templates, so hundreds of units share each one.
            timed("intake score (near_duplicate_text)", args.n, [
                intake, "score", "--rubric", "hebei-ou-2024-collective", "--db",
                str(Path(tmp) / "bench.db"), "--format", "json", "--output", str(out)]),
        ]
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
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, jobs={jobs}"
    lines = [f"\n### {dt.date.today()}, commit {_commit()}, {machine}\n\n",
             "| command | submissions | seconds | per second | peak MB |\n|---|---|---|---|---|\n",
             *(f"| {r.label} | {r.n} | {r.seconds:.2f} | {r.per_second} | {r.peak_mb:.0f} |\n"
               for r in rows)]
    existing = path.read_text(encoding="utf-8") if path.exists() else (
        "# Benchmark results (`make bench`)\n\nTargets on 2 cores: `intake check` ≥ 50 "
        "submissions/s for .docx, ≥ 10/s for PDF.\n")
    path.write_text(existing + "".join(lines), encoding="utf-8")
    print(f"appended to {path}")


if __name__ == "__main__":
    main()
