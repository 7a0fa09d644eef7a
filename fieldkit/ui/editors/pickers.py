"""Fields that pick other records by typing: one (a visit's project), or several (organisations).

Searches run on the worker (``ops.QueryOp``); a newer keystroke makes an older result stale.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.reference import reference
from fieldkit.ui.operations import records as record_ops

from .common import tr, ui_language
from .widgets import _named


class RecordSearch(QLineEdit):
    """Search as you type over one kind of record; ``picked`` gives the chosen summary row."""

    picked = Signal(dict)

    def __init__(self, name: str, kinds: tuple[str, ...], placeholder: str = "", parent=None):
        super().__init__(parent)
        _named(self, name)
        self.kinds = kinds
        self.setPlaceholderText(placeholder or tr("Type to search..."))
        self.setClearButtonEnabled(True)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setWidget(self)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.activated[QModelIndex].connect(self._activated)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._search)
        self._generation = 0
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._enter)
        self.exclude: set[str] = set()

    def _enter(self) -> None:
        # Enter with the list closed takes the best match, as in a browser's address bar.
        if not self.completer_.popup().isVisible() and self.text().strip():
            if self._timer.isActive():
                self._pick_on_result = True
                return
            self.pick_first()

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        if not self.text():
            self._timer.start()

    def search_now(self) -> None:
        self._timer.stop()
        self._search()

    def _search(self) -> None:
        self._generation += 1
        gen = self._generation
        text = self.text().strip()
        kinds = self.kinds

        # Nothing typed yet: the most recently touched records are the likely ones.
        record_ops.search(self, text, kinds, limit=25, sort="title" if text else "updated").success(
            lambda rows: self._show(gen, rows)
        ).run_in_background()

    def _show(self, gen: int, rows: list[dict]) -> None:
        if gen != self._generation:
            return  # a later keystroke already asked again
        self.results.clear()
        lang = ui_language()
        for row in rows:
            if row["id"] in self.exclude:
                continue
            text = row["title"] or row["id"]
            detail = (
                [reference().country_name(row.get("country"), lang)] if row.get("country") else []
            )
            if row.get("date"):
                detail.append(row["date"])
            item = QStandardItem(text + (f"  —  {', '.join(detail)}" if detail else ""))
            item.setData(row, Qt.ItemDataRole.UserRole)
            self.results.appendRow(item)
        if getattr(self, "_pick_on_result", False):
            self._pick_on_result = False
            if self.pick_first():
                return
        if self.results.rowCount() and self.hasFocus():
            self.completer_.complete()
        elif not self.results.rowCount():
            self.completer_.popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(Qt.ItemDataRole.UserRole)
        if row:
            self.clear()
            self.picked.emit(row)

    def pick_first(self) -> bool:
        """For tests and Enter: take the first result shown."""
        if not self.results.rowCount():
            return False
        self._activated(self.results.index(0, 0))
        return True


class RecordPick(QWidget):
    """One linked record (a visit's project, a person's organisation): search, show, clear."""

    changed = Signal()
    chosen = Signal(dict)

    def __init__(self, name: str, kinds: tuple[str, ...], placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.record_id: str | None = None
        self.search = RecordSearch(name, kinds, placeholder)
        self.shown = QLabel()
        self.shown.setTextFormat(Qt.TextFormat.PlainText)
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown.setWordWrap(True)
        self.clear_button = QToolButton()
        self.clear_button.setText(tr("Remove"))
        self.clear_button.setAccessibleName(tr("Remove the link to %1").replace("%1", name))
        self.clear_button.clicked.connect(lambda: self.set_value(None, changed=True))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.shown, 1)
        top.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.search)
        self.search.picked.connect(self._picked)
        self.setFocusProxy(self.search)
        self._show(None, "")

    def _picked(self, row: dict) -> None:
        self._show(row["id"], row["title"])
        self.changed.emit()
        self.chosen.emit(row)

    def _show(self, record_id: str | None, title: str) -> None:
        self.record_id = record_id
        self.shown.setText(title or (record_id or ""))
        self.shown.setVisible(record_id is not None)
        self.clear_button.setVisible(record_id is not None)

    def value(self) -> str | None:
        return self.record_id

    def set_value(self, value: Any, title: str = "", changed: bool = False) -> None:
        self._show(value or None, title)
        if changed:
            self.changed.emit()

    def set_title(self, record_id: str, title: str) -> None:
        if self.record_id == record_id:
            self._show(record_id, title)


class RecordList(QWidget):
    """Several linked records (a meeting's counterpart organisations): search to add, remove."""

    changed = Signal()

    def __init__(self, name: str, kinds: tuple[str, ...], placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.search = RecordSearch(name, kinds, placeholder)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Chosen: %1").replace("%1", name))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.remove = QPushButton(tr("Remove"))
        self.remove.setAccessibleName(tr("Remove the selected %1").replace("%1", name))
        self.remove.clicked.connect(self._remove_selected)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.search, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(self.row)
        lower = QHBoxLayout()
        lower.addWidget(self.list, 1)
        lower.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(lower)
        self.search.picked.connect(lambda row: self.add(row["id"], row["title"]))
        self.setFocusProxy(self.search)
        self._update_visibility()

    def _update_visibility(self) -> None:
        # An empty list box is only clutter: it appears with the first organisation.
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.remove.setVisible(has)

    def add(self, record_id: str, title: str, emit: bool = True) -> None:
        if record_id in self.ids():
            return
        item = QListWidgetItem(title or record_id)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        self.list.addItem(item)
        self.search.exclude = set(self.ids())
        self._update_visibility()
        if emit:
            self.changed.emit()

    def _remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.search.exclude = set(self.ids())
        self._update_visibility()
        self.changed.emit()

    def ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def value(self) -> list[str]:
        return self.ids()

    def set_value(self, value: Any, titles: dict[str, str] | None = None) -> None:
        self.list.clear()
        for rid in value or []:
            self.add(rid, (titles or {}).get(rid, rid), emit=False)
        self._update_visibility()

    def set_titles(self, titles: dict[str, str]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            rid = item.data(Qt.ItemDataRole.UserRole)
            if rid in titles:
                item.setText(titles[rid])
