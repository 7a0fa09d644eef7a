"""Fixtures for the desktop tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog

from fieldkit.core.demo import generate
from fieldkit.core.paths import STORE_FILE
from fieldkit.core.store import Store
from fieldkit.ui import ops
from fieldkit.ui.editors import open_editors


@pytest.fixture
def ui(store, qtbot):
    """The store wired to the background operations; unexpected errors fail the test."""
    errors: list = []
    ops.configure(lambda: store, lambda parent, exc, details: errors.append((exc, details)))
    yield store
    for editor in open_editors():
        editor._force_close = True
        editor.close()
    # A question still open (pytest-qt closes the test's widgets first, and a dirty editor asks)
    # would stay on screen into the next test and take its key presses.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    ops.wait_all()
    QApplication.processEvents()
    # Closed editors are deleted now, not whenever a later test's event loop gets to it.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not errors, errors


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo store, made once per session; ``shell_helpers.demo`` gives each test a copy."""
    folder = tmp_path_factory.mktemp("demo-template")
    with Store.open(folder) as store:
        generate(store, meetings=120, visits=40, projects=30, seed=3)
    return folder / STORE_FILE
