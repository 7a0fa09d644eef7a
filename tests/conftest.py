"""Shared fixtures. Qt runs offscreen: set before anything imports Qt (see TECH-NOTES)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FIELDKIT_USER", "test.user")
os.environ.setdefault("FIELDKIT_POST", "Embassy of Japan in Kenya")

import pytest  # noqa: E402

from fieldkit.core.store import Store  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test ever touches the real per-user data folder."""
    monkeypatch.setenv("FIELDKIT_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("FIELDKIT_PASSPHRASE", raising=False)


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def store(data_dir):
    s = Store.open(data_dir)
    yield s
    s.close()


@pytest.fixture
def japanese(qapp):
    """The interface in Japanese for one test, and the language before it afterwards."""
    from PySide6.QtWidgets import QApplication

    from fieldkit.ui import i18n

    previous = i18n.current_language()
    i18n.apply_language("ja")
    yield
    i18n.apply_language(previous)
    QApplication.processEvents()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "runs_app_exec: runs the app's own event loop to its end; such tests run last"
    )


def pytest_collection_modifyitems(config, items):
    """Tests that run ``app.exec()`` to its end go last, whatever the order asked for.

    After one, this process's Qt no longer delivers the results of background jobs (``ops``): the
    job runs but its queued ``done`` signal never arrives. A plain script doing the same steps
    does not show it; until the cause is found, nothing that needs ``ops`` may run after them.
    """
    last = [item for item in items if item.get_closest_marker("runs_app_exec")]
    if last:
        items[:] = [item for item in items if item not in last] + last
