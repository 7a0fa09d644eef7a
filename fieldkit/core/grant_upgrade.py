"""Store upgrade step for visit types and JICA sub-ratings (#15).

Visits stored before this step had no type and rated each criterion A-D with the overall labels.
The step rewrites each visit's JSON in the shape the models now read (the same change the
``mode="before"`` validator of ``CriterionRating`` makes for records arriving from elsewhere):
the A-D rating moves, unchanged, to ``legacy_rating``; the type becomes "other" (no guess from
dates); a project's list column ``due`` counts only the reports its scheme asks for. Revisions
and the outbox are left alone: nothing a user changed, and every other copy
of the record upgrades itself the same way when read.
"""

from __future__ import annotations

import json

LEGACY = ("A", "B", "C", "D")


def upgrade_visit_json(data: dict) -> bool:
    """Bring one visit's dict to the new shape in place; True when anything changed."""
    changed = False
    if "visit_type" not in data:
        data["visit_type"] = "other"
        changed = True
    for crit in (data.get("criteria") or {}).values():
        if isinstance(crit, dict) and crit.get("rating") in LEGACY:
            crit.setdefault("legacy_rating", crit["rating"])
            crit["rating"] = None
            changed = True
    return changed


def upgrade_visits(conn) -> None:
    rows = conn.execute("SELECT rowid, data FROM records WHERE kind = 'visit'").fetchall()
    for rowid, text in rows:
        data = json.loads(text)
        if upgrade_visit_json(data):
            conn.execute(
                "UPDATE records SET data = ? WHERE rowid = ?",
                (json.dumps(data, ensure_ascii=False, separators=(",", ":")), rowid),
            )
    refresh_project_due(conn)


def refresh_project_due(conn) -> None:
    """The list column ``due`` (next report outstanding) only counts the reports the project's
    scheme asks the grantee for: a JICA technical-cooperation project is no longer 'overdue'."""
    from .grant_reference import scheme_rules

    rows = conn.execute("SELECT rowid, data, due FROM records WHERE kind = 'project'").fetchall()
    for rowid, text, due in rows:
        data = json.loads(text)
        asks = scheme_rules(data.get("scheme")).reports
        pending = [
            data.get(f"{r}_report_due")
            for r in ("interim", "completion")
            if r in asks and data.get(f"{r}_report_due") and not data.get(f"{r}_report_received")
        ]
        new = min(pending) if pending else None
        if new != due:
            conn.execute("UPDATE records SET due = ? WHERE rowid = ?", (new, rowid))
