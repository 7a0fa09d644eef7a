"""The Sync page: enrol this laptop, Sync now, automatic sync, what is pending and what went wrong.

Sync runs as a background CollectionOp (the window stays usable; edits made meanwhile are kept and
sent next time). Automatic sync tries every few minutes and stays quiet while HQ cannot be
reached: a laptop offline for weeks is normal, not an error.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.messages import Message, render, restored
from fieldkit.core.store import Changes
from fieldkit.ui import i18n
from fieldkit.ui.operations import sync as sync_ops

DEFAULT_MINUTES = 5
CONTEXT = "SyncPage"  # the class's tr() context: lupdate files the tables below with it

# Record kinds as the page names them (the sync state stores the model's ``kind``).
KIND_NAMES = {
    "meeting": QT_TRANSLATE_NOOP("SyncPage", "Meeting"),
    "visit": QT_TRANSLATE_NOOP("SyncPage", "Visit"),
    "project": QT_TRANSLATE_NOOP("SyncPage", "Project"),
    "organisation": QT_TRANSLATE_NOOP("SyncPage", "Organisation"),
    "person": QT_TRANSLATE_NOOP("SyncPage", "Person"),
    "followup": QT_TRANSLATE_NOOP("SyncPage", "Follow-up"),
    "attachment": QT_TRANSLATE_NOOP("SyncPage", "Attachment"),
}

# Japanese sentences end in "。" and follow each other without a space.
_AFTER_FULL_STOP = re.compile(r"(?<=。) +")


def kind_name(kind: str) -> str:
    """A record kind in the user's language (an unknown kind as sync wrote it)."""
    known = KIND_NAMES.get(kind)
    return QCoreApplication.translate(CONTEXT, known) if known else kind


def message_text(message) -> str:
    """An error or refusal from sync in the user's language: sync and HQ send coded messages
    (kept coded in the sync state too); a plain text (a validation detail) is shown as written."""
    if isinstance(message, str) and not isinstance(message, Message):
        message = restored(message)
    return render(message, i18n.current_language())


