"""Every figure the dashboard shows, read from the store in one pass (no Qt: any caller can use it).

Summaries are read in chunks, so memory stays flat with 100,000 records.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import reference

CHUNK = 2000
MONTHS = 12
TOP_COUNTRIES = 10
LIST_ROWS = 50


@dataclass
class DashboardData:
    today: date
    counts: dict[str, int] = field(default_factory=dict)
    by_policy: list[tuple[str, int]] = field(default_factory=list)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    by_month: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # year, month, meetings, visits
    open_followups: int = 0
    overdue_followups: list[dict] = field(default_factory=list)
    overdue_followup_count: int = 0
    overdue_projects: list[dict] = field(default_factory=list)


def _month_keys(today: date, n: int = MONTHS) -> list[tuple[int, int]]:
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        out.append((y, m))
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out[::-1]


def load_dashboard(store, today: date | None = None) -> DashboardData:
    """Worker side: every figure the dashboard shows."""
    today = today or date.today()
    data = DashboardData(today=today)
    status = store.status()
    data.counts = status["counts"]
    for code in reference().policy_fields:
        n = store.count(RecordFilter(kinds=("meeting",), policy_fields=(code,)))
        if n:
            data.by_policy.append((code, n))
    data.by_policy.sort(key=lambda kv: -kv[1])

    countries: Counter[str] = Counter()
    months: Counter[tuple[int, int, str]] = Counter()
    first_month = _month_keys(today)[0]
    ids = store.ids(RecordFilter(kinds=("meeting", "visit")), sort="date")
    for i in range(0, len(ids), CHUNK):
        for row in store.summaries(ids[i : i + CHUNK]):
            if row["country"]:
                countries[row["country"]] += 1
            d = row["date"]
            if d:
                key = (int(d[:4]), int(d[5:7]))
                if first_month <= key <= (today.year, today.month):
                    months[(*key, row["kind"])] += 1
    data.by_country = countries.most_common(TOP_COUNTRIES)
    data.by_month = [
        (y, m, months[(y, m, "meeting")], months[(y, m, "visit")]) for y, m in _month_keys(today)
    ]

    data.open_followups = store.count(RecordFilter(kinds=("followup",), statuses=("open",)))
    overdue = RecordFilter(kinds=("followup",), overdue=True, today=today)
    data.overdue_followup_count = store.count(overdue)
    records = store.query(overdue, sort="due", limit=LIST_ROWS)
    parents = {s["id"]: s for s in store.summaries({r.parent_id for r in records if r.parent_id})}
    for r in records:
        p = parents.get(r.parent_id or "", {})
        data.overdue_followups.append(
            {
                "id": r.id,
                "text": r.text,
                "owner": r.owner,
                "due": r.due,
                "parent": p.get("title", ""),
                "days": (today - r.due).days if r.due else 0,
            }  # fmt: skip
        )
    for p in store.query(RecordFilter(kinds=("project",), overdue=True, today=today), sort="due"):
        late = []
        if p.interim_report_overdue(today):
            late.append(("interim", p.interim_report_due))
        if p.completion_report_overdue(today):
            late.append(("completion", p.completion_report_due))
        if late:
            data.overdue_projects.append(
                {
                    "id": p.id,
                    "title": p.title,
                    "country": p.country,
                    "late": late,
                    "days": (today - min(d for _k, d in late)).days,
                }  # fmt: skip
            )
    return data
