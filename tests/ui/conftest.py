"""Fixtures for the desktop tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

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
    ops.wait_all()
    QApplication.processEvents()
    assert not errors, errors


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo store, made once per session; ``shell_helpers.demo`` gives each test a copy."""
    folder = tmp_path_factory.mktemp("demo-template")
    with Store.open(folder) as store:
        generate(store, meetings=120, visits=40, projects=30, seed=3)
    return folder / STORE_FILE
