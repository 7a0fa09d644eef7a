"""The main window: a navigator beside the page it selects (a list and a detail pane, mostly).

The window owns the store for the session, turns the store's change notifications (which arrive
on whichever thread wrote) into a queued Qt signal, and hands each change to every page; pages
refresh only what it touches. Menus hold the commands other parts of the app provide: editors,
printing, IATI import, sync, About.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldkit import __version__
from fieldkit.core.envelope import KINDS
from fieldkit.core.store import Changes, Store
from fieldkit.ui import errors, i18n
from fieldkit.ui.approvals import WaitingButton
from fieldkit.ui.lists import actions
from fieldkit.ui.lists.icons import icon
from fieldkit.ui.operations import read
from fieldkit.ui.operations import records as record_ops
from fieldkit.ui.window_menus import build_menus
from fieldkit.ui.window_pages import LIST_PAGES, LazyPages, make_page


def pending_changes(store: Store, closed: threading.Event) -> tuple[int, int] | None:
    """The status bar's "N changes not yet synced": the outbox alone (``store.status()`` also
    counts every record by kind, ~0.15 s at 100,000). None if the window closed meanwhile: the
    count is stopped, as a list's stale query is, so quitting does not wait for it."""
    from fieldkit.ui.lists.model import interruptible, unless_interrupted

    def run() -> int:
        with interruptible(store, closed.is_set):
            # Changes HQ refused are not pending and not synced either: counted apart.
            return store.pending_changes(), store.not_accepted_changes()

    return unless_interrupted(run, closed.is_set)


PAGES = ("meeting", "visit", "project", "contact", "followups", "dashboard", "sync")
PAGE_ICONS = {
    "meeting": "meetings", "visit": "visits", "project": "projects", "contact": "contacts",
    "followups": "followups", "dashboard": "dashboard", "sync": "sync",
}  # fmt: skip
SYNC_PAGE_AFTER_MS = 3000
KIND_PAGE = {
    "meeting": "meeting",
    "visit": "visit",
    "project": "project",
    "organisation": "contact",
    "person": "contact",
    "followup": "followups",
}


class ChangeBridge(QObject):
    """Store listeners run on the writing thread; this signal delivers them on the main thread."""

    changed = Signal(object)

    def listener(self, changes: Changes) -> None:
        self.changed.emit(changes)


