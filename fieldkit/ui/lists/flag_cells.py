"""The Flags column of the projects and visits lists (#15): what an auditor would flag (report
overdue or received late, period overrun, follow-up visit due, ratings missing or disagreeing).

Flags need the whole record (and a project's visits), which list rows do not carry, so the column
asks for the rows it paints in one background read and shows them when it answers; a row edited
since (another updated_at) is asked for again. Nothing is read on the window's thread.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

from fieldkit.ui import i18n


class FlagCells(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.known: dict[str, tuple[str, str]] = {}  # id -> (updated_at, text)
        self.pending: set[str] = set()
        self.asked: set[str] = set()
        self.day: date | None = None
        self.lang = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._ask)

    def text(self, row: dict[str, Any]) -> str:
        today, lang = date.today(), i18n.current_language()
        if (today, lang) != (self.day, self.lang):  # a new day or language: every flag again
            self.known.clear()
            self.day, self.lang = today, lang
        rid = row.get("id")
        if not rid:
            return ""
        known = self.known.get(rid)
        if known and known[0] == (row.get("updated_at") or ""):
            return known[1]
        if rid not in self.asked:
            self.pending.add(rid)
            if not self.timer.isActive():  # rows painted meanwhile join this read
                self.timer.start()
        return known[1] if known else ""

    def _ask(self) -> None:
        from fieldkit.ui import ops
        from fieldkit.ui.operations import grant

        store = ops.current_store()
        if store is None or store.closed:  # the window closed before the timer fired
            self.pending.clear()
            return
        ids, self.pending = sorted(self.pending), set()
        self.asked.update(ids)
        op = grant.flags(self, ids, self.lang, self.day or date.today())
        op.success(lambda found, ids=ids: self._got(ids, found)).run_in_background()

    def _got(self, ids: list[str], found: dict[str, tuple[str, str]]) -> None:
        self.asked.difference_update(ids)
        for rid in ids:
            self.known[rid] = found.get(rid, ("", ""))
        for window in QApplication.topLevelWidgets():
            for view in window.findChildren(QAbstractItemView):
                view.viewport().update()


_cells: FlagCells | None = None


def flag_text(row: dict[str, Any]) -> str:
    global _cells
    if _cells is None:
        _cells = FlagCells()
    return _cells.text(row)
