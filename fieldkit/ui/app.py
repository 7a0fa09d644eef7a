"""Starting the desktop app: ``fieldkit`` with no subcommand calls ``run_app``.

Order matters: the error reporter and the language come first (so even the unlock prompt is in
the user's language and a crash in it is logged), then the store, then the window; background
operations are configured before the window shows (its pages query on first show).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from fieldkit.core.errors import FieldKitError
from fieldkit.core.resources import resource_path
from fieldkit.core.settings import Settings, load_settings
from fieldkit.ui import errors, i18n, ops
from fieldkit.ui.pyside_workarounds import collect_garbage_on_gui_thread, guard_none_refcount

STYLE = """
QMainWindow, QDialog { background: #ffffff; }
#navSidebar { background: #1f2f45; }
#brand { color: #ffffff; font-size: 13pt; font-weight: 600; padding: 16px 18px 14px 18px;
         letter-spacing: 0.5px; }
#navigator { background: transparent; border: none; color: #d3dce7; outline: 0; padding: 4px 0; }
#navigator::item { padding: 9px 14px; margin: 1px 8px; border-radius: 6px; }
#navigator::item:hover { background: #2b3f5b; color: #ffffff; }
#navigator::item:selected { background: #2f6fb0; color: #ffffff; }
#navFooter { color: #9fb0c4; font-size: 8.5pt; padding: 10px 16px 14px 16px;
             border-top: 1px solid #2b3f5b; }
