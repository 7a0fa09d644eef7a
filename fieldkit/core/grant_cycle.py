"""A project's grant cycle: which stages its scheme has, when each happened, which grantee
reports it asks for and when post-completion follow-up visits fall due.

The rules come from the reference data (schemes.json: stages, reports, followup_visit_months),
never from code: a GGP project has an interim and a completion report and a follow-up visit a
year after completion; a JICA technical-cooperation project has none of these.

    timeline(project, visits)                 # [StageStatus, ...] in cycle order
    followups_due(project, visits)            # [FollowupDue(due, done_on), ...]
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .grant_reference import scheme_rules

if TYPE_CHECKING:
    from .models import Project, Visit

# How long after completion a visit may come and still count as that follow-up (a year's
# follow-up done two months early still counts).
FOLLOWUP_EARLY_DAYS = 90


def add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class StageStatus:
    """One stage: when it happened (None: not yet) and, for reports, when it is due."""

    code: str
    on: date | None
    due: date | None = None
    detail: str = ""


@dataclass(frozen=True)
class FollowupDue:
    months: int
    due: date
    done_on: date | None  # the follow-up visit that counts for it, if any
    visit_id: str | None = None


def completed_on(project: Project) -> date | None:
    """When implementation ended: the completion date, else the handover."""
    return project.completion_date or project.handover_date


def planned_end(project: Project) -> date | None:
    """The end of the implementation period: the planned end date, else the scheme's usual
    period from the start (or contract)."""
    if project.end_date:
        return project.end_date
    months = scheme_rules(project.scheme).implementation_months
    start = project.start_date or project.contract_date
    return add_months(start, months) if months and start else None


def _visits_of(visits: list[Visit], visit_type: str) -> list[Visit]:
    return sorted((v for v in visits if v.visit_type == visit_type), key=lambda v: v.date)


def followups_due(project: Project, visits: list[Visit]) -> list[FollowupDue]:
    """The post-completion follow-up visits the scheme asks for, each with the visit that
    counts for it (each visit counts once, earliest first)."""
    done = completed_on(project)
    months = scheme_rules(project.scheme).followup_visit_months
    if not done or not months:
        return []
    pool = [v for v in _visits_of(visits, "post_completion") if v.date >= done]
    out = []
    for m in sorted(months):
        due = add_months(done, m)
        match = next((v for v in pool if v.date >= due - timedelta(days=FOLLOWUP_EARLY_DAYS)), None)
        if match:
            pool.remove(match)
        out.append(FollowupDue(m, due, match.date if match else None, match.id if match else None))
    return out


def timeline(project: Project, visits: list[Visit]) -> list[StageStatus]:
    """The scheme's stages in cycle order, with what happened when."""
    rules = scheme_rules(project.scheme)
    pre = _visits_of(visits, "pre_approval")
    amount = ""
    if project.contract_amount is not None:
        amount = f"{project.contract_amount:,} {project.contract_currency}".strip()
    contract_detail = " ".join(x for x in (project.contract_number, amount) if x)
    quotes = [q.received_on for q in project.quotes if q.received_on]
    paid = sorted(d.paid_on for d in project.disbursements)
    known = {
        "application_received": StageStatus("application_received", project.application_received),
        "pre_approval_visit": StageStatus("pre_approval_visit", pre[0].date if pre else None),
        "hq_approval": StageStatus("hq_approval", project.hq_approval_date),
        "grant_contract": StageStatus(
            "grant_contract", project.contract_date, None, contract_detail
        ),
        "procurement": StageStatus(
            "procurement",
            max(quotes) if quotes else None,
            None,
            str(len(project.quotes)) if project.quotes else "",
        ),
        "disbursement": StageStatus(
            "disbursement", paid[0] if paid else None, None, str(len(paid)) if paid else ""
        ),
        "implementation_start": StageStatus("implementation_start", project.start_date),
        "handover": StageStatus("handover", project.handover_date),
        "completion": StageStatus("completion", project.completion_date, planned_end(project)),
    }
    out: list[StageStatus] = []
    for code in rules.stages:
        if code == "followup_visit":
            continue
        if code in known:
            out.append(known[code])
    if "interim" in rules.reports:
        out.append(
            StageStatus(
                "interim_report", project.interim_report_received, project.interim_report_due
            )
        )
    if "completion" in rules.reports:
        out.append(
            StageStatus(
                "completion_report",
                project.completion_report_received,
                project.completion_report_due,
            )
        )
    if "followup_visit" in rules.stages:
        for f in followups_due(project, visits):
            out.append(StageStatus("followup_visit", f.done_on, f.due))
    # Stages in the order they happened or fall due; those with neither keep the scheme's order.
    order = {s.code: i for i, s in enumerate(out)}
    return sorted(out, key=lambda s: (s.on or s.due or date.max, order[s.code]))
