"""What an auditor looks for in a project's monitoring, on a given date: one function used by
the lists, the dashboard and the reports.

    project_flags(project, visits, today)   # [Flag, ...]
    visit_flags(visit, today)                # [Flag, ...]

Codes: report_overdue, report_late, overrun, followup_due, rating_missing, rating_not_asked,
overall_disagrees. Each flag carries a coded Message (rendered in the reader's language) and, where
it has one, the number of days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .grant_cycle import completed_on, followups_due, planned_end
from .grant_reference import dac_ratings_of, report_kinds, scheme_rules
from .messages import Message
from .ratings import criterion_as_read, overall_disagrees, suggested_overall

if TYPE_CHECKING:
    from .models import Project, Visit

FLAG_CODES = (
    "report_overdue",
    "report_late",
    "overrun",
    "followup_due",
    "rating_missing",
    "rating_not_asked",
    "overall_disagrees",
)


@dataclass(frozen=True)
class Flag:
    code: str
    message: Message
    days: int | None = None
    # Something still to act on (an overdue report, a visit due), not only a fact on record.
    open: bool = True


def _report_name(code: str) -> Message:
    return Message(f"flag.report_{code}")


def project_flags(project: Project, visits: list[Visit], today: date) -> list[Flag]:
    """The flags of ``project`` on ``today``; ``visits`` are its visits (any order)."""
    rules = scheme_rules(project.scheme)
    flags: list[Flag] = []
    for report in rules.reports:
        if report not in report_kinds():
            continue
        due = getattr(project, f"{report}_report_due")
        got = getattr(project, f"{report}_report_received")
        if not due:
            continue
        if got is None and due < today:
            days = (today - due).days
            flags.append(
                Flag(
                    "report_overdue",
                    Message("flag.report_overdue", report=_report_name(report), n=days),
                    days,
                )
            )
        elif got is not None and got > due:
            days = (got - due).days
            flags.append(
                Flag(
                    "report_late",
                    Message("flag.report_late", report=_report_name(report), n=days),
                    days,
                    open=False,
                )
            )
    end = planned_end(project)
    done = completed_on(project)
    if end and project.status not in ("5",):  # a cancelled project does not overrun
        if done and done > end:
            days = (done - end).days
            flags.append(Flag("overrun", Message("flag.overrun_done", n=days), days, open=False))
        elif not done and end < today:
            days = (today - end).days
            flags.append(Flag("overrun", Message("flag.overrun", n=days), days))
    for f in followups_due(project, visits):
        if f.done_on is None and f.due <= today:
            days = (today - f.due).days
            flags.append(
                Flag(
                    "followup_due",
                    Message("flag.followup_due", due=f.due.isoformat()),
                    days,
                )
            )
    return flags


def visit_flags(visit: Visit) -> list[Flag]:
    """A visit's own flags: ratings missing where its type needs them, ratings on a type that
    does not ask for them, and an overall rating that disagrees with the sub-ratings."""
    flags: list[Flag] = []
    asks = dac_ratings_of(visit.visit_type)
    rated = any(c.rating for c in visit.criteria.values()) or visit.overall_rating
    if asks == "required" and (not visit.overall_rating or suggested_overall(visit) is None):
        flags.append(Flag("rating_missing", Message("flag.rating_missing")))
    if asks == "none" and rated:
        flags.append(Flag("rating_not_asked", Message("flag.rating_not_asked")))
    warning = overall_disagrees(visit)
    if warning:
        flags.append(Flag("overall_disagrees", warning))
    return flags


def grantee_deadlines(project: Project) -> bool:
    """Whether the scheme asks the grantee for reports at all (JICA schemes do not)."""
    return scheme_rules(project.scheme).grantee_reports


def flags_for(store, ids, today: date) -> dict[str, list[Flag]]:
    """The flags of the projects and visits among ``ids`` (other kinds: none), for lists."""
    out: dict[str, list[Flag]] = {}
    for rec in store.get_many(list(ids)):
        if rec.kind == "visit":
            out[rec.id] = visit_flags(rec)
        elif rec.kind == "project":
            out[rec.id] = project_flags(rec, store.children(rec.id, "visit"), today)
    return out


_PROJECT_FIELDS = ("scheme", "status", "start_date", "end_date", "contract_date",
                   "completion_date", "handover_date", "interim_report_due",
                   "interim_report_received", "completion_report_due",
                   "completion_report_received")  # fmt: skip
_DATES = frozenset(_PROJECT_FIELDS[2:]) | {"date"}


def _light(kind: str, defaults: dict, store) -> list:
    """Only the fields the flags read, straight from the JSON into plain objects (no model:
    the stored rows were validated when written, and building models costs seconds at a few
    thousand records)."""
    import json
    from types import SimpleNamespace

    from .query import RecordFilter, where_clause

    fields = tuple(defaults)
    where, params = where_clause(RecordFilter(kinds=(kind,)))
    cols = ", ".join(f"json_extract(r.data, '$.{f}')" for f in fields)
    with store.tx.read() as conn:
        rows = conn.execute(f"SELECT r.id, {cols} FROM records r WHERE {where}", params).fetchall()
    out = []
    for rid, *values in rows:
        data = dict(defaults, id=rid)
        for name, value in zip(fields, values, strict=True):
            if value is None:
                continue
            if name in _DATES:
                value = date.fromisoformat(value)
            elif name == "criteria":
                value = {k: _criterion(c) for k, c in json.loads(value).items()}
            data[name] = value
        out.append(SimpleNamespace(**data))
    return out


def _criterion(stored: dict):
    """A stored criterion as the rating rules read it (``rating``, ``legacy_rating``), without
    the pydantic models: importing them cost a cold dashboard 0.2 s once a visit was rated."""
    from types import SimpleNamespace

    c = criterion_as_read(stored)
    return SimpleNamespace(
        rating=c.get("rating"), legacy_rating=c.get("legacy_rating"), note=c.get("note", "")
    )


def flag_counts(store, today: date) -> dict[str, int]:
    """How many projects (or visits, for the rating flags) carry each flag on ``today``: the
    dashboard's grant-monitoring line. One read of the few fields the flags need."""
    from collections import Counter

    visits = _light("visit", {"visit_type": "other", "criteria": {}, "overall_rating": None,
                              "project_id": None, "date": None}, store)  # fmt: skip
    by_project: dict[str, list] = {}
    counts: Counter[str] = Counter()
    for v in visits:
        if v.project_id:
            by_project.setdefault(v.project_id, []).append(v)
        counts.update({f.code for f in visit_flags(v)})
    project_defaults = dict.fromkeys(_PROJECT_FIELDS) | {"scheme": "other", "status": "2"}
    for p in _light("project", project_defaults, store):
        counts.update({f.code for f in project_flags(p, by_project.get(p.id, []), today)})
    return dict(counts)
