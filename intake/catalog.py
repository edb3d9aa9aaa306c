"""The rubric catalog: where rubric definitions live and how they are found, by id or all rubrics
of a programme. The bottom of intake: it imports only the rubric package."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import rubric
from rubric.errors import InputError, RubricError

if TYPE_CHECKING:
    from rubric import Rubric

DEFINITIONS = Path(rubric.__file__).parent / "definitions"
# The programme `intake check` applies without --rubric. Commands that score have no default
# rubric: they take the one the store holds suggestions of (intake.cli.options).
DEFAULT_PROGRAMME = "hebei-ou-2024"


def definition_files(directory: Path = DEFINITIONS) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


@cache
def _load_file(path: Path) -> Rubric:
    from rubric import parse_rubric  # the models are built when a rubric is first read

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RubricError(f"{path}: cannot be read ({error.strerror})") from error
    loaded = parse_rubric(text, path.name)
    if loaded.id != path.stem:
        raise RubricError(f"{path.name}: id {loaded.id!r} differs from the file name")
    return loaded


def list_rubrics(directory: Path = DEFINITIONS) -> list[Rubric]:
    return [_load_file(path) for path in definition_files(directory)]


def load_rubric(rubric_id: str, directory: Path = DEFINITIONS) -> Rubric:
    """The rubric with this id; a path to a .yaml file works too (for drafts and tests)."""
    from rubric import parse_rubric

    as_path = Path(rubric_id)
    if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
        return parse_rubric(as_path.read_text(encoding="utf-8"), as_path.name)
    path = directory / f"{rubric_id}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in definition_files(directory))
        raise InputError(f"没有评分细则“{rubric_id}” (no rubric {rubric_id!r}); known: {known}")
    return _load_file(path)


def programme_rubrics(programme: str, directory: Path = DEFINITIONS) -> list[Rubric]:
    """The rubrics of a programme (hebei-ou-2024: collective and individual), or of a rubric id."""
    rubrics = list_rubrics(directory)
    programme = {r.id: r.programme for r in rubrics}.get(programme, programme)
    return [r for r in rubrics if r.programme == programme]
