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
from fieldkit.core.marking import effective_marking
from fieldkit.core.models import FollowUp, Meeting, Visit
from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import country_codes, reference

from .components import (
    ACCENT,
    ALERT,
    CELL,
    LINE,
    MUTED,
    SMALL,
    Rule,
    field_table,
    heading,
    title_block,
)
from .fonts import GOTHIC, SANS, SANS_BOLD
from .labels import N_, Labels, for_store, labels
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
        countries = country_codes(self.countries)
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

    def period(self, t: Labels | None = None) -> str:
        """The period in words, in ``t``'s language (English by default)."""
        t = t or labels("en")
        if self.date_from and self.date_to:
            return t("{start} – {end}", start=t.date(self.date_from), end=t.date(self.date_to))
        if self.date_from:
            return t("from {date}", date=t.date(self.date_from))
        if self.date_to:
            return t("until {date}", date=t.date(self.date_to))
        return t("all dates")


@dataclass
class _Totals:
    ids: dict[str, list[str]] = field(default_factory=lambda: {"meeting": [], "visit": []})
    by_field: Counter = field(default_factory=Counter)
    by_country: Counter = field(default_factory=Counter)
    by_rating: Counter = field(default_factory=Counter)
    by_level: Counter = field(default_factory=Counter)
    caveats: Counter = field(default_factory=Counter)  # records carrying each, first seen first
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
            t.caveats.update(dict.fromkeys(rec.caveats, 1))
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


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points in ``font`` (chart labels)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _bar_chart(title: str, counts: list[tuple[str, int]], width: float, ja: bool) -> Flowable:
    """Horizontal bars, largest first (reportlab graphics: vector, crisp when printed).

    Chart strings are drawn in one font, without the per-character fallback of TextBlock:
    IPAexGothic (which has Latin letters too) for a Japanese report, DejaVu Sans otherwise."""
    font, bold = (GOTHIC, GOTHIC) if ja else (SANS, SANS_BOLD)
    label_w = 62 * mm
    bar_h = 11
    height = len(counts) * bar_h + 28
    d = Drawing(width, height)
    d.add(String(0, height - 10, title, fontName=bold, fontSize=9, fillColor=ACCENT))
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 14
    chart.width, chart.height = width - label_w - 20, len(counts) * bar_h
    rows = list(reversed(counts))  # reportlab draws the first category at the bottom
    chart.data = [[n for _, n in rows]]
    chart.categoryAxis.categoryNames = [_fit(name, font, 7.5, label_w - 6) for name, _ in rows]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = LINE
    chart.valueAxis.valueMin = 0
    top = max(n for _, n in counts)
    chart.valueAxis.valueMax = max(top, 1) * 1.15
    step = max(1, round(top / 5))
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = LINE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = LINE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
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


def _portion(t: Labels, record) -> str:
    """The entry's own marking, caveats included: "[秘・現地職員閲覧不可]"."""
    return f"[{effective_marking(record).label(t.lang)}]"


def _followup_lines(t: Labels, items: list[FollowUp], today: date) -> Iterator[Flowable]:
    for f in sorted(items, key=lambda f: (f.due is None, f.due or date.max)):
        if f.status != "open":
            continue
        due = t(" — due {date}", date=t.date(f.due)) if f.due else ""  # as the date line
        late = f.overdue(today)
        owner = t(" ({text})", text=f.owner) if f.owner else ""
        yield TextBlock(
            f"▸ {f.text}{owner}{due}{t('  OVERDUE') if late else ''}",
            _ACTION_LATE if late else _ACTION,
        )


def _record_block(
    t: Labels,
    record: Meeting | Visit,
    meta: list[str],
    texts: tuple[tuple[str, str], ...],
    followups: list[FollowUp],
    today: date,
) -> Iterator[Flowable]:
    """One record in the digest: date line, title, a line of facts, excerpts, open actions."""
    yield TextBlock(
        f"{t.date(record.date)} · {t.country(record.country)}   {_portion(t, record)}", _DATE_LINE
    )
    yield TextBlock(record.title_text(), _TITLE)
    yield TextBlock(" · ".join(x for x in meta if x), _META)
    for label, text in texts:
        if text and text.strip():
            yield TextBlock(t("{label}: {text}", label=t(label), text=_excerpt(text)), _LABELLED)
    yield from _followup_lines(t, followups, today)
    yield Rule(LINE, 0.3, 2)


def _meeting_block(
    t: Labels, m: Meeting, followups: list[FollowUp], today: date
) -> Iterator[Flowable]:
    partner = t.sep.join(
        f"{a.name}"
        + (f", {a.title}" if a.title else "")
        + (t(" ({text})", text=a.organisation) if a.organisation else "")
        for a in m.partner_attendees
    )
    meta = [
        m.place,
        t("Partner: {names}", names=partner) if partner else "",
        t.names("policy_fields", m.policy_fields),
        t.names("summits", m.summits),
    ]
    texts = (
        (N_("Key points"), m.key_points),
        # The exchange in short: what the partner asked for, what we said (turns, in order).
        (N_("Requests"), "\n".join(x.text for x in m.turns if x.side == "partner" and x.request)),
        (N_("Our response"), "\n".join(x.text for x in m.turns if x.side == "ours")),
    )
    return _record_block(t, m, meta, texts, followups, today)


