""" "Waiting for my approval": the navigator's entry (with its count) and the list it opens.

The entry sits under the navigator, counts the submitted meetings and visits whose named approver
is the user, and refreshes on every store change (a record submitted on another laptop arrives by
sync). The list opens each record in its editor, where the approval bar has Approve and Return...
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.ui import i18n
from fieldkit.ui.operations import approval as approval_ops


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    t = QDateTime.fromString(str(iso)[:19], "yyyy-MM-ddTHH:mm:ss")
    t.setTimeZone(QDateTime.currentDateTimeUtc().timeZone())
    return t.toLocalTime().toString("yyyy-MM-dd HH:mm") if t.isValid() else str(iso)[:16]


def approval_row(rec) -> tuple[str, str]:
    """(label, HTML-escaped text) for a meeting's or visit's approval in the detail pane."""
    from html import escape

    a = rec.approval
    words = {
        "draft": QCoreApplication.translate("Approval", "Draft, not yet approved"),
        "submitted": QCoreApplication.translate("Approval", "Submitted, not yet approved"),
        "approved": QCoreApplication.translate("Approval", "Approved by %1 on %2, %3"),
        "filed": QCoreApplication.translate("Approval", "Filed before FieldKit recorded approvals"),
    }
    text = words[a.status]
    if a.status == "approved":
        when = _when(a.approved_at.isoformat() if a.approved_at else "")
        text = text.replace("%1", a.approved_by).replace("%2", a.approved_on).replace("%3", when)
    if a.amendment:
        text = (
            QCoreApplication.translate("Approval", "Amendment %1").replace("%1", str(a.amendment))
            + " · "
            + text
        )
    if a.status == "draft" and a.return_comment:
        text += " · " + QCoreApplication.translate("Approval", "returned: %1").replace(
            "%1", a.return_comment
        )
    return QCoreApplication.translate("Approval", "Approval"), escape(text)


class WaitingButton(QPushButton):
    """The navigator's "Waiting for my approval (N)"; opens the list."""

    def __init__(self, parent: QWidget | None = None, closed: Any = None) -> None:
        super().__init__(parent)
        self.closed = closed  # the window's "closed" event: no reads after it
        self.setObjectName("waitingForApproval")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            # Transparent like the navigator it sits in (the app's button style is white).
            "#waitingForApproval { text-align: left; padding: 8px 14px; color: #f2f4f7; "
            "background: transparent; border: none; border-radius: 6px; } "
            "#waitingForApproval:hover { background: rgba(255, 255, 255, 0.10); } "
            '#waitingForApproval[some="true"] { font-weight: 700; }'
        )
        self.rows: list[dict[str, Any]] = []
        self.loaded = False
        self.dialog: WaitingDialog | None = None
        self.clicked.connect(self.open_list)
        self.retranslate()

    def retranslate(self) -> None:
        n = len(self.rows)
        # Short: the navigator is narrow (the list it opens is titled in full).
        text = self.tr("For my approval (%1)").replace("%1", str(n))
        self.setText(text)
        self.setAccessibleName(text)
        self.setToolTip(self.tr("Submitted meetings and visits for which you are the approver"))

    def refresh(self, _changes: object = None) -> None:
        """Count again (after any change: a submit or approval here or from sync)."""
        if self.closed is not None and self.closed.is_set():
            return
        approval_ops.waiting(self, self.closed).success(self._show).run_in_background()

    def _show(self, rows: list[dict[str, Any]] | None) -> None:
        if rows is None:
            return
        self.rows = rows
        self.loaded = True
        self.setProperty("some", "true" if rows else "false")
        self.style().unpolish(self)
        self.style().polish(self)
        self.retranslate()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.fill(rows)

    def open_list(self) -> None:
        if self.dialog is None:
            self.dialog = WaitingDialog(self.window())
        self.dialog.fill(self.rows)
        self.dialog.show()
        self.dialog.raise_()
        self.refresh()


class WaitingDialog(QDialog):
    """The records waiting for my approval; Enter or double-click opens one in its editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingDialog")
        self.setWindowTitle(self.tr("Waiting for my approval"))
        self.resize(760, 360)
        lay = QVBoxLayout(self)
        self.empty = QLabel(self.tr("Nothing is waiting for your approval."))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("Subject"),
                self.tr("Submitted by"),
                self.tr("Submitted"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(2, 320)
        self.table.verticalHeader().hide()
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))
        lay.addWidget(self.empty)
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(
            self.tr("Open..."), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)
        self.rows: list[dict[str, Any]] = []

    def fill(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        kinds = {"meeting": self.tr("Meeting"), "visit": self.tr("Visit")}
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [
                i18n.format_date(r.get("date")),
                kinds.get(r["kind"], r["kind"]),
                r.get("title") or "",
                r.get("submitted_by") or "",
                _when(r.get("submitted_at")),
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.open_button.setEnabled(bool(rows))
        if rows and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            from fieldkit.ui.editors import open_editor

            r = self.rows[row]
            open_editor(self.parent(), r["kind"], r["id"])
