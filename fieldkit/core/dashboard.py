"""Every figure the dashboard shows, read from the store (no Qt: any caller can use it).

The counts come from the running totals the store's triggers keep (``dashboard_totals``: a few
hundred rows), and ``load_figures`` returns every figure at once (5 ms at 100,000 meetings). A
store without them is counted from its indexes, grouped in SQL (0.17 s of CPU at 100,000 meetings;
8 s when they were read record by record), in two steps so the cards show first: ``load_figures``
the headline counts, ``load_details`` the charts and lists. Until a record changes, the next start
reads neither: ``dashboard_cache`` keeps the last complete figures. Both steps stop
(``ReadAbandoned``) once ``stale()`` is true: the page was closed, or a newer read replaces them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from fieldkit.core import dashboard_cache, dashboard_totals
from fieldkit.core.envelope import KINDS
from fieldkit.core.followup_rows import PROGRESS_OPS, ReadAbandoned, followup_rows
from fieldkit.core.grant_reference import scheme_rules
from fieldkit.core.query import RecordFilter, order_clause, where_clause
from fieldkit.core.reference import reference
from fieldkit.core.soonest import soonest_due_ids

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
    # The next summits the post's countries take part in: (code, start or None, days or None).
    next_summits: list[tuple[str, date | None, int | None]] = field(default_factory=list)
    complete: bool = False  # False: the headline figures only (load_figures), charts to come
    # Grant monitoring (#15): flag code -> projects (visits, for ratings) carrying it.
    grant_flags: dict[str, int] = field(default_factory=dict)
    changes: int | None = None  # the records' change number they were counted at (dashboard_cache)


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
    return load_details(store, load_figures(store, today))


@contextmanager
def _reading(store, stale: Callable[[], bool] | None) -> Iterator[Any]:
    """The store's connection, for reads that SQLite stops (progress handler) once ``stale()``
    is true: closing the window does not wait for a count nobody will see."""
    _check(stale)
    with store.tx.read() as conn:
        if stale is None:
            yield conn
            return
        conn.set_progress_handler(stale, PROGRESS_OPS)
        try:
            yield conn
        except Exception:
            if stale():  # SQLite's "interrupted", or anything after it: nobody wants the answer
                raise ReadAbandoned() from None
            raise
        finally:
            conn.set_progress_handler(None, 0)


def load_figures(
    store, today: date | None = None, stale: Callable[[], bool] | None = None
) -> DashboardData:
    """Every figure from the running totals; in a store without them, the headline counts only,
    one pass over a covering index (a COUNT per figure read every follow-up's row: 1.3 s at
    100,000), the rest to come from ``load_details``."""
    today = today or date.today()
    data = DashboardData(today=today)
    data.counts = dict.fromkeys(KINDS, 0)
    with _reading(store, stale) as conn:
        counted_at = dashboard_cache.changes(conn)
        kept = dashboard_cache.kept(conn, today)
        if kept is not None:  # no record changed since they were counted: every figure at once
            kept.next_summits = next_summits(store, today)
            return kept
        totals = dashboard_totals.kept(conn)
        count = dashboard_totals.headline if totals else _scanned_figures
        per_kind, data.open_followups, data.overdue_followup_count = count(conn, today)
        data.changes = counted_at
        for kind, n in per_kind.items():
            data.counts[kind] = data.counts.get(kind, 0) + n
        data.next_summits = next_summits(store, today)
        if totals:
            # The rest is a few milliseconds away too: read it now, before the store is let go,
            # rather than after the reads the window queued meanwhile (Waiting for my approval:
            # 0.3 s at 100,000 meetings, 12,000 of them submitted).
            return load_details(store, data, stale)
    return data


def _scanned_figures(conn, today: date) -> tuple[dict[str, int], int, int]:
    """``dashboard_totals.headline`` counted from the indexes."""
    # The same records as the list filters count: not in the trash; "open" by status, "overdue"
    # by due date alone (RecordFilter's overdue), so the cards match the lists they open.
    # Kinds from the (kind, deleted_at, ...) index in its own order, so grouping sorts nothing;
    # then the follow-ups alone, filtered inside the list index. One row of nine sums over every
    # record cost three times the CPU (0.11 s at 100,000 meetings against 0.035).
    where, params = where_clause(RecordFilter())
    kinds_sql = (
        f"SELECT r.kind, count(*) FROM records r INDEXED BY records_kind_date WHERE {where} "
        "GROUP BY r.kind"
    )
    actions_where, actions_params = where_clause(RecordFilter(kinds=("followup",)))
    actions_sql = (
        "SELECT sum(r.status = 'open'), sum(r.due < ?) FROM records r INDEXED BY records_list "
        f"WHERE {actions_where}"
    )
    per_kind = dict(conn.execute(kinds_sql, params).fetchall())
    open_, overdue = conn.execute(actions_sql, [today.isoformat(), *actions_params]).fetchone()
    return per_kind, open_ or 0, overdue or 0


def next_summits(store, today: date, n: int = 3) -> list[tuple[str, date | None, int | None]]:
    """The countdown to the next summits of the post's countries (every summit when no post of
    the list is set): no store read, so the cards show it at once."""
    countries = store.settings.post_countries()
    return [
        (s.code, start, (start - today).days if start else None)
        for s, start in reference().upcoming_summits(countries, today)[:n]
    ]


def _grouped(conn, flt: RecordFilter, columns: str) -> list[tuple]:
    """``columns`` and the number of records of each of their values, among ``flt``'s records,
    from the list index, which holds every column grouped here (left to itself, SQLite filtered
    the kind through the kind index and read every meeting's row: 1.2 s at 100,000)."""
    where, params = where_clause(flt)
    sql = (
        f"SELECT {columns}, count(*) FROM records r INDEXED BY records_list WHERE {where} "
        f"GROUP BY {columns}"
    )
    return conn.execute(sql, params).fetchall()


def _countries(conn) -> list[tuple[str, int]]:
    """Meetings and visits not in the trash, by country."""
    charted = ("meeting", "visit")
    every = (
        "SELECT r.country, count(*) FROM records r INDEXED BY records_kind_country "
        "WHERE r.kind IN (?, ?) GROUP BY r.kind, r.country"
    )
    trashed = (
        "SELECT r.country, count(*) FROM records r INDEXED BY records_list "
        "WHERE r.deleted_at IS NOT NULL AND r.kind IN (?, ?) GROUP BY r.kind, r.country"
    )
    countries: Counter[str] = Counter()
    for country, n in conn.execute(every, charted):
        countries[country] += n
    for country, n in conn.execute(trashed, charted):
        countries[country] -= n
    return [(c, n) for c, n in countries.items() if c and n > 0]


def _groupings(store, since: date, stale) -> tuple[list, list, list]:
    """(tags, n), (country, n) and (kind, yyyy-mm, n) of the meetings and visits not in the
    trash (dated from ``since`` for the months): from the running totals, or the indexes."""
    with _reading(store, stale) as conn:
        if dashboard_totals.kept(conn):
            return (
                dashboard_totals.by_tags(conn),
                dashboard_totals.by_country(conn),
                dashboard_totals.by_month(conn, since.isoformat()[:7]),
            )
    # Countries come from the (kind, country) index in its own order (no sort: 0.016 s of CPU
    # at 100,000 against 0.09 grouped from the list index), less the records in the trash, a
    # short range at the head of the list index. One read each: the window's other reads are
    # not held up behind all three.
    with _reading(store, stale) as conn:
        tags = _grouped(conn, RecordFilter(kinds=("meeting",)), "r.tags")
    with _reading(store, stale) as conn:
        countries = _countries(conn)
    with _reading(store, stale) as conn:
        dated = RecordFilter(kinds=("meeting", "visit"), date_from=since)
        months = _grouped(conn, dated, "r.kind, substr(r.date, 1, 7)")
    return tags, countries, months


def load_details(
    store, figures: DashboardData, stale: Callable[[], bool] | None = None
) -> DashboardData:
    """The charts, the overdue lists and the projects with late reports, beside ``figures``."""
    if figures.complete:  # kept from an earlier count (dashboard_cache)
        return figures
    today = figures.today
    data = replace(figures, complete=True)
    data.by_policy, data.by_country, data.by_month = [], [], []
    data.overdue_followups, data.overdue_projects = [], []
    keys = _month_keys(today)
    tags, countries, months = _groupings(store, date(*keys[0], 1), stale)
    # Policy fields are words in the tags column (' gx digital '): the few distinct tag sets of
    # meetings are summed here.
    policy: Counter[str] = Counter()
    for tagged, n in tags:
        for code in set((tagged or "").split()):
            policy[code] += n
    data.by_policy = [(code, policy[code]) for code in reference().policy_fields if policy[code]]
    data.by_policy.sort(key=lambda kv: -kv[1])
    data.by_country = sorted(countries, key=lambda kv: (-kv[1], kv[0]))[:TOP_COUNTRIES]
    in_month: Counter[tuple[int, int, str]] = Counter()
    for kind, month, n in months:
        if month and len(month) == 7:
            in_month[(int(month[:4]), int(month[5:7]), kind)] += n
    data.by_month = [
        (y, m, in_month[(y, m, "meeting")], in_month[(y, m, "visit")]) for y, m in keys
    ]
    from fieldkit.core.grant_flags import flag_counts  # with the details: not on start-up's path

    _check(stale)
    data.grant_flags = flag_counts(store, today)
    # The first overdue follow-ups by due date, from the due-date index (soonest.py), and the
    # projects with late reports, read from the stored JSON: building their pydantic models
    # imported pydantic and every model on the dashboard's path (0.2 s of a 0.25 s cold read).
    _check(stale)
    overdue = RecordFilter(kinds=("followup",), overdue=True, today=today)
    for f in followup_rows(store, soonest_due_ids(store, overdue, LIST_ROWS)):
        due = date.fromisoformat(f["due"]) if f["due"] else None
        data.overdue_followups.append(
            {
                "id": f["id"],
                "text": f["text"] or "",
                "owner": f["owner"] or "",
                "due": due,
                "parent": f["parent_title"],
                "days": (today - due).days if due else 0,
            }  # fmt: skip
        )
    _check(stale)
    for p in _projects_due(store, today):
        late = _late_reports(p, today)
        if late:
            data.overdue_projects.append(
                {
                    "id": p["id"],
                    "title": p["title"] or "",
                    "country": p["country"],
                    "late": late,
                    "days": (today - min(d for _k, d in late)).days,
                }  # fmt: skip
            )
    _check(stale)
    dashboard_cache.keep(store, data, data.changes)
    return data


def _check(stale: Callable[[], bool] | None) -> None:
    if stale is not None and stale():
        raise ReadAbandoned()


_REPORT_FIELDS = ("title", "country", "scheme", "interim_report_due", "interim_report_received",
                  "completion_report_due", "completion_report_received")  # fmt: skip


def _projects_due(store, today: date) -> list[dict]:
    """The projects with a report outstanding before ``today`` (the list's overdue filter), by
    due date: the fields their late reports are worked out from."""
    where, params = where_clause(RecordFilter(kinds=("project",), overdue=True, today=today))
    paths = ", ".join(f"'$.{name}'" for name in _REPORT_FIELDS)
    sql = (
        f"SELECT r.id, json_extract(r.data, {paths}) FROM records r WHERE {where} "
        f"ORDER BY {order_clause('due')}"
    )
    with store.tx.read() as conn:
        rows = conn.execute(sql, params).fetchall()
    return [
        {"id": rid, **dict(zip(_REPORT_FIELDS, json.loads(values), strict=True))}
        for rid, values in rows
    ]


def _late_reports(project: dict, today: date) -> list[tuple[str, date]]:
    """Project.interim_report_overdue / completion_report_overdue on the stored fields: a report
    the project's scheme asks the grantee for, due before ``today`` and not received."""
    asked = scheme_rules(project["scheme"] or "other").reports
    late = []
    for report in ("interim", "completion"):
        due = project[f"{report}_report_due"]
        if due and not project[f"{report}_report_received"] and report in asked:
            due = date.fromisoformat(due)
            if due < today:
                late.append((report, due))
    return late
