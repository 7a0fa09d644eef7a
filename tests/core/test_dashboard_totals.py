"""The dashboard's running totals (fieldkit.core.dashboard_totals) against the records themselves:
after an upgrade, and after every kind of write, in any order (a total that drifts once stays
wrong until the next upgrade, so they are compared with a count from the rows after each step)."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from fieldkit.core import dashboard, dashboard_totals, demo, schema
from fieldkit.core.followup_rows import ReadAbandoned
from fieldkit.core.models import Meeting
from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import reference
from fieldkit.core.store import Store
from fieldkit.core.transfer import export_jsonl, import_jsonl

SCHEMA3 = Path(__file__).parent.parent / "data" / "stores" / "schema3" / "fieldkit.db"
TODAY = date(2026, 12, 1)


def counted_from_rows(conn) -> Counter:
    """What the totals should hold, worked out in Python from the records' columns."""
    want: Counter = Counter()
    rows = conn.execute(
        "SELECT kind, country, date, tags, status, due FROM records WHERE deleted_at IS NULL"
    )
    for kind, country, day, tags, status, due in rows:
        if kind in ("meeting", "visit"):
            want[(kind, "", country or "", (day or "")[:7])] += 1
        elif kind == "followup":
            want[(kind, "", status or "", due or "")] += 1
        else:
            want[(kind, "", "", "")] += 1
        if kind == "meeting":
            want[("meeting", "tags", tags, "")] += 1
    return want


def kept_totals(conn) -> Counter:
    rows = conn.execute(f"SELECT kind, dim, a, b, n FROM {dashboard_totals.TABLE} WHERE n != 0")
    return Counter({(kind, dim, a, b): n for kind, dim, a, b, n in rows})


def assert_right(store) -> None:
    with store.tx.read() as conn:
        assert dashboard_totals.kept(conn)
        assert kept_totals(conn) == counted_from_rows(conn)


def scanned(store, today: date = TODAY) -> dashboard.DashboardData:
    """The figures counted from the indexes, as a store without the totals is: the triggers
    dropped in a transaction that is rolled back, the kept figures forgotten."""
    conn = store.tx.conn
    with store.tx.lock:
        conn.execute("BEGIN")
        try:
            for name in dashboard_totals.TRIGGERS:
                conn.execute(f"DROP TRIGGER {name}")
            conn.execute("DELETE FROM dashboard_cache")
            with store.tx.read() as c:
                assert not dashboard_totals.kept(c)
            figures = dashboard.load_figures(store, today)
            figures.changes = None  # nothing to keep: the store is put back as it was
            return dashboard.load_details(store, figures)
        finally:
            conn.execute("ROLLBACK")


def from_totals(store, today: date = TODAY) -> dashboard.DashboardData:
    with store.tx.write() as conn:
        conn.execute("DELETE FROM dashboard_cache")
    data = dashboard.load_dashboard(store, today)
    data.changes = None
    return data


@pytest.fixture
def demo_store(store):
    demo.generate(store, meetings=150, visits=40, projects=30, seed=7, today=TODAY)
    return store


def test_the_figures_from_the_totals_are_the_counted_ones(demo_store):
    assert_right(demo_store)
    counted = scanned(demo_store)
    got = from_totals(demo_store)
    assert got == counted
    assert got.by_policy and got.by_country and got.overdue_followup_count
    assert sum(m + v for _y, _mo, m, v in got.by_month)
    for later in (TODAY + timedelta(days=40), TODAY - timedelta(days=200)):  # overdue moves
        assert from_totals(demo_store, later) == scanned(demo_store, later)


