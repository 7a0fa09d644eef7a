"""Meetings and open follow-ups as an iCalendar file (RFC 5545) for Outlook and Google Calendar.

    text = calendar_bytes(store, country="KE")

Meetings become VEVENTs (timed in the post's local time when a start time is known, "floating" as
RFC 5545 calls it, else all-day); open follow-ups with a due date become VTODOs, or all-day VEVENTs
with ``todos_as_events`` because Google Calendar ignores to-dos. UIDs are the record ids, so
importing a newer file updates the entries instead of duplicating them.

A calendar leaves the protected store (often for a cloud service, often managed by a locally hired
secretary), so it carries no narrative: the subject, place and marking only, and for records
marked above the post's default level not even the subject (``[CONFIDENTIAL] Meeting``).

Records with a handling caveat (NOT FOR LOCAL STAFF, ...), and follow-ups of such records
(``fieldkit.core.marking``), are written as "Restricted meeting" / "Restricted follow-up": the
time stays blocked in the calendar, but no subject, place, category or description goes with it,
only the marking. Leaving them out instead would show the ambassador's day as free when it is
not. ``include_restricted`` writes them in full; that choice is in the audit entry of the export,
which every export leaves. Every entry carries CLASS (PUBLIC / PRIVATE / CONFIDENTIAL by
classification) and its marking as the first line of its description.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from fieldkit import __version__
from fieldkit.core.marking import EffectiveMarking, effective_marking
from fieldkit.core.models import FollowUp, Meeting, Record
from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import reference

UID_DOMAIN = "fieldkit"


@dataclass
class CalendarReport:
    events: int = 0
    todos: int = 0
    restricted: int = 0  # entries with a caveat: written as "Restricted ..." unless included

    def summary(self) -> str:
        text = f"{self.events} meetings and {self.todos} follow-ups"
        return text + (f" ({self.restricted} restricted)" if self.restricted else "")


def calendar_bytes(
    store,
    *,
    country: str | None = None,
    date_from: date | None = None,
    todos_as_events: bool = False,
    include_restricted: bool = False,
) -> tuple[bytes, CalendarReport]:
    """The store's meetings and open follow-ups as one VCALENDAR."""
    countries = (country.upper(),) if country else ()
    meetings = list(
        store.iter_records(
            RecordFilter(kinds=("meeting",), countries=countries, date_from=date_from),
            sort="date_asc",
        )
    )
    followups = [
        f
        for f in store.iter_records(RecordFilter(kinds=("followup",), statuses=("open",)))
        if isinstance(f, FollowUp) and f.due and (date_from is None or f.due >= date_from)
    ]
    parent_ids = {f.parent_id for f in followups if f.parent_id}
    parents = {r.id: r for r in store.get_many(parent_ids)} if parent_ids else {}
    if countries:
        followups = [
            f
            for f in followups
            if f.parent_id in parents and parents[f.parent_id].country_code() in countries
        ]
    data, report = build_calendar(
        meetings,
        followups,
        parents,
        todos_as_events=todos_as_events,
        include_restricted=include_restricted,
    )
    store.audit(
        "export_ics",
        events=report.events,
        todos=report.todos,
        country=country or "",
        restricted=report.restricted,
        include_restricted=include_restricted,
    )
    return data, report


def build_calendar(
    meetings: Iterable[Meeting],
    followups: Iterable[FollowUp],
    parents: dict[str, Record] | None = None,
    *,
    todos_as_events: bool = False,
    include_restricted: bool = False,
    now: datetime | None = None,
) -> tuple[bytes, CalendarReport]:
    from icalendar import Calendar, Event, Todo  # only calendar exports pay for icalendar

    parents = parents or {}
    now = now or datetime.now(UTC)
    report = CalendarReport()
    cal = Calendar()
    cal.add("prodid", f"-//FieldKit//FieldKit {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "FieldKit")

    for m in meetings:
        if not isinstance(m, Meeting) or m.deleted:
            continue
        ev = Event()
        marking = effective_marking(m)
        hidden = marking.restricted and not include_restricted
        report.restricted += marking.restricted
        _envelope(ev, m, marking, now)
        ev.add("summary", _summary(marking, m.subject, "Meeting", hidden))
        if m.start_time:
            start = datetime.combine(m.date, m.start_time)  # floating: the post's local time
            end = datetime.combine(m.date, m.end_time) if m.end_time else start + timedelta(hours=1)
            ev.add("dtstart", start)
            ev.add("dtend", end)
        else:
            ev.add("dtstart", m.date)
            ev.add("dtend", m.date + timedelta(days=1))
        if m.place and not hidden and not _withheld(marking):
            ev.add("location", m.place)
        ev.add("description", _description(m, marking, hidden))
        fields = reference().policy_fields
        names = [fields[c].name for c in m.policy_fields if c in fields]
        if names and not hidden:
            ev.add("categories", names)
        cal.add_component(ev)
        report.events += 1

    for f in followups:
        if not isinstance(f, FollowUp) or f.deleted or f.status != "open" or f.due is None:
            continue
        parent = parents.get(f.parent_id or "")
        marking = effective_marking(f, parent)
        hidden = marking.restricted and not include_restricted
        report.restricted += marking.restricted
        if todos_as_events:
            item = Event()
            item.add("dtstart", f.due)
            item.add("dtend", f.due + timedelta(days=1))
            item.add("transp", "TRANSPARENT")
        else:
            item = Todo()
            item.add("due", f.due)
            item.add("status", "NEEDS-ACTION")
        _envelope(item, f, marking, now)
        item.add("summary", _summary(marking, f"Follow-up: {f.title_text()}", "Follow-up", hidden))
        lines = [_description(f, marking, hidden)]
        if f.owner and not hidden:
            lines.append(f"Owner: {f.owner}")
        if parent is not None:
            if not hidden:
                from_text = _summary(marking, parent.title_text(), parent.kind.title(), False)
                lines.append(f"From: {from_text}")
            item.add("related-to", f"{parent.id}@{UID_DOMAIN}")
        item.add("description", "\n".join(lines))
        cal.add_component(item)
        report.todos += 1
    return cal.to_ical(), report


def _envelope(component, record: Record, marking: EffectiveMarking, now: datetime) -> None:
    component.add("uid", f"{record.id}@{UID_DOMAIN}")
    component.add("dtstamp", now)
    component.add("sequence", max(record.revision - 1, 0))
    if record.updated_at:
        component.add("last-modified", record.updated_at)
    component.add("class", _ical_class(marking.classification))


def _withheld(marking: EffectiveMarking) -> bool:
    """Above the post's default marking, even a subject is too much for a calendar."""
    ref = reference()
    return marking.rank > ref.classification_rank(ref.default_classification)


def _summary(marking: EffectiveMarking, text: str, generic: str, hidden: bool) -> str:
    if hidden:
        return f"Restricted {generic.lower()}"
    if _withheld(marking):
        return f"[{marking.classification}] {generic}"
    return text


def _ical_class(classification: str) -> str:
    rank = reference().classification_rank(classification)
    return "PUBLIC" if rank <= 0 else "PRIVATE" if rank == 1 else "CONFIDENTIAL"


def _description(record: Record, marking: EffectiveMarking, hidden: bool) -> str:
    """The marking, first; the record id only when the entry is not restricted."""
    text = marking.label("en").upper() + "."
    return text if hidden else f"{text} FieldKit record {record.id}."
