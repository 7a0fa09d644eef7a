"""Closing the window stops its background reads (a list's id query, the pending-changes count)
instead of making the app wait for answers nobody will see; `fieldkit smoke` and quitting exit
as soon as the window is gone."""

from __future__ import annotations

import threading

import shell_helpers
from PySide6.QtWidgets import QApplication
from shell_helpers import WAIT

from fieldkit.ui import ops
from fieldkit.ui.main_window import MainWindow, pending_changes

shell = shell_helpers.shell
demo = shell_helpers.demo


def test_a_list_read_asked_for_just_before_closing_is_dropped(demo, qtbot):
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    model = window.pages["meeting"].model
    qtbot.waitUntil(lambda: model.loaded, timeout=WAIT)
    answers: list[int] = []
    model.refreshed.connect(answers.append)
    model.first_rows.connect(answers.append)
    model.refresh()  # a query on its way to a worker ...
    window.close()  # ... when the window closes
    assert ops.wait_all(WAIT)
    QApplication.processEvents()
    assert answers == []
    # The same query of an open window does answer (what the close above stopped).
    window2 = MainWindow(demo)
    qtbot.addWidget(window2)
    window2.show()
    model2 = window2.pages["meeting"].model
    qtbot.waitUntil(lambda: model2.loaded, timeout=WAIT)
    with qtbot.waitSignal(model2.refreshed, timeout=WAIT):
        model2.refresh()
    window2.close()


def test_pending_count_is_the_outbox_and_stops_once_closed(demo):
    closed = threading.Event()
    status = demo.status()
    assert pending_changes(demo, closed) == (status["pending_changes"], 0)
    assert status["pending_changes"] > 0 and status["not_accepted_by_hq"] == 0
    closed.set()
    assert pending_changes(demo, closed) is None
