"""Documents for one record: the meeting record (record of conversation) and the visit report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from fieldkit.core.errors import FieldKitError
from fieldkit.core.grant_reference import scheme_rules
from fieldkit.core.localtime import record_zone
from fieldkit.core.models import Attachment, FollowUp, Meeting, Project, Record, Visit
from fieldkit.core.reference import reference

from . import grant_parts
from .approval_block import approval_block, watermark
from .components import (
    ALERT,
    CELL,
    DATE_COLUMN,
    EMPTY,
    Heading,
    documents_list,
    field_table,
    fmt_money,
    grid,
    heading,
    paragraph,
    people_rows,
    photo_grid,
    photos_for,
    text_section,
    title_block,
)
from .exchange import exchange
from .labels import N_, Labels, for_store
from .output import ReportResult, audit_output, page_info, write_pdf
from .page import Marking
from .text import TextBlock


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


def _ref_line(t: Labels, record: Record) -> str:
    if not record.updated_at:
        return t("Record {id}", id=record.id)
    return t(
        "Record {id} · revision {revision} · last changed {at} by {who}",
        id=record.id,
        revision=record.revision,
        at=t.moment(record.updated_at, record_zone(record)),
        who=record.updated_by or EMPTY,
    )


# A follow-up's status as a word: the stored code ("open") is no word to print.
STATUS_WORDS = {"open": N_("Open"), "done": N_("Done")}


def _followups(t: Labels, items: list[FollowUp], width: float, today: date) -> list[Flowable]:
    if not items:
        return [paragraph(t, "")]
    rows, late = [], []
    for i, f in enumerate(sorted(items, key=lambda f: (f.due is None, f.due or date.max))):
        word = t(STATUS_WORDS[f.status]) if f.status in STATUS_WORDS else f.status
        status = word + (t(" — OVERDUE") if f.overdue(today) else "")
        if f.status == "done" and f.done_on:
            status += f" {t.day(f.done_on)}"
        if f.overdue(today):
            late.append(i)
        rows.append([f.text, f.owner, t.day(f.due), status])
    due_w = DATE_COLUMN[t.lang]
    return [
        grid(
            [t("Action"), t("Owner"), t("Due"), t("Status")],
            rows,
            [width - 73 * mm - due_w, 38 * mm, due_w, 35 * mm],
            highlight=late,
        )
    ]


def _attachments(t: Labels, store, attachments: list[Attachment], width: float) -> list[Flowable]:
    out: list[Flowable] = []
    photos = photos_for(t, store, attachments, width)
    if photos:
        out += [*heading(t("Photographs")), photo_grid(photos, width)]
    docs = documents_list(t, attachments)
    if docs:
        out += [
            *heading(t("Other attachments")),
            grid(
                [t("File"), t("Caption"), t("Type"), t("Size")],
                docs,
                [width * 0.35, width * 0.35, width * 0.15, width * 0.15],
            ),
        ]
    return out


def _narrative_and_actions(
    t: Labels,
    store,
    title: str,
    sections: tuple[tuple[str, str], ...],
    children: tuple[list[FollowUp], list[Attachment]],
    width: float,
    today: date,
) -> Iterator[Flowable]:
    """A record's written sections under ``title``, then its follow-up actions and attachments."""
    yield from heading(title)
    for label, text in sections:
        yield from text_section(t, label, text)
    followups, attachments = children
    yield from heading(t("Follow-up actions"))
    yield from _followups(t, followups, width, today)
    yield from _attachments(t, store, attachments, width)


def _people(t: Labels, people, width: float) -> Flowable:
    if not people:
        return paragraph(t, "")
    return grid(
        [t("Name"), t("Title"), t("Organisation")],
        people_rows(people),
        [width * 0.32, width * 0.28, width * 0.40],
    )


# ---- meeting record -------------------------------------------------------------------------------


def _when(t: Labels, meeting: Meeting) -> list[tuple[str, str]]:
    hours = t.time_range(meeting.start_time, meeting.end_time)
    if t.ja:
        # A Japanese record gives date, weekday and hours on one line: 日時 2026年3月2日（月）10:00～11:30
        return [(t("Date"), f"{t.date(meeting.date, weekday=True)} {hours}".strip())]
    return [(t("Date"), t.date(meeting.date)), (t("Time"), hours)]


def _conduct(t: Labels, meeting: Meeting) -> list[tuple[str, str]]:
    """Type of meeting, heads of each side, language and interpreter: only what was recorded,
    so a record written before these existed prints as it did."""
    rows = [
        (t("Type of meeting"), t.name("meeting_types", meeting.meeting_type)),
        (t("Head of the partner side"), meeting.partner_head),
        (t("Head of our side"), meeting.our_head),
        (t("Language"), meeting.language),
        (t("Interpreter"), meeting.interpreter),
    ]
    return [(label, value) for label, value in rows if value]


