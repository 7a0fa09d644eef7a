"""The dashboard at start-up: "counting…" until its figures arrive, never "No records yet" meanwhile;
every figure in one read from the running totals, or, counted from the indexes, the headline
figures first and the charts and lists after (fieldkit.core.dashboard's two steps); a read nobody
wants any more (closed, hidden, reloaded) stops."""

from __future__ import annotations

import threading
import time

import pytest
import shell_helpers
from PySide6.QtWidgets import QApplication
from shell_helpers import WAIT

from fieldkit.core import dashboard as core_dashboard
from fieldkit.core import dashboard_totals
from fieldkit.core.query import RecordFilter
from fieldkit.ui import dashboard as ui_dashboard
from fieldkit.ui import i18n, ops
from fieldkit.ui.dashboard import DashboardPage
from fieldkit.ui.main_window import MainWindow

shell = shell_helpers.shell
demo = shell_helpers.demo

COUNTING = "counting…"


@pytest.fixture
def held_details(monkeypatch):
    """The real ``load_details``, held on its worker thread until the test lets it go, in a store
    counted from its indexes (with the running totals every figure comes in the first read)."""
    monkeypatch.setattr(dashboard_totals, "kept", lambda _conn: False)
    release = threading.Event()
    real = core_dashboard.load_details

    def held(store, figures, stale=None):
        release.wait(WAIT / 1000)
        return real(store, figures, stale=stale)

    monkeypatch.setattr(ui_dashboard, "load_details", held)
    yield release
    release.set()


def show(qtbot) -> DashboardPage:
    page = DashboardPage()
    qtbot.addWidget(page)
    page.resize(1200, 900)
    return page


def test_counting_then_figures_then_charts(demo, qtbot, held_details):
    page = show(qtbot)
    # Before anything is read: every card and chart says it is counting, with its caption.
    assert {card.value.text() for card in page.cards.values()} == {COUNTING}
    assert page.cards["overdue"].caption.text() == "Overdue follow-ups"
    assert page.policy_chart.placeholder_text() == COUNTING
    assert page.country_chart.placeholder_text() == COUNTING
    assert page.month_chart.counting

    page.show()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=WAIT)
    counts = demo.status()["counts"]
    overdue = demo.count(RecordFilter(kinds=("followup",), overdue=True))
    open_ = demo.count(RecordFilter(kinds=("followup",), statuses=("open",)))
    assert page.cards["meeting"].value.text() == i18n.format_number(counts["meeting"])
    assert page.cards["visit"].value.text() == i18n.format_number(counts["visit"])
    assert page.cards["open"].value.text() == i18n.format_number(open_)
    assert page.cards["overdue"].value.text() == i18n.format_number(overdue)
    # The charts and the late reports are still being read: they say so, not "No records yet".
    assert page.data is None
    assert page.cards["reports"].value.text() == COUNTING
    assert page.policy_chart.placeholder_text() == COUNTING
    assert not page.policy_chart.items and page.followup_list.topLevelItemCount() == 0
    page.grab()  # paints while counting

    held_details.set()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    assert page.data.complete
    assert page.policy_chart.items and page.country_chart.items and not page.month_chart.counting
    assert page.followup_list.topLevelItemCount() == min(overdue, core_dashboard.LIST_ROWS)
    assert page.cards["reports"].value.text() == i18n.format_number(len(page.data.overdue_projects))
    assert page.data.overdue_projects


def test_figures_stay_while_a_change_is_counted(demo, qtbot, held_details):
    """A reload keeps what is on screen until its new numbers arrive (no flash of "counting…")."""
    held_details.set()
    page = show(qtbot)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    shown = {name: card.value.text() for name, card in page.cards.items()}
    before = page.data
    held_details.clear()
    page.reload()
    qtbot.wait(200)  # the figures come back; the details are held
    assert {name: card.value.text() for name, card in page.cards.items()} == shown
    assert page.policy_chart.items and page.followup_list.topLevelItemCount()
    held_details.set()
    qtbot.waitUntil(lambda: page.data is not before, timeout=WAIT)
    assert {name: card.value.text() for name, card in page.cards.items()} == shown


def test_with_the_running_totals_one_read_brings_every_figure(demo, qtbot, monkeypatch):
    def no_second_read(*_args, **_kw):
        raise AssertionError("a second read")

    monkeypatch.setattr(ui_dashboard, "load_details", no_second_read)
    with demo.tx.write() as conn:
        conn.execute("DELETE FROM dashboard_cache")
    page = show(qtbot)
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=WAIT)
    assert page.data is page.figures and page.data.complete
    assert page.policy_chart.items and page.followup_list.topLevelItemCount()
    assert page.cards["meeting"].value.text() == i18n.format_number(
        demo.status()["counts"]["meeting"]
    )


def test_an_empty_store_says_no_records_after_counting(shell, qtbot):
    page = show(qtbot)
    assert page.policy_chart.placeholder_text() == COUNTING
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    assert page.cards["meeting"].value.text() == "0"
    assert page.cards["reports"].value.text() == "0"
    assert page.policy_chart.placeholder_text() == "No records yet"
    assert page.country_chart.placeholder_text() == "No records yet"


def test_counting_in_japanese(shell, qtbot):
    i18n.apply_language("ja")
    try:
        page = show(qtbot)
        assert page.cards["meeting"].value.text() == "集計中…"
        assert page.policy_chart.placeholder_text() == "集計中…"
    finally:
        i18n.apply_language("en")


@pytest.fixture
def endless_count(demo, monkeypatch):
    """The charts' count, made one that would take minutes (SQLite counting to 10^8), unless
    SQLite's progress handler stops it; ``started`` is set once it runs. The kept figures are
    forgotten, so the page counts."""
    started = threading.Event()
    real = dashboard_totals.by_tags
    calls = []

    def endless(conn):
        calls.append(1)
        if len(calls) > 1:  # a later count: the real one
            return real(conn)
        started.set()
        conn.execute(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1e8) "
            "SELECT count(*) FROM c"
        ).fetchone()
        raise AssertionError("the count was not stopped")

    monkeypatch.setattr(dashboard_totals, "by_tags", endless)
    with demo.tx.write() as conn:
        conn.execute("DELETE FROM dashboard_cache")
    return started


def test_closing_the_window_stops_the_count(demo, qtbot, endless_count):
    """Closing the window while the charts are counted does not wait for the count: it stops,
    and nothing is reported (the shell fixture fails the test on any error)."""
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.navigate("dashboard")
    window.show()
    page = window.pages["dashboard"]
    qtbot.waitUntil(endless_count.is_set, timeout=WAIT)
    assert page.data is None

    started = time.monotonic()
    window.close()
    assert ops.wait_all(WAIT)
    assert time.monotonic() - started < 2
    QApplication.processEvents()
    assert page.data is None


def test_a_page_left_mid_count_counts_again_when_shown(demo, qtbot, endless_count):
    page = show(qtbot)
    page.show()
    qtbot.waitUntil(endless_count.is_set, timeout=WAIT)
    page.hide()  # another page is shown
    assert ops.wait_all(WAIT)
    QApplication.processEvents()
    assert page.data is None
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    assert page.policy_chart.items


def test_a_newer_reload_stops_the_count_in_flight(demo, qtbot, endless_count):
    page = show(qtbot)
    page.show()
    qtbot.waitUntil(endless_count.is_set, timeout=WAIT)
    started = time.monotonic()
    page.reload()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    assert ops.wait_all(WAIT)
    assert time.monotonic() - started < 2
    assert page.policy_chart.items
