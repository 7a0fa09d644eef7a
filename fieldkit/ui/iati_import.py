"""File > Import IATI...: pick a file, watch the progress (with Cancel), read what was skipped.

The import runs as a ``CollectionOp`` with progress; Cancel rolls the whole import back (it is one
store transaction). The same window then shows the summary: created, updated, unchanged, skipped,
and a table of every activity or part left out, with its line in the file and the reason.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import render
from fieldkit.ui import file_dialogs, i18n, ops
from fieldkit.ui.operations import iati as iati_ops

PROGRESS_STEPS = 1000
WRAPPED_ROWS = 2000  # above this, rows keep one height: measuring each would stall the window
WHAT_MAX = 320  # the "What" column wraps beyond this width, and gives up room down to WHAT_MIN
WHAT_MIN = 160
ROW_SLACK = 4
CONTEXT = "ImportIatiDialog"  # the class's tr() context, so lupdate files everything together


def reason_text(reason: str) -> str:
    """A reason (or note) from the IATI reader in the user's language: the reader gives coded
    messages (fieldkit.core.messages); a plain text (a validation detail) is shown as written."""
    return render(reason)


def import_iati_dialog(parent: QWidget | None, path: str | None = None) -> ImportIatiDialog | None:
    """Ask for an IATI file (unless ``path`` is given) and import it in the background."""
    if path is None:
        path = file_dialogs.open_file_name(
            parent,
            QCoreApplication.translate("ImportIatiDialog", "Import IATI activities"),
            QCoreApplication.translate(
                "ImportIatiDialog", "IATI activity files (*.xml);;All files (*)"
            ),
        )
    if not path:
        return None
    dialog = ImportIatiDialog(parent, Path(path))
    dialog.show()
    dialog.start()
    return dialog


class ImportIatiDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.path = path
        self.report = None  # the ImportReport once finished
        self.error: str = ""
        self._op = None
        self.setWindowTitle(self.tr("Import IATI activities"))
        self.setMinimumWidth(640)

        self.status = QLabel(self.tr("Reading {name}…").format(name=path.name))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report of progress
        self.bar.setAccessibleName(self.tr("Import progress"))

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Identifier"), self.tr("What"), self.tr("Reason"),
             self.tr("Outcome")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col in (0, 1, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("What was skipped"))
        # Re-wrap the rows once after the user (or the window) changes the columns' widths.
        self._rewrap = QTimer(self, singleShot=True, interval=0, timeout=self._fit_rows)
        header.sectionResized.connect(lambda *_: self._rewrap.start())
        self.table.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel_or_close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    # ---- running -------------------------------------------------------------------------------
    def start(self) -> None:
        from fieldkit.interop.iati_common import preferred_languages

        path = self.path
        prefer = preferred_languages(i18n.current_language())
        self._op = (
            iati_ops.import_file(self, path, prefer)
            .on_progress(self._progress)
            .success(self._finished)
            .failure(self._failed)
            .run_in_background()
        )

    def cancel(self) -> None:
        if self._op is not None and self._op.progress is not None and self.running:
            self._op.progress.cancel()
            self.status.setText(self.tr("Cancelling…"))

    @property
    def running(self) -> bool:
        return self.report is None and not self.error

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.running:  # closing the window means stop, not "carry on unseen"
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def _progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.bar.setRange(0, PROGRESS_STEPS)
            self.bar.setValue(min(PROGRESS_STEPS, done * PROGRESS_STEPS // total))

    # ---- results -------------------------------------------------------------------------------
    def _finished(self, report) -> None:
        self.report = report
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setValue(PROGRESS_STEPS)
        self.setWindowTitle(self.tr("IATI import finished"))
        text = self.tr(
            "{name}: {read} activities read. {created} created, {updated} updated, "
            "{unchanged} unchanged, {skipped} skipped."
        ).format(
            name=self.path.name,
            read=i18n.format_number(report.activities),
            created=i18n.format_number(report.created),
            updated=i18n.format_number(report.updated),
            unchanged=i18n.format_number(report.unchanged),
            skipped=i18n.format_number(report.skipped_activities),
        )
        # Japanese sentences follow one another without a space.
        gap = "" if i18n.current_language() == "ja" else " "
        if report.skipped_parts:
            text += gap + self.tr("{n} parts of activities were left out.").format(
                n=i18n.format_number(report.skipped_parts)
            )
        if report.other_country:
            text += gap + self.tr("{n} activities for other countries.").format(
                n=i18n.format_number(report.other_country)
            )
        for note in report.notes:
            text += "\n" + reason_text(note)
        self.status.setText(text)
        self._fill(report.skipped)
        self._done_buttons()

    def _fill(self, skipped) -> None:
        self.table.setRowCount(len(skipped))
        for row, s in enumerate(skipped):
            outcome = self.tr("activity skipped") if s.whole else self.tr("left out")
            values = (str(s.line or ""), s.identifier, s.what, reason_text(s.reason), outcome)
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if col == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.table.setVisible(bool(skipped))
        if skipped:
            self._fit_to_table()

    def _fit_to_table(self) -> None:
        """Widen the window so that every column shows its text, as far as the screen allows.

        On a narrow screen the "What" column gives up room first (down to ``WHAT_MIN``), then
        the reasons wrap in taller rows rather than being cut.
        """
        table = self.table
        table.resizeColumnToContents(2)
        what = min(table.columnWidth(2), WHAT_MAX)
        reason = table.sizeHintForColumn(3)
        fixed = sum(table.columnWidth(c) for c in (0, 1, 4))
        margins = self.layout().contentsMargins()
        extra = table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth()
        extra += margins.left() + margins.right()
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        width = max(self.width(), min(fixed + what + reason + extra, screen.width() * 9 // 10))
        height = max(self.height(), min(self.sizeHint().height() + 240, screen.height() * 3 // 4))
        self.resize(width, height)
        room = width - extra - fixed
        table.setColumnWidth(2, min(what, max(WHAT_MIN, room - reason)))
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Row heights for the wrapped text at the columns' present widths."""
        table = self.table
        if not table.isVisible() or table.rowCount() > WRAPPED_ROWS:
            return
        table.resizeRowsToContents()
        # Qt's item painter elides a wrapped text whose lines fill the row exactly: leave a little.
        for row in range(table.rowCount()):
            table.setRowHeight(row, table.rowHeight(row) + ROW_SLACK)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ops.Cancelled):
            self.error = self.tr("Cancelled: nothing was imported.")
        elif isinstance(exc, FieldKitError):
            self.error = str(exc)
        else:
            self.error = self.tr("The import failed: nothing was imported.")
            ops.report(self, exc)
        self.setWindowTitle(self.tr("IATI import stopped"))
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setValue(0)
        self.status.setText(self.error)
        self._done_buttons()

    def _done_buttons(self) -> None:
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