def _visit_block(t: Labels, v: Visit, followups: list[FollowUp], today: date) -> Iterator[Flowable]:
    from fieldkit.core.grant_reference import sub_rating_label

    ref = reference()
    scores = " · ".join(  # JICA sub-ratings (#15): "Relevance ③ High"
        f"{ref.dac_criteria[c].label(t.lang)} {sub_rating_label(r.rating, t.lang)}"
        for c, r in v.criteria.items()
        if r.rating and c in ref.dac_criteria
    )
    meta = [
        v.site,
        t("Overall {rating}", rating=v.overall_rating) if v.overall_rating else "",
        scores,
        t("Visited by {names}", names=t.sep.join(v.visitors)) if v.visitors else "",
    ]
    texts = (
        (N_("Findings"), v.findings),
        (N_("Issues"), v.issues),
        (N_("Recommendations"), v.recommendations),
    )
    return _record_block(t, v, meta, texts, followups, today)


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


def digest_story(store, query: DigestQuery, totals: _Totals, t: Labels, today: date):
    ref = reference()
    period = query.period(t)

    def story(width: float):
        where = t.sep.join(t.country(c) for c in query.countries) or t("All countries")
        title = f"{where}: {period}" if not t.ja else f"{where}：{period}"
        if query.summit:
            summit = t.name("summits", query.summit)
            title = t("Brief ahead of {summit} — {title}", summit=summit, title=title)
        yield from title_block(
            t,
            "Period digest",
            title,
            store.settings.post_name(t.lang),  # the post's name in the report's language
            t("Prepared for the period {period}", period=period),
        )
        filters = [
            (t("Period"), period),
            (t("Countries"), where),
            (t("Policy fields"), t.names("policy_fields", query.policy_fields) or t("All")),
            (t("Summit / forum"), t.name("summits", query.summit) or t("Any")),
        ]
        yield field_table(filters, width)
        yield from heading(t("Summary"))
        if totals.count == 0:
            yield TextBlock(
                t(
                    "No meetings or visits match this period and these filters. "
                    "There is nothing to report."
                ),
                CELL.but(bold=True, size=10, leading=14),
            )
            return
        levels = t.comma.join(
            f"{t.name('classifications', c)} {n}"
            for c, n in sorted(
                totals.by_level.items(), key=lambda kv: ref.classification_rank(kv[0])
            )
        )
        ratings = (
            t.comma.join(f"{k}: {totals.by_rating[k]}" for k in "ABCD")
            if totals.ids["visit"]
            else ""
        )
        summary = [
            (t("Meetings"), f"{len(totals.ids['meeting']):,}"),
            (
                t("Monitoring visits"),
                f"{len(totals.ids['visit']):,}"
                if "visit" in query.kinds()
                else t("not included (visits carry no policy field or summit)"),
            ),
            (t("report.number_of_countries"), f"{len(totals.by_country):,}"),
            (
                t("Open follow-ups"),
                t(
                    "{open}, of which {late} overdue",
                    open=f"{totals.open_followups:,}",
                    late=f"{totals.overdue_followups:,}",
                ),
            ),
            (t("Visit ratings"), ratings),
            (t("Markings"), levels),
            (
                t("Caveats"),
                t.comma.join(
                    f"{n} {totals.caveats[c]}"
                    for c, n in zip(
                        totals.caveats,
                        effective_marking({"caveats": list(totals.caveats)}).caveat_names(t.lang),
                        strict=True,
                    )
                )
                or "—",
            ),
        ]
        yield field_table(summary, width, label_width=45 * mm)
        if totals.by_field:
            rows = [(t.name("policy_fields", c), n) for c, n in totals.by_field.most_common()]
            yield _bar_chart(t("Meetings by policy field"), rows, width, t.ja)
        if totals.by_country:
            top = totals.by_country.most_common(20)
            rows = [(t.country_name(c), n) for c, n in top]
            more = len(totals.by_country) - len(top)
            label = t("Meetings and visits by country") + (
                t(" (top 20 of {n})", n=len(totals.by_country)) if more > 0 else ""
            )
            yield _bar_chart(label, rows, width, t.ja)
        for kind, label, block in (
            ("meeting", N_("Meetings"), _meeting_block),
            ("visit", N_("Monitoring visits"), _visit_block),
        ):
            ids = totals.ids[kind]
            if not ids:
                continue
            yield PageBreak()
            yield from heading(t("{label} ({n}), in date order", label=t(label), n=f"{len(ids):,}"))
            for rec, followups in records_with_followups(store, ids, totals.followups):
                # One flowable per record: date line and title stay with the first text line.
                yield Stack(list(block(t, rec, followups, today)), keep=3)

    return story


def digest_report(
    store,
    query: DigestQuery,
    target: Path | BinaryIO,
    *,
    event: str | None = "export_pdf",
    today: date | None = None,
    lang: str | None = None,
) -> ReportResult:
    """Write the digest of meetings and visits matching ``query`` to ``target``.

    ``lang`` "en" or "ja"; None follows the user's language setting (then the system's)."""
    query = query.check()
    t = for_store(store, lang)
    today = today or date.today()
    totals = _tally(store, query, today)
    codes = list(totals.by_level) or [reference().default_classification]
    marking = Marking(reference().highest_classification(codes), list(totals.caveats))
    info = page_info(store, t.title("Period digest", query.period(t)), marking, lang=t.lang)
    result = write_pdf(
        target, info, digest_story(store, query, totals, t, today), records=totals.count
    )
    audit_output(
        store, event, result, None, report="digest", records=totals.count, period=query.period()
    )
    return result
