"""`make bench`, part one: the rules extractor's precision and recall on the held-out round of the
real-phrasing corpus (tests/corpus/real_phrasing/heldout, issue 20), printed and appended to
bench-results.md. The held-out score is reported here rather than asserted in a test, so a new
round can be held out before the rules meet its phrasing (the corpus README has the protocol).
Only the counts are written, never which texts failed: whoever reads the failures has seen the
round (`python -m tests.support.corpus heldout` lists them, for the one who ends the round).

    python scripts/bench_corpus.py [--results bench-results.md] [--split heldout]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import _commit  # noqa: E402  (the same commit line as the rest of make bench)

from tests.support.corpus import CORPUS, Tally, score  # noqa: E402

TARGETS = {"hebei": (0.95, 0.90), "xunke": (0.90, 0.80)}  # issue 20: precision, recall


def table(split: str, tallies: dict[str, Tally]) -> str:
    files = sorted(p.stem for p in (CORPUS / split).glob("*.yaml"))
    lines = [f"\n### {dt.date.today()}, commit {_commit()}, rules extractor on `{split}/` "
             f"({len(files)} files, {files[0]} … {files[-1]})\n\n",
             "| programme | precision | recall | target | errors |\n|---|---|---|---|---|\n"]
    for programme, tally in sorted(tallies.items()):
        precision, recall = TARGETS[programme]
        met = tally.precision >= precision and tally.recall >= recall
        lines.append(f"| {programme} | {tally.precision:.2f} ({tally.right}/{tally.suggested}) | "
                     f"{tally.recall:.2f} ({tally.right}/{tally.expected}) | "
                     f"≥ {precision:.2f} / ≥ {recall:.2f} {'met' if met else 'missed'} | "
                     f"{len(tally.errors)} |\n")
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results.md")
    parser.add_argument("--split", default="heldout", choices=["heldout", "tuning"])
    args = parser.parse_args()
    if not any((CORPUS / args.split).glob("*.yaml")):
        # Between rounds (the last one fixed and moved to tuning/, the next not yet written).
        print(f"no files in {args.split}/: nothing to score, nothing appended")
        return
    with tempfile.TemporaryDirectory() as folder:
        text = table(args.split, score(args.split, Path(folder)))
    print(text)
    with args.results.open("a", encoding="utf-8") as results:
        results.write(text)
    print(f"appended to {args.results}")


if __name__ == "__main__":
    main()
