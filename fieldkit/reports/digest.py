"""The period digest: a cover, a summary, charts by policy field and country, then every meeting
and visit of the period summarised. "The brief for country X ahead of TICAD 9" is a digest
filtered by country and summit.

Records are read twice, streaming: once for the counts the cover needs (and the highest
classification, which every page shows), once to lay them out. Neither pass holds more than a
batch of records, so memory stays flat as the store grows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import FollowUp, Meeting, Visit
from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import reference

from .components import (
    ACCENT,
    ALERT,
    CELL,
    LINE,
    MUTED,
    SMALL,
    Rule,
    country,
    field_table,
    fmt_date,
    heading,
    names,
    title_block,
)
from .fonts import SANS, SANS_BOLD
from .output import ReportResult, audit_output, page_info, write_pdf
from .page import Marking
from .text import Stack, TextBlock, TextStyle

BATCH = 200
EXCERPT = 700  # characters of narrative per record in a digest


@dataclass(frozen=True)
class DigestQuery:
    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] = ()
    policy_fields: tuple[str, ...] = ()
    summit: str | None = None

    def check(self) -> DigestQuery:
        """Refuse codes and periods that cannot match anything, naming the bad value."""
        ref = reference()
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FieldKitError(
                f"the period starts ({self.date_from}) after it ends ({self.date_to})"
            )
        countries = tuple(c.upper() for c in self.countries)
        for c in countries:
            if c not in ref.countries:
                raise FieldKitError(f"unknown country code {c!r} (use ISO 3166-1 alpha-2, e.g. KE)")
        for f in self.policy_fields:
            if f not in ref.policy_fields:
                raise FieldKitError(
                    f"unknown policy field {f!r}; choose from {', '.join(ref.policy_fields)}"
                )
        if self.summit and self.summit not in ref.summits:
            raise FieldKitError(
                f"unknown summit {self.summit!r}; choose from {', '.join(ref.summits)}"
            )
        return DigestQuery(self.date_from, self.date_to, countries, self.policy_fields, self.summit)

    def record_filter(self, kind: str) -> RecordFilter:
        return RecordFilter(
            kinds=(kind,),
            countries=self.countries,
            policy_fields=self.policy_fields if kind == "meeting" else (),
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def kinds(self) -> tuple[str, ...]:
        # Visits carry no policy field or summit: a digest filtered by one holds meetings only.
        return ("meeting",) if self.policy_fields or self.summit else ("meeting", "visit")

    def matches(self, record) -> bool:
        return not self.summit or self.summit in getattr(record, "summits", ())

    def period(self) -> str:
        if self.date_from and self.date_to:
            return f"{fmt_date(self.date_from)} – {fmt_date(self.date_to)}"
        if self.date_from:
            return f"from {fmt_date(self.date_from)}"
        if self.date_to:
            return f"until {fmt_date(self.date_to)}"
        return "all dates"


@dataclass
class _Totals:
    ids: dict[str, list[str]] = field(default_factory=lambda: {"meeting": [], "visit": []})
    by_field: Counter = field(default_factory=Counter)
    by_country: Counter = field(default_factory=Counter)
    by_rating: Counter = field(default_factory=Counter)
    by_level: Counter = field(default_factory=Counter)
    caveats: dict[str, None] = field(default_factory=dict)
    open_followups: int = 0
    overdue_followups: int = 0
    # Ids of open follow-ups by parent: fetched a batch at a time when their parents are laid out
    # (one query per batch instead of one per record).
    followups: dict[str, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.ids.values())


def _tally(store, query: DigestQuery, today: date) -> _Totals:
    t = _Totals()
    for kind in query.kinds():
        for rec in store.iter_records(query.record_filter(kind), sort="date_asc", batch=BATCH):
            if not query.matches(rec):
                continue
            t.ids[kind].append(rec.id)
            t.by_country[rec.country] += 1
            t.by_level[rec.classification] += 1
            for c in rec.caveats:
                t.caveats[c] = None
            if isinstance(rec, Meeting):
                t.by_field.update(rec.policy_fields)
            elif rec.overall_rating:
                t.by_rating[rec.overall_rating] += 1
    wanted = set(t.ids["meeting"]) | set(t.ids["visit"])
    if wanted:
        flt = RecordFilter(kinds=("followup",), statuses=("open",))
        for f in store.iter_records(flt, batch=1000):
            if f.parent_id in wanted:
                t.open_followups += 1
                t.overdue_followups += f.overdue(today)
                t.followups.setdefault(f.parent_id, []).append(f.id)
    return t


def _bar_chart(title: str, counts: list[tuple[str, int]], width: float) -> Flowable:
    """Horizontal bars, largest first (reportlab graphics: vector, crisp when printed)."""
    label_w = 62 * mm
    bar_h = 11
    height = len(counts) * bar_h + 28
    d = Drawing(width, height)
    d.add(String(0, height - 10, title, fontName=SANS_BOLD, fontSize=9, fillColor=ACCENT))
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 14
    chart.width, chart.height = width - label_w - 20, len(counts) * bar_h
    rows = list(reversed(counts))  # reportlab draws the first category at the bottom
    chart.data = [[n for _, n in rows]]
    chart.categoryAxis.categoryNames = [name[:48] for name, _ in rows]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = LINE
    chart.valueAxis.valueMin = 0
    top = max(n for _, n in counts)
    chart.valueAxis.valueMax = max(top, 1) * 1.15
    step = max(1, round(top / 5))
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = LINE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = LINE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return KeepTogether([Spacer(1, 3 * mm), d])


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[:limit].rstrip() + " …"


_HEAD = TextStyle(size=9.5, leading=12.5, bold=True, color=ACCENT, space_before=6, space_after=1)
_META = SMALL.but(color=MUTED, space_after=2)
_TEXT = CELL.but(space_after=2)
_LABELLED = CELL.but(space_after=2, indent=0)
_DATE_LINE = _META.but(space_before=6, space_after=0)
_TITLE = _HEAD.but(space_before=0)
_ACTION = _TEXT.but(indent=8)
_ACTION_LATE = _ACTION.but(color=ALERT)


def _portion(record) -> str:
    level = reference().classifications.get(record.classification)
    return f"[{level.name if level else record.classification}]"


def _followup_lines(items: list[FollowUp], today: date) -> Iterator[Flowable]:
    for f in sorted(items, key=lambda f: (f.due is None, f.due or date.max)):
        if f.status != "open":
            continue
        due = f" — due {f.due.isoformat()}" if f.due else ""
        late = f.overdue(today)
        owner = f" ({f.owner})" if f.owner else ""
        yield TextBlock(
            f"▸ {f.text}{owner}{due}{'  OVERDUE' if late else ''}",
            _ACTION_LATE if late else _ACTION,
        )


def _meeting_block(m: Meeting, followups: list[FollowUp], today: date) -> Iterator[Flowable]:
    head = f"{fmt_date(m.date)} · {country(m.country)}   {_portion(m)}"
    yield TextBlock(head, _DATE_LINE)
    yield TextBlock(m.subject, _TITLE)
    partner = "; ".join(
        f"{a.name}"
        + (f", {a.title}" if a.title else "")
        + (f" ({a.organisation})" if a.organisation else "")
        for a in m.partner_attendees
    )
    meta = [
        m.place,
        f"Partner: {partner}" if partner else "",
        names("policy_fields", m.policy_fields),
        names("summits", m.summits),
    ]
    yield TextBlock(" · ".join(x for x in meta if x), _META)
    for label, text in (
        ("Key points", m.key_points),
        ("Requests", m.partner_requests),
        ("Our response", m.our_responses),
    ):
        if text and text.strip():
            yield TextBlock(f"{label}: {_excerpt(text)}", _LABELLED)
    yield from _followup_lines(followups, today)
    yield Rule(LINE, 0.3, 2)


def _visit_block(v: Visit, followups: list[FollowUp], today: date) -> Iterator[Flowable]:
    ref = reference()
    head = f"{fmt_date(v.date)} · {country(v.country)}   {_portion(v)}"
    yield TextBlock(head, _DATE_LINE)
    yield TextBlock(v.title_text(), _TITLE)
    scores = " · ".join(
        f"{ref.dac_criteria[c].name} {r.rating}"
        for c, r in v.criteria.items()
        if r.rating and c in ref.dac_criteria
    )
    meta = [
        v.site,
        f"Overall {v.overall_rating}" if v.overall_rating else "",
        scores,
        "Visited by " + "; ".join(v.visitors) if v.visitors else "",
    ]
    yield TextBlock(" · ".join(x for x in meta if x), _META)
    for label, text in (
        ("Findings", v.findings),
        ("Issues", v.issues),
        ("Recommendations", v.recommendations),
    ):
        if text and text.strip():
            yield TextBlock(f"{label}: {_excerpt(text)}", _LABELLED)
    yield from _followup_lines(followups, today)
    yield Rule(LINE, 0.3, 2)


def records_with_followups(store, ids: list[str], followups: dict[str, list[str]]) -> Iterator:
    """(record, its open follow-ups) in the order of ``ids``, read a batch at a time."""
    for i in range(0, len(ids), BATCH):
        batch = store.get_many(ids[i : i + BATCH])
        wanted = [f for r in batch for f in followups.get(r.id, ())]
        by_parent: dict[str, list[FollowUp]] = {}
        for f in store.get_many(wanted):
            by_parent.setdefault(f.parent_id, []).append(f)
        for r in batch:
            yield r, by_parent.get(r.id, [])


def digest_story(store, query: DigestQuery, totals: _Totals, today: date):
    ref = reference()

    def story(width: float):
        where = ", ".join(country(c) for c in query.countries) or "All countries"
        title = f"{where}: {query.period()}"
        if query.summit:
            title = f"Brief ahead of {ref.summits[query.summit].name} — {title}"
        yield from title_block(
            "Period digest",
            "期間ダイジェスト",
            title,
            store.settings.post_name(),
            f"Prepared for the period {query.period()}",
        )
        filters = [
            ("Period", query.period()),
            ("Countries", where),
            ("Policy fields", names("policy_fields", query.policy_fields) or "All"),
            ("Summit / forum", ref.summits[query.summit].name if query.summit else "Any"),
        ]
        yield field_table(filters, width)
        yield from heading("Summary")
        if totals.count == 0:
            yield TextBlock(
                "No meetings or visits match this period and these filters. "
                "There is nothing to report.",
                CELL.but(bold=True, size=10, leading=14),
            )
            return
        levels = ", ".join(
            f"{ref.classifications[c].name} {n}" if c in ref.classifications else f"{c} {n}"
            for c, n in sorted(
                totals.by_level.items(), key=lambda kv: ref.classification_rank(kv[0])
            )
        )
        ratings = (
            ", ".join(f"{k}: {totals.by_rating[k]}" for k in "ABCD") if totals.ids["visit"] else ""
        )
        summary = [
            ("Meetings", f"{len(totals.ids['meeting']):,}"),
            (
                "Monitoring visits",
                f"{len(totals.ids['visit']):,}"
                if "visit" in query.kinds()
                else "not included (visits carry no policy field or summit)",
            ),
            ("Countries", f"{len(totals.by_country):,}"),
            (
                "Open follow-ups",
                f"{totals.open_followups:,}, of which {totals.overdue_followups:,} overdue",
            ),
            ("Visit ratings", ratings),
            ("Markings", levels),
        ]
        yield field_table(summary, width, label_width=45 * mm)
        if totals.by_field:
            rows = [
                (ref.policy_fields[c].name if c in ref.policy_fields else c, n)
                for c, n in totals.by_field.most_common()
            ]
            yield _bar_chart("Meetings by policy field", rows, width)
        if totals.by_country:
            top = totals.by_country.most_common(20)
            rows = [(ref.country_name(c), n) for c, n in top]
            more = len(totals.by_country) - len(top)
            label = "Meetings and visits by country" + (
                f" (top 20 of {len(totals.by_country)})" if more > 0 else ""
            )
            yield _bar_chart(label, rows, width)
        for kind, label, block in (
            ("meeting", "Meetings", _meeting_block),
            ("visit", "Monitoring visits", _visit_block),
        ):
            ids = totals.ids[kind]
            if not ids:
                continue
            yield PageBreak()
            yield from heading(f"{label} ({len(ids):,}), in date order")
            for rec, followups in records_with_followups(store, ids, totals.followups):
                # One flowable per record: date line and title stay with the first text line.
                yield Stack(list(block(rec, followups, today)), keep=3)

    return story


def digest_report(
    store,
    query: DigestQuery,
    target: Path | BinaryIO,
    *,
    event: str | None = "export_pdf",
    today: date | None = None,
) -> ReportResult:
    """Write the digest of meetings and visits matching ``query`` to ``target``."""
    query = query.check()
    today = today or date.today()
    totals = _tally(store, query, today)
    codes = list(totals.by_level) or [reference().default_classification]
    marking = Marking(reference().highest_classification(codes), list(totals.caveats))
    info = page_info(store, f"Period digest: {query.period()}", marking)
    result = write_pdf(
        target, info, digest_story(store, query, totals, today), records=totals.count
    )
    audit_output(
        store, event, result, None, report="digest", records=totals.count, period=query.period()
    )
    return result