class MainWindow(i18n.Retranslating, QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("mainWindow")
        self._undo: Callable[[], None] | None = None
        self._closed = threading.Event()  # set on close: background reads of the window stop

        self.bridge = ChangeBridge(self)
        self.bridge.changed.connect(self.on_changes, Qt.ConnectionType.QueuedConnection)
        store.subscribe(self.bridge.listener)

        self.navigator = QListWidget()
        self.navigator.setObjectName("navigator")
        self.navigator.setIconSize(QSize(20, 20))
        self.navigator.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        # Each page is built when first shown or asked for (window_pages): start-up pays for one.
        self.pages = LazyPages(self.stack, PAGES, self._make_page, self._page_placed)
        for name in PAGES:
            item = QListWidgetItem(icon(PAGE_ICONS[name]), "")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.navigator.addItem(item)
        self.navigator.currentRowChanged.connect(self._on_nav)

        brand = QLabel("FieldKit")
        brand.setObjectName("brand")
        self.user_label = QLabel()
        self.user_label.setObjectName("navFooter")
        self.user_label.setWordWrap(True)
        sidebar = QWidget()
        sidebar.setObjectName("navSidebar")  # not "sidebar": Qt's file dialog has one of that name
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(brand)
        side.addWidget(self.navigator, 1)
        self.waiting = WaitingButton(sidebar, self._closed)  # 決裁: its count, and the list
        side.addWidget(self.waiting)
        side.addWidget(self.user_label)
        sidebar.setFixedWidth(max(190, self.fontMetrics().horizontalAdvance("M") * 16))

        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(sidebar)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_text = QLabel()
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("linkButton")
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo)
        self.status_info = QLabel()
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.status_info)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self._clear_status)

        build_menus(self, PAGES, PAGE_ICONS)
        self.retranslate()
        self._restore_state()
        if self.navigator.currentRow() < 0:
            self.navigator.setCurrentRow(0)
        # Automatic sync runs from the sync page: built once the first page has had its turn
        # (not for a window already closed again: its store may be gone).
        QTimer.singleShot(SYNC_PAGE_AFTER_MS, self, self._build_sync_page)

    def _build_sync_page(self) -> None:
        if self.isVisible():
            self.pages["sync"]

    def _make_page(self, name: str) -> QWidget:
        page = make_page(name)
        if name == "dashboard":
            page.navigate.connect(self.navigate)
            page.open_record.connect(self.show_record)
        return page

    def _page_placed(self, name: str, page: QWidget) -> None:
        if name == "meeting":
            self.setTabOrder(self.navigator, page.filter_bar.search)

    # ---- navigation --------------------------------------------------------------------------
    def current_page_name(self) -> str:
        item = self.navigator.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "meeting"

    def current_page(self) -> QWidget:
        return self.pages[self.current_page_name()]

    def _on_nav(self, row: int) -> None:
        if row >= 0:
            name = PAGES[row]
            self.pages[name]  # built before it is shown
            self.stack.setCurrentIndex(row)
            self.acts["trash"].setEnabled(name in LIST_PAGES)

    def navigate(self, name: str, option: str = "") -> None:
        """Show a page; ``option`` "overdue" narrows follow-ups or projects to overdue ones."""
        self.navigator.setCurrentRow(PAGES.index(name))
        page = self.pages[name]
        if option == "overdue":
            if name == "followups":
                page.overdue_box.setChecked(True)
            elif name in LIST_PAGES:
                if page.trash_mode:
                    page.set_trash_mode(False)
                page.filter_bar.overdue.setChecked(True)

    def show_record(self, record_id: str) -> None:
        """Go to the page of a record and select it (links in the detail pane, dashboard rows)."""

        def found(rows: list[dict]) -> None:
            if not rows:
                return
            page_name = KIND_PAGE.get(rows[0]["kind"])
            if page_name is None:
                return
            self.navigate(page_name)
            page = self.pages[page_name]
            if page_name in LIST_PAGES:
                if rows[0]["deleted_at"] and not page.trash_mode:
                    page.set_trash_mode(True)
                page.show_record(record_id)
            elif page_name == "followups":
                page.detail.show_record(record_id)

        record_ops.summaries(self, [record_id]).success(found).run_in_background()

    # ---- commands on the selected record -----------------------------------------------------
    def _selected(self) -> tuple[str | None, str | None]:
        page = self.current_page()
        detail = getattr(page, "detail", None)
        if detail is not None and detail.record is not None:
            return detail.record.kind, detail.record.id
        return None, None

    def edit_selected(self) -> None:
        kind, rid = self._selected()
        if rid:
            actions.edit_record(self, kind, rid)

    def history_selected(self) -> None:
        _kind, rid = self._selected()
        if rid:
            actions.show_history(self, rid)

    def print_selected(self) -> None:
        kind, rid = self._selected()
        if rid and kind in ("meeting", "visit", "project"):
            actions.print_preview(self, rid)
        else:
            self.show_status(self.tr("Select a meeting, visit or project to print it."))

    def pdf_selected(self) -> None:
        kind, rid = self._selected()
        if rid and kind in ("meeting", "visit", "project"):
            actions.export_pdf(self, rid)
        else:
            self.show_status(self.tr("Select a meeting, visit or project to export it as PDF."))

    def delete_selected(self) -> None:
        if self.current_page_name() in LIST_PAGES:
            self.current_page().delete_selected()

    def focus_search(self) -> None:
        page = self.current_page()
        if not hasattr(page, "focus_search"):
            self.navigate("meeting")
            page = self.current_page()
        page.focus_search()

    def toggle_trash(self) -> None:
        if self.current_page_name() in LIST_PAGES:
            page = self.current_page()
            page.set_trash_mode(not page.trash_mode)

    def export_current(self) -> None:
        if self.current_page_name() not in LIST_PAGES:
            self.navigate("meeting")
        self.current_page().export_csv()

    def refresh_all(self) -> None:
        everything = Changes(kinds=set(KINDS))
        for name, page in self.pages.items():
            if name in LIST_PAGES:
                page.model.refresh()
            elif hasattr(page, "apply_changes"):
                page.apply_changes(everything)

    def open_settings(self) -> None:
        from fieldkit.ui.settings_dialog import edit_settings

        if edit_settings(self, self.store.data_dir, self.store) is not None:
            self._update_user()
            self.show_status(self.tr("Settings saved."))

    def show_log_location(self) -> None:
        path = errors.log_path()
        errors.show_message(
            self,
            self.tr("Problems are logged to {path}").format(path=path)
            if path
            else self.tr("No log file is set."),
            self.tr("Log file"),
        )

    # ---- status bar and undo -----------------------------------------------------------------
    def show_status(self, text: str, msecs: int = 8000) -> None:
        self.status_text.setText(text)
        self._status_timer.start(msecs)

    def offer_undo(self, text: str, undo: Callable[[], None]) -> None:
        self._undo = undo
        self.show_status(text, 15000)
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.show()
        self.acts["undo"].setEnabled(True)

    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self.undo_button.hide()
        self.acts["undo"].setEnabled(False)
        if undo:
            undo()

    def _clear_status(self) -> None:
        self.status_text.clear()
        self.undo_button.hide()

    # ---- store changes -----------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        for page in self.pages.values():
            apply = getattr(page, "apply_changes", None)
            if apply:
                apply(changes)
        self._update_info()

    def _update_info(self) -> None:
        self.waiting.refresh()

        def show(pending: tuple[int, int] | None) -> None:
            if pending is None:
                return
            self._pending = pending
            self._show_pending()

        read(self, pending_changes, self._closed).success(show).run_in_background()

    def _show_pending(self) -> None:
        counts = getattr(self, "_pending", None)
        if counts is None:
            return  # not counted yet
        pending, refused = counts
        parts = [self.tr("%n changes not yet synced", "", pending)] if pending else []
        if refused:
            parts.append(self.tr("%n changes not accepted by HQ", "", refused))
        text = " · ".join(parts) if parts else self.tr("All changes synced")
        self.status_info.setText(text)

    def _update_user(self) -> None:
        s = self.store.settings
        self.user_label.setText(f"{s.author()}\n{s.post_name(i18n.current_language())}".strip())

    # ---- window state ------------------------------------------------------------------------
    def _state(self) -> QSettings:
        return QSettings(str(Path(self.store.data_dir) / "window.ini"), QSettings.Format.IniFormat)

    def _restore_state(self) -> None:
        state = self._state()
        geometry = state.value("geometry", QByteArray())
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 840)
        page = state.value("page", "meeting")
        if page in PAGES:
            self.navigator.setCurrentRow(PAGES.index(page))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        try:
            state = self._state()
            state.setValue("geometry", self.saveGeometry())
            state.setValue("page", self.current_page_name())
            state.sync()
        except Exception:  # noqa: BLE001 - never block closing over window placement
            pass
        self.store.unsubscribe(self.bridge.listener)
        self._closed.set()
        # Reads still running are for a window nobody will see (a list's remaining 100,000 ids):
        # stop them, as a newer search does, rather than make quitting wait for them.
        for page in self.pages.values():
            cancel = getattr(getattr(page, "model", None), "cancel", None)
            if callable(cancel):
                cancel()
        super().closeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._update_info()

    # ---- language ----------------------------------------------------------------------------
    def page_names(self) -> dict[str, str]:
        return {
            "meeting": self.tr("Meetings"),
            "visit": self.tr("Visits"),
            "project": self.tr("Projects"),
            "contact": self.tr("Contacts"),
            "followups": self.tr("Follow-ups"),
            "dashboard": self.tr("Dashboard"),
            "sync": self.tr("Sync"),
        }

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("FieldKit {version}").format(version=__version__))
        names = self.page_names()
        for i, name in enumerate(PAGES):
            self.navigator.item(i).setText(names[name])
            self.acts[f"page_{name}"].setText(names[name])
        self.navigator.setAccessibleName(self.tr("Navigator"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.reports_menu.setTitle(self.tr("Reports"))
        a = self.acts
        texts = {
            "new_meeting": self.tr("New meeting…"),
            "new_visit": self.tr("New visit…"),
            "new_project": self.tr("New project…"),
            "new_org": self.tr("New organisation…"),
            "new_person": self.tr("New person…"),
            "print": self.tr("Print preview…"),
            "pdf": self.tr("Export PDF…"),
            "digest": self.tr("Period digest…"),
            "report_followups": self.tr("Follow-ups report…"),
            "report_projects": self.tr("Projects report…"),
            "report_brief": self.tr("Summit brief…"),
            "export_csv": self.tr("Export list as CSV…"),
            "import_iati": self.tr("Import IATI…"),
            "settings": self.tr("Settings…"),
            "quit": self.tr("Quit"),
            "edit": self.tr("Edit record…"),
            "history": self.tr("History…"),
            "delete": self.tr("Move to trash"),
            "undo": self.tr("Undo"),
            "find": self.tr("Search"),
            "trash": self.tr("Show trash"),
            "refresh": self.tr("Refresh"),
            "about": self.tr("About FieldKit"),
            "log": self.tr("Where problems are logged"),
        }
        for key, text in texts.items():
            a[key].setText(text)
        self._update_user()
        self.waiting.retranslate()
        self._show_pending()  # the status bar's count, in the new language
        self.undo_button.setText(self.tr("Undo"))
