"""Shared fixtures. Qt runs offscreen: set before anything imports Qt (see TECH-NOTES)."""

from __future__ import annotations

import gc
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


@pytest.fixture(autouse=True)
def _gc_on_gui_thread(request):
    """Qt tests collect garbage on the GUI thread only, as the app does (make_application): a
    collection in a background read's thread could destroy a Qt object there and crash."""
    if "qapp" not in request.fixturenames:
        return
    from fieldkit.ui.pyside_workarounds import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread(request.getfixturevalue("qapp"))


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
        "markers",
        "runs_app_exec: runs the app's own event loop to its end; Qt's event loops are reset after",
    )


@pytest.fixture(autouse=True)
def _event_loops_work_after_app_exec(request):
    """After a test that ran ``app.exec()`` to its end, event loops work again for the next ones.

    The cause of "results of background jobs not delivered after app.exec()": when the app's
    window goes away after ``exec()`` has returned (``run_app`` returns and the window is
    deleted), Qt's last-window-closed quit calls ``QCoreApplication::exit()`` with no loop
    running. That sets the thread's ``quitNow`` flag, which only the next ``exec()`` clears; until
    then every ``QEventLoop.exec()`` returns -1 at once. pytest-qt's ``wait``, ``waitUntil`` and
    ``waitSignal`` run such loops, so they stopped processing events: the job ran, its queued
    result was never delivered while the test waited. One short ``exec()`` clears the flag.
    """
    yield
    if request.node.get_closest_marker("runs_app_exec") is None:
        return
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        gc.collect()  # the app's window goes now, and with it the stray quit
        QApplication.processEvents()
        QTimer.singleShot(0, app.quit)
        app.exec()