def _when(iso: str | None) -> str:
    """A sync time in the user's language and local time (2026/11/27 14:05, 27 Nov 2026 14:05)."""
    if not iso:
        return ""
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return i18n.format_date(at, time=True)


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as the text wrapped to its column's width: a tree, unlike a table, measures
    rows without the column width, so a long reason would stay on one line and be cut."""

    SLACK = 4  # Qt's painter elides a wrapped text whose lines fill the row exactly

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint(option, index)
        text = str(index.data() or "")
        padding = self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        width = self.view.header().sectionSize(index.column()) - 2 * padding
        if not text or width <= 0:
            return hint
        layout = QTextLayout(text, option.font)
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(wrap)
        layout.beginLayout()
        height = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            height += line.height()
        layout.endLayout()
        margins = hint.height() - QFontMetrics(option.font).height()
        return QSize(hint.width(), max(hint.height(), math.ceil(height) + margins + self.SLACK))


class SyncPage(i18n.Retranslating, QWidget):
    built_when = "timer"  # the last thing the constructor makes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._quiet = False  # an automatic sync found HQ away: no red error for that
        self._status: dict[str, Any] = {}

        # -- where this laptop syncs
        self.server_label = QLabel()
        self.server_label.setWordWrap(True)
        self.last_label = QLabel()
        self.pending_label = QLabel()
        self.conflicts_label = QLabel()
        self.conflicts_button = QPushButton(self.tr("Resolve conflicts…"))
        self.conflicts_button.clicked.connect(self.open_conflicts)
        conflicts_row = QHBoxLayout()
        conflicts_row.addWidget(self.conflicts_label, 1)
        conflicts_row.addWidget(self.conflicts_button)
        state_box = self.state_box = QGroupBox(self.tr("Sync with headquarters"))
        form = self.state_form = QFormLayout(state_box)
        form.addRow(self.tr("Server:"), self.server_label)
        form.addRow(self.tr("Last sync:"), self.last_label)
        form.addRow(self.tr("Waiting to be sent:"), self.pending_label)
        # Changes HQ refused are neither waiting nor filed: counted apart, never as "nothing".
        self.refused_label = QLabel()
        self.refused_label.setStyleSheet("color: #b3261e;")
        form.addRow(self.tr("Not accepted by HQ:"), self.refused_label)
        form.addRow(self.tr("Conflicts:"), conflicts_row)
        self.conflicts_row = conflicts_row

        # -- sync now, automatic sync, progress
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(lambda: self.sync_now())
        self.auto_check = QCheckBox(self.tr("Sync automatically every"))
        self.auto_check.setChecked(True)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 240)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addSpacing(16)
        row.addWidget(self.auto_check)
        row.addWidget(self.minutes)
        row.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.phase_label = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")

        # -- rejected records
        self.rejected = QTreeWidget()
        self.rejected.setHeaderLabels(
            [self.tr("Record"), self.tr("Kind"), self.tr("Why HQ refused it")]
        )
        self.rejected.setRootIsDecorated(False)
        # A reason is a sentence or two (longer in Japanese): it wraps rather than being cut.
        self.rejected.setWordWrap(True)
        self.rejected.setItemDelegateForColumn(2, _WrappingDelegate(self.rejected))
        self.rejected.header().sectionResized.connect(
            lambda *_: self.rejected.scheduleDelayedItemsLayout()
        )
        self.rejected.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rejected.setColumnWidth(0, 260)  # room for a title; the reason takes the rest
        self.rejected.setColumnWidth(1, 90)
        self.rejected.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.dismiss_button = QPushButton(self.tr("Discard selected…"))
        self.dismiss_button.setEnabled(False)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.rejected.itemSelectionChanged.connect(
            lambda: self.dismiss_button.setEnabled(bool(self.rejected.selectedItems()))
        )
        self.rejected_box = QGroupBox(self._rejected_title())
        box = QVBoxLayout(self.rejected_box)
        box.addWidget(self.rejected)
        dismiss_row = QHBoxLayout()
        dismiss_row.addStretch(1)
        dismiss_row.addWidget(self.dismiss_button)
        box.addLayout(dismiss_row)

        # -- enrolment
        self.enrol_box = QGroupBox(self.tr("Enrol this laptop"))
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("https://hq.example.go.jp:8443")
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("ABCD-EFGH-JKLM")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("this computer's name"))
        self.enrol_button = QPushButton(self.tr("Enrol"))
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_message = QLabel(
            self.tr("Ask HQ IT for a one-time enrolment code for your embassy.")
        )
        self.enrol_message.setWordWrap(True)
        ef = self.enrol_form = QFormLayout(self.enrol_box)
        ef.addRow(self.tr("HQ server address:"), self.server_edit)
        ef.addRow(self.tr("Enrolment code:"), self.code_edit)
        ef.addRow(self.tr("Name of this laptop:"), self.name_edit)
        ef.addRow("", self.enrol_button)
        ef.addRow("", self.enrol_message)

        self._enrol_open = False
        self.enrol_again = QPushButton(self.tr("Enrol again…"))
        self.enrol_again.setVisible(False)
        self.enrol_again.clicked.connect(self._open_enrol)
        row.addWidget(self.enrol_again)

        layout = QVBoxLayout(self)
        layout.addWidget(state_box)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.rejected_box, 1)
        layout.addWidget(self.enrol_box)
        layout.addStretch(0)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self._auto_tick)
        self.auto_check.toggled.connect(self._schedule)
        self.minutes.valueChanged.connect(self._schedule)
        self._schedule()
        self.refresh()

    def retranslate(self) -> None:
        """The words the constructor set, again in the current language (Settings switched it)."""
        self.conflicts_button.setText(self.tr("Resolve conflicts…"))
        self.state_box.setTitle(self.tr("Sync with headquarters"))
        for form, field, text in (
            (self.state_form, self.server_label, self.tr("Server:")),
            (self.state_form, self.last_label, self.tr("Last sync:")),
            (self.state_form, self.pending_label, self.tr("Waiting to be sent:")),
            (self.state_form, self.refused_label, self.tr("Not accepted by HQ:")),
            (self.state_form, self.conflicts_row, self.tr("Conflicts:")),
            (self.enrol_form, self.server_edit, self.tr("HQ server address:")),
            (self.enrol_form, self.code_edit, self.tr("Enrolment code:")),
            (self.enrol_form, self.name_edit, self.tr("Name of this laptop:")),
        ):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)
        self.sync_button.setText(self.tr("Sync now"))
        self.auto_check.setText(self.tr("Sync automatically every"))
        self.minutes.setSuffix(self.tr(" min"))
        self.rejected.setHeaderLabels(
            [self.tr("Record"), self.tr("Kind"), self.tr("Why HQ refused it")]
        )
        self.dismiss_button.setText(self.tr("Discard selected…"))
        self.rejected_box.setTitle(self._rejected_title())
        self.name_edit.setPlaceholderText(self.tr("this computer's name"))
        self.enrol_button.setText(self.tr("Enrol"))
        hint = "Ask HQ IT for a one-time enrolment code for your embassy."
        # only the hint: an enrolment's outcome stays as it was said
        if self.enrol_message.text() in {
            i18n.messages.text("SyncPage", hint, lang) for lang in i18n.SUPPORTED
        }:
            self.enrol_message.setText(
                self.tr("Ask HQ IT for a one-time enrolment code for your embassy.")
            )
        self.enrol_again.setText(self.tr("Enrol again…"))
        if self._status:
            self._show_status(self._status)  # server, counts and refused changes, reworded

    # ---- state --------------------------------------------------------------------------------
    def refresh(self) -> None:
        sync_ops.status(self).success(self._show_status).run_in_background()

    def apply_changes(self, changes: Changes) -> None:
        """Called by the main window after every store change: the pending count moves."""
        if not self._running:
            self.refresh()

    def _show_status(self, st: dict[str, Any]) -> None:
        self._status = st
        enrolled = bool(st.get("server") and st.get("device_id"))
        if enrolled:
            self.server_label.setText(
                self.tr("%1 — embassy %2, this laptop is “%3”")
                .replace("%1", st["server"])
                .replace("%2", st.get("embassy") or "?")
                .replace("%3", st.get("device_name") or st["device_id"])
                + "\n"
                + self._terms(st)
            )
        else:
            self.server_label.setText(self.tr("Not enrolled yet: fill in the form below."))
        self.sync_button.setEnabled(enrolled and not self._running)
        self.enrol_box.setTitle(
            self.tr("Enrol this laptop again") if enrolled else self.tr("Enrol this laptop")
        )
        # Enrolled laptops keep the form out of the way until asked for.
        self.enrol_box.setVisible(not enrolled or self._enrol_open)
        self.enrol_again.setVisible(enrolled and not self._enrol_open)
        self.last_label.setText(_when(st.get("last_sync")) or self.tr("never"))
        pending = st.get("pending", 0)
        if pending == 1:
            self.pending_label.setText(self.tr("1 changed record"))
        else:
            self.pending_label.setText(
                self.tr("%1 changed records").replace("%1", str(pending))
                if pending
                else self.tr("nothing")
            )
        n = st.get("conflicts", 0)
        if n == 1:
            self.conflicts_label.setText(self.tr("1 conflict to resolve"))
        else:
            self.conflicts_label.setText(
                self.tr("%1 conflicts to resolve").replace("%1", str(n)) if n else self.tr("none")
            )
        self.conflicts_button.setVisible(bool(n))
        self.rejected.clear()
        for r in st.get("rejected", []):
            title = r["data"].get("subject") or r["data"].get("title") or r["data"].get("name")
            reason = message_text(r["reason"])
            item = QTreeWidgetItem([str(title or r["record_id"]), kind_name(r["kind"]), reason])
            item.setToolTip(2, reason)
            item.setData(0, Qt.ItemDataRole.UserRole, r["record_id"])
            self.rejected.addTopLevelItem(item)
        self.rejected_box.setVisible(bool(st.get("rejected")))
        refused = len(st.get("rejected", []))
        self.refused_label.setText(
            self.tr("%1 changes: not filed until fixed and accepted, or discarded").replace(
                "%1", str(refused)
            )
            if refused
            else self.tr("none")
        )
        if st.get("last_error") and not self.error_label.text() and not self._quiet:
            self.error_label.setText(
                self.tr("Last sync did not finish: %1").replace(
                    "%1", message_text(st["last_error"])
                )
            )

    def _terms(self, st: dict[str, Any]) -> str:
        """What HQ lets this laptop hold: its classification ceiling, and its role."""
        from fieldkit.core.reference import reference
        from fieldkit.ui.i18n import current_language

        level = reference().classifications.get(st.get("ceiling") or "")
        name = level.label(current_language()) if level else (st.get("ceiling") or "")
        text = self.tr("Holds records classified up to %1").replace("%1", name)
        if st.get("role") == "local-staff":
            text += " · " + self.tr("local-staff laptop: no NOT FOR LOCAL STAFF records")
        return text

    def _rejected_title(self) -> str:
        return self.tr("Not accepted by HQ: not filed until fixed and sent again, or discarded")

    def dismiss_selected(self) -> None:
        """Discard the selected refused changes, once the user confirms (audited)."""
        ids = [i.data(0, Qt.ItemDataRole.UserRole) for i in self.rejected.selectedItems()]
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes HQ did not accept"),
            self.tr("Discard %1 change(s) HQ did not accept? Each record goes back to HQ's copy; "
                    "a record HQ never accepted is removed from this laptop. The audit log "
                    "records this.").replace("%1", str(len(ids))),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        sync_ops.forget_refused(self, ids).success(lambda _n: self.refresh()).run_in_background()

    # ---- sync ---------------------------------------------------------------------------------
    def _schedule(self) -> None:
        if self.auto_check.isChecked():
            self.timer.start(self.minutes.value() * 60_000)
        else:
            self.timer.stop()

    def _auto_tick(self) -> None:
        if self._running or not self._status.get("server"):
            return
        self.sync_now(auto=True)

    def sync_now(self, auto: bool = False) -> None:
        if self._running:
            return
        self._running = True
        self.sync_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.phase_label.setText(self.tr("Connecting to HQ…"))
        if not auto:
            self._quiet = False
            self.error_label.clear()

        op = sync_ops.sync_now(self, auto=auto)
        op.on_progress(self._on_progress).success(self._on_done).failure(
            lambda exc: self._on_failed(exc, auto)
        ).run_in_background()

    def _on_progress(self, done: int, total: int, what: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        phases = {
            "push": self.tr("Sending changes"),
            "pull": self.tr("Receiving changes"),
            "files up": self.tr("Sending photos"),
            "files down": self.tr("Receiving photos"),
        }
        self.phase_label.setText(phases.get(what, what) + (f" ({done}/{total})" if total else ""))

    def _finish(self) -> None:
        self._running = False
        self.progress.setVisible(False)
        self.phase_label.clear()
        self.refresh()

    def _on_done(self, report: dict[str, Any]) -> None:
        self._finish()
        self.error_label.clear()
        text = self.tr("Sent %1, received %2 records in %3 s.").replace(
            "%1", str(report["pushed"])).replace("%2", str(report["pulled"])).replace(
            "%3", f"{report['seconds']:.1f}")  # fmt: skip
        if report["files_sent"] or report["files_received"]:
            text += " " + self.tr("Photos: %1 sent, %2 received.").replace(
                "%1", str(report["files_sent"])).replace("%2", str(report["files_received"]))  # fmt: skip
        if report["conflicts"]:
            text += " " + self.tr("New conflicts to resolve: %1.").replace(
                "%1", str(report["conflicts"]))  # fmt: skip
        if report["rejected"]:
            text += " " + self.tr("Changes refused by HQ: %1 (see below).").replace(
                "%1", str(report["rejected"]))  # fmt: skip
        elif report.get("not_accepted"):
            text += " " + self.tr("Still not accepted by HQ: %1 changes (see below).").replace(
                "%1", str(report["not_accepted"]))  # fmt: skip
        if report.get("withdrawn"):
            text += " " + self.tr("Removed %1 records this laptop may no longer hold.").replace(
                "%1", str(report["withdrawn"]))  # fmt: skip
        if report.get("unreadable"):
            text += " " + self.tr("Some records from HQ need a newer FieldKit: update it.")
        if not report["verified"]:
            text += " " + self.tr("Not fully in step with HQ yet; sync again.")
        self.result_label.setText(_AFTER_FULL_STOP.sub("", text))
        self.last_report = report

    def _on_failed(self, exc: BaseException, auto: bool) -> None:
        from sync.client import NotEnrolled, SyncError

        offline = auto and isinstance(exc, SyncError) and not isinstance(exc, NotEnrolled)
        self._quiet = offline  # the refresh below must not show it as the last sync's error
        self._finish()
        message = message_text(exc)
        if offline:
            # Offline is the normal state of a field laptop: say so quietly, try again later.
            self.phase_label.setText(
                self.tr("HQ not reachable; trying again in %1 min.").replace(
                    "%1", str(self.minutes.value())
                )
            )
            return
        if not isinstance(exc, SyncError):
            message = self.tr("Sync failed unexpectedly: %1").replace(
                "%1", f"{type(exc).__name__}: {exc}"
            )
        self.error_label.setText(message)

    # ---- enrolment ----------------------------------------------------------------------------
    def _open_enrol(self) -> None:
        self._enrol_open = True
        self.enrol_box.setVisible(True)
        self.enrol_again.setVisible(False)

    def enrol(self) -> None:
        server, code = self.server_edit.text().strip(), self.code_edit.text().strip()
        if not server or not code:
            self.enrol_message.setText(self.tr("Give both the HQ server address and the code."))
            return
        name = self.name_edit.text().strip()
        self.enrol_button.setEnabled(False)
        self.enrol_message.setText(self.tr("Enrolling…"))

        def done(info: dict[str, Any]) -> None:
            self.enrol_button.setEnabled(True)
            self._enrol_open = False
            self.code_edit.clear()
            where = message_text(info["credential"])
            if where == info["credential"]:  # English: the credential's words as a sentence
                where = where[:1].upper() + where[1:] + "."
            message = (
                self.tr("Enrolled with embassy %1. %2")
                .replace("%1", info["embassy"])
                .replace("%2", where)
            )
            self.enrol_message.setText(message)
            self.result_label.setText(message)  # the form folds away once enrolled
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.enrol_button.setEnabled(True)
            self.enrol_message.setText(message_text(exc))

        sync_ops.enrol(self, server, code, name).success(done).failure(failed).run_in_background()

    def open_conflicts(self) -> None:
        from fieldkit.ui.conflicts import ConflictsDialog

        dialog = ConflictsDialog(self)
        dialog.resolved.connect(lambda _cid: self.refresh())
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()

    def last_report_json(self) -> str:
        return json.dumps(getattr(self, "last_report", {}), indent=2)
