"""A record as the record page shows it: the laptop detail pane's sections, names for codes,
and its revision history as "who changed which field when, from which laptop"."""

from __future__ import annotations

import json
from typing import Any

from fieldkit.core.envelope import ENVELOPE
from fieldkit.core.reference import reference
from fieldkit.core.turns import upgrade_meeting_data

from .web import country_name, label

_HIDDEN = ENVELOPE | {"post", "classification", "caveats", "approval"}  # approval: a badge
_NARRATIVE = {
    "meeting": ("key_points",),
    "visit": ("progress", "facilities_use", "findings", "issues", "recommendations"),
    "project": ("description", "notes"),
    "organisation": ("notes",),
    "person": ("notes",),
    "followup": ("text",),
}
_PEOPLE = {"meeting": ("partner_attendees", "our_attendees"), "visit": ("people_met",)}
_CODES = {"country": "countries", "policy_fields": "policy_fields", "instruments": "instruments",
          "summits": "summits", "scheme": "schemes", "type": "organisation_types",
          "meeting_type": "meeting_types"}  # fmt: skip
_SIDES = {"partner": "Partner", "ours": "Japan"}


def words(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _value(name: str, value: Any, lang: str) -> str:
    if name == "country":
        return country_name(value, lang)
    table = _CODES.get(name)
    if table:
        if isinstance(value, list):
            return ", ".join(label(table, v, lang) for v in value)
        return label(table, value, lang)
    if name == "status" and str(value) in reference().activity_status:
        return label("activity_status", str(value), lang)
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return ", ".join(value)
        return "; ".join(", ".join(str(x) for x in v.values() if x not in (None, "", [], {}))
                         if isinstance(v, dict) else str(v) for v in value)  # fmt: skip
    if isinstance(value, dict):
        return "; ".join(f"{words(k)}: {v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def view(data: dict[str, Any], lang: str) -> dict[str, Any]:
    kind = data.get("kind", "")
    if kind == "meeting":  # laptops on older code still send the three boxes: shown as turns
        data = upgrade_meeting_data(data)
    narrative = _NARRATIVE.get(kind, ())
    people = _PEOPLE.get(kind, ())
    facts = [
        (words(k), _value(k, v, lang))
        for k, v in data.items()
        if k not in _HIDDEN and k not in narrative and k not in people
        and k not in ("criteria", "turns")
        and not k.endswith("_id") and not k.endswith("_ids") and v not in (None, "", [], {})
    ]  # fmt: skip
    cls = data.get("classification", "")
    criteria = []
    for code, r in (data.get("criteria") or {}).items():
        criteria.append(
            (label("dac_criteria", code, lang), r.get("rating") or "", r.get("note") or "")
        )
    return {
        "kind": kind,
        "title": data.get("subject")
        or data.get("title")
        or data.get("name")
        or (data.get("text") or "").split("\n")[0][:120]
        or data.get("id"),
        "marking": label("classifications", cls, lang) or cls,
        "classified": reference().classification_rank(cls) > 0 if cls else False,
        "caveats": [label("caveats", c, lang) for c in data.get("caveats") or []],
        "facts": facts,
        "people": [(words(k), data.get(k) or []) for k in people if data.get(k)],
        "narrative": [(words(k), data[k]) for k in narrative if data.get(k)],
        # The exchange in order: (side's word, text, is a request).
        "turns": [
            (
                _SIDES.get(t.get("side"), str(t.get("side"))),
                t.get("text", ""),
                bool(t.get("request")),
            )
            for t in data.get("turns") or []
            if isinstance(t, dict)
        ],
        "criteria": criteria,
        "project_id": data.get("project_id"),
        "parent_id": data.get("parent_id"),
        "envelope": data,
    }


def history(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Newest first: each version with its author, time, laptop and changed fields."""
    out, before = [], {}
    for v in versions:
        data = json.loads(v["data"])
        changes = []
        for k in sorted(set(data) | set(before)):
            if k in ("revision", "updated_at", "updated_by"):
                continue
            old, new = before.get(k), data.get(k)
            if old != new and not (old in (None, "", [], {}) and new in (None, "", [], {})):
                changes.append((words(k), _short(old), _short(new)))
        out.append({
            "version": v["version"],
            "at": data.get("updated_at") or data.get("created_at") or "",
            "who": data.get("updated_by") or data.get("created_by") or "",
            "device": "HQ" if v["origin"] == "hq" else (v["device_name"] or v["origin"]),
            "embassy": v.get("device_embassy") or "",
            "changes": changes if before else [],
            "created": not before,
        })  # fmt: skip
        before = data
    return out[::-1]


def _short(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "…"
