"""Platform statistics in the store: one value per unit and metric, replaced by a later import."""

from __future__ import annotations

from collections.abc import Mapping

from intake.store.connection import Session, Store, now


def save_metrics(store: Store, values: Mapping[str, Mapping[str, float]], source: str) -> None:
    """unit → metric → value, in one transaction; `source` names the file they came from."""

    def work(db: Session) -> None:
        for unit, metrics in values.items():
            for metric, value in metrics.items():
                db.execute("INSERT INTO metrics VALUES (?, ?, ?, ?, ?) ON CONFLICT (unit, metric) "
                           "DO UPDATE SET value = excluded.value, source = excluded.source, "
                           "imported_at = excluded.imported_at",
                           (unit, metric, value, source, now()))

    store.write(work)


def stored_metrics(store: Store) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    for row in store.query("SELECT unit, metric, value FROM metrics ORDER BY unit, metric"):
        found.setdefault(row["unit"], {})[row["metric"]] = row["value"]
    return found
