"""Measure the retrieval of `intake ask` on Chinese questions about the sample batch.

    python scripts/ask_quality.py [--db build/demo/intake.db]

Three rankings over the same passages (intake.store.passages), on scripts/ask_questions.yaml:
`trigram+like` (ours: FTS5 trigram and LIKE candidates, idf-weighted share of the question's
bigrams), `fts5-bm25` (FTS5's own bm25 over trigram MATCH, no short terms) and `jieba-bm25`
(BM25 over jieba-segmented passages; only when jieba is installed, which intake does not need).
For each: hit@1 and hit@3 on answerable questions, and on questions the material does not answer
whether nothing is returned (ours and jieba's at their coverage threshold).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.ask import retrieve, terms  # noqa: E402
from intake.review.walk import resolve_submission  # noqa: E402
from intake.store import Store  # noqa: E402
from intake.store import passages as passage_index  # noqa: E402

Ranker = Callable[[Store, str, str], list[str]]  # passages' texts, best first; [] for nothing


def ours(store: Store, sid: str, question: str) -> list[str]:
    return [s.passage.text for s in retrieve.search(store, question, [sid]).passages]


def fts5_bm25(store: Store, sid: str, question: str) -> list[str]:
    query = terms.parse(question)
    return [p.text for p in passage_index.fts_ranked(store, [sid], query.long_chunks)]


def jieba_bm25(store: Store, sid: str, question: str) -> list[str]:
    import jieba

    stop = set(terms.lexicon()["question_words"])
    wanted = [w for w in jieba.lcut_for_search(terms.fold(question))
              if w.strip() and w not in stop and any(c.isalnum() for c in w)]
    passages = passage_index.passages_of(store, [sid])
    documents = [jieba.lcut_for_search(terms.fold(p.text)) for p in passages]
    scored = _bm25(wanted, documents)
    total = sum(_idf(w, documents) for w in set(wanted)) or 1.0
    ranked = sorted(zip(scored, passages, documents, strict=True), key=lambda x: -x[0])
    return [p.text for score, p, words in ranked
            if score > 0 and sum(_idf(w, documents) for w in set(wanted) if w in words) / total
            >= retrieve.THRESHOLD]


def _idf(word: str, documents: list[list[str]]) -> float:
    frequency = sum(word in d for d in documents)
    return math.log(1 + (len(documents) - frequency + 0.5) / (frequency + 0.5))


def _bm25(words: list[str], documents: list[list[str]], k1: float = 1.5,
          b: float = 0.75) -> list[float]:
    average = sum(map(len, documents)) / max(1, len(documents))
    scores = []
    for document in documents:
        counts = Counter(document)
        scores.append(sum(_idf(w, documents) * counts[w] * (k1 + 1)
                          / (counts[w] + k1 * (1 - b + b * len(document) / average))
                          for w in words if counts[w]))
    return scores


def measure(store: Store, ranker: Ranker, questions: list[dict]) -> dict[str, float]:
    hit1 = hit3 = answerable = silent = unanswerable = 0
    started = time.perf_counter()
    for q in questions:
        sid = resolve_submission(store, q["submission"]) or ""
        got = [terms.fold(t) for t in ranker(store, sid, q["question"])]
        if q["expect"] is None:
            unanswerable += 1
            silent += not got
            continue
        answerable += 1
        expect = terms.fold(str(q["expect"]))
        hit1 += bool(got) and expect in got[0]
        hit3 += any(expect in t for t in got[:3])
    seconds = time.perf_counter() - started
    return {"hit@1": hit1 / answerable, "hit@3": hit3 / answerable,
            "no-answer right": silent / max(1, unanswerable),
            "ms/question": 1000 * seconds / len(questions)}


def demo_store(folder: Path) -> Path:
    from extractors.facts.base import get_extractor
    from intake.run.pipeline import run_batch

    db = folder / "intake.db"
    with Store(db) as store:
        run_batch([ROOT / "samples" / "batch"], "hebei-ou-2024-collective", store,
                  extractor=get_extractor("rules"), jobs=1)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a store holding samples/batch (else one is made)")
    args = parser.parse_args()
    questions = yaml.safe_load((ROOT / "scripts" / "ask_questions.yaml").read_text("utf-8"))
    rankers: dict[str, Ranker] = {"trigram+like (ours)": ours, "fts5-bm25": fts5_bm25}
    try:
        import jieba

        jieba.setLogLevel(60)
        rankers["jieba-bm25"] = jieba_bm25
    except ImportError:
        print("jieba is not installed: jieba-bm25 not measured (pip install jieba)")
    with tempfile.TemporaryDirectory() as folder, \
            Store(args.db or demo_store(Path(folder))) as store:
        passage_index.ensure_indexed(store)
        print(f"{len(questions)} questions, "
              f"{sum(q['expect'] is None for q in questions)} without an answer")
        for name, ranker in rankers.items():
            row = measure(store, ranker, questions)
            print(f"{name:22}", "  ".join(f"{k} {v:.2f}" for k, v in row.items()))

if __name__ == "__main__":
    main()
