"""`intake run --shard I/N`: disjoint parts that together are the whole batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.screen.batch import Shard, discover
from rubric.errors import InputError
from tests.support.batch import UNITS, Unit, write_batch


def test_shards_split_the_batch_into_disjoint_parts_that_cover_it(tmp_path: Path) -> None:
    units = [*UNITS, *(Unit(f"测试{i}开放大学", f"测试{i}开放大学") for i in range(9))]
    found = discover([write_batch(tmp_path, units)])
    parts = [{s.path for s in found if Shard(i, 3).holds(s)} for i in (1, 2, 3)]
    assert set().union(*parts) == {s.path for s in found}
    assert sum(len(p) for p in parts) == len(found) == 12
    assert all(parts)


def test_the_split_follows_the_folder_inside_the_batch_not_where_the_batch_lies(
        tmp_path: Path) -> None:
    here = discover([write_batch(tmp_path / "a")])
    there = discover([write_batch(tmp_path / "elsewhere" / "b")])
    assert [Shard(1, 2).holds(s) for s in here] == [Shard(1, 2).holds(s) for s in there]


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_a_bad_shard_is_a_message(text: str) -> None:
    with pytest.raises(InputError, match="--shard 应写作 I/N"):
        Shard.parse(text)