def meeting_story(store, meeting: Meeting, t: Labels, today: date | None = None):
    today = today or date.today()
    followups, attachments = _children(store, meeting)

    def story(width: float):
        yield from title_block(
            t, "Record of conversation", meeting.subject,
            reference().post_label(meeting.post, t.lang), _ref_line(t, meeting),
        )  # fmt: skip
        # The approval block (決裁欄) heads page 1, as on MOFA's forms.
        yield approval_block(t, width, meeting, (N_("Drafted by"), meeting.drafter))
        yield field_table(
            [
                *_when(t, meeting),
                (t("Place"), meeting.place),
                (t("Country"), t.country(meeting.country)),
                *_conduct(t, meeting),
                (t("Policy fields"), t.names("policy_fields", meeting.policy_fields)),
                (t("Instruments"), t.names("instruments", meeting.instruments)),
                (t("Summits / forums"), t.names("summits", meeting.summits)),
            ],
            width,
        )
        yield from heading(t("Participants"))
        for side, people in (
            ("Partner side", meeting.partner_attendees),
            ("Our side", meeting.our_attendees),
        ):
            yield from heading(t(side), 2)
            yield _people(t, people, width)
        # The summary, then the exchange in the order it was spoken (先方 … / 当方 …).
        yield from heading(t("Record of the discussion"))
        yield from text_section(t, t("Key points"), meeting.key_points)
        yield from heading(t("Exchange"), 2)
        yield from exchange(t, meeting)
        yield from heading(t("Follow-up actions"))
        yield from _followups(t, followups, width, today)
        yield from _attachments(t, store, attachments, width)
        # The distribution, with its heading; the signatures are in the approval block on page 1.
        yield KeepTogether(
            [
                Heading(t("Drafting and distribution")),
                field_table([(t("Distribution"), t.sep.join(meeting.distribution))], width),
            ]
        )

    return story


# ---- visit report ---------------------------------------------------------------------------------


def _project_facts(
    t: Labels, project: Project | None, visit: Visit, today: date
) -> list[tuple[str, str]]:
    if project is None:
        return [
            (
                t("Project"),
                t("Not linked to a project")
                if not visit.project_id
                else t("Project record {id} not found in this store", id=visit.project_id),
            )
        ]
    ref = reference()

    def report(due, received, overdue: bool) -> str:
        if not due:
            return ""
        text = t("due {date}", date=t.date(due))  # a wide value column: dates as in prose
        if received:
            return text + t(", received {date}", date=t.date(received))
        if overdue:
            return text + t(" — OVERDUE by {n} days", n=(today - due).days)
        return text + t(", not yet due")

    # DAC sector names have no Japanese in the reference data: they print in English.
    sectors = t.sep.join(
        f"{s.code} {ref.sectors[s.code].label(t.lang)}" if s.code in ref.sectors else s.code
        for s in project.sectors
    )
    dates = [t.date(d) for d in (project.start_date, project.end_date) if d]
    period = (
        t("{start} – {end}", start=dates[0], end=dates[1]) if len(dates) == 2 else "".join(dates)
    )
    # Reports the scheme does not ask the grantee for (JICA schemes) are not listed (#15).
    asks = scheme_rules(project.scheme).reports
    skip = {t("Interim report")} if "interim" not in asks else set()
    if "completion" not in asks:
        skip.add(t("Completion report"))
    rows = [
        (t("Project"), project.title),
        (t("Scheme"), t.names("schemes", [project.scheme])),
        (t("IATI identifier"), project.iati_identifier or ""),
        (t("Sector"), sectors),
        (t("Implementing partner"), project.implementing_partner),
        (t("Budget"), fmt_money(project.budget, project.currency, t.lang)),
        (t("Contract signed"), t.date(project.contract_date)),
        (t("Period"), period),
        (
            t("Interim report"),
            report(
                project.interim_report_due,
                project.interim_report_received,
                project.interim_report_overdue(today),
            ),
        ),
        (
            t("Completion report"),
            report(
                project.completion_report_due,
                project.completion_report_received,
                project.completion_report_overdue(today),
            ),
        ),
        (t("Completion date"), t.date(project.completion_date)),
        (t("Status"), t.name("activity_status", project.status)),
    ]
    return [r for r in rows if r[0] not in skip]


def _project_of(store, visit: Visit) -> Project | None:
    if not visit.project_id:
        return None
    try:
        return store.get(visit.project_id)
    except FieldKitError:
        return None


