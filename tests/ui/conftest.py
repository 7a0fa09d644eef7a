"""Fixtures for the desktop tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

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
    ops.wait_all()
    QApplication.processEvents()
    assert not errors, errors