#pageTitle { font-size: 15pt; font-weight: 600; color: #1f2933; }
#pageCount { color: #5b6b7f; padding-top: 5px; }
#placeholder { color: #7b8794; font-size: 11pt; }
#detailButtons { background: #f6f8fa; border-bottom: 1px solid #e1e6ec; }
#fieldError { color: #b3261e; }
#hint { color: #5b6b7f; }
QTableView, QTreeView { border: 1px solid #dfe4ea; border-radius: 4px; gridline-color: #eef1f5;
    selection-background-color: #dbe8f6; selection-color: #1f2933;
    alternate-background-color: #f8fafc; background: #ffffff; }
QTreeView::item { padding: 3px 0; }
QHeaderView::section { background: #f1f4f7; color: #3b4a5e; border: none;
    border-bottom: 1px solid #dfe4ea; border-right: 1px solid #e6eaef; padding: 5px 8px; font-weight: 600; }
QTextBrowser { background: #ffffff; }
QLineEdit, QComboBox, QDateEdit { padding: 4px 6px; border: 1px solid #c9d2dc; border-radius: 4px;
    background: #ffffff; min-height: 18px; }
QLineEdit:focus, QComboBox:focus, QDateEdit:focus { border: 1px solid #2f6fb0; }
/* The background above makes Qt draw the popup's items from this sheet: without a rule of their
   own the highlighted item is white on white. */
QComboBox::item { color: #1f2933; }
QComboBox::item:selected { background: #2f6fb0; color: #ffffff; }
QPushButton, QToolButton { padding: 5px 12px; border: 1px solid #c9d2dc; border-radius: 4px;
    background: #ffffff; color: #1f2933; }
QPushButton:hover, QToolButton:hover { background: #f1f5f9; }
QPushButton:disabled, QToolButton:disabled { color: #9aa5b1; }
QToolButton:checked { background: #e4edf7; border-color: #2f6fb0; }
QToolButton::menu-indicator { image: none; width: 0; }
/* Qt's own file dialog: its small icon buttons would have no room left for the icon */
QFileDialog QToolButton { padding: 3px; }
#primary { background: #2f6fb0; border-color: #2a649f; color: #ffffff; font-weight: 600; }
#primary:hover { background: #2a649f; }
#primary:disabled { background: #a9c2dd; border-color: #a9c2dd; color: #ffffff; }
QToolButton#clearFilters { border: none; }
#linkButton { border: none; color: #1d4e89; font-weight: 600; padding: 0 6px; background: transparent; }
#card { background: #f6f8fa; border: 1px solid #e1e6ec; border-radius: 8px; }
#card:focus { border: 1px solid #2f6fb0; }
#cardValue { font-size: 20pt; font-weight: 600; color: #1f2f45; }
#cardValue[alert="true"] { color: #b3261e; }
#cardCaption { color: #5b6b7f; }
#panel { background: #ffffff; border: 1px solid #e1e6ec; border-radius: 8px; }
#panelTitle { font-weight: 600; color: #3b4a5e; }
#dashboardContent { background: #ffffff; }
QStatusBar { background: #f6f8fa; border-top: 1px solid #e1e6ec; color: #3b4a5e; }
QSplitter::handle { background: #e1e6ec; }
QSplitter::handle:horizontal { width: 1px; }
QMenu::item:selected { background: #dbe8f6; color: #1f2933; }
"""


def _palette() -> QPalette:
    """A light palette: the app looks the same on every desktop theme (and in screenshots)."""
    pal = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#ffffff"),
        (QPalette.ColorRole.WindowText, "#1f2933"),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, "#f8fafc"),
        (QPalette.ColorRole.Text, "#1f2933"),
        (QPalette.ColorRole.Button, "#ffffff"),
        (QPalette.ColorRole.ButtonText, "#1f2933"),
        (QPalette.ColorRole.Highlight, "#2f6fb0"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#fffef2"),
        (QPalette.ColorRole.ToolTipText, "#1f2933"),
        (QPalette.ColorRole.PlaceholderText, "#8a96a3"),
        (QPalette.ColorRole.Link, "#1d4e89"),
        (QPalette.ColorRole.Mid, "#e3e8ee"),
    ):
        pal.setColor(role, QColor(color))
    return pal


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, styled; reused if one exists (tests)."""
    guard_none_refcount()
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    collect_garbage_on_gui_thread(app)
    QCoreApplication.setApplicationName("FieldKit")
    QCoreApplication.setOrganizationName("FieldKit")
    apply_theme(app)
    app_icon = resource_path("icons", "app", "fieldkit.png")
    if app_icon.is_file():
        app.setWindowIcon(QIcon(str(app_icon)))
    return app


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(_palette())
    app.setStyleSheet(STYLE)


def _settings(data_dir: Path) -> Settings:
    try:
        return load_settings(data_dir)
    except FieldKitError as exc:  # a damaged settings file must not keep the app closed
        errors.show_message(None, str(exc))
        return Settings()


def run_app(ctx) -> int:
    """Open the desktop window on ``ctx.data_dir``; the process exit status."""
    from fieldkit.ui import unlock
    from fieldkit.ui.lists.actions import call_part
    from fieldkit.ui.main_window import MainWindow

    data_dir = Path(ctx.data_dir)
    app = make_application()
    errors.set_log_dir(data_dir / "logs")
    errors.install_excepthook()
    i18n.apply_language(_settings(data_dir).language)

    try:
        store = unlock.open_store_interactively(data_dir, parent=None)
    except FieldKitError as exc:
        errors.show_message(None, str(exc))
        return 2
    if store is None:
        return 0
    from fieldkit.ui import first_start

    try:  # who drafts the records: asked until a name is given (else the login name, "root")
        first_start.ask_who_if_unknown(data_dir, store)
    except FieldKitError as exc:  # settings unreadable: said, and the app still opens
        errors.show_message(None, str(exc))
    window: MainWindow | None = None
    # Before the window exists: its pages (Sync among them) start reading as they are built.
    ops.configure(lambda: window.store if window is not None else store, errors.report)
    window = MainWindow(store)
    unlock.install_lock(window, store)
    window.show()

    def restore_drafts() -> None:
        try:
            import fieldkit.ui.editors as editors
        except ModuleNotFoundError:
            return  # a build without editors has no drafts to offer
        if hasattr(editors, "offer_draft_restore"):
            call_part(window, "editors", "offer_draft_restore", window)

    QTimer.singleShot(0, restore_drafts)
    try:
        return app.exec()
    finally:
        ops.wait_all(10_000)
        window.store.close()