def test_totals_follow_every_kind_of_write(demo_store, tmp_path):
    from sync.state import SyncState

    rng = random.Random(18)
    store = demo_store
    records = {kind: [r.id for r in store.query(RecordFilter(kinds=(kind,)))]
               for kind in ("meeting", "visit", "followup", "project")}  # fmt: skip
    countries = ["KE", "VN", "ID", "TZ"]
    policy = list(reference().policy_fields)[:4]
    for step in range(150):
        kind = rng.choice(["meeting", "followup", "visit"])
        rid = rng.choice(records[kind])
        rec = store.get(rid, include_deleted=True)
        action = rng.choice(["edit", "edit", "trash", "restore", "create"])
        if action == "trash" and not rec.deleted:
            store.delete(rid)
        elif action == "restore" and rec.deleted:
            store.restore(rid)
        elif action == "create":
            day = TODAY - timedelta(days=rng.randint(0, 400))
            made = store.create(
                Meeting(
                    subject=f"Step {step}",
                    date=day,
                    country=rng.choice(countries),
                    policy_fields=rng.sample(policy, rng.randint(0, 2)),
                    approval={"status": "draft"},
                )
            )
            records["meeting"].append(made.id)
        elif not rec.deleted:  # an edit moving it between totals, or not
            day = TODAY + timedelta(days=rng.randint(-400, 90))
            if kind == "followup":
                values = rng.choice([{"status": "done"}, {"status": "open"},
                                     {"due": day.isoformat()}, {"owner": "someone"}])  # fmt: skip
            else:
                values = rng.choice([{"country": rng.choice(countries)}, {"date": day.isoformat()}])
                if kind == "meeting" and rng.random() < 0.5:
                    values = {"policy_fields": rng.sample(policy, rng.randint(0, 3))}
            try:
                store.update(rid, values)
            except Exception:  # noqa: BLE001 - approved records are locked: not this test's point
                continue
        assert_right(store)

    # Plain SQL, as sync's bookkeeping and upgrade steps write.
    with store.tx.write() as conn:
        conn.execute("UPDATE records SET country = 'TZ' WHERE kind = 'visit' AND rowid % 3 = 0")
        conn.execute("UPDATE records SET server_version = 5")
        conn.execute(
            "UPDATE records SET due = '2020-01-01' WHERE due IS NOT NULL AND rowid % 4 = 0"
        )
        conn.execute("UPDATE records SET status = 'done' WHERE kind = 'followup' AND rowid % 5 = 0")
        conn.execute("DELETE FROM records WHERE kind = 'followup' AND rowid % 7 = 0")
        conn.execute("UPDATE records SET kind = 'visit' WHERE rowid = (SELECT min(rowid) FROM "
                     "records WHERE kind = 'meeting')")  # fmt: skip
    assert_right(store)

    # Sync: a first pull (written in bulk) and the same records again (one by one), then HQ
    # withdrawing some (deleted outright).
    other = Store.open(tmp_path / "hq-laptop")
    try:
        demo.generate(other, meetings=30, visits=5, projects=3, seed=9, today=TODAY)
        pulled = [r.model_dump(mode="json") for r in other.query(RecordFilter())]
    finally:
        other.close()
    state = SyncState(store)
    state.apply_page(pulled, list(range(1, len(pulled) + 1)), len(pulled))
    assert_right(store)
    again = [d | {"revision": d["revision"] + 1, "country": "GH"} if d["kind"] == "visit" else d
             for d in pulled]  # fmt: skip
    state.apply_page(again, list(range(100, 100 + len(again))), 200)
    assert_right(store)
    state.withdraw([d["id"] for d in pulled[:20]])
    assert_right(store)

    # An import into another store, of everything this one holds (trash included).
    jsonl = tmp_path / "all.jsonl"
    with open(jsonl, "w", encoding="utf-8") as out:
        for flt in (RecordFilter(), RecordFilter(deleted=True)):
            export_jsonl(store.query(flt), out)
    fresh = Store.open(tmp_path / "imported")
    try:
        import_jsonl(fresh, jsonl)
        assert_right(fresh)
        assert from_totals(fresh) == scanned(fresh)
    finally:
        fresh.close()
    assert from_totals(store) == scanned(store)


def test_a_schema3_store_gets_the_totals_of_its_records(tmp_path):
    shutil.copy(SCHEMA3, tmp_path / "fieldkit.db")
    store = Store.open(tmp_path)
    try:
        assert schema.user_version(store.conn) == schema.CURRENT
        assert_right(store)
        assert from_totals(store) == scanned(store)
        meeting = next(iter(store.query(RecordFilter(kinds=("meeting",)))))
        store.delete(meeting.id)
        assert_right(store)
        store.restore(meeting.id)
        assert_right(store)
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "fieldkit.db") as conn:  # the change counter still counts
        n = conn.execute("SELECT n FROM records_changes").fetchone()[0]
        conn.execute("UPDATE records SET title = title || ' ' WHERE rowid = 1")
        assert conn.execute("SELECT n FROM records_changes").fetchone()[0] == n + 1


def test_without_its_triggers_the_change_number_is_not_trusted(demo_store):
    """A step that rebuilt ``records`` would drop its triggers: the kept figures and the totals
    are then not used, rather than shown although records changed."""
    with demo_store.tx.write() as conn:
        conn.execute(f"DROP TRIGGER {dashboard_totals.TRIGGERS[0]}")
    with demo_store.tx.read() as conn:
        assert not dashboard_totals.kept(conn)
        from fieldkit.core import dashboard_cache

        assert dashboard_cache.changes(conn) is None
    data = dashboard.load_dashboard(demo_store, TODAY)
    assert data.complete and data.counts["meeting"] and data.changes is None


def test_a_stale_count_stops(demo_store):
    with pytest.raises(ReadAbandoned):
        dashboard.load_figures(demo_store, TODAY, stale=lambda: True)
    figures = dashboard.load_figures(demo_store, TODAY, stale=lambda: False)
    with pytest.raises(ReadAbandoned):
        dashboard.load_details(demo_store, replace(figures, complete=False), stale=lambda: True)

    # Inside a query: SQLite's progress handler asks, and the read gives up.
    asked = []

    def stale() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(ReadAbandoned), dashboard._reading(demo_store, stale) as conn:
        conn.execute(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1e8) "
            "SELECT count(*) FROM c"
        ).fetchone()
    with demo_store.tx.read() as conn:  # the handler is gone: the next read runs to its end
        assert conn.execute("SELECT count(*) FROM records").fetchone()[0]
