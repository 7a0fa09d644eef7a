"""A page of the main window: a filtered, sortable list of one kind of record beside its detail.

Meetings, visits, projects and contacts are each a ``ListPage``. The page owns the filter bar,
the lazy table, the detail pane and a trash view of the same kind; it refreshes only when the
store reports a change to its kinds, and only when it is visible (otherwise on next show).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Changes
from fieldkit.ui import i18n
from fieldkit.ui.detail import DetailPane

from . import actions
from .columns import columns_for
from .export import export_list
from .filter_bar import FilterBar
from .icons import icon
from .model import ID_ROLE, RecordListModel

PAGE_KINDS = {
    "meeting": ("meeting",),
    "visit": ("visit",),
    "project": ("project",),
    "contact": ("organisation", "person"),
}


class RecordTable(QTableView):
    """The list itself: whole-row selection, store-side sorting, Enter edits, Delete trashes."""

    activated_record = Signal(str, str)
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSectionsMovable(True)
        self.doubleClicked.connect(self._on_double)
        self._apply_row_height()

    def _apply_row_height(self) -> None:
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    # The subject or title column takes the room the others leave, but never less than this: on
    # a 1280 px laptop with the detail pane open the fixed columns alone fill the table, and a
    # stretched column would shrink to "…". Below it, the table scrolls sideways instead.
    KEY_COLUMN_MIN = 240

    def set_key_column(self, column: int | None) -> None:
        self._key_column = column
        self._fit_key_column()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_key_column()

    def _fit_key_column(self) -> None:
        col = getattr(self, "_key_column", None)
        header = self.horizontalHeader()
        if col is None or col >= header.count():
            return
        others = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != col and not header.isSectionHidden(i)
        )
        roomy = self.viewport().width() - others >= self.KEY_COLUMN_MIN
        mode = QHeaderView.ResizeMode.Stretch if roomy else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(col) != mode:
            header.setSectionResizeMode(col, mode)
        if not roomy:
            self.setColumnWidth(col, self.KEY_COLUMN_MIN)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._apply_row_height()
        super().changeEvent(event)

    def _on_double(self, index: QModelIndex) -> None:
        model = self.model()
        rid = model.id_at(index.row())
        kind = (model.summary(index.row()) or {}).get("kind")
        if rid and kind:
            self.activated_record.emit(kind, rid)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_double(self.currentIndex())
            return
        if event.matches(QKeySequence.StandardKey.Delete):
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class ListPage(i18n.Retranslating, QWidget):
    """One navigator entry's page. ``page_kind`` is meeting, visit, project or contact."""

    count_changed = Signal(int)

    def __init__(self, page_kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_kind = page_kind
        self.kinds = PAGE_KINDS[page_kind]
        self.trash_mode = False
        self._dirty: set[str] | None = None  # ids changed while hidden (empty set: refresh all)
        self._select_after_refresh: str | None = None

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.count = QLabel()
        self.count.setObjectName("pageCount")
        self.new_button = QToolButton()
        self.new_button.setIcon(icon("new-white"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_button.setObjectName("primary")
        if page_kind == "contact":
            menu = QMenu(self.new_button)
            self.new_org_action = menu.addAction(
                "", lambda: actions.new_record(self, "organisation")
            )
            self.new_person_action = menu.addAction("", lambda: actions.new_record(self, "person"))
            self.new_button.setMenu(menu)
            self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        else:
            self.new_button.clicked.connect(self.new_record)
        self.trash_button = QToolButton()
        self.trash_button.setIcon(icon("trash"))
        self.trash_button.setCheckable(True)
        self.trash_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.trash_button.toggled.connect(self.set_trash_mode)
        self.export_button = QToolButton()
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.clicked.connect(self.export_csv)

        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.title)
        header.addWidget(self.count)
        header.addStretch(1)
        header.addWidget(self.trash_button)
        header.addWidget(self.export_button)
        header.addWidget(self.new_button)

        self.filter_bar = FilterBar(page_kind)
        self.filter_bar.changed.connect(self.apply_filter)

        self.model = RecordListModel(columns_for(page_kind), self)
        self.model.refreshed.connect(self._on_refreshed)
        self.filter_bar.editing.connect(self.model.cancel)
        self.table = RecordTable()
        self.table.setModel(self.model)
        self.table.activated_record.connect(lambda kind, rid: actions.edit_record(self, kind, rid))
        self.table.delete_pressed.connect(self.delete_selected)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._setup_columns()

        self.detail = DetailPane()
        self.detail.edit_requested.connect(lambda kind, rid: actions.edit_record(self, kind, rid))
        self.detail.delete_requested.connect(lambda rid: actions.delete_record(self, rid))
        self.detail.restore_requested.connect(lambda rid: actions.restore_record(self, rid))
        self.detail.history_requested.connect(lambda rid: actions.show_history(self, rid))
        self.detail.print_requested.connect(lambda rid: actions.print_preview(self, rid))
        self.detail.open_record.connect(self._open_linked)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(16, 12, 8, 8)
        left_layout.setSpacing(8)
        left_layout.addLayout(header)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([950, 490])  # proportions; the splitter scales them to its width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.setTabOrder(self.filter_bar.search, self.filter_bar.country)
        self.setTabOrder(self.filter_bar.clear_button, self.table)
        self.setTabOrder(self.table, self.detail.edit_button)
        self.retranslate()
        self._started = False

    # ---- columns and filter ------------------------------------------------------------------
    def _setup_columns(self) -> None:
        header = self.table.horizontalHeader()
        cols = columns_for(self.page_kind, self.trash_mode)
        for i, col in enumerate(cols):
            header.setSectionResizeMode(
                i,
                QHeaderView.ResizeMode.Stretch
                if col.stretch
                else QHeaderView.ResizeMode.Interactive,
            )
            if not col.stretch:
                self.table.setColumnWidth(i, col.width)
        self.table.set_key_column(next((i for i, c in enumerate(cols) if c.stretch), None))
        column, order = self.model.sort_column()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        # Only now: enabling sorting sorts by the indicator, which must be the model's own sort.
        self.table.setSortingEnabled(True)

    def _on_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        # A column the store cannot sort by keeps the indicator where the sort really is.
        if not self.model.is_sortable(column):
            actual, order = self.model.sort_column()
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(actual, order)
            header.blockSignals(False)

    def current_filter(self) -> RecordFilter:
        return self.filter_bar.record_filter(self.kinds, deleted=self.trash_mode)

    def start(self) -> None:
        """First query; pages load when first shown so start-up reads only one list."""
        if not self._started:
            self._started = True
            self.model.set_filter(self.current_filter())

    def apply_filter(self) -> None:
        self._started = True
        self.model.set_filter(self.current_filter())

    def set_trash_mode(self, on: bool) -> None:
        self.trash_mode = on
        if self.trash_button.isChecked() != on:
            self.trash_button.setChecked(on)
        self.model.set_columns(columns_for(self.page_kind, on))
        self._setup_columns()
        self.detail.show_record(None)
        self.retranslate()
        self.apply_filter()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    # ---- selection ---------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_record(current.data(ID_ROLE) if current.isValid() else None)

    def select_record(self, record_id: str) -> bool:
        """Select a record if it is in this list (exposing rows as needed)."""
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.model.ensure_shown(row)
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def show_record(self, record_id: str) -> None:
        """Select ``record_id``; if the filter hides it, clear the filter first."""
        if not self.select_record(record_id):
            self._select_after_refresh = record_id
            if self.trash_mode:
                self.set_trash_mode(False)
            else:
                self.filter_bar.clear()

    def _on_refreshed(self, total: int) -> None:
        self._update_count(total)
        wanted = self._select_after_refresh or self.detail.record_id
        self._select_after_refresh = None
        if wanted and self.select_record(wanted):
            return
        if self.detail.record_id and self.model.row_of(self.detail.record_id) < 0:
            self.detail.show_record(None)

    def _update_count(self, total: int) -> None:
        n = i18n.format_number(total)
        if self.trash_mode:
            text = self.tr("%n in the trash", "", total).replace(str(total), n)
        elif self.filter_bar.is_filtered():
            text = self.tr("%n found", "", total).replace(str(total), n)
        else:
            text = self.tr("%n records", "", total).replace(str(total), n)
        self.count.setText(text)
        self.count_changed.emit(total)

    def _open_linked(self, record_id: str) -> None:
        window = self.window()
        if hasattr(window, "show_record"):
            window.show_record(record_id)

    # ---- actions -----------------------------------------------------------------------------
    def new_record(self) -> None:
        """A new record of this page's kind, in the country the list is filtered to, if any."""
        country = self.filter_bar.country.currentData()
        defaults = {"country": country} if country and self.page_kind != "contact" else None
        actions.new_record(self, self.page_kind, defaults)

    def delete_selected(self) -> None:
        rid = self.selected_id()
        if rid and not self.trash_mode:
            actions.delete_record(self, rid)
        elif rid:
            actions.restore_record(self, rid)

    def export_csv(self) -> None:
        names = {
            "meeting": "meetings",
            "visit": "visits",
            "project": "projects",
            "contact": "contacts",
        }
        stamp = date.today().isoformat()
        sort, _reverse = self.model.sort_key

        def done(counts, paths) -> None:
            window = self.window()
            if hasattr(window, "show_status"):
                total = sum(counts.values())
                where = ", ".join(p.name for p in paths.values())
                window.show_status(
                    self.tr("Exported %n records to {files}.", "", total).format(files=where)
                )

        export_list(self, self.current_filter(), sort, f"{names[self.page_kind]}-{stamp}", done)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        rid = self.model.id_at(index.row())
        kind = (self.model.summary(index.row()) or {}).get("kind")
        menu = QMenu(self)
        if self.trash_mode:
            menu.addAction(
                icon("restore"), self.tr("Restore"), lambda: actions.restore_record(self, rid)
            )
        else:
            if kind:
                menu.addAction(
                    icon("edit"), self.tr("Edit…"), lambda: actions.edit_record(self, kind, rid)
                )
            menu.addAction(
                icon("history"), self.tr("History"), lambda: actions.show_history(self, rid)
            )
            if kind in ("meeting", "visit", "project"):
                menu.addAction(
                    icon("print"),
                    self.tr("Print preview…"),
                    lambda: actions.print_preview(self, rid),
                )
                menu.addAction(
                    icon("pdf"), self.tr("Export PDF…"), lambda: actions.export_pdf(self, rid)
                )
            menu.addSeparator()
            delete = QAction(icon("delete"), self.tr("Move to trash"), menu)
            delete.triggered.connect(lambda: actions.delete_record(self, rid))
            menu.addAction(delete)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ---- store changes -----------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        """Refresh what ``changes`` touches: the list if its kinds changed, the detail if its record did."""
        relevant = set(self.kinds) & changes.kinds
        if relevant:
            ids = set(changes.ids)
            if self.isVisible() and self._started:
                self.model.refresh(changed_ids=ids)
            elif self._started:
                self._dirty = (self._dirty or set()) | ids
        rid = self.detail.record_id
        if (
            rid
            and (
                rid in changes.ids
                or changes.kinds & {"followup", "attachment", "project", "organisation", "person"}
            )
            and self.isVisible()
        ):
            self.detail.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._started:
            self.start()
        elif self._dirty is not None:
            dirty, self._dirty = self._dirty, None
            self.model.refresh(changed_ids=dirty)
            self.detail.reload()

    # ---- language ----------------------------------------------------------------------------
    def page_title(self) -> str:
        return {
            "meeting": self.tr("Meetings"),
            "visit": self.tr("Visits"),
            "project": self.tr("Projects"),
            "contact": self.tr("Contacts"),
        }[self.page_kind]

    def retranslate(self) -> None:
        title = self.page_title()
        self.title.setText(title + (" — " + self.tr("Trash") if self.trash_mode else ""))
        new_text = {
            "meeting": self.tr("New meeting"),
            "visit": self.tr("New visit"),
            "project": self.tr("New project"),
            "contact": self.tr("New contact"),
        }[self.page_kind]
        self.new_button.setText(new_text)
        self.new_button.setAccessibleName(new_text)
        if self.page_kind == "contact":
            self.new_org_action.setText(self.tr("New organisation…"))
            self.new_person_action.setText(self.tr("New person…"))
        self.trash_button.setText(self.tr("Trash"))
        self.trash_button.setToolTip(self.tr("Show deleted records; select one to restore it"))
        self.trash_button.setAccessibleName(self.tr("Show trash"))
        self.export_button.setText(self.tr("Export CSV"))
        self.export_button.setToolTip(
            self.tr("Save every record in this list as a CSV file for Excel")
        )
        self.export_button.setAccessibleName(self.tr("Export list as CSV"))
        self.table.setAccessibleName(self.tr("%1 list").replace("%1", title))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(self.model.columnCount() - 1, 0)
        )
        if self.model.loaded:
            self._update_count(self.model.total())
            self.model.dataChanged.emit(
                self.model.index(0, 0),
                self.model.index(
                    max(self.model.rowCount() - 1, 0), max(self.model.columnCount() - 1, 0)
                ),
            )
