"""A record as plain text for a person (``fieldkit show``): labels, names instead of codes."""

from __future__ import annotations

from typing import Any

from .fields import CODE_TABLES
from .models import Record
from .reference import reference

_SKIP = {"kind", "id"}


def label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def describe(record: Record, store=None, lang: str = "en") -> str:
    data = record.model_dump(mode="json")
    lines = [f"{record.kind.capitalize()} {record.id}", f"  {record.title_text()}"]
    if record.deleted:
        lines.append(f"  (in the trash since {data['deleted_at']})")
    for name, value in data.items():
        if name in _SKIP or value in (None, "", [], {}):
            continue
        lines.append(f"{label(name)}: {_render(name, value, lang)}")
    if store is not None:
        for child in store.query(_children_filter(record.id), sort="date_asc"):
            if child.kind == "followup":
                due = f" (due {child.due})" if child.due else ""
                lines.append(f"Follow-up [{child.status}] {child.text}{due} {child.owner}".rstrip())
            elif child.kind == "attachment":
                lines.append(
                    f"Attachment: {child.title_text()} ({child.media_type}, {child.size} bytes)"
                )
    return "\n".join(lines)


def _children_filter(parent_id: str):
    from .query import RecordFilter

    return RecordFilter(parent_id=parent_id, kinds=("followup", "attachment"))


def _render(name: str, value: Any, lang: str) -> str:
    table = CODE_TABLES.get(name)
    ref = reference()
    if table:
        codes = getattr(ref, table)
        if isinstance(value, list):
            return ", ".join(codes[v].label(lang) if v in codes else str(v) for v in value)
        return codes[value].label(lang) if value in codes else str(value)
    if name == "turns" and isinstance(value, list):  # the exchange, one turn a line, in order
        return "".join(_turn(t) for t in value if isinstance(t, dict))
    if name == "status" and str(value) in ref.activity_status:
        return ref.activity_status[str(value)].label(lang)
    if isinstance(value, str):
        return value if "\n" not in value else "\n    " + value.replace("\n", "\n    ")
    if isinstance(value, list):
        return "; ".join(_inline(v) for v in value)
    if isinstance(value, dict):
        return "\n    " + "\n    ".join(f"{label(k)}: {_inline(v)}" for k, v in value.items())
    return str(value)


def _turn(turn: dict) -> str:
    who = {"partner": "Partner", "ours": "Japan"}.get(turn.get("side"), str(turn.get("side")))
    mark = " (request)" if turn.get("request") else ""
    text = str(turn.get("text", "")).replace("\n", "\n      ")
    return f"\n    {who}{mark}: {text}"


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{v}" for v in value.values() if v not in (None, "", [], {}))
    return str(value)
