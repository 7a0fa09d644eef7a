"""Turns HQ records queued by the triggers into the console's list columns and search text.

The columns and the search text come from the laptop's own rules (``fieldkit.core.indexing``):
the same fields are searchable, country names in both languages are included, so a search at HQ
finds what the same search finds on a laptop.
"""

from __future__ import annotations

import json
from typing import Any

from fieldkit.core.indexing import index_record
from fieldkit.core.models import record_from_json
from fieldkit.core.reference import reference

from . import queries as q
from .db import Handle

BATCH = 500


def derive(embassy: str, kind: str, deleted: int, data: str) -> tuple[dict[str, Any], str]:
    """The console row (without rowid) and search text of one stored record."""
    try:
        rec = record_from_json(data)
    except ValueError:
        # HQ validates what it stores; a record written by a newer laptop with fields this HQ
        # does not know is still listed, by its id and kind, rather than hidden.
        raw = json.loads(data)
        return _row(embassy, kind, deleted, raw, {}), ""
    row, text = index_record(rec)
    return _row(embassy, kind, deleted, json.loads(data), row), text


def _row(embassy: str, kind: str, deleted: int, raw: dict, row: dict) -> dict[str, Any]:
    cls = row.get("classification") or raw.get("classification") or ""
    return {
        "id": raw.get("id", ""),
        "embassy": embassy,
        "kind": kind,
        "deleted": 1 if deleted else 0,
        "country": row.get("country"),
        "date": row.get("date"),
        "title": row.get("title") or raw.get("id", ""),
        "classification": cls,
        "class_rank": reference().classification_rank(cls) if cls else 0,
        "tags": row.get("tags") or "",
        "summits": _spaced(raw.get("summits")),
        "instruments": _spaced(raw.get("instruments")),
        "status": row.get("status"),
        "due": row.get("due"),
        "parent_id": row.get("parent_id"),
        "updated_at": row.get("updated_at"),
        "updated_by": row.get("updated_by") or "",
    }


def _spaced(values) -> str:
    return " " + " ".join(values) + " " if values else ""


def catch_up(db: Handle, limit: int | None = None) -> int:
    """Index every queued record (or ``limit`` of them); returns how many were indexed."""
    done = 0
    while limit is None or done < limit:
        with db.write() as c:
            rows = q.pending(c, BATCH)
            if not rows:
                break
            items = [
                (rowid, *derive(embassy, kind, deleted, data)) if data is not None
                else (rowid, None, "")  # the record is gone: drop it from the index
                for rowid, embassy, kind, deleted, data in rows
            ]  # fmt: skip
            q.store_index(c, db.dialect, items)
            q.clear_pending(c, [r[0] for r in rows])
        done += len(rows)
    return done
