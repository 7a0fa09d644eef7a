"""Start-up reads at scale (#18): the dashboard's sums and groups read from the list index give the
records' own numbers, and the follow-ups' whole-list read stops when nobody wants it any more
(closing the window does not wait for it)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import date

import pytest
import shell_helpers
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shell_helpers import WAIT

from fieldkit.core import dashboard, followup_rows
from fieldkit.core.query import RecordFilter
from fieldkit.ui import followups, ops
from fieldkit.ui.main_window import MainWindow

shell = shell_helpers.shell
demo = shell_helpers.demo

TODAY = date(2026, 12, 1)


def test_dashboard_figures_are_the_records_own(demo):
    meeting = next(iter(demo.query(RecordFilter(kinds=("meeting",)))))
    demo.delete(meeting.id)  # in the trash: counted nowhere
    records = [r for kind in ("meeting", "visit", "followup", "project")
               for r in demo.query(RecordFilter(kinds=(kind,)))]  # fmt: skip
    assert meeting.id not in {r.id for r in records}

    data = dashboard.load_dashboard(demo, TODAY)

    kinds = Counter(r.kind for r in records)
    for kind in ("meeting", "visit", "followup", "project"):
        assert data.counts[kind] == kinds[kind] > 0
    actions = [r for r in records if r.kind == "followup"]
    assert data.open_followups == sum(r.status == "open" for r in actions)
    overdue = sum(r.status == "open" and r.due is not None and r.due < TODAY for r in actions)
    assert data.overdue_followup_count == overdue > 0
    charted = [r for r in records if r.kind in ("meeting", "visit")]
    countries = Counter(r.country_code() for r in charted if r.country_code())
    top = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[: dashboard.TOP_COUNTRIES]
    assert data.by_country == top
    policy = Counter(p for r in charted if r.kind == "meeting" for p in set(r.policy_fields))
    assert dict(data.by_policy) == dict(policy)
    dated = [(r.sort_date(), r.kind) for r in charted if r.sort_date()]
    months = Counter((d.year, d.month, kind) for d, kind in dated)
    assert data.by_month == [(y, m, months[(y, m, "meeting")], months[(y, m, "visit")])
                             for y, m in dashboard._month_keys(TODAY)]  # fmt: skip
    assert sum(n + v for _y, _m, n, v in data.by_month) > 0
    # The lists, read from the stored JSON, say what the records' models say.
    late = [r for r in actions if r.status == "open" and r.due and r.due < TODAY]
    late.sort(key=lambda r: r.due)
    assert [f["due"] for f in data.overdue_followups] == [r.due for r in late][
        : dashboard.LIST_ROWS
    ]
    assert {(f["due"], f["text"], f["owner"]) for f in data.overdue_followups} <= {
        (r.due, r.text, r.owner) for r in late
    }
    projects = {
        p.id: [(k, d) for k, d, late in (
            ("interim", p.interim_report_due, p.interim_report_overdue(TODAY)),
            ("completion", p.completion_report_due, p.completion_report_overdue(TODAY)),
        ) if late]
        for p in records if p.kind == "project"
    }  # fmt: skip
    assert {p["id"]: p["late"] for p in data.overdue_projects} == {
        pid: late for pid, late in projects.items() if late
    }
    assert data.overdue_projects and all(p["title"] for p in data.overdue_projects)


def test_dashboard_figures_are_kept_until_a_record_changes(demo, monkeypatch):
    counted = dashboard.load_dashboard(demo, TODAY)
    assert counted.complete and counted.changes is not None

    def no_count(*_args):
        raise AssertionError("counted again")

    real_groupings = dashboard._groupings
    monkeypatch.setattr(dashboard, "_groupings", no_count)
    kept = dashboard.load_figures(demo, TODAY)  # no change since: everything, without a count
    assert kept == counted and kept is not counted
    assert dashboard.load_details(demo, kept) is kept
    with pytest.raises(AssertionError, match="counted again"):  # another day: counted again
        dashboard.load_dashboard(demo, date(2026, 12, 2))
    monkeypatch.setattr(dashboard, "_groupings", real_groupings)

    # Any write to a record, whoever makes it (here SQL as sync's bookkeeping does), recounts.
    top, n = counted.by_country[0]
    meeting = next(m for m in demo.query(RecordFilter(kinds=("meeting",))) if m.country != top)
    with demo.tx.write() as conn:
        conn.execute("UPDATE records SET country = ? WHERE id = ?", (top, meeting.id))
    recounted = dashboard.load_dashboard(demo, TODAY)
    assert recounted.by_country[0] == (top, n + 1)
    assert recounted.changes > counted.changes
    demo.delete(meeting.id)
    after_delete = dashboard.load_dashboard(demo, TODAY)
    assert after_delete.counts["meeting"] == counted.counts["meeting"] - 1
    assert dashboard.load_figures(demo, TODAY) == after_delete


def test_the_first_screenful_does_not_wait_for_the_count(demo):
    flt = RecordFilter(kinds=("followup",), statuses=("open",))
    rows, total = followups.load_followups(demo, False, 5, count=False)
    assert len(rows) == 5 and total is None  # more to come: counted with the whole list
    rows, total = followups.load_followups(demo, False, 10_000, count=False)
    assert len(rows) == total == demo.count(flt)  # all of them: the count is known anyway
    assert followups.load_followups(demo, False, 5)[1] == demo.count(flt)


def test_a_stale_follow_up_read_is_abandoned(demo, monkeypatch):
    flt = RecordFilter(kinds=("followup",))
    everything = followup_rows.due_ids(demo, flt, 10_000)
    assert len(everything) == demo.count(flt)
    # Inside the ordered id query (SQLite's progress handler asks), and between row chunks.
    monkeypatch.setattr(followup_rows, "PROGRESS_OPS", 10)
    with pytest.raises(followup_rows.ReadAbandoned):
        followup_rows.due_ids(demo, flt, 10_000, stale=lambda: True)
    with pytest.raises(followup_rows.ReadAbandoned):
        followup_rows.followup_rows(demo, everything, stale=lambda: True)
    # The page's loader turns it into the operation nobody is told about.
    with pytest.raises(ops.Cancelled):
        followups.load_followups(demo, True, stale=lambda: True)
    # The store answers again afterwards (the progress handler is gone).
    assert followup_rows.due_ids(demo, flt, 10_000) == everything


def test_closing_on_follow_ups_does_not_wait_for_the_whole_list(demo, qtbot, monkeypatch):
    """The window closes while the whole list is being read (held here as a slow read would be,
    until it is told it is stale): the read stops and nothing is waited out or shown."""
    monkeypatch.setattr(followups, "FIRST_ROWS", 5)
    real = followup_rows.followup_rows
    reading = threading.Event()

    def slow(store, ids, stale=lambda: False):
        if len(ids) > 5:  # the whole list, after the first rows
            reading.set()
            deadline = time.monotonic() + 30
            while not stale() and time.monotonic() < deadline:
                time.sleep(0.01)
        return real(store, ids, stale)

    monkeypatch.setattr(followup_rows, "followup_rows", slow)
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.navigate("followups")
    window.show()
    page = window.pages["followups"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=WAIT)
    assert reading.wait(WAIT / 1000)

    started = time.monotonic()
    window.close()
    assert ops.wait_all(WAIT)
    assert time.monotonic() - started < 5  # not the 30 s the held read would take
    QApplication.processEvents()
    assert page.model.rowCount() == 5  # the abandoned read showed nothing


def test_the_model_sorts_and_the_selection_follows(demo, qtbot):
    """The rows are sorted once by key in the model (the proxy comparing rows one pair at a time
    through data() froze the window for 3 s on 20,000 rows); the selected row stays selected."""
    page = followups.FollowupsPage()
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    total = demo.count(RecordFilter(kinds=("followup",), statuses=("open",)))
    qtbot.waitUntil(lambda: page.model.rowCount() == total, timeout=WAIT)
    pick = page.proxy.index(3, 0)
    chosen = pick.data(followups.ID_ROLE)
    page.table.selectRow(3)
    assert page.selected_ids() == [chosen]

    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # owner, Z to A
    shown = [page.proxy.index(r, 0).data(followups.ID_ROLE) for r in range(page.proxy.rowCount())]
    rows = {r.id: r for r in page.model.rows}
    keys = [followups.FollowupModel.sort_value(rows[i], "owner") for i in shown]
    assert keys == sorted(keys, reverse=True)
    assert page.proxy.sortColumn() == -1  # the proxy keeps the model's order
    assert page.selected_ids() == [chosen]

    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # back to soonest due
    dues = [page.proxy.index(r, 0).data(followups.ID_ROLE) for r in range(page.proxy.rowCount())]
    dated = [rows[i].due for i in dues if rows[i].due]
    assert dated == sorted(dated) and page.selected_ids() == [chosen]


def test_keeping_the_figures_never_waits_for_another_writer(demo):
    """A sync from the command line holds the store's write lock: the dashboard counts, shows and
    does not wait to keep its figures (the window's other reads would queue behind it)."""
    import sqlite3

    other = sqlite3.connect(demo.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        counted = dashboard.load_dashboard(demo, TODAY)
        assert counted.complete and time.monotonic() - started < 2
        with demo.tx.read() as conn:
            assert conn.execute("SELECT count(*) FROM dashboard_cache").fetchone()[0] == 0
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0  # put back
    finally:
        other.execute("ROLLBACK")
        other.close()
    dashboard.load_dashboard(demo, TODAY)  # the lock is gone: kept now
    assert dashboard.load_figures(demo, TODAY).complete
