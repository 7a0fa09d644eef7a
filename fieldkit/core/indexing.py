"""What the store derives from a record on every write: list columns and the search text."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from .envelope import ENVELOPE
from .models import Approvable, FollowUp, Meeting, Project, Record
from .reference import reference

# Keys whose values are ids, hashes or codes: indexing them would only produce noise matches.
_NOT_TEXT = ENVELOPE | {
    "classification", "post", "caveats", "sha256", "media_type", "status", "scheme", "vocabulary", "currency", "role",
    "type", "policy_fields", "instruments", "summits", "rating", "overall_rating", "meeting_type",
    "side", "approval",
}  # fmt: skip
# Codes a record is tagged with, by the reference table that names them: their names in both
# languages are searchable (次世代自動車, "Next-generation", PALM10, 太平洋・島サミット).
_CODE_TABLES = (
    ("policy_fields", "policy_fields"), ("instruments", "instruments"), ("summits", "summits"),
    ("scheme", "schemes"), ("meeting_type", "meeting_types"),
)  # fmt: skip


def _skip(key: str) -> bool:
    return key in _NOT_TEXT or key.endswith("_id") or key.endswith("_ids")


@cache
def _text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold human text (decided once per model class)."""
    from .models import fields_of

    return tuple(name for name in fields_of(model) if not _skip(name))


def index_record(record: Record) -> tuple[dict[str, Any], str]:
    """The ``records`` row and the search text for a record.

    The stored JSON comes from pydantic's serializer directly and the list columns from the
    model's attributes, so a bulk load does not walk each record more than once.
    """
    due = None
    status = None
    tags = ""
    if isinstance(record, FollowUp):
        status = record.status
        due = record.due.isoformat() if record.due and record.status == "open" else None
    elif isinstance(record, Project):
        status = record.status
        nxt = record.next_report_due()
        due = nxt.isoformat() if nxt else None
    elif isinstance(record, Approvable):  # meetings and visits: where their approval stands
        status = record.approval.status
    if isinstance(record, Meeting) and record.policy_fields:
        tags = " " + " ".join(record.policy_fields) + " "
    sort_date = record.sort_date()
    row = {
        "id": record.id,
        "kind": record.kind,
        "revision": record.revision,
        "post": record.post,
        "classification": record.classification,
        "title": record.title_text()[:300],
        "country": record.country_code(),
        "date": sort_date.isoformat() if sort_date else None,
        "due": due,
        "status": status,
        "tags": tags,
        "parent_id": getattr(record, "parent_id", None) or getattr(record, "project_id", None),
        "created_at": _iso(record.created_at),
        "updated_at": _iso(record.updated_at),
        "created_by": record.created_by,
        "updated_by": record.updated_by,
        "deleted_at": _iso(record.deleted_at),
        "data": record.model_dump_json(),
    }
    return row, search_text(record)


def _iso(value) -> str | None:
    # The same form pydantic writes into the JSON, so columns and data agree.
    return value.isoformat().replace("+00:00", "Z") if value else None


def search_text(record: Record) -> str:
    """All human text of a record, plus the names of its country and of the codes it is tagged
    with (policy fields, instruments, summits, scheme, meeting type), in both languages, one
    value per line."""
    parts: list[str] = []
    _collect(record, parts)
    ref = reference()
    country = record.country_code()
    if country:
        c = ref.countries.get(country)
        if c:
            parts.extend((c.name, c.name_ja))
    fields = record.__dict__
    for name, table_name in _CODE_TABLES:
        codes = fields.get(name)
        if not codes:
            continue
        table = getattr(ref, table_name)
        for code in (codes,) if codes.__class__ is str else codes:
            c = table.get(code)
            if c and code != "other":  # "Other" would match every record tagged so
                parts.extend((c.name, c.name_ja) if c.name_ja else (c.name,))
    # Once each: an IATI project repeats its organisations (reporting, funding, implementing)
    # and titles; every repeated line is trigrams the index stores again for nothing.
    return "\n".join(dict.fromkeys(parts))


def _collect(value: Any, out: list[str]) -> None:
    # Walks the model's attributes rather than a dump of it: bulk loads and sync pulls spend
    # their time here, so fields are read from __dict__ (not through pydantic's __getattr__)
    # and plain strings and empty values are handled without a call.
    if isinstance(value, BaseModel):
        fields = value.__dict__
        for name in _text_fields(type(value)):
            item = fields.get(name)
            if item.__class__ is str:
                if item:
                    out.append(item)
            elif item:
                _collect(item, out)
    elif isinstance(value, str):
        if value:
            out.append(value)
    elif isinstance(value, list):
        for item in value:
            _collect(item, out)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, out)
