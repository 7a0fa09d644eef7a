"""What a summit brief says, per country: the data, read from a store (a laptop's, or HQ's
selection of what a desk may see), with no layout and no Qt.

Per country: how many meetings and visits since the window opened and the last meeting, the
partner's open requests with our answers so far, the follow-ups and deliverables with their state,
the projects there (portfolio, overdue reports), and, for the whole brief, the days left before the
summit. The reports package prints it (fieldkit/reports/brief.py); the HQ console shows and prints
the same data.

A partner turn flagged as a request is *open* until the follow-up it names is done or dropped;
our answers so far are the 'ours' turns that follow it in the same meeting, then that follow-up.

The store needs only ``iter_records(RecordFilter)``, ``children(id)`` and ``get_many(ids)``: the
laptop's Store and HQ's console selection both answer those.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .errors import FieldKitError
from .messages import Message
from .models import FollowUp, Meeting, Project, Visit
from .query import RecordFilter
from .reference import country_codes, reference
from .turns import requests

WINDOW_DAYS = 365  # how far back before the summit (or today) meetings count
MAX_COUNTRIES = 60  # a brief is read by a person; a whole continent fits


@dataclass(frozen=True)
class OpenRequest:
    meeting_id: str
    meeting_date: date
    subject: str
    text: str
    answers: tuple[str, ...]
    follow_up: FollowUp | None
    summit_tagged: bool


@dataclass(frozen=True)
class Action:
    """A follow-up of one of the country's meetings: a deliverable when that meeting is tagged
    with the summit."""

    followup: FollowUp
    meeting_subject: str
    deliverable: bool
    overdue: bool


@dataclass(frozen=True)
class ProjectLine:
    project: Project
    overdue_reports: tuple[str, ...]  # "interim", "completion"


@dataclass
class CountryBrief:
    code: str
    meetings: int = 0
    summit_meetings: int = 0
    visits: int = 0
    last_meeting: Meeting | None = None
    open_requests: list[OpenRequest] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    projects: list[ProjectLine] = field(default_factory=list)
    budgets: dict[str, Decimal] = field(default_factory=dict)  # currency -> total
    schemes: dict[str, int] = field(default_factory=dict)
    shown_meetings: list[Meeting] = field(default_factory=list)  # whose text the brief quotes

    @property
    def overdue_projects(self) -> int:
        return sum(1 for p in self.projects if p.overdue_reports)

    @property
    def empty(self) -> bool:
        return not (self.meetings or self.visits or self.projects or self.open_requests)


@dataclass
class SummitBrief:
    summit: str
    start: date | None
    end: date | None
    today: date
    since: date
    countries: list[CountryBrief]
    chosen_by: str  # "given", "participants" or "tagged": where the country list came from
    # Handling markings of every record the brief shows: the document is marked at the highest.
    classifications: set[str] = field(default_factory=set)
    caveats: set[str] = field(default_factory=set)
    records: int = 0

    @property
    def days_left(self) -> int | None:
        """Days from today to the first day (negative once it has begun); None without a date."""
        return (self.start - self.today).days if self.start else None

    @property
    def phase(self) -> str:
        """'upcoming', 'today', 'under_way', 'held' or 'undated'."""
        if self.start is None:
            return "undated"
        if self.today < self.start:
            return "upcoming"
        if self.today == self.start:
            return "today"
        if self.today <= (self.end or self.start):
            return "under_way"
        return "held"

    @property
    def days_since(self) -> int | None:
        """Days since the last day, for a summit already held."""
        return (self.today - (self.end or self.start)).days if self.start else None


def summit_code(code: str) -> str:
    """``code`` if it names a summit, else one coded line naming the choices."""
    code = (code or "").strip().lower()
    summits = reference().summits
    if code not in summits:
        raise FieldKitError(
            Message("brief.unknown_summit", code=repr(code), choices=", ".join(summits))
        )
    return code


def choose_countries(store, summit: str, given) -> tuple[list[str], str]:
    """The countries of the brief and where they came from.

    Given ones (checked against the summit's participants when it lists them: a country that
    does not take part is refused); else the summit's participants; else, for a summit without a
    list yet, the countries of meetings tagged with it.
    """
    ref = reference()
    taking_part = ref.summit_countries(summit)
    if given:
        codes = list(dict.fromkeys(country_codes(given)))
        outside = [c for c in codes if taking_part and c not in taking_part]
        if outside:
            raise FieldKitError(
                Message("brief.not_participant", countries=", ".join(outside), summit=summit)
            )
        return codes, "given"
    if taking_part:
        return sorted(taking_part), "participants"
    tagged = {
        m.country
        for m in store.iter_records(RecordFilter(kinds=("meeting",)))
        if summit in m.summits
    }
    return sorted(tagged), "tagged"


def build(
    store,
    summit: str,
    countries=(),
    *,
    today: date | None = None,
    since: date | None = None,
) -> SummitBrief:
    """The brief's data for ``summit`` over ``countries`` (see ``choose_countries``)."""
    summit = summit_code(summit)
    today = today or date.today()
    start, end = reference().summit_dates(summit)
    codes, chosen_by = choose_countries(store, summit, countries)
    if len(codes) > MAX_COUNTRIES:
        raise FieldKitError(Message("brief.too_many_countries", n=len(codes), most=MAX_COUNTRIES))
    anchor = min(start, today) if start else today
    since = since or anchor - timedelta(days=WINDOW_DAYS)
    briefs = [_country(store, summit, cc, today, since) for cc in codes]
    if chosen_by != "given":
        # Participants this store holds nothing about say nothing: a desk sees only its posts.
        briefs = [b for b in briefs if not b.empty]
    out = SummitBrief(summit, start, end, today, since, briefs, chosen_by)
    for b in briefs:
        shown = [*(r.follow_up for r in b.open_requests if r.follow_up)]
        shown += [a.followup for a in b.actions] + [p.project for p in b.projects]
        shown += [m for m in b.shown_meetings]
        for rec in shown:
            out.classifications.add(rec.classification)
            out.caveats.update(rec.caveats)
        out.records += len({r.id for r in shown})
    return out


