"""One monitoring file per project: everything an auditor asks for in one PDF.

The project's facts and flags, its grant-cycle timeline (stages from its scheme), the reports due
and received, the post-completion follow-up visits due and done, every visit with its ratings,
checklist and photos, the follow-up actions open and done, and the history of changes of the
project and its visits. The marking on every page is the strictest of everything printed in it.

    project_file_report(store, project_id, Path("file.pdf"), lang="ja")
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from fieldkit.core.grant_cycle import followups_due, timeline
from fieldkit.core.grant_flags import project_flags
from fieldkit.core.grant_reference import report_kinds, scheme_rules, stages
from fieldkit.core.models import Attachment, FollowUp, Project, Visit
from fieldkit.core.reference import reference

from . import grant_parts
from .components import (
    DATE_COLUMN,
    EMPTY,
    field_table,
    fmt_money,
    grid,
    heading,
    paragraph,
    photo_grid,
    photos_for,
    text_section,
    title_block,
)
from .labels import Labels, for_store
from .output import ReportResult, audit_output, page_info, write_pdf
from .page import Marking
from .records import _followups, _project_facts, _ref_line, load

KIND = "Project monitoring file"


def _gather(store, project: Project):
    visits = [v for v in store.children(project.id, "visit") if isinstance(v, Visit)]
    visits.sort(key=lambda v: v.date)
    followups: list[FollowUp] = []
    photos: dict[str, list[Attachment]] = {}
    for parent in (project, *visits):
        for kid in store.children(parent.id):
            if isinstance(kid, FollowUp):
                followups.append(kid)
            elif isinstance(kid, Attachment):
                photos.setdefault(parent.id, []).append(kid)
    return visits, followups, photos


def _marking(project, visits, followups, photos) -> Marking:
    records = [project, *visits, *followups, *(a for atts in photos.values() for a in atts)]
    level = reference().highest_classification(r.classification for r in records)
    caveats = sorted({c for r in records for c in r.caveats})
    return Marking(level, caveats)


def _stage_name(t: Labels, code: str) -> str:
    item = stages().get(code)
    return item.label(t.lang) if item else code


def _timeline(t: Labels, project: Project, visits: list[Visit], width: float, today: date):
    rows, late = [], []
    for i, s in enumerate(timeline(project, visits)):
        if s.on:
            state = t("Done")
            if s.due and s.on > s.due:
                state = t("Done, {n} days late", n=(s.on - s.due).days)
                late.append(i)
        elif s.due and s.due < today:
            state = t("Overdue by {n} days", n=(today - s.due).days)
            late.append(i)
        else:
            state = t("Not yet")
        rows.append([_stage_name(t, s.code), t.day(s.due), t.day(s.on), state, s.detail])
    w = DATE_COLUMN[t.lang]
    return grid(
        [t("Stage"), t("Due"), t("Date"), t("Status"), t("Detail")],
        rows,
        [48 * mm, w, w, 38 * mm, width - 86 * mm - 2 * w],
        highlight=late,
    )


def _reports(t: Labels, project: Project, width: float, today: date) -> list[Flowable]:
    rules = scheme_rules(project.scheme)
    if not rules.reports:
        return [paragraph(t, t("The scheme asks the grantee for no reports."))]
    rows, late = [], []
    for i, code in enumerate(rules.reports):
        due = getattr(project, f"{code}_report_due")
        got = getattr(project, f"{code}_report_received")
        if got and due and got > due:
            state = t("Received {n} days late", n=(got - due).days)
            late.append(i)
        elif got:
            state = t("Received")
        elif due and due < today:
            state = t("Overdue by {n} days", n=(today - due).days)
            late.append(i)
        else:
            state = t("Not yet due") if due else t("No due date recorded")
        rows.append([report_kinds()[code].label(t.lang), t.day(due), t.day(got), state])
    w = DATE_COLUMN[t.lang]
    return [
        grid(
            [t("Report"), t("Due"), t("Received"), t("Status")],
            rows,
            [50 * mm, w, w, width - 50 * mm - 2 * w],
            highlight=late,
        )
    ]


def _followup_visits(t: Labels, project: Project, visits, width: float, today: date):
    due = followups_due(project, visits)
    if not due:
        return [paragraph(t, t("No post-completion follow-up visit is due yet."))]
    rows, late = [], []
    for i, f in enumerate(due):
        if f.done_on:
            state = t("Done")
        elif f.due <= today:
            state = t("Open: due since {date}", date=t.day(f.due))
            late.append(i)
        else:
            state = t("Not yet")
        rows.append(
            [t("{n} months after completion", n=f.months), t.day(f.due), t.day(f.done_on), state]
        )
    w = DATE_COLUMN[t.lang]
    return [
        grid(
            [t("Follow-up visit"), t("Due"), t("Done on"), t("Status")],
            rows,
            [55 * mm, w, w, width - 55 * mm - 2 * w],
            highlight=late,
        )
    ]


def _contract_facts(t: Labels, project: Project) -> list[tuple[str, str]]:
    rows = [
        (t("Application received"), t.day(project.application_received)),
        (t("HQ approval"), t.day(project.hq_approval_date)),
        (t("Contract number"), project.contract_number),
        (t("Contract amount"), fmt_money(project.contract_amount, project.contract_currency)),
        (t("Handover"), t.day(project.handover_date)),
    ]
    if project.quotes:
        rows.append(
            (
                t("Quotes obtained"),
                t.sep.join(
                    f"{q.supplier} {fmt_money(q.amount, q.currency or project.currency)}".strip()
                    + (t(" (selected)") if q.selected else "")
                    for q in project.quotes
                ),
            )
        )
    if project.disbursements:
        rows.append(
            (
                t("Disbursements"),
                t.sep.join(
                    f"{t.day(d.paid_on)} {fmt_money(d.amount, d.currency or project.currency)}"
                    for d in project.disbursements
                ),
            )
        )
    return [r for r in rows if r[1]]


def _visit_part(t: Labels, store, visit: Visit, photos, width: float):
    yield CondPageBreak(60 * mm)
    yield from heading(
        t("{date} — {type}", date=t.date(visit.date), type=grant_parts.type_name(t, visit)), 2
    )
    coords = (
        f"{visit.latitude:.5f}, {visit.longitude:.5f}"
        if visit.latitude is not None and visit.longitude is not None
        else ""
    )
    yield field_table(
        [
            (t("Visit"), visit.title_text()),
            (t("Site"), visit.site),
            (t("Coordinates"), coords),
            (t("Visited by"), t.sep.join(visit.visitors)),
            (t("Overall rating"), t.rating(visit.overall_rating)),
        ],
        width,
    )
    yield from grant_parts.visit_extra(t, visit, width, level=2)  # its flags, ratings, checklist
    for label, text in (
        *grant_parts.type_sections(t, visit),
        (t("Findings"), visit.findings),
        (t("Issues and risks"), visit.issues),
        (t("Recommendations"), visit.recommendations),
    ):
        if text:
            yield from text_section(t, label, text)
    shots = photos_for(t, store, photos.get(visit.id, []), width)
    if shots:
        yield from heading(t("Photographs"), 2)
        yield photo_grid(shots, width)


def _history(t: Labels, store, records, width: float):
    rows = []
    names = {r.id: r.title_text() for r in records}
    for rec in records:
        for h in store.history(rec.id):
            fields = ", ".join(sorted(h.changes)) if h.changes else EMPTY
            rows.append(
                (h.at, [h.at[:16].replace("T", " "), h.author, names[rec.id], h.action, fields])
            )
    rows.sort(key=lambda r: r[0])
    if not rows:
        return [paragraph(t, "")]
    return [
        grid(
            [t("When (UTC)"), t("By"), t("Record"), t("Action"), t("Fields changed")],
            [r[1] for r in rows],
            [30 * mm, 30 * mm, 50 * mm, 20 * mm, width - 130 * mm],
        )
    ]


def project_story(store, project: Project, t: Labels, visits, followups, photos, today: date):
    def story(width: float):
        yield from title_block(t, KIND, project.title, project.post, _ref_line(t, project))
        yield from heading(t("The project"))
        facts = _project_facts(t, project, None, today) + _contract_facts(t, project)
        yield field_table(facts, width)
        flags = project_flags(project, visits, today)
        yield from heading(t("Flags on {date}", date=t.date(today)), 2)
        if flags:
            yield from grant_parts.flags_part(t, flags)
        else:
            yield paragraph(t, t("None."))
        yield from heading(t("Grant cycle"))
        yield _timeline(t, project, visits, width, today)
        yield from heading(t("Reports due and received"))
        yield from _reports(t, project, width, today)
        yield from heading(t("Post-completion follow-up visits"))
        yield from _followup_visits(t, project, visits, width, today)
        yield from heading(t("Visits ({n})", n=len(visits)))
        if not visits:
            yield paragraph(t, t("No visits recorded."))
        for v in visits:
            yield from _visit_part(t, store, v, photos, width)
        yield from heading(t("Follow-up actions"))
        yield from _followups(t, followups, width, today)
        shots = photos_for(t, store, photos.get(project.id, []), width)
        if shots:
            yield from heading(t("Photographs"))
            yield photo_grid(shots, width)
        yield from heading(t("History of changes"))
        yield from _history(t, store, [project, *visits], width)

    return story


def project_file_report(
    store,
    project_id: str,
    target: Path | BinaryIO,
    *,
    event: str | None = "export_pdf",
    today: date | None = None,
    lang: str | None = None,
) -> ReportResult:
    """Write the monitoring file of project ``project_id`` to ``target`` (see the module)."""
    today = today or date.today()
    project = load(store, project_id, "project")
    visits, followups, photos = _gather(store, project)
    t = for_store(store, lang)
    marking = _marking(project, visits, followups, photos)
    info = page_info(store, t.title(KIND, project.title_text()), marking, lang=t.lang)
    info.post = project.post or info.post
    story = project_story(store, project, t, visits, followups, photos, today)
    result = write_pdf(target, info, story, records=1 + len(visits))
    audit_output(store, event, result, project.id, report="project")
    return result
