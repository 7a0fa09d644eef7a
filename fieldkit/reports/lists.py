"""Lists for managing the post's work: open follow-up actions, and the project status sheet."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm

from fieldkit.core.marking import EffectiveMarking, effective_marking, strictest
from fieldkit.core.models import FollowUp, Project, Visit
from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import country_codes, reference

from .components import CELL, DATE_COLUMN, field_table, fmt_money, grid, heading, title_block
from .labels import for_store
from .output import ReportResult, audit_output, page_info, write_pdf
from .page import Marking
from .text import TextBlock


def marking_cell(t, marking: EffectiveMarking) -> str:
    """A row's classification and caveats, each on its own line (narrow column)."""
    return "\n".join([marking.classification_name(t.lang), *marking.caveat_names(t.lang)])


def band(markings: list[EffectiveMarking]) -> Marking:
    """The page band of a list: the strictest of what it prints."""
    m = strictest(markings) if markings else None
    if m is None:
        return Marking(reference().default_classification)
    return Marking(m.classification, list(m.caveats))


def _day(t, iso: str) -> str:
    """A summary's ISO date as a table date in the report's language."""
    try:
        return t.day(date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


# ---- follow-up list -------------------------------------------------------------------------------


def followups_report(
    store,
    target: Path | BinaryIO,
    *,
    owner: str | None = None,
    countries: tuple[str, ...] = (),
    event: str | None = "export_pdf",
    today: date | None = None,
    lang: str | None = None,
) -> ReportResult:
    """Open follow-up actions by owner, earliest due first; overdue ones in red.

    ``lang`` "en" or "ja"; None follows the user's language setting (then the system's)."""
    t = for_store(store, lang)
    today = today or date.today()
    items: list[FollowUp] = [
        f
        for f in store.iter_records(
            RecordFilter(kinds=("followup",), statuses=("open",)), sort="due"
        )
        if not owner or f.owner.casefold() == owner.casefold()
    ]
    parent_ids = sorted({f.parent_id for f in items if f.parent_id})
    parents = {s["id"]: s for s in store.summaries(parent_ids)}
    if countries:
        wanted = {c.upper() for c in countries}
        items = [f for f in items if parents.get(f.parent_id, {}).get("country") in wanted]
    # An action carries its meeting's marking (caveats included), whatever its own fields say.
    parent_records = {p.id: p for p in store.get_many(parent_ids)} if parent_ids else {}
    markings = {f.id: effective_marking(f, parent_records.get(f.parent_id or "")) for f in items}
    by_owner: dict[str, list[FollowUp]] = defaultdict(list)
    for f in items:
        by_owner[f.owner or t("(no owner)")].append(f)
    overdue = sum(f.overdue(today) for f in items)
    marking = band(list(markings.values()))
    info = page_info(store, t.title("Follow-up actions"), marking, lang=t.lang)
    due_w = DATE_COLUMN[t.lang]

    def story(width: float):
        yield from title_block(
            t,
            "Follow-up actions",
            t("Open actions as of {date}", date=t.date(today)),
            info.post,
            t("Sorted by owner, then due date"),
        )
        yield field_table(
            [
                (t("Open actions"), f"{len(items):,}"),
                (t("Overdue"), f"{overdue:,}"),
                (t("Owners"), f"{len(by_owner):,}"),
                (t("Owner filter"), owner or t("All owners")),
            ],
            width,
        )
        if not items:
            yield TextBlock(t("There are no open follow-up actions."), CELL.but(bold=True))
            return
        for name in sorted(by_owner, key=str.casefold):
            rows, late = [], []
            for i, f in enumerate(by_owner[name]):
                parent = parents.get(f.parent_id or "", {})
                source = parent.get("title") or ""
                if parent.get("date"):
                    source = f"{_day(t, parent['date'])} {source}"
                state = t("{n} days", n=(today - f.due).days) if f.overdue(today) else ""
                if state:
                    late.append(i)
                rows.append([t.day(f.due), f.text, source, marking_cell(t, markings[f.id]), state])
            yield from heading(t("{name} ({n})", name=name, n=len(rows)), 2)
            mark_w = 28 * mm
            yield grid(
                [t("Due"), t("Action"), t("From"), t("Marking"), t("Overdue by")],
                rows,
                [
                    due_w,
                    width * 0.32,
                    width - due_w - width * 0.32 - mark_w - 22 * mm,
                    mark_w,
                    22 * mm,
                ],
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
    lang: str | None = None,
) -> ReportResult:
    """The post's projects: overdue reports first, with the latest visit and its rating."""
    t = for_store(store, lang)
    today = today or date.today()
    flt = RecordFilter(kinds=("project",), countries=country_codes(countries))
    projects: list[Project] = list(store.iter_records(flt, sort="title"))
    latest: dict[str, Visit] = {}
    for v in store.iter_records(RecordFilter(kinds=("visit",)), sort="date_asc"):
        if v.project_id:
            latest[v.project_id] = v  # date order: the last one seen is the latest

    def overdue(p: Project) -> bool:
        return p.interim_report_overdue(today) or p.completion_report_overdue(today)

    projects.sort(key=lambda p: (not overdue(p), p.next_report_due() or date.max, p.title))
    late = sum(overdue(p) for p in projects)
    markings = {p.id: effective_marking(p) for p in projects}
    marking = band(list(markings.values()))
    info = page_info(store, t.title("Project status sheet"), marking, landscape=True, lang=t.lang)

    def report_cell(due, received, is_late: bool) -> str:
        if not due:
            return ""
        if received:
            return f"{t.day(due)}\n{t('received {date}', date=t.day(received))}"
        if is_late:
            return f"{t.day(due)}\n{t('OVERDUE {n} d', n=(today - due).days)}"
        return t.day(due)

    def story(width: float):
        yield from title_block(
            t,
            "Project status sheet",
            t("Projects as of {date}", date=t.date(today)),
            info.post,
            t("Projects with overdue interim or completion reports first"),
        )
        countries = sorted({p.country for p in projects if p.country})
        yield field_table(
            [
                (t("Projects"), f"{len(projects):,}"),
                (t("With overdue reports"), f"{late:,}"),
                (t("Countries"), t.comma.join(countries) or "—"),
            ],
            width,
        )
        if not projects:
            yield TextBlock(t("There are no projects in this store."), CELL.but(bold=True))
            return
        rows, highlight = [], []
        for i, p in enumerate(projects):
            v = latest.get(p.id)
            visit = (
                f"{t.day(v.date)}\n{t('rating {rating}', rating=v.overall_rating or '—')}"
                if v
                else t("never visited")
            )
            if overdue(p):
                highlight.append(i)
            lines = [p.title, p.implementing_partner, f"[{markings[p.id].label(t.lang)}]"]
            rows.append(
                [
                    "\n".join(x for x in lines if x),
                    t.name("schemes", p.scheme),
                    p.country or "",
                    fmt_money(p.budget, p.currency, t.lang),
                    t.day(p.contract_date),
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
                    t.name("activity_status", p.status),
                    visit,
                ]
            )
        day = DATE_COLUMN[t.lang]  # the contract and latest-visit columns hold a date
        widths = [
            0,
            27 * mm,
            16.5 * mm,
            29 * mm,
            day,
            27 * mm,
            27 * mm,
            28 * mm,
            day,
        ]
        widths[0] = width - sum(widths)
        yield from heading(t("Projects"))
        yield grid(
            [
                t("Project / partner"),
                t("Scheme"),
                t("Country"),
                t("Budget"),
                t("Contract"),
                t("Interim report"),
                t("Completion report"),
                t("Status"),
                t("Latest visit"),
            ],
            rows,
            widths,
            highlight=highlight,
        )

    result = write_pdf(target, info, story, records=len(projects))
    audit_output(store, event, result, None, report="projects", records=len(projects))
    return result
