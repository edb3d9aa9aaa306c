"""Platform statistics in the store: one value per unit and metric, replaced by a later import."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from intake.store.connection import Store, now


def save_metrics(store: Store, values: Mapping[str, Mapping[str, float]], source: str) -> None:
    """unit → metric → value, in one transaction; `source` names the file they came from."""

    def work(db: sqlite3.Connection) -> None:
        for unit, metrics in values.items():
            for metric, value in metrics.items():
                db.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?, ?)",
                           (unit, metric, value, source, now()))

    store.write(work)


def stored_metrics(store: Store) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    for row in store.query("SELECT unit, metric, value FROM metrics ORDER BY unit, metric"):
        found.setdefault(row["unit"], {})[row["metric"]] = row["value"]
    return found
