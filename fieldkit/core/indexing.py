"""What the store derives from a record on every write: list columns and the search text."""

from __future__ import annotations

import json
from typing import Any

from .models import FollowUp, Meeting, Project, Record
from .reference import reference

# Keys whose values are ids, hashes or codes: indexing them would only produce noise matches.
_NOT_TEXT = {
    "id", "kind", "revision", "created_at", "updated_at", "deleted_at", "classification",
    "caveats", "sha256", "media_type", "status", "scheme", "vocabulary", "currency", "role",
    "type", "policy_fields", "instruments", "summits", "rating", "overall_rating",
}  # fmt: skip


def record_json(record: Record) -> str:
    return record.model_dump_json(exclude_none=False)


def row_for(record: Record, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``records`` row for a record (``data`` is its JSON-mode dump, if already made)."""
    if data is None:
        data = record.model_dump(mode="json")
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
    if isinstance(record, Meeting) and record.policy_fields:
        tags = " " + " ".join(record.policy_fields) + " "
    sort_date = record.sort_date()
    return {
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
        "created_at": data.get("created_at"),
        "updated_at": data.get("updated_at"),
        "created_by": record.created_by,
        "updated_by": record.updated_by,
        "deleted_at": data.get("deleted_at"),
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    }


def search_text(record: Record, data: dict[str, Any]) -> str:
    """All human text of a record, plus its country's names, one value per line."""
    parts: list[str] = []
    _collect(data, parts)
    country = record.country_code()
    if country:
        c = reference().countries.get(country)
        if c:
            parts.extend((c.name, c.name_ja))
    return "\n".join(p for p in parts if p)


def _collect(value: Any, out: list[str], key: str = "") -> None:
    if key in _NOT_TEXT or key.endswith("_id") or key.endswith("_ids"):
        return
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _collect(v, out, k)
    elif isinstance(value, list):
        for v in value:
            _collect(v, out, key)
