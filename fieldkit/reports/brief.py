"""The summit brief: per taking-part country, what the ambassador needs before the summit.

``fieldkit report brief --summit ticad9 [--country KE ...] [--lang ja] -o brief.pdf``, the app's
report dialog and the HQ console print it from the same data (fieldkit.core.brief). A page per
country: the summary (meetings, visits, last meeting), the partner's open requests with our answers
so far, the follow-ups and summit deliverables with their state, and the projects there.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from fieldkit.core.brief import CountryBrief, SummitBrief, build
from fieldkit.core.reference import reference

from .components import (
    CELL,
    DATE_COLUMN,
    EMPTY,
    field_table,
    fmt_money,
    grid,
    heading,
    title_block,
)
from .exchange import side_word
from .labels import N_, Labels, for_store
from .output import ReportResult, audit_output, page_info, write_pdf
from .page import Marking
from .text import TextBlock

KIND = "Summit brief"
MAX_PROJECT_ROWS = 25  # overdue ones first; the rest are counted
STATE_WORDS = {"open": N_("Open"), "done": N_("Done"), "dropped": N_("Dropped")}


def countdown(t: Labels, brief: SummitBrief) -> str:
    """ "38 days left (starts 20 Aug 2025)" / "held 120 days ago"."""
    phase = brief.phase
    if phase == "undated":
        return t("No date set")
    when = t.date(brief.start)
    if phase == "upcoming":
        return t("{n} days left (starts {date})", n=brief.days_left, date=when)
    if phase == "today":
        return t("Starts today ({date})", date=when)
    if phase == "under_way":
        return t("Under way (since {date})", date=when)
    return t("Held {n} days ago ({date})", n=brief.days_since, date=when)


def brief_report(
    store,
    target: Path | BinaryIO,
    *,
    summit: str,
    countries: tuple[str, ...] = (),
    event: str | None = "export_pdf",
    today: date | None = None,
    since: date | None = None,
    lang: str | None = None,
    data: SummitBrief | None = None,
) -> ReportResult:
    """The summit brief as a PDF; ``data`` when the caller has built it already (HQ's page)."""
    t = for_store(store, lang)
    brief = data or build(store, summit, countries, today=today, since=since)
    ref = reference()
    name = ref.summits[brief.summit].label(t.lang)
    level = ref.highest_classification(brief.classifications)
    caveats = [c for c in ref.caveats if c in brief.caveats]
    info = page_info(
        store,
        t.title(KIND, name),
        Marking(level, caveats),
        lang=t.lang,
        countries=tuple(c.code for c in brief.countries),
    )

    def story(width: float):
        yield from title_block(
            t,
            KIND,
            name,
            info.post,
            t(
                "As of {date}; meetings since {since}",
                date=t.date(brief.today),
                since=t.date(brief.since),
            ),
        )
        yield field_table(
            [
                (t("Summit / forum"), name),
                (t("Days to the summit"), countdown(t, brief)),
                (
                    t("Countries"),
                    t.sep.join(t.country_name(c.code) for c in brief.countries) or EMPTY,
                ),
            ],
            width,
            label_width=40 * mm,
        )
        if not brief.countries:
            yield TextBlock(t("No records of the countries taking part."), CELL.but(bold=True))
        for i, country in enumerate(brief.countries):
            if i:
                yield PageBreak()
            yield from _country(t, brief, country, width)

    result = write_pdf(target, info, story, records=brief.records)
    audit_output(
        store, event, result, None, report="brief", summit=brief.summit,
        countries=[c.code for c in brief.countries],
    )  # fmt: skip
    return result


def _country(t: Labels, brief: SummitBrief, c: CountryBrief, width: float):
    yield from heading(t.country(c.code))
    last = c.last_meeting
    budgets = t.sep.join(fmt_money(v, k) for k, v in sorted(c.budgets.items()))
    yield field_table(
        [
            (
                t("Meetings"),
                t("{n} ({tagged} tagged with the summit)", n=c.meetings, tagged=c.summit_meetings),
            ),
            (t("Monitoring visits"), f"{c.visits:,}"),
            (t("Last meeting"), f"{t.day(last.date)} — {last.subject}" if last else ""),
            (t("Open requests"), f"{len(c.open_requests):,}"),
            (
                t("Projects"),
                t(
                    "{n}, of which {late} with overdue reports",
                    n=len(c.projects),
                    late=c.overdue_projects,
                ),
            ),
            (
                t("Portfolio"),
                t.sep.join(f"{t.name('schemes', s)} {n}" for s, n in c.schemes.items()),
            ),
            (t("Budget"), budgets),
        ],
        width,
        label_width=40 * mm,
        highlight=[4] if c.overdue_projects else [],
    )
    yield from _requests(t, c, width)
    yield from _actions(t, c, width)
    yield from _projects(t, brief, c, width)


def _requests(t: Labels, c: CountryBrief, width: float):
    yield from heading(t("Open requests of the partner"), 2)
    if not c.open_requests:
        yield TextBlock(t("None open."), CELL)
        return
    rows = []
    for r in c.open_requests:
        answers = [f"{side_word(t, 'ours')}: {a}" for a in r.answers]
        if r.follow_up is not None:
            answers.append(
                t(
                    "Follow-up: {text} (due {due})",
                    text=r.follow_up.text,
                    due=t.day(r.follow_up.due) or EMPTY,
                )
            )
        rows.append(
            [
                t.day(r.meeting_date),
                f"{r.text}\n({r.subject})",
                "\n".join(answers) or t("No answer yet"),
            ]
        )
    due_w = DATE_COLUMN[t.lang]
    yield grid(
        [t("Date"), t("Request"), t("Our answer so far")],
        rows,
        [due_w, (width - due_w) * 0.5, (width - due_w) * 0.5],
        highlight=[
            i for i, r in enumerate(c.open_requests) if not r.answers and r.follow_up is None
        ],
    )


def _actions(t: Labels, c: CountryBrief, width: float):
    yield from heading(t("Follow-ups and deliverables"), 2)
    if not c.actions:
        yield TextBlock(t("None."), CELL)
        return
    rows, late = [], []
    for i, a in enumerate(c.actions):
        f = a.followup
        state = t(STATE_WORDS[f.status]) if f.status in STATE_WORDS else f.status
        if a.overdue:
            state += t(" — OVERDUE")
            late.append(i)
        elif f.status == "done" and f.done_on:
            state += f" {t.day(f.done_on)}"
        kind = t("Deliverable") if a.deliverable else t("Follow-up")
        rows.append([kind, f"{f.text}\n({a.meeting_subject})", f.owner, t.day(f.due), state])
    due_w = DATE_COLUMN[t.lang]
    yield grid(
        [t("Type"), t("Action"), t("Owner"), t("Due"), t("Status")],
        rows,
        [22 * mm, width - 22 * mm - 32 * mm - due_w - 30 * mm, 32 * mm, due_w, 30 * mm],
        highlight=late,
    )


def _projects(t: Labels, brief: SummitBrief, c: CountryBrief, width: float):
    yield from heading(t("Projects in the country"), 2)
    if not c.projects:
        yield TextBlock(t("None."), CELL)
        return
    rows, late = [], []
    for i, pl in enumerate(c.projects[:MAX_PROJECT_ROWS]):
        p = pl.project
        reports = [
            t(label, date=t.day(due))
            for name, label, due in (
                ("interim", N_("Interim report overdue since {date}"), p.interim_report_due),
                (
                    "completion",
                    N_("Completion report overdue since {date}"),
                    p.completion_report_due,
                ),
            )
            if name in pl.overdue_reports
        ]
        if reports:
            late.append(i)
        rows.append([
            p.title, t.name("schemes", p.scheme), t.name("activity_status", p.status),
            fmt_money(p.budget, p.currency), "\n".join(reports) or EMPTY,
        ])  # fmt: skip
    yield grid(
        [t("Project"), t("Scheme"), t("Status"), t("Budget"), t("Overdue items")],
        rows,
        [width * 0.34, width * 0.16, width * 0.14, width * 0.14, width * 0.22],
        highlight=late,
    )
    more = len(c.projects) - MAX_PROJECT_ROWS
    if more > 0:
        yield TextBlock(t("… and {n} more projects", n=more), CELL)
