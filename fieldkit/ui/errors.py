"""Showing errors: a plain message for expected problems, a details dialog for bugs.

A FieldKitError (bad input, a record in the trash, a locked file, ...) carries a message written
for the user and is shown as it is. Anything else is a bug: the user gets a short apology with
"Copy details" (for a support request), and the traceback goes to ``<data dir>/logs/fieldkit.log``.

    errors.set_log_dir(data_dir / "logs")
    ops.configure(lambda: store, errors.report)
"""

from __future__ import annotations

import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from fieldkit import __version__
from fieldkit.core.crashlog import redacted_traceback
from fieldkit.core.errors import FieldKitError

LOG_NAME = "fieldkit.log"
_MAX_LOG_BYTES = 2 * 1024 * 1024

_log_dir: Path | None = None


def set_log_dir(path: Path) -> None:
    global _log_dir
    _log_dir = Path(path)


def log_path() -> Path | None:
    return _log_dir / LOG_NAME if _log_dir else None


def log_exception(details: str) -> Path | None:
    """Append a traceback to the log (rotated once at 2 MB); None if it cannot be written."""
    path = log_path()
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > _MAX_LOG_BYTES:
            path.replace(path.with_suffix(".log.1"))
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(UTC).isoformat()} FieldKit {__version__}\n{details}\n")
        return path
    except OSError:
        return None


def _widget(parent: QObject | None) -> QWidget | None:
    while parent is not None and not isinstance(parent, QWidget):
        parent = parent.parent()
    if parent is None:
        return QApplication.activeWindow()
    return parent.window() if isinstance(parent, QWidget) else None


def show_message(parent: QObject | None, message: str, title: str = "") -> None:
    """An expected problem: the message as the core wrote it, nothing more."""
    box = QMessageBox(_widget(parent))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("Errors", "FieldKit"))
    first, _, rest = message.partition("\n")
    box.setText(first)
    if rest:
        box.setInformativeText(rest.strip())
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAccessibleName(QCoreApplication.translate("Errors", "Problem"))
    box.exec()


class UnexpectedErrorDialog(QDialog):
    """A bug reached the user: say so plainly, keep the details one click away."""

    def __init__(
        self, parent: QWidget | None, exc: BaseException, details: str, log: Path | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Errors", "Unexpected error"))
        self.setAccessibleName(QCoreApplication.translate("Errors", "Unexpected error"))
        self.details_text = (
            f"FieldKit {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
            f"{type(exc).__name__}: {exc}\n\n{details.rstrip()}"
        )
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        headline = QLabel(
            "<b>"
            + QCoreApplication.translate("Errors", "Something went wrong inside FieldKit.")
            + "</b><br>"
            + QCoreApplication.translate(
                "Errors",
                "Your saved records are safe. If this keeps happening, send the details below to your IT contact.",
            )
        )
        headline.setWordWrap(True)
        where = QLabel(
            QCoreApplication.translate("Errors", "The details were written to {path}.").format(
                path=log
            )
            if log
            else QCoreApplication.translate(
                "Errors", "The details could not be written to the log file."
            )
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self.details_text)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(QCoreApplication.translate("Errors", "Error details"))
        self.details.setMinimumHeight(160)
        self.details.setVisible(False)

        self.copy_button = QPushButton(QCoreApplication.translate("Errors", "Copy details"))
        self.copy_button.setAccessibleName(QCoreApplication.translate("Errors", "Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        self.toggle_button = QPushButton(QCoreApplication.translate("Errors", "Show details"))
        self.toggle_button.setCheckable(True)
        self.toggle_button.toggled.connect(self._toggle)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.toggle_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(headline)
        text.addWidget(where)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(560, 200)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text)
        self.copy_button.setText(QCoreApplication.translate("Errors", "Copied"))

    def _toggle(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle_button.setText(
            QCoreApplication.translate("Errors", "Hide details")
            if shown
            else QCoreApplication.translate("Errors", "Show details")
        )
        self.adjustSize()


def report(parent: QObject | None, exc: BaseException, details: str = "") -> None:
    """The error reporter for background operations and uncaught exceptions."""
    if isinstance(exc, FieldKitError):
        show_message(parent, exc.render())  # a coded error in the user's language
        return
    if not details:
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log = log_exception(redacted_traceback(exc))  # the file gets no message text
    UnexpectedErrorDialog(_widget(parent), exc, details, log).exec()


_in_hook = False


def install_excepthook() -> None:
    """Exceptions escaping a Qt slot would otherwise only print to a console nobody sees."""

    def hook(exc_type, exc, tb) -> None:
        global _in_hook
        if issubclass(exc_type, KeyboardInterrupt) or _in_hook:
            sys.__excepthook__(exc_type, exc, tb)
            return
        _in_hook = True
        try:
            report(None, exc, "".join(traceback.format_exception(exc_type, exc, tb)))
        finally:
            _in_hook = False

    sys.excepthook = hook
