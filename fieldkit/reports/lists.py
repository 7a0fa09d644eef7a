"""Lists for managing the post's work: open follow-up actions, and the project status sheet."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm

from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import FollowUp, Project, Visit
from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import reference

from .components import CELL, field_table, fmt_money, grid, heading, names, title_block
from .output import ReportResult, audit_output, page_info, write_pdf
from .page import Marking
from .text import TextBlock

# ---- follow-up list -------------------------------------------------------------------------------


def followups_report(
    store,
    target: Path | BinaryIO,
    *,
    owner: str | None = None,
    countries: tuple[str, ...] = (),
    event: str | None = "export_pdf",
    today: date | None = None,
) -> ReportResult:
    """Open follow-up actions by owner, earliest due first; overdue ones in red."""
    today = today or date.today()
    items: list[FollowUp] = [
        f
        for f in store.iter_records(
            RecordFilter(kinds=("followup",), statuses=("open",)), sort="due"
        )
        if not owner or f.owner.casefold() == owner.casefold()
    ]
    parents = {s["id"]: s for s in store.summaries({f.parent_id for f in items if f.parent_id})}
    if countries:
        wanted = {c.upper() for c in countries}
        items = [f for f in items if parents.get(f.parent_id, {}).get("country") in wanted]
    by_owner: dict[str, list[FollowUp]] = defaultdict(list)
    for f in items:
        by_owner[f.owner or "(no owner)"].append(f)
    overdue = sum(f.overdue(today) for f in items)
    marking = Marking.of(items) if items else Marking(reference().default_classification)
    info = page_info(store, "Follow-up actions", marking)

    def story(width: float):
        yield from title_block(
            "Follow-up actions",
            "フォローアップ事項一覧",
            f"Open actions as of {today:%d %B %Y}",
            info.post,
            "Sorted by owner, then due date",
        )
        yield field_table(
            [
                ("Open actions", f"{len(items):,}"),
                ("Overdue", f"{overdue:,}"),
                ("Owners", f"{len(by_owner):,}"),
                ("Owner filter", owner or "All owners"),
            ],
            width,
        )
        if not items:
            yield TextBlock("There are no open follow-up actions.", CELL.but(bold=True))
            return
        for name in sorted(by_owner, key=str.casefold):
            rows, late = [], []
            for i, f in enumerate(by_owner[name]):
                parent = parents.get(f.parent_id or "", {})
                source = parent.get("title") or ""
                if parent.get("date"):
                    source = f"{parent['date']} {source}"
                due = f.due.isoformat() if f.due else ""
                state = f"{(today - f.due).days} days" if f.overdue(today) else ""
                if state:
                    late.append(i)
                rows.append([due, f.text, source, state])
            yield from heading(f"{name} ({len(rows)})", 2)
            yield grid(
                ["Due", "Action", "From", "Overdue by"],
                rows,
                [22 * mm, width * 0.45, width - 22 * mm - width * 0.45 - 24 * mm, 24 * mm],
                highlight=late,
            )

    result = write_pdf(target, info, story, records=len(items))
    audit_output(store, event, result, None, report="followups", records=len(items))
    return result


# ---- project status sheet -------------------------------------------------------------------------


def projects_report(
    store,
    target: Path | BinaryIO,
    *,
    countries: tuple[str, ...] = (),
    event: str | None = "export_pdf",
    today: date | None = None,
) -> ReportResult:
    """The post's projects: overdue reports first, with the latest visit and its rating."""
    today = today or date.today()
    ref = reference()
    for c in countries:
        if c.upper() not in ref.countries:
            raise FieldKitError(f"unknown country code {c!r} (use ISO 3166-1 alpha-2, e.g. KE)")
    flt = RecordFilter(kinds=("project",), countries=tuple(c.upper() for c in countries))
    projects: list[Project] = list(store.iter_records(flt, sort="title"))
    latest: dict[str, Visit] = {}
    for v in store.iter_records(RecordFilter(kinds=("visit",)), sort="date_asc"):
        if v.project_id:
            latest[v.project_id] = v  # date order: the last one seen is the latest

    def overdue(p: Project) -> bool:
        return p.interim_report_overdue(today) or p.completion_report_overdue(today)

    projects.sort(key=lambda p: (not overdue(p), p.next_report_due() or date.max, p.title))
    late = sum(overdue(p) for p in projects)
    marking = Marking.of(projects) if projects else Marking(ref.default_classification)
    info = page_info(store, "Project status sheet", marking, landscape=True)

    def report_cell(due, received, is_late: bool) -> str:
        if not due:
            return ""
        if received:
            return f"{due.isoformat()}\nreceived {received.isoformat()}"
        return f"{due.isoformat()}\nOVERDUE {(today - due).days} d" if is_late else due.isoformat()

    def story(width: float):
        yield from title_block(
            "Project status sheet",
            "案件進捗状況一覧",
            f"Projects as of {today:%d %B %Y}",
            info.post,
            "Projects with overdue interim or completion reports first",
        )
        yield field_table(
            [
                ("Projects", f"{len(projects):,}"),
                ("With overdue reports", f"{late:,}"),
                ("Countries", ", ".join(sorted({p.country for p in projects if p.country})) or "—"),
            ],
            width,
        )
        if not projects:
            yield TextBlock("There are no projects in this store.", CELL.but(bold=True))
            return
        rows, highlight = [], []
        for i, p in enumerate(projects):
            v = latest.get(p.id)
            visit = (
                f"{v.date.isoformat()}\nrating {v.overall_rating or '—'}" if v else "never visited"
            )
            status = ref.activity_status.get(p.status)
            if overdue(p):
                highlight.append(i)
            rows.append(
                [
                    f"{p.title}\n{p.implementing_partner}".strip(),
                    names("schemes", [p.scheme]),
                    p.country or "",
                    fmt_money(p.budget, p.currency),
                    p.contract_date.isoformat() if p.contract_date else "",
                    report_cell(
                        p.interim_report_due,
                        p.interim_report_received,
                        p.interim_report_overdue(today),
                    ),
                    report_cell(
                        p.completion_report_due,
                        p.completion_report_received,
                        p.completion_report_overdue(today),
                    ),
                    status.name if status else p.status,
                    visit,
                ]
            )
        widths = [0, 27 * mm, 16.5 * mm, 29 * mm, 21 * mm, 27 * mm, 27 * mm, 28 * mm, 21 * mm]
        widths[0] = width - sum(widths)
        yield from heading("Projects")
        yield grid(
            [
                "Project / partner",
                "Scheme",
                "Country",
                "Budget",
                "Contract",
                "Interim report",
                "Completion report",
                "Status",
                "Latest visit",
            ],
            rows,
            widths,
            highlight=highlight,
        )

    result = write_pdf(target, info, story, records=len(projects))
    audit_output(store, event, result, None, report="projects", records=len(projects))
    return result
