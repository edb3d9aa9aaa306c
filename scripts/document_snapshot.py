"""Documents and Forms as the readers make them, written down to compare two versions of the code.

    python scripts/document_snapshot.py dump OUT.json PATH...
    python scripts/document_snapshot.py compare BEFORE.json AFTER.json

`dump` reads every .docx and .pdf under the PATHs (or the files named) with read_document and
recognises each against every programme's forms, and writes each Document and Form as its JSON.
`compare` says which files differ and exits 1 if any does. A speed change to a reader must leave
every snapshot the same: run `dump` on the old code (e.g. a `git archive` of main on PYTHONPATH)
and on the new, on the samples, a bench batch and the files the reader tests write (a pytest
plugin that copies what reaches read_docx collects those).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from extractors.forms import recognise
from extractors.read import read_document
from intake.catalog import list_rubrics
from intake.screen.batch import load_programme
from rubric import FormSpec

SUFFIXES = {".docx", ".pdf"}


def files_under(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES) \
            if path.is_dir() else [path]
    return found


def snapshot(path: Path, programmes: dict[str, tuple[FormSpec, ...]]) -> dict[str, Any]:
    document = read_document(path)
    forms = {name: recognise(document, specs).model_dump(mode="json")
             for name, specs in programmes.items()}
    return {"document": document.model_dump(mode="json"), "forms": forms}


def dump(out: Path, paths: list[Path]) -> None:
    names = sorted({r.programme for r in list_rubrics()})
    programmes = {name: load_programme(name).forms for name in names}
    records = {str(path): snapshot(path, programmes) for path in files_under(paths)}
    out.write_text(json.dumps(records, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"{len(records)} files → {out}")


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    missing = sorted(old.keys() ^ new.keys())
    differ = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
    for name in missing:
        print(f"only in one snapshot: {name}")
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(old.keys() & new.keys())} files in both, {len(differ)} differ, "
          f"{len(missing)} in one only")
    return 1 if differ or missing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dumping = sub.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("paths", type=Path, nargs="+")
    comparing = sub.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.paths)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
