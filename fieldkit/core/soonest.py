"""The records due soonest, counts and a few fields, read without the rows' models: fast at
100,000 records.

SQLite's own plan for "follow-ups by due date" reads every follow-up's row through the kind index
and sorts them all (1.7 s for 44,000 open ones of 100,000); walking the due-date index instead
stops after the first page (7 ms). Counting over the list index, which holds every column a list
filters on, skips the rows too (90 ms against 420). Both indexes are in every store (schema v1).
``fields`` reads a few fields of many records from their stored JSON, which was validated when it
was written, without building each record's pydantic model (20,000 follow-ups: 2.5 s that way).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from fieldkit.core.query import RecordFilter, where_clause

# The list index covers these filters; text search and parent links need the rows.
_COVERED = ("text", "parent_id")


def soonest_due_ids(store, flt: RecordFilter, limit: int) -> list[str]:
    """Ids of the first ``limit`` records of ``flt`` that have a due date, earliest first."""
    where, params = where_clause(flt)
    sql = (
        f"SELECT r.id FROM records r INDEXED BY records_due WHERE {where} AND r.due IS NOT NULL "
        "ORDER BY r.due LIMIT ?"
    )
    with store.tx.read() as conn:
        return [i for (i,) in conn.execute(sql, [*params, limit])]


def count(store, flt: RecordFilter) -> int:
    """``store.count(flt)``, from the list index when it holds every column the filter uses."""
    if any(getattr(flt, name) for name in _COVERED):
        return store.count(flt)
    where, params = where_clause(flt)
    with store.tx.read() as conn:
        sql = f"SELECT count(*) FROM records r INDEXED BY records_list WHERE {where}"
        return conn.execute(sql, params).fetchone()[0]


def fields(store, ids: Iterable[str], names: tuple[str, ...]) -> list[dict[str, Any]]:
    """``names`` (and ``id``) of the records ``ids``, in that order, as stored (dates as text)."""
    ids = list(ids)
    found: dict[str, dict[str, Any]] = {}
    with store.tx.read() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for rid, data in conn.execute(
                f"SELECT id, data FROM records WHERE id IN ({marks})", chunk
            ):
                record = json.loads(data)
                found[rid] = {"id": rid, **{name: record.get(name) for name in names}}
    return [found[i] for i in ids if i in found]
