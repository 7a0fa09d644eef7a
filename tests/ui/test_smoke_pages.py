"""``fieldkit smoke`` when the app was last closed on another page than Meetings: the window opens
on that page, and the smoke waits for that page's data (before, it waited for the meetings list,
which never loads unseen, and failed after the timeout with an empty error)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QSettings

from fieldkit.core.query import RecordFilter
from fieldkit.ui import ops, smoke
from fieldkit.ui.main_window import PAGES
from sync.state import SyncState

TIMEOUT_S = 30


def demo(store, template) -> None:
    """The session's demo records copied into the test's store (as shell_helpers.demo does)."""
    source = sqlite3.connect(template)
    try:
        with store.tx.lock:
            source.backup(store.conn)
    finally:
        source.close()


def last_page_used(store, page: str) -> None:
    """What closing the window on ``page`` leaves behind (MainWindow keeps it in window.ini)."""
    state = QSettings(str(store.data_dir / "window.ini"), QSettings.Format.IniFormat)
    state.setValue("page", page)
    state.sync()


@pytest.mark.runs_app_exec
@pytest.mark.parametrize("page", PAGES)
def test_smoke_waits_for_the_page_the_window_opens_on(store, qapp, demo_template, page):
    demo(store, demo_template)
    last_page_used(store, page)
    try:
        result = smoke.run_smoke(store, timeout_s=TIMEOUT_S)
    finally:
        ops.configure(lambda: store, lambda *_: None)
    assert result.error == ""
    assert result.page == page
    assert result.rows_ms is not None, f"the {page} page showed nothing"
    assert result.total_ms < TIMEOUT_S * 1000 / 2  # it did not wait the timeout out
    assert 0 < result.window_ms <= result.rows_ms <= result.total_ms
    if page in ("meeting", "visit", "project", "contact"):
        assert 0 < result.rows <= store.count(RecordFilter(kinds=(page,)))
    elif page == "sync":
        assert result.rows == SyncState(store).pending_count() > 0
    else:  # follow-ups listed, dashboard records counted
        assert result.rows > 0


@pytest.mark.runs_app_exec
def test_smoke_on_an_empty_store_opened_on_the_dashboard(store, qapp):
    last_page_used(store, "dashboard")
    try:
        result = smoke.run_smoke(store, timeout_s=TIMEOUT_S)
    finally:
        ops.configure(lambda: store, lambda *_: None)
    assert result.page == "dashboard" and result.rows_ms is not None and result.rows == 0