def _country(store, summit: str, cc: str, today: date, since: date) -> CountryBrief:
    out = CountryBrief(cc)
    meetings: list[Meeting] = [
        m
        for m in store.iter_records(
            RecordFilter(kinds=("meeting",), countries=(cc,), date_from=since, date_to=today),
            sort="date",
        )
        if isinstance(m, Meeting)
    ]
    out.meetings = len(meetings)
    out.summit_meetings = sum(1 for m in meetings if summit in m.summits)
    out.last_meeting = meetings[0] if meetings else None
    quoted: dict[str, Meeting] = {meetings[0].id: meetings[0]} if meetings else {}
    out.visits = sum(
        1
        for v in store.iter_records(
            RecordFilter(kinds=("visit",), countries=(cc,), date_from=since, date_to=today)
        )
        if isinstance(v, Visit)
    )
    for m in meetings:
        followups = [f for f in store.children(m.id) if isinstance(f, FollowUp) and not f.deleted]
        by_id = {f.id: f for f in followups}
        tagged = summit in m.summits
        for req in requests(m.turns):
            linked = by_id.get(req.follow_up_id) if req.follow_up_id else None
            if linked is not None and linked.status != "open":
                continue  # carried out or dropped: no longer open
            out.open_requests.append(
                OpenRequest(m.id, m.date, m.subject, req.text, req.answers, linked, tagged)
            )
            quoted[m.id] = m
        for f in followups:
            # Deliverables of the summit in any state; other follow-ups only while open.
            if tagged or f.status == "open":
                out.actions.append(Action(f, m.subject, tagged, f.overdue(today)))
                quoted[m.id] = m
    out.shown_meetings = list(quoted.values())
    out.actions.sort(
        key=lambda a: (not a.deliverable, a.followup.status != "open", a.followup.due or date.max)
    )
    schemes: Counter[str] = Counter()
    for p in store.iter_records(RecordFilter(kinds=("project",), countries=(cc,)), sort="title"):
        if not isinstance(p, Project):
            continue
        late = tuple(
            name
            for name, overdue in (
                ("interim", p.interim_report_overdue(today)),
                ("completion", p.completion_report_overdue(today)),
            )
            if overdue
        )
        out.projects.append(ProjectLine(p, late))
        schemes[p.scheme] += 1
        if p.budget is not None:
            cur = p.currency or "?"
            out.budgets[cur] = out.budgets.get(cur, Decimal(0)) + p.budget
    out.projects.sort(key=lambda pl: (not pl.overdue_reports, pl.project.title.lower()))
    out.schemes = dict(schemes.most_common())
    return out
