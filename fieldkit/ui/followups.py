"""Follow-ups: every open action from meetings and visits in one list, soonest due first.

Loaded in two QueryOps: the first screenful due soonest at once, then the whole list (the
follow-ups plus the titles of their meetings and visits, ``core.followup_rows``), which a newer
read or closing the window abandons (``FollowupModel.cancel``). Sorting (the model's, by key) and
the quick filter happen in memory, so they are instant. "Mark done" is a CollectionOp; the list
refreshes when the store announces the change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core import followup_rows, soonest
from fieldkit.core.marking import EffectiveMarking
from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Changes
from fieldkit.ui import i18n
from fieldkit.ui.detail import DetailPane
from fieldkit.ui.lists import actions
from fieldkit.ui.lists.columns import country_label, kind_label, status_label
from fieldkit.ui.lists.icons import icon
from fieldkit.ui.lists.model import ID_ROLE, KIND_ROLE, OVERDUE_COLOR
from fieldkit.ui.lists.table_model import ReadOnlyTableModel
from fieldkit.ui.operations import followups as followup_ops
from fieldkit.ui.operations import read
from fieldkit.ui.ops import Cancelled

MAX_ROWS = 20_000  # the earliest due; a list longer than this is not read by anyone
FIRST_ROWS = 300  # shown at once from the due-date index; the rest follow (core.followup_rows)
SORT_ROLE = Qt.ItemDataRole.UserRole + 10

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class FollowupRow:
    id: str
    text: str
    owner: str
    due: date | None
    status: str
    parent_id: str | None
    parent_title: str
    parent_kind: str
    country: str
    marking: EffectiveMarking | None = None  # the action's own and its meeting's (core.marking)


def load_followups(
    store,
    include_done: bool,
    limit: int = MAX_ROWS,
    stale: Callable[[], bool] | None = None,
    count: bool = True,
) -> tuple[list[FollowupRow], int | None]:
    """Worker side: follow-ups (open ones, or all) with their meeting's or visit's title, and how
    many there are (None when ``count`` is false and there are more than ``limit``: the first
    screenful does not wait for the count); stops (ops.Cancelled, which nobody is told of) once
    ``stale()`` is true."""
    flt = RecordFilter(kinds=("followup",), statuses=() if include_done else ("open",))
    stale = stale or (lambda: False)
    try:
        ids = followup_rows.due_ids(store, flt, limit, stale)
        total: int | None = len(ids)
        if len(ids) == limit:
            total = soonest.count(store, flt) if count else None
        records = followup_rows.followup_rows(store, ids, stale)
    except followup_rows.ReadAbandoned:
        raise Cancelled() from None
    rows = [
        FollowupRow(
            id=r["id"],
            text=r["text"] or "",
            owner=r["owner"] or "",
            due=date.fromisoformat(r["due"]) if r["due"] else None,
            status=r["status"] or "open",
            parent_id=r["parent_id"],
            parent_title=r["parent_title"],
            parent_kind=r["parent_kind"],
            country=r["country"],
            marking=r["marking"],
        )
        for r in records
    ]
    return rows, total


class FollowupModel(ReadOnlyTableModel):
    COLUMNS = ("due", "text", "owner", "parent", "country", "marking", "status")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[FollowupRow] = []  # in the order shown (``sort``), filtered by the proxy
        self.today = date.today()
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._reading: threading.Event | None = None

    def new_read(self) -> Callable[[], bool]:
        """Abandon the reads in flight and return the ``stale`` test of the next one."""
        self.cancel()
        self._reading = threading.Event()
        return self._reading.is_set

    def cancel(self) -> None:
        """Stop the reads in flight (the window is closing, or a newer read replaces them): the
        worker gives up within milliseconds instead of finishing a list nobody will see."""
        if self._reading is not None:
            self._reading.set()

    def set_rows(self, rows: list[FollowupRow]) -> None:
        self.beginResetModel()
        self.rows = self._sorted(rows)
        self.today = date.today()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def header_text(self, section: int) -> str:
        return (
            self.tr("Due"),
            self.tr("Action"),
            self.tr("Owner"),
            self.tr("From"),
            self.tr("Country"),
            self.tr("Marking"),
            self.tr("Status"),
        )[section]

    def overdue(self, row: FollowupRow) -> bool:
        return row.status == "open" and row.due is not None and row.due < self.today

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return r.id
        if role == KIND_ROLE:
            return "followup"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == "due":
                return i18n.format_date(r.due)
            if col == "text":
                return r.text.splitlines()[0] if r.text else ""
            if col == "owner":
                return r.owner
            if col == "parent":
                return f"{kind_label(r.parent_kind)}: {r.parent_title}" if r.parent_title else ""
            if col == "country":
                return country_label(r.country)
            if col == "marking":
                return r.marking.label(i18n.current_language()) if r.marking else ""
            return status_label("followup", r.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "due" and self.overdue(r):
                days = (self.today - r.due).days
                return self.tr("overdue by %n days", "", days)
            if col in ("text", "parent"):
                return r.text if col == "text" else r.parent_title
        if role == Qt.ItemDataRole.ForegroundRole and col == "due" and self.overdue(r):
            return QBrush(OVERDUE_COLOR)
        if role == SORT_ROLE:
            return self.sort_value(r, col)
        return None

    @staticmethod
    def sort_value(r: FollowupRow, col: str) -> Any:
        if col == "due":  # undated last, then by owner so one person's items sit together
            return (r.due is None, r.due or date.max, r.owner.casefold())
        if col == "owner":  # nobody assigned last
            return (not r.owner, r.owner.casefold(), r.due or date.max)
        if col == "parent":
            return r.parent_title.casefold()
        if col == "country":
            return country_label(r.country)
        if col == "marking":
            return (-r.marking.rank, r.marking.caveats) if r.marking else (0, ())
        if col == "status":
            return r.status
        return r.text.casefold()

    def _sorted(self, rows: list[FollowupRow]) -> list[FollowupRow]:
        col = self.COLUMNS[self.sort_column]
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=lambda r: self.sort_value(r, col), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, with one key per row: the proxy comparing rows through ``data()``
        froze the window 3 s when the whole list (20,000 rows) arrived."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [(self.rows[i.row()].id, i.column()) for i in before]
        self.sort_column, self.sort_order = column, order
        self.rows = self._sorted(self.rows)
        where = {r.id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(before, [self.index(where[rid], c) for rid, c in held])
        self.layoutChanged.emit()


class FollowupProxy(QSortFilterProxyModel):
    """Filters by words in the action, owner or meeting title; sorting is the source model's."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.overdue_only = False
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = [w.casefold() for w in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_overdue_only(self, on: bool) -> None:
        self.beginFilterChange()
        self.overdue_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts its rows (``FollowupModel.sort``); the proxy keeps their order."""
        self.sourceModel().sort(column, order)
        super().sort(-1)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model: FollowupModel = self.sourceModel()
        r = model.rows[source_row]
        if self.overdue_only and not model.overdue(r):
            return False
        if self.words:
            hay = f"{r.text} {r.owner} {r.parent_title}".casefold()
            return all(w in hay for w in self.words)
        return True


class FollowupsPage(i18n.Retranslating, QWidget):
    #: due, action, owner, from, country, status (the last stretches to the edge)
    COLUMN_WIDTHS = (100, 260, 160, 200, 100, 80)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._started = False
        self._dirty = False
        self._generation = 0
        self.total = 0

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.count = QLabel()
        self.count.setObjectName("pageCount")
        self.done_button = QPushButton(icon("done-white"), "")
        self.done_button.setObjectName("primary")
        self.done_button.clicked.connect(self.mark_selected_done)
        self.done_button.setEnabled(False)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.overdue_box = QCheckBox()
        self.done_box = QCheckBox()

        self.model = FollowupModel(self)
        self.proxy = FollowupProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self._on_filter_text)
        self.overdue_box.toggled.connect(self._on_overdue)
        self.done_box.toggled.connect(lambda _on: self.reload())

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # The action is what people read: it keeps a width of its own and the list scrolls
        # sideways on a narrow screen (a stretched action column was squeezed to 75 px there).
        for i, width in enumerate(self.COLUMN_WIDTHS):
            self.table.setColumnWidth(i, width)
        header.setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(self._on_double)

        self.detail = DetailPane()
        self.detail.edit_requested.connect(lambda kind, rid: actions.edit_record(self, kind, rid))
        self.detail.delete_requested.connect(lambda rid: actions.delete_record(self, rid))
        self.detail.restore_requested.connect(lambda rid: actions.restore_record(self, rid))
        self.detail.history_requested.connect(lambda rid: actions.show_history(self, rid))
        self.detail.open_record.connect(self._open_linked)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.done_button)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.overdue_box)
        bar.addWidget(self.done_box)

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(16, 12, 8, 8)
        lay.setSpacing(8)
        lay.addLayout(top)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([950, 490])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setTabOrder(self.search, self.overdue_box)
        self.setTabOrder(self.overdue_box, self.done_box)
        self.setTabOrder(self.done_box, self.table)
        self.setTabOrder(self.table, self.done_button)
        self.retranslate()

    # ---- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        self._started = True
        self._generation += 1
        generation = self._generation
        include_done = self.done_box.isChecked()
        # The first rows at once, then the whole list (which the filters and counts work on).
        first = not self.model.rows
        limit = FIRST_ROWS if first else MAX_ROWS
        stale = self.model.new_read()
        read(self, load_followups, include_done, limit, stale, count=not first).success(
            lambda result: self._on_loaded(generation, result, more=first, done=include_done)
        ).run_in_background()

    def _on_loaded(self, generation: int, result, more: bool = False, done: bool = False) -> None:
        if generation != self._generation:
            return
        rows, total = result
        if more and (total is None or total > len(rows)):
            stale = self.model.new_read()
            read(self, load_followups, done, MAX_ROWS, stale).success(
                lambda result: self._on_loaded(generation, result)
            ).run_in_background()
        selected = set(self.selected_ids())
        self.total = len(rows) if total is None else total  # the count comes with the rest
        self.model.set_rows(rows)
        if selected:
            sel = self.table.selectionModel()
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(ID_ROLE) in selected:
                    sel.select(index, sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        overdue = sum(1 for r in self.model.rows if self.model.overdue(r))
        text = self.tr("%n shown", "", shown).replace(str(shown), i18n.format_number(shown))
        if overdue:
            text += " · " + self.tr("%n overdue", "", overdue).replace(
                str(overdue), i18n.format_number(overdue)
            )
        if self.total > len(self.model.rows):
            text += " · " + self.tr("the {n} due soonest").format(
                n=i18n.format_number(len(self.model.rows))
            )
        self.count.setText(text)

    def _on_filter_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _on_overdue(self, on: bool) -> None:
        self.proxy.set_overdue_only(on)
        self._update_count()

    # ---- selection and actions ---------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return [i.data(ID_ROLE) for i in self.table.selectionModel().selectedRows()]

    def _on_selection(self, *_args) -> None:
        ids = self.selected_ids()
        rows = {r.id: r for r in self.model.rows}
        self.done_button.setEnabled(any(rows.get(i) and rows[i].status == "open" for i in ids))
        self.detail.show_record(ids[0] if len(ids) == 1 else None)

    def _on_double(self, index: QModelIndex) -> None:
        rid = index.data(ID_ROLE)
        if rid:
            actions.edit_record(self, "followup", rid)

    def _open_linked(self, record_id: str) -> None:
        window = self.window()
        if hasattr(window, "show_record"):
            window.show_record(record_id)

    def mark_selected_done(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return

        def done(n: int) -> None:
            window = self.window()
            if hasattr(window, "show_status"):
                window.show_status(self.tr("Marked %n follow-ups done.", "", n))

        followup_ops.mark_done(self, ids).success(done).run_in_background()

    # ---- store changes -----------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        if not changes.kinds & {"followup", "meeting", "visit"}:
            return
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True
        if self.detail.record_id in changes.ids and self.isVisible():
            self.detail.reload()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started or self._dirty:
            self._dirty = False
            self.reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ---- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Follow-ups"))
        self.done_button.setText(self.tr("Mark done"))
        self.done_button.setAccessibleName(self.tr("Mark selected follow-ups done"))
        self.done_button.setToolTip(self.tr("Mark the selected follow-ups done today"))
        self.search.setPlaceholderText(self.tr("Filter by action, owner or meeting"))
        self.search.setAccessibleName(self.tr("Filter follow-ups"))
        self.overdue_box.setText(self.tr("Overdue only"))
        self.overdue_box.setAccessibleName(self.tr("Show only overdue follow-ups"))
        self.done_box.setText(self.tr("Include done"))
        self.done_box.setAccessibleName(self.tr("Include follow-ups that are done or dropped"))
        self.table.setAccessibleName(self.tr("Follow-ups list"))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, len(FollowupModel.COLUMNS) - 1
        )
        if self._started:
            self._update_count()
