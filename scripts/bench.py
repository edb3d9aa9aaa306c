"""`make bench`: submissions per second and peak memory of `intake check` and `intake run`.

    python scripts/bench.py [--n 500] [--jobs 2] [--results bench-results.md]

Generates N .docx submissions (form + deeds, texts varied from the samples) and N/5 PDF ones
in a temporary folder, times check_batch on each, then `run_batch` with the rules extractor on the
.docx ones, and appends the measured numbers to bench-results.md. Targets on 2 cores: ≥ 50/s
for .docx, ≥ 10/s for PDF with `intake check`; ≥ 20/s for `intake run --extractor rules`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import runpy
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.facts.base import get_extractor  # noqa: E402
from intake.batch import check_batch, load_programme  # noqa: E402
from intake.pipeline import run_batch  # noqa: E402
from intake.store import Store  # noqa: E402

SAMPLES = runpy.run_path(str(ROOT / "samples" / "make_samples.py"))


def make_docx_batch(folder: Path, n: int) -> None:
    units = SAMPLES["UNITS"]
    for i in range(n):
        unit = units[i % len(units)]
        target = folder / f"{i:04d}-{unit.folder}"
        target.mkdir(parents=True)
        varied = SAMPLES["Unit"](**{**unit.__dict__, "summary": f"{unit.summary}（第{i}份）"})
        SAMPLES["collective_form"](varied, target / "申报表.docx")
        SAMPLES["deeds_docx"]([*unit.deeds, f"编号{i}。"], target / "事迹材料.docx")


def make_pdf_batch(folder: Path, n: int) -> None:
    for i in range(n):
        target = folder / f"{i:04d}-pdf"
        target.mkdir(parents=True)
        unit = SAMPLES["Unit"]("x", f"唐山开放大学{i}", "河北省唐山市路北区学院路3号",
                               summary=f"学校推进智慧教学平台建设（第{i}份）。")
        SAMPLES["collective_pdf"](unit, target / "申报表.pdf")
        SAMPLES["deeds_pdf"](SAMPLES["TANGSHAN_DEEDS"], target / "事迹材料.pdf")


def peak_mb() -> float:
    """Peak resident memory of this process and of the largest worker child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def timed(label: str, n: int, work: Callable[[], object]) -> tuple[str, int, float, float]:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<40} {n:>5} submissions  {seconds:7.2f} s  {n / seconds:7.1f}/s  "
          f"peak {peak_mb():6.0f} MB", flush=True)
    return label, n, seconds, peak_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results.md")
    args = parser.parse_args()
    programme = load_programme("hebei-ou-2024")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        docx_dir, pdf_dir = Path(tmp) / "docx", Path(tmp) / "pdf"
        make_docx_batch(docx_dir, args.n)
        make_pdf_batch(pdf_dir, max(1, args.n // 5))
        rows.append(timed("intake check (.docx)", args.n,
                          lambda: check_batch([docx_dir], programme, jobs=args.jobs)))
        rows.append(timed("intake check (PDF)", max(1, args.n // 5),
                          lambda: check_batch([pdf_dir], programme, jobs=args.jobs)))
        with Store(Path(tmp) / "bench.db") as store:
            rows.append(timed("intake run --extractor rules (.docx)", args.n, lambda: run_batch(
                [docx_dir], "hebei-ou-2024-collective", store, extractor=get_extractor("rules"),
                jobs=args.jobs)))
    record(args.results, rows, args.jobs)


def record(path: Path, rows: list[tuple[str, int, float, float]], jobs: int) -> None:
    header = "| date | machine | command | submissions | seconds | per second | peak MB |\n" \
             "|---|---|---|---|---|---|---|\n"
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, jobs={jobs}"
    lines = [f"| {dt.date.today()} | {machine} | {label} | {n} | {s:.2f} | {n / s:.1f} | "
             f"{mb:.0f} |\n" for label, n, s, mb in rows]
    existing = path.read_text(encoding="utf-8") if path.exists() else \
        "# Benchmark results (`make bench`)\n\n" + header
    path.write_text(existing + "".join(lines), encoding="utf-8")
    print(f"appended to {path}")


if __name__ == "__main__":
    main()
