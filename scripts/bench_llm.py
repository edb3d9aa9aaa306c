"""`make bench-llm`: seconds and tokens per submission of `intake run --extractor llm`, one line
per output method, against a model server that is already running (nothing is started here).

    python scripts/bench_llm.py --model openai:qwen2.5-1.5b-instruct \
        --base-url http://127.0.0.1:8080/v1 [--n 3] [--methods json_schema,prompt] \
        [--results bench-results.md] [-- extra intake run options, e.g. --llm-timeout 1800]

Each method runs `intake run` as its own process on the first N unit submissions of
samples/batch,
with a fresh store (so nothing comes from the cache), then reads the store's call log: seconds,
input and output tokens per submission, failed calls, and the fallbacks taken. A few submissions
are enough: a 1.5B model on 2 CPU cores takes minutes per submission.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = ROOT / "samples" / "batch"
RUBRIC = "hebei-ou-2024-collective"
METHODS = ("json_schema", "function_calling", "json_mode", "prompt")


@dataclass(frozen=True)
class Line:
    method: str
    submissions: int
    seconds: float
    input_tokens: int
    output_tokens: int
    failed: int
    fallbacks: str
    exit_code: int

    def row(self) -> str:
        n = max(self.submissions, 1)
        return (f"| {self.method} | {self.submissions} | {self.seconds / n:.1f} | "
                f"{self.input_tokens / n:.0f} | {self.output_tokens / n:.0f} | {self.failed} | "
                f"{self.fallbacks or '–'} | {self.exit_code} |")


HEADER = ("| method | submissions | s / submission | input tokens / submission | "
          "output tokens / submission | failed calls | fallbacks | exit |\n"
          "|---|---|---|---|---|---|---|---|")


def measure(method: str, model: str, folders: list[Path], extra: list[str],
            env: dict[str, str]) -> Line:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "intake.db"
        command = [sys.executable, "-m", "intake.cli", "run", *map(str, folders), "--rubric",
                   RUBRIC, "--extractor", "llm", "--model", model, "--llm-method", method,
                   "--db", str(db), "--format", "json", *extra]
        started = time.monotonic()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        seconds = time.monotonic() - started
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
        return _from_log(method, db, seconds, done.returncode)


def _from_log(method: str, db: Path, seconds: float, code: int) -> Line:
    if not db.exists():
        return Line(method, 0, seconds, 0, 0, 0, "", code)
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT submission_id, input_tokens, output_tokens, error, fallbacks "
            "FROM llm_calls WHERE cached = 0").fetchall()
    notes = sorted({line.split(" (")[0] for *_, notes in rows if notes
                    for line in notes.splitlines()})
    return Line(method, len({r[0] for r in rows}), seconds, sum(r[1] or 0 for r in rows),
                sum(r[2] or 0 for r in rows), sum(1 for r in rows if r[3]), "; ".join(notes),
                code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=os.environ.get("INTAKE_BENCH_MODEL"))
    parser.add_argument("--base-url", default=os.environ.get("OPENAI_BASE_URL"))
    parser.add_argument("--n", type=int, default=3)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--results", type=Path, default=None)
    parser.add_argument("extra", nargs="*", help="more intake run options, after --")
    args = parser.parse_args()
    if not args.model:
        parser.error("--model provider:model (or INTAKE_BENCH_MODEL) is needed; start the "
                     "model server first (see README, The LLM extractor)")
    env = {**os.environ, "OPENAI_API_KEY": os.environ.get("OPENAI_API_KEY", "none")}
    if args.base_url:
        env["OPENAI_BASE_URL" if args.model.startswith("openai:") else "OLLAMA_HOST"] = \
            args.base_url
    # The collective rubric scores the units' submissions; the samples' 个人-… are individual.
    folders = sorted(p for p in BATCH.iterdir() if p.is_dir()
                     and not p.name.startswith("个人"))[: args.n]
    lines = [measure(m, args.model, folders, args.extra, env) for m in args.methods.split(",")]
    table = "\n".join([HEADER, *(line.row() for line in lines)])
    print(table)
    if args.results:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        with args.results.open("a", encoding="utf-8") as out:
            out.write(f"\n## intake run --extractor llm, {args.model}, {stamp}\n\n{table}\n")


if __name__ == "__main__":
    main()
