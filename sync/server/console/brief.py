"""The cross-post brief: the digest's summary and record blocks, grouped by country.

"Every meeting tagged TICAD 9 at the African posts in the last year, by country" is a selection in
the console printed as this brief. It is assembled from the digest's own parts (tally, record
blocks, page layout), so it reads and is marked like every other FieldKit report.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from fieldkit.core.reference import reference
from fieldkit.reports.components import field_table, heading, title_block
from fieldkit.reports.digest import (
    DigestQuery,
    _meeting_block,
    _tally,
    _visit_block,
    records_with_followups,
)
from fieldkit.reports.labels import for_store
from fieldkit.reports.output import ReportResult, audit_output, page_info, write_pdf
from fieldkit.reports.page import Marking
from fieldkit.reports.text import Stack

_JA = {
    "Cross-post brief": "公館横断ブリーフ",
    "{n} countries": "{n}か国",
    "{meetings} meetings, {visits} visits": "面談{meetings}件、視察{visits}件",
}


def brief_report(store, query: DigestQuery, target: BinaryIO, *, lang: str,
                 today: date | None = None) -> ReportResult:  # fmt: skip
    query = query.check()
    t = for_store(store, lang)

    def tr(key: str, **values) -> str:
        text = _JA.get(key, key) if t.ja else key
        return text.format(**values) if values else text

    today = today or date.today()
    totals = _tally(store, query, today)
    codes = list(totals.by_level) or [reference().default_classification]
    marking = Marking(reference().highest_classification(codes), list(totals.caveats))
    title = tr("Cross-post brief") + " — " + query.period(t)
    info = page_info(store, title, marking, lang=t.lang)

    # Ids per country, in date order within each kind (the tally reads them date-ascending).
    by_country: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"meeting": [], "visit": []})
    countries: dict[str, str] = {}
    for kind in ("meeting", "visit"):
        ids = totals.ids[kind]
        for i in range(0, len(ids), 500):
            for rec in store.get_many(ids[i : i + 500]):
                by_country[rec.country][kind].append(rec.id)
                countries[rec.country] = t.country_name(rec.country)

    def story(width: float):
        yield from title_block(
            t,
            "Period digest",
            title,
            store.settings.post_name(),
            t("Prepared for the period {period}", period=query.period(t)),
        )
        rows = [
            (t("Period"), query.period(t)),
            (t("Policy fields"), t.names("policy_fields", query.policy_fields) or t("All")),
            (t("Summit / forum"), t.name("summits", query.summit) or t("Any")),
            (t("Meetings"), f"{len(totals.ids['meeting']):,}"),
            (t("Monitoring visits"), f"{len(totals.ids['visit']):,}"),
            (t("Number of countries"), tr("{n} countries", n=len(by_country))),
            (t("Open follow-ups"), t("{open}, of which {late} overdue",
                                      open=f"{totals.open_followups:,}",
                                      late=f"{totals.overdue_followups:,}")),
        ]  # fmt: skip
        yield field_table(rows, width, label_width=45 * mm)
        for cc in sorted(by_country, key=lambda c: countries[c]):
            ids = by_country[cc]
            yield PageBreak()
            yield from heading(f"{countries[cc]} — " + tr(
                "{meetings} meetings, {visits} visits",
                meetings=len(ids["meeting"]), visits=len(ids["visit"])))  # fmt: skip
            for kind, block in (("meeting", _meeting_block), ("visit", _visit_block)):
                for rec, followups in records_with_followups(store, ids[kind], totals.followups):
                    yield Stack(list(block(t, rec, followups, today)), keep=3)

    result = write_pdf(target, info, story, records=totals.count)
    audit_output(store, "print", result, None, report="brief", records=totals.count,
                 period=query.period())  # fmt: skip
    return result