def visit_story(store, visit: Visit, t: Labels, today: date | None = None):
    today = today or date.today()
    followups, attachments = _children(store, visit)
    project = _project_of(store, visit)

    def story(width: float):
        yield from title_block(
            t,
            "Project monitoring visit report",
            visit.title_text(),
            reference().post_label(visit.post, t.lang),  # the post's name in the report's language
            _ref_line(t, visit),
        )
        reporter = (visit.visitors or [""])[0]
        yield approval_block(t, width, visit, (N_("Reported by"), reporter))
        coords = (
            f"{visit.latitude:.5f}, {visit.longitude:.5f}"
            if visit.latitude is not None and visit.longitude is not None
            else ""
        )
        yield from heading(t("The visit"))
        yield field_table(
            [
                (t("Date of visit"), t.date(visit.date)),
                (t("Site"), visit.site),
                (t("Country"), t.country(visit.country)),
                (t("Coordinates"), coords),
                (t("Visit type"), grant_parts.type_name(t, visit)),
                (t("Visited by"), t.sep.join(visit.visitors)),
                (t("Overall rating"), t.rating(visit.overall_rating)),
            ],
            width,
        )
        yield from heading(t("People met"), 2)
        yield _people(t, visit.people_met, width)
        yield from heading(t("The project"))
        facts = _project_facts(t, project, visit, today)
        late_reports = set()
        if project is not None:
            if project.interim_report_overdue(today):
                late_reports.add(t("Interim report"))
            if project.completion_report_overdue(today):
                late_reports.add(t("Completion report"))
        # overdue report rows in red, as the follow-ups and the project sheet show overdue ones
        late_rows = [i for i, (label, _value) in enumerate(facts) if label in late_reports]
        yield field_table(facts, width, highlight=late_rows)
        if project and (
            project.interim_report_overdue(today) or project.completion_report_overdue(today)
        ):
            yield Spacer(1, 2)
            yield TextBlock(
                t("Reports from the grantee are overdue: see above."),
                CELL.but(bold=True, color=ALERT, space_after=4),
            )
        # The sub-ratings with the suggested overall rating, and the follow-up checklist (#15).
        yield from grant_parts.visit_extra(t, visit, width)
        yield from _narrative_and_actions(
            t,
            store,
            t("Observations"),
            (
                *grant_parts.type_sections(t, visit),  # what the visit's type asks for
                (t("Findings"), visit.findings),
                (t("Issues and risks"), visit.issues),
                (t("Recommendations"), visit.recommendations),
            ),
            (followups, attachments),
            width,
            today,
        )

    return story


# ---- writing either document ----------------------------------------------------------------------

_DOCUMENTS = {
    "meeting": ("Record of conversation", meeting_story),
    "visit": ("Project monitoring visit report", visit_story),
}


def record_report(
    store,
    record_id: str,
    target: Path | BinaryIO,
    *,
    kind: str | None = None,
    event: str | None = "export_pdf",
    today: date | None = None,
    lang: str | None = None,
) -> ReportResult:
    """Write the document for meeting or visit ``record_id`` to ``target``.

    ``kind`` "meeting" or "visit" refuses a record of the other kind; ``event`` None (a preview)
    logs nothing; ``lang`` "en" or "ja", None for the user's language setting (then the system's).
    """
    if kind is None:
        kind = store.get(record_id, include_deleted=True).kind
        if kind not in _DOCUMENTS:
            raise FieldKitError(f"record {record_id} is a {kind}; only meetings and visits print")
    record = load(store, record_id, kind)
    t = for_store(store, lang)
    kind_en, make_story = _DOCUMENTS[kind]
    info = page_info(
        store,
        t.title(kind_en, record.title_text()),
        Marking(record.classification, list(record.caveats)),
        lang=t.lang,
        zone=record_zone(record),  # its moments in its post's time
    )
    info.post = record.post or info.post
    info.watermark = watermark(record)
    result = write_pdf(target, info, make_story(store, record, t, today), records=1)
    audit_output(store, event, result, record.id, report=kind)
    return result


def meeting_report(store, record_id: str, target: Path | BinaryIO, **options) -> ReportResult:
    """Write the record of conversation for meeting ``record_id`` (options as record_report)."""
    return record_report(store, record_id, target, kind="meeting", **options)


def visit_report(store, record_id: str, target: Path | BinaryIO, **options) -> ReportResult:
    """Write the monitoring visit report for visit ``record_id`` (options as record_report)."""
    return record_report(store, record_id, target, kind="visit", **options)


__all__ = ["meeting_report", "record_report", "visit_report"]
