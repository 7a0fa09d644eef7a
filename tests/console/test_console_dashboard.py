"""The console's dashboards over HTTP: meetings and visits per month by country and by policy
field, overdue follow-ups and project reports, laptops' last sync. Every figure is checked against
the records HQ holds (read from the records table, not the console's index) and every figure's
link against the records list it opens."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from console_helpers import db_of

from fieldkit.core.models import record_from_json

CELL = re.compile(r'data-cell="(\d{4}-\d{2}) (\w+)"><a href="(/console/records\?[^"]+)">(\d+)</a>')


def _since() -> str:
    today = date.today()
    return (today.replace(day=1) - timedelta(days=335)).replace(day=1).isoformat()


def _held(app, embassies=None) -> tuple[Counter, Counter]:
    """(month, embassy) and (month, policy field) counts of live meetings and visits."""
    by_post, by_field = Counter(), Counter()
    with db_of(app).read() as c:
        rows = c.execute(
            "SELECT embassy, data FROM records WHERE kind IN ('meeting', 'visit') AND deleted = 0"
        ).fetchall()
    for embassy, data in rows:
        if embassies is not None and embassy not in embassies:
            continue
        rec = record_from_json(data)
        day = rec.sort_date()
        if not day or str(day) < _since():
            continue
        month = str(day)[:7]
        by_post[month, embassy] += 1
        for code in getattr(rec, "policy_fields", None) or ():  # visits carry none
            by_field[month, code] += 1
    return by_post, by_field


def _section(page: str, id_: str) -> str:
    start = page.index(f'id="{id_}"')
    return page[start : page.index("</section>", start)]


def _shown(page: str, id_: str) -> dict[tuple[str, str], tuple[int, str]]:
    return {(m, col): (int(n), html.unescape(href))
            for m, col, href, n in CELL.findall(_section(page, id_))}  # fmt: skip


def _listed(client, href: str) -> int:
    text = client.get(href).text
    m = re.search(r'id="count">([\d,]+) records?<', text)
    assert m, href
    return int(m.group(1).replace(",", ""))


def test_month_by_country_and_by_policy_field_match_the_records(app, client_for):
    c = client_for("admin")
    page = c.get("/console/")
    assert page.status_code == 200
    by_post, by_field = _held(app)
    assert by_post and by_field  # the demo data reaches the dashboard's year
    assert {k: n for k, (n, _h) in _shown(page.text, "month-country").items()} == dict(by_post)
    assert {k: n for k, (n, _h) in _shown(page.text, "month-field").items()} == dict(by_field)
    # The year's totals per policy field (meetings: visits carry no policy field).
    totals = Counter()
    for (_m, code), n in by_field.items():
        totals[code] += n
    card = re.findall(r'field=(\w+)&from=[\d-]+">[^<]*</a></td>\s*<td>(\d+)</td>', page.text)
    assert {code: int(n) for code, n in card if int(n)} == dict(totals)
    # Each figure opens the records it counts: the biggest cell of each table, checked by link.
    for id_ in ("month-country", "month-field"):
        shown = _shown(page.text, id_)
        (month, col), (n, href) = max(shown.items(), key=lambda kv: kv[1][0])
        assert f"from={month}-01" in href and col in href
        assert _listed(c, href) == n


def test_officer_dashboard_keeps_to_their_countries(app, client_for):
    ke = client_for("ke_officer")
    page = ke.get("/console/").text
    by_post, _by_field = _held(app, embassies={"KE"})
    shown = _shown(page, "month-country")
    assert {col for _m, col in shown} == {"KE"}
    assert {k: n for k, (n, _h) in shown.items()} == dict(by_post)
    _p, ke_fields = _held(app, embassies={"KE"})
    assert {k: n for k, (n, _h) in _shown(page, "month-field").items()} == dict(ke_fields)


def test_overdue_and_stale_laptops_match_the_records(app, client_for):
    c = client_for("admin")
    # One laptop quiet for 14 days and an hour, one for 13 days 23 hours, one never synced.
    now = datetime.now(UTC)
    with db_of(app).write() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM devices ORDER BY id LIMIT 3")]
        quiet = (now - timedelta(days=14, hours=1), now - timedelta(days=13, hours=23), None)
        for device_id, last in zip(ids, quiet, strict=True):
            iso = last.isoformat(timespec="milliseconds") if last else None
            conn.execute("UPDATE devices SET last_sync = ? WHERE id = ?", (iso, device_id))
    page = c.get("/console/").text
    today = date.today().isoformat()
    late = Counter()
    with db_of(app).read() as conn:
        rows = conn.execute(
            "SELECT embassy, kind, data FROM records WHERE kind IN ('followup', 'project') "
            "AND deleted = 0"
        ).fetchall()
        devices = conn.execute(
            "SELECT embassy, name, last_sync, revoked_at FROM devices"
        ).fetchall()
    assert rows
    for embassy, kind, data in rows:
        raw = json.loads(data)
        due = raw.get("due") if kind == "followup" else None
        if kind == "followup" and raw.get("status") == "open" and due and due < today:
            late[embassy, "followup"] += 1
        if kind == "project":
            # A report due and not received, whatever the project's status (as on the laptop).
            pending = [
                raw.get(f"{r}_report_due")
                for r in ("interim", "completion")
                if raw.get(f"{r}_report_due") and not raw.get(f"{r}_report_received")
            ]
            if pending and min(pending) < today:
                late[embassy, "project"] += 1
    assert any(k == "followup" for _e, k in late)  # the demo data has overdue follow-ups
    for embassy, n in {e: n for (e, k), n in late.items() if k == "followup"}.items():
        href = f"/console/records?post={embassy}&kind=followup&status=open&overdue=1"
        assert f'<a href="{href}">{n}</a>' in page, embassy
        assert _listed(c, href) == n
    assert any(k == "project" for _e, k in late)  # the demo data has late project reports
    for embassy, n in {e: n for (e, k), n in late.items() if k == "project"}.items():
        href = f"/console/records?post={embassy}&kind=project&overdue=1"
        assert f'<a href="{href}">{n}</a>' in page, embassy
        assert _listed(c, href) == n
    # Laptops that last synced more than 14 days ago (or never) are marked; the others are not.
    stale_before = (now - timedelta(days=14)).isoformat(timespec="milliseconds")
    stale = [name for _e, name, last, revoked in devices
             if not revoked and (not last or last < stale_before)]  # fmt: skip
    assert len(stale) == 2
    assert page.count("no sync for 14 days") == 2
    rows = re.findall(r'<tr class="late"><td>[^<]*</td><td>([^<]*)</td>', page)
    assert sorted(html.unescape(r) for r in rows) == sorted(stale)
    for _e, name, _l, _r in devices:
        assert html.escape(name) in page
