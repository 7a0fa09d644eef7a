"""Documents for one record: the meeting record (record of conversation) and the visit report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import Attachment, FollowUp, Meeting, Project, Record, Visit
from fieldkit.core.reference import reference

from .components import (
    ALERT,
    BODY,
    CELL,
    EMPTY,
    NONE_RECORDED,
    Heading,
    country,
    documents_list,
    field_table,
    fmt_date,
    fmt_money,
    fmt_time,
    grid,
    heading,
    names,
    paragraph,
    people_rows,
    photo_grid,
    photos_for,
    rating_text,
    signature_block,
    text_section,
    title_block,
)
from .output import ReportResult, audit_output, page_info, write_pdf
from .page import Marking
from .text import TextBlock

# A criterion note longer than this goes below the ratings table: a table row cannot span pages.
NOTE_IN_TABLE = 600


def load(store, record_id: str, kind: str) -> Record:
    """The live record ``record_id`` of ``kind``, or a one-line error."""
    record = store.get(record_id, include_deleted=True)
    if record.kind != kind:
        raise FieldKitError(f"record {record.id} is a {record.kind}, not a {kind}")
    if record.deleted:
        raise FieldKitError(f"{kind} {record.id} is in the trash; restore it to print it")
    return record


def _children(store, record: Record) -> tuple[list[FollowUp], list[Attachment]]:
    kids = store.children(record.id)
    return (
        [k for k in kids if isinstance(k, FollowUp)],
        [k for k in kids if isinstance(k, Attachment)],
    )


def _ref_line(record: Record) -> str:
    return (
        f"Record {record.id} · revision {record.revision} · last changed "
        f"{record.updated_at:%Y-%m-%d %H:%M} UTC by {record.updated_by or EMPTY}"
        if record.updated_at
        else f"Record {record.id}"
    )


def _followups(items: list[FollowUp], width: float, today: date) -> list[Flowable]:
    if not items:
        return [paragraph("")]
    rows, late = [], []
    for i, f in enumerate(sorted(items, key=lambda f: (f.due is None, f.due or date.max))):
        status = f.status + (" — OVERDUE" if f.overdue(today) else "")
        if f.status == "done" and f.done_on:
            status += f" {f.done_on.isoformat()}"
        if f.overdue(today):
            late.append(i)
        rows.append([f.text, f.owner, f.due.isoformat() if f.due else "", status])
    return [
        grid(
            ["Action", "Owner", "Due", "Status"],
            rows,
            [width - 95 * mm, 38 * mm, 22 * mm, 35 * mm],
            highlight=late,
        )
    ]


def _attachments(store, attachments: list[Attachment], width: float) -> list[Flowable]:
    out: list[Flowable] = []
    photos = photos_for(store, attachments, width)
    if photos:
        out += [*heading("Photographs"), photo_grid(photos, width)]
    docs = documents_list(attachments)
    if docs:
        out += [
            *heading("Other attachments"),
            grid(
                ["File", "Caption", "Type", "Size"],
                docs,
                [width * 0.35, width * 0.35, width * 0.15, width * 0.15],
            ),
        ]
    return out


# ---- meeting record -------------------------------------------------------------------------------


def meeting_story(store, meeting: Meeting, today: date | None = None):
    today = today or date.today()
    followups, attachments = _children(store, meeting)

    def story(width: float):
        yield from title_block(
            "Record of conversation", "会談記録", meeting.subject, meeting.post, _ref_line(meeting)
        )
        yield field_table(
            [
                ("Date", fmt_date(meeting.date)),
                ("Time", fmt_time(meeting.start_time, meeting.end_time)),
                ("Place", meeting.place),
                ("Country", country(meeting.country)),
                ("Policy fields", names("policy_fields", meeting.policy_fields)),
                ("Instruments", names("instruments", meeting.instruments)),
                ("Summits / forums", names("summits", meeting.summits)),
            ],
            width,
        )
        yield from heading("Participants")
        for side, people in (
            ("Partner side", meeting.partner_attendees),
            ("Our side", meeting.our_attendees),
        ):
            yield from heading(side, 2)
            if people:
                yield grid(
                    ["Name", "Title", "Organisation"],
                    people_rows(people),
                    [width * 0.32, width * 0.28, width * 0.40],
                )
            else:
                yield paragraph("")
        yield from heading("Record of the discussion")
        yield from text_section("Key points", meeting.key_points)
        yield from text_section("Partner's requests", meeting.partner_requests)
        yield from text_section("Our responses", meeting.our_responses)
        yield from heading("Follow-up actions")
        yield from _followups(followups, width, today)
        yield from _attachments(store, attachments, width)
        # The sign-off stays in one piece, with its heading, on the last page.
        yield KeepTogether(
            [
                Heading("Drafting and distribution"),
                field_table([("Distribution", "; ".join(meeting.distribution))], width),
                signature_block(
                    width, [("Drafted by", meeting.drafter), ("Approved by", meeting.approver)]
                ),
            ]
        )

    return story


def meeting_report(
    store,
    record_id: str,
    target: Path | BinaryIO,
    *,
    event: str | None = "export_pdf",
    today: date | None = None,
) -> ReportResult:
    """Write the record of conversation for meeting ``record_id`` to ``target``."""
    meeting = load(store, record_id, "meeting")
    info = page_info(
        store,
        f"Record of conversation: {meeting.subject}",
        Marking(meeting.classification, list(meeting.caveats)),
    )
    info.post = meeting.post or info.post
    result = write_pdf(target, info, meeting_story(store, meeting, today), records=1)
    audit_output(store, event, result, meeting.id, report="meeting")
    return result


# ---- visit report ---------------------------------------------------------------------------------


def _project_facts(project: Project | None, visit: Visit, today: date) -> list[tuple[str, str]]:
    if project is None:
        return [
            (
                "Project",
                "Not linked to a project"
                if not visit.project_id
                else f"Project record {visit.project_id} not found in this store",
            )
        ]
    ref = reference()

    def report(due, received, overdue: bool) -> str:
        if not due:
            return ""
        text = f"due {due.isoformat()}"
        if received:
            return text + f", received {received.isoformat()}"
        return text + (f" — OVERDUE by {(today - due).days} days" if overdue else ", not yet due")

    sectors = "; ".join(
        f"{s.code} {ref.sectors[s.code].name}" if s.code in ref.sectors else s.code
        for s in project.sectors
    )
    status = ref.activity_status.get(project.status)
    return [
        ("Project", project.title),
        ("Scheme", names("schemes", [project.scheme])),
        ("IATI identifier", project.iati_identifier or ""),
        ("Sector", sectors),
        ("Implementing partner", project.implementing_partner),
        ("Budget", fmt_money(project.budget, project.currency)),
        ("Contract signed", fmt_date(project.contract_date)),
        ("Period", " – ".join(fmt_date(d) for d in (project.start_date, project.end_date) if d)),
        (
            "Interim report",
            report(
                project.interim_report_due,
                project.interim_report_received,
                project.interim_report_overdue(today),
            ),
        ),
        (
            "Completion report",
            report(
                project.completion_report_due,
                project.completion_report_received,
                project.completion_report_overdue(today),
            ),
        ),
        ("Completion date", fmt_date(project.completion_date)),
        ("Status", status.name if status else project.status),
    ]


def _criteria(visit: Visit, width: float) -> list[Flowable]:
    ref = reference()
    rows, long_notes = [], []
    for code, crit in ref.dac_criteria.items():
        r = visit.criteria.get(code)
        note = r.note if r else ""
        if len(note) > NOTE_IN_TABLE:
            long_notes.append((crit.name, note))
            note = note[:200].rstrip() + " … (continued below the table)"
        rows.append([f"{crit.name}  {crit.name_ja}", rating_text(r.rating if r else None), note])
    out: list[Flowable] = [
        grid(["Criterion", "Rating", "Note"], rows, [38 * mm, 36 * mm, width - 74 * mm])
    ]
    for name, note in long_notes:
        out += [*heading(f"{name}: note", 2), TextBlock(note, BODY)]
    return out


def visit_story(store, visit: Visit, project: Project | None, today: date | None = None):
    today = today or date.today()
    followups, attachments = _children(store, visit)

    def story(width: float):
        yield from title_block(
            "Project monitoring visit report",
            "案件モニタリング報告書",
            visit.title_text(),
            visit.post,
            _ref_line(visit),
        )
        coords = (
            f"{visit.latitude:.5f}, {visit.longitude:.5f}"
            if visit.latitude is not None and visit.longitude is not None
            else ""
        )
        yield from heading("The visit")
        yield field_table(
            [
                ("Date of visit", fmt_date(visit.date)),
                ("Site", visit.site),
                ("Country", country(visit.country)),
                ("Coordinates", coords),
                ("Visited by", "; ".join(visit.visitors)),
                ("Overall rating", rating_text(visit.overall_rating)),
            ],
            width,
        )
        yield from heading("People met", 2)
        if visit.people_met:
            yield grid(
                ["Name", "Title", "Organisation"],
                people_rows(visit.people_met),
                [width * 0.32, width * 0.28, width * 0.40],
            )
        else:
            yield paragraph("")
        yield from heading("The project")
        facts = _project_facts(project, visit, today)
        yield field_table(facts, width)
        if project and (
            project.interim_report_overdue(today) or project.completion_report_overdue(today)
        ):
            yield Spacer(1, 2)
            yield TextBlock(
                "Reports from the grantee are overdue: see above.",
                CELL.but(bold=True, color=ALERT, space_after=4),
            )
        yield from heading("Evaluation against the DAC criteria")
        yield from _criteria(visit, width)
        yield from heading("Observations")
        yield from text_section("Progress against the plan", visit.progress)
        yield from text_section("Use of facilities and equipment", visit.facilities_use)
        yield from text_section("Findings", visit.findings)
        yield from text_section("Issues and risks", visit.issues)
        yield from text_section("Recommendations", visit.recommendations)
        yield from heading("Follow-up actions")
        yield from _followups(followups, width, today)
        yield from _attachments(store, attachments, width)
        visitors = visit.visitors or [""]
        yield KeepTogether(
            [
                Heading("Sign-off"),
                signature_block(width, [("Reported by", visitors[0]), ("Reviewed by", "")]),
            ]
        )

    return story


def visit_report(
    store,
    record_id: str,
    target: Path | BinaryIO,
    *,
    event: str | None = "export_pdf",
    today: date | None = None,
) -> ReportResult:
    """Write the monitoring visit report for visit ``record_id`` to ``target``."""
    visit = load(store, record_id, "visit")
    project = None
    if visit.project_id:
        try:
            project = store.get(visit.project_id)
        except FieldKitError:
            project = None
    info = page_info(
        store,
        f"Visit report: {visit.title_text()}",
        Marking(visit.classification, list(visit.caveats)),
    )
    info.post = visit.post or info.post
    result = write_pdf(target, info, visit_story(store, visit, project, today), records=1)
    audit_output(store, event, result, visit.id, report="visit")
    return result


def record_report(
    store,
    record_id: str,
    target: Path | BinaryIO,
    *,
    event: str | None = "export_pdf",
    today: date | None = None,
) -> ReportResult:
    """The document for a meeting or a visit, whichever ``record_id`` is."""
    kind = store.get(record_id, include_deleted=True).kind
    if kind == "meeting":
        return meeting_report(store, record_id, target, event=event, today=today)
    if kind == "visit":
        return visit_report(store, record_id, target, event=event, today=today)
    raise FieldKitError(f"record {record_id} is a {kind}; only meetings and visits print")


__all__ = ["NONE_RECORDED", "meeting_report", "record_report", "visit_report"]
