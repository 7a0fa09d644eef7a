"""Fixtures and helpers shared by the shell's tests (tests/ui/test_shell_*.py)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QApplication

from fieldkit.ui import ops
from fieldkit.ui.pyside_workarounds import guard_none_refcount

WAIT = 8000

guard_none_refcount()  # as the app does at start (a PySide6 6.12 bug; see its docstring)


@pytest.fixture
def shell(store, qtbot):
    """The store wired to the background operations; any unexpected error fails the test."""
    errors: list = []
    ops.configure(lambda: store, lambda parent, exc, details: errors.append((exc, details)))
    yield store
    ops.wait_all()
    QApplication.processEvents()
    assert not errors, errors


@pytest.fixture
def demo(shell, demo_template):
    """A store with demo records (English and Japanese text, overdue follow-ups and reports).

    A copy of the session's template (``demo_template`` in conftest.py), written page by page into the test's own open store with
    SQLite's backup API: the same records every time, without building them per test.
    """
    template = sqlite3.connect(demo_template)
    try:
        with shell.tx.lock:
            template.backup(shell.conn)
    finally:
        template.close()
    return shell


def refreshed(qtbot, model, action=None):
    """Run ``action`` (or nothing) and wait until ``model`` answers its query."""
    with qtbot.waitSignal(model.refreshed, timeout=WAIT):
        if action:
            action()


def all_rows_cached(model) -> bool:
    return all(model.summary(r) is not None for r in range(model.rowCount()))
