"""The follow-ups list's rows at 100,000 records: each action with its meeting's or visit's title,
read in one SQL pass per chunk, and a read that stops as soon as nobody wants it any more.

The whole list (20,000 actions) took 3-10 s read as each action's stored JSON, then its parent's
summary, then its marking worked out one by one: SQLite now picks the few fields out of both rows
in C (one ``json_extract`` per row with every path, a small JSON array back), and markings are
worked out once per distinct combination (a handful). ``stale`` is asked between chunks and,
through SQLite's progress handler, inside the ordered id query itself, so closing the window or a
newer read abandons the old one within milliseconds instead of waiting for it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from fieldkit.core.marking import EffectiveMarking, effective_marking
from fieldkit.core.query import RecordFilter, where_clause

CHUNK = 500
PROGRESS_OPS = 20_000  # SQLite virtual-machine steps between two looks at ``stale`` (~1 ms)

# Fields of the action's stored JSON (as written, so a done action keeps its due date), then its
# parent's columns and caveats.
_OWN = ("text", "owner", "due", "status", "parent_id", "classification", "caveats")
_SQL = (
    "SELECT f.id, json_extract(f.data, {own}), p.title, p.kind, p.country, p.classification, "
    "json_extract(p.data, '$.caveats') FROM records f LEFT JOIN records p ON p.id = f.parent_id "
    "WHERE f.id IN ({marks})"
)


class ReadAbandoned(Exception):  # noqa: N818 - not an error: the caller asked to stop
    """The read was no longer wanted (``stale()`` said so); nothing to report to anyone."""


def _never() -> bool:
    return False


def due_ids(store, flt: RecordFilter, limit: int, stale: Callable[[], bool] = _never) -> list[str]:
    """Ids of ``flt``'s first ``limit`` records by due date, undated last (in the store's order),
    from the due-date index; abandoned (ReadAbandoned) as soon as ``stale()`` is true."""
    where, params = where_clause(flt)
    dated = (
        f"SELECT r.id FROM records r INDEXED BY records_due WHERE {where} AND r.due IS NOT NULL "
        "ORDER BY r.due LIMIT ?"
    )
    undated = f"SELECT r.id FROM records r WHERE {where} AND r.due IS NULL ORDER BY r.rowid LIMIT ?"
    with store.tx.read() as conn:
        conn.set_progress_handler(stale, PROGRESS_OPS)
        try:
            ids = [i for (i,) in conn.execute(dated, [*params, limit])]
            if len(ids) < limit:
                ids += [i for (i,) in conn.execute(undated, [*params, limit - len(ids)])]
        except sqlite3.OperationalError:
            if stale():  # "interrupted": the progress handler stopped it
                raise ReadAbandoned() from None
            raise
        finally:
            conn.set_progress_handler(None, 0)
    return ids


def followup_rows(
    store, ids: Iterable[str], stale: Callable[[], bool] = _never
) -> list[dict[str, Any]]:
    """For each of ``ids`` (in that order): the action's own fields (``_OWN``, dates as text),
    ``parent_title``, ``parent_kind``, ``country`` and its ``marking`` (core.marking's rule)."""
    ids = list(ids)
    own_paths = ", ".join(f"'$.{name}'" for name in _OWN)
    found: dict[str, dict[str, Any]] = {}
    markings: dict[tuple, EffectiveMarking] = {}
    for start in range(0, len(ids), CHUNK):
        if stale():
            raise ReadAbandoned()
        chunk = ids[start : start + CHUNK]
        sql = _SQL.format(own=own_paths, marks=",".join("?" * len(chunk)))
        with store.tx.read() as conn:
            rows = conn.execute(sql, chunk).fetchall()
        for rid, own_json, title, kind, country, p_class, p_caveats in rows:
            row = dict(zip(_OWN, json.loads(own_json), strict=True))
            parent = None
            if kind is not None:
                parent = {"classification": p_class, "caveats": p_caveats}
            key = (
                row["classification"],
                tuple(row["caveats"] or ()),
                p_class if parent else None,
                p_caveats if parent else None,
                parent is None,
            )
            if key not in markings:
                markings[key] = effective_marking(row, parent)
            row.update(
                id=rid,
                parent_title=title or "",
                parent_kind=kind or "",
                country=country or "",
                marking=markings[key],
            )
            found[rid] = row
    return [found[i] for i in ids if i in found]
