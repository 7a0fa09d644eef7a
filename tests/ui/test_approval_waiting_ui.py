""" "Waiting for my approval" and closing the window: the count's read stops when the window
closes during it (SQLite's progress handler), so quitting never waits for it; against a real
store under pytest-qt offscreen."""

from __future__ import annotations

import threading
from datetime import date

from fieldkit.core import approval
from fieldkit.core.models import Meeting
from fieldkit.ui.main_window import MainWindow
from fieldkit.ui.operations import approval as approval_ops

WAIT = 8000


class ClosedDuringRead(threading.Event):
    """The window's "closed" event, set by the first look SQLite takes once the read runs."""

    def __init__(self) -> None:
        super().__init__()
        self.looks = 0

    def is_set(self) -> bool:
        self.looks += 1
        if self.looks == 2:  # the first look is before the read starts
            self.set()
        return super().is_set()


def submitted(ui, n: int) -> list[str]:
    ids = [
        ui.create(
            Meeting(
                subject=f"Talk {i}",
                date=date(2026, 3, 1 + i % 28),
                country="KE",
                approver="Tanaka Ken",
            )
        ).id  # fmt: skip
        for i in range(n)
    ]
    return [approval.submit(ui, rid).id for rid in ids]


def test_the_count_read_stops_when_the_window_closes_during_it(ui, monkeypatch):
    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    ids = submitted(ui, 40)
    assert {r["id"] for r in approval_ops._waiting(ui, threading.Event())} == set(ids)
    closed = ClosedDuringRead()
    assert approval_ops._waiting(ui, closed) is None  # stopped, not finished
    assert closed.looks >= 2
    assert ui.conn.execute("SELECT count(*) FROM records").fetchone()[0] == 40  # store usable
    assert len(approval.waiting_for(ui)) == 40


def test_after_the_window_closes_the_count_is_not_asked_again(ui, qtbot, monkeypatch):
    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    submitted(ui, 2)
    w = MainWindow(ui)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.waiting.text() == "For my approval (2)", timeout=WAIT)
    w.close()
    assert w._closed.is_set()
    asked = []
    monkeypatch.setattr(approval_ops, "waiting", lambda *a: asked.append(a))
    w.waiting.refresh()  # a change arriving after the close (sync) starts no read
    assert asked == []
