"""What every part of the store shares: change notes, history entries, diffs, loading records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..envelope import ENVELOPE
from ..errors import FieldKitError, StoreError, ValidationProblem, problems_from_pydantic
from ..messages import Message

if TYPE_CHECKING:  # records are pydantic: imported where used, not for `status`
    from ..models import Record

BATCH = 500  # records per executemany in bulk loads

# caveats (JSON text, e.g. '["NO_LOCAL_STAFF"]') so that every list row can show its marking
# (fieldkit.core.marking); only a page of rows is read at a time.
SUMMARY_COLUMNS = (
    "id, kind, revision, title, country, date, due, status, classification, post, parent_id, "
    "updated_at, updated_by, deleted_at, json_extract(data, '$.caveats') AS caveats"
)


def summary_row(names: list[str], row) -> dict[str, Any]:
    """A summary as a dict, its caveats a list (SQLite hands the JSON array over as text)."""
    out = dict(zip(names, row, strict=True))
    caveats = out.get("caveats")
    out["caveats"] = json.loads(caveats) if caveats and caveats != "[]" else []
    return out


@dataclass
class Changes:
    """What a committed action changed, so views refresh only that (Anki's OpChanges)."""

    kinds: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    source: object | None = None

    def add(self, record: Record) -> None:
        self.kinds.add(record.kind)
        self.ids.add(record.id)

    def __bool__(self) -> bool:
        return bool(self.ids)


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    record_id: str
    revision: int
    at: str
    author: str
    action: str
    changes: dict[str, list]


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list]:
    """Field -> [old, new] for every user field that differs (envelope fields excluded)."""
    out = {}
    for key in old.keys() | new.keys():
        if key in ENVELOPE or key == "deleted_at":
            continue
        if old.get(key) != new.get(key):
            out[key] = [old.get(key), new.get(key)]
    return out


def load_record(data: str) -> Record:
    from ..models import parse_record

    # Stored JSON was validated on the way in; re-validating keeps the types exact (dates, enums).
    return parse_record(json.loads(data))


def validate_record(data: dict[str, Any], context: str = "") -> Record:
    """A record from plain data, or a ValidationProblem naming every bad field."""
    from pydantic import ValidationError

    from ..models import parse_record

    try:
        return parse_record(data)
    except ValidationError as exc:
        raise ValidationProblem(problems_from_pydantic(exc), context) from None


def is_integrity_error(exc: BaseException) -> bool:
    # An encrypted store's connection (sqlcipher3) raises its own IntegrityError class.
    return isinstance(exc, sqlite3.IntegrityError) or type(exc).__name__ == "IntegrityError"


def check_replaceable(new: Record, stored_kind: str, in_trash: bool) -> None:
    """An edit may not change a record's kind, nor touch one in the trash."""
    if new.kind != stored_kind:
        kinds = {"stored": Message(f"kind.{stored_kind}"), "kind": Message(f"kind.{new.kind}")}
        raise FieldKitError(Message("store.kind_changed", id=new.id, **kinds))
    if in_trash:
        raise FieldKitError(Message("store.in_trash", id=new.id))


def batches(items: Iterable[Any], size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def check_header(path: Path, encrypted: bool) -> None:
    """Refuse a file that is plainly not SQLite before SQLite touches it (and maybe writes a WAL)."""
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head:
        return  # an empty file: SQLite makes a store of it
    if not encrypted and head != b"SQLite format 3\x00":
        raise StoreError(Message("store.not_sqlite", path=str(path)))
