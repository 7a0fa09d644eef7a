"""The approval bar of the meeting and visit editors: where the record stands, and its next step.

Draft: **Submit** (once saved, with an approver named). Submitted: **Approve** and **Return...** for
the named approver. Approved or filed: the form is locked and **Amend** starts amendment N. The
rules themselves are the core's (``fieldkit.core.approval``); a refusal shows as one line here.
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout

from fieldkit.core.approval import KINDS, same_person
from fieldkit.core.errors import FieldKitError
from fieldkit.ui import i18n, ops
from fieldkit.ui.operations import approval as approval_ops

STYLE = """
#approvalBar { border: 1px solid #c8ced6; border-radius: 4px; background: #f6f8fa; }
#approvalBar[state="draft"], #approvalBar[state="submitted"] { background: #fdf1f1; border-color: #e3b5b5; }
#approvalBar[state="approved"] { background: #edf6ee; border-color: #a9d0ad; }
#approvalState { font-weight: 600; }
"""


def attach(editor) -> ApprovalBar | None:
    """An approval bar at the top of ``editor``'s form, for meetings and visits only."""
    if editor.kind not in KINDS:
        return None
    bar = ApprovalBar(editor)
    editor.content_layout.insertWidget(0, bar)
    return bar


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    t = QDateTime.fromString(str(iso)[:19], "yyyy-MM-ddTHH:mm:ss")
    t.setTimeZone(QDateTime.currentDateTimeUtc().timeZone())
    return t.toLocalTime().toString("yyyy-MM-dd HH:mm") if t.isValid() else str(iso)[:16]


class ApprovalBar(QFrame):
    def __init__(self, editor) -> None:
        super().__init__(editor.content)
        # Weak: a strong one would keep the editor's Python side alive after Qt deletes it.
        self._editor = weakref.ref(editor)
        self.setObjectName("approvalBar")
        self.setStyleSheet(STYLE)
        self.record: dict[str, Any] | None = None
        # The state and its buttons first, the explanation below: the buttons stay in view
        # however narrow the window.
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(4)
        row = QHBoxLayout()
        self.state = QLabel()
        self.state.setObjectName("approvalState")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.state)
        self.submit_button = QPushButton(self.tr("Submit"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.return_button = QPushButton(self.tr("Return..."))
        self.amend_button = QPushButton(self.tr("Amend"))
        for b, name, slot in (
            (self.submit_button, self.tr("Submit to the approver"), self.submit),
            (self.approve_button, self.tr("Approve this record"), self.approve),
            (self.return_button, self.tr("Return to the drafter with a comment"), self.return_),
            (self.amend_button, self.tr("Start an amendment of this approved record"), self.amend),
        ):
            b.setAccessibleName(name)
            b.setToolTip(name)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.detail)
        self.show_record(None)

    @property
    def editor(self):
        return self._editor()

    # ---- showing ------------------------------------------------------------------------------
    def show_record(self, record: dict[str, Any] | None) -> None:
        """Show ``record`` (the stored JSON; None: not saved yet) and lock the form if final."""
        self.record = record
        a = (record or {}).get("approval") or {"status": "draft"}
        status = a.get("status", "draft")
        me = ops.author()
        approver = (record or {}).get("approver", "")
        mine = same_person(approver, me)
        names = {
            "draft": self.tr("Draft"),
            "submitted": self.tr("Submitted"),
            "approved": self.tr("Approved"),
            "filed": self.tr("Filed"),
        }
        state = names.get(status, status)
        if a.get("amendment"):
            state += " · " + self.tr("Amendment %1").replace("%1", str(a["amendment"]))
        self.state.setText(state)
        self.setProperty("state", status)
        self.style().unpolish(self)
        self.style().polish(self)
        if record is None:
            detail = self.tr("Not yet approved. Save the record, then submit it to its approver.")
        elif status == "draft":
            detail = self.tr("Not yet approved.")
            if a.get("return_comment"):
                detail += " " + self.tr("Returned by %1: %2").replace(
                    "%1", a.get("returned_by", "")
                ).replace("%2", a["return_comment"])
        elif status == "submitted":
            detail = (
                self.tr("Submitted by %1 on %2; waiting for approval by %3.")
                .replace("%1", a.get("submitted_by", ""))
                .replace("%2", _when(a.get("submitted_at")))
                .replace("%3", approver or "?")
            )
        elif status == "approved":
            detail = (
                self.tr("Approved by %1 on %2, %3. Locked: amend it to change it.")
                .replace("%1", a.get("approved_by", ""))
                .replace("%2", a.get("approved_on", ""))
                .replace("%3", _when(a.get("approved_at")))
            )
        else:
            detail = self.tr(
                "Filed before FieldKit recorded approvals. Locked: amend it to change it."
            )
        self.detail.setText(detail)
        saved = record is not None
        for b in (self.approve_button, self.return_button, self.amend_button):
            b.setEnabled(True)
        self.submit_button.setVisible(status == "draft")
        self.submit_button.setEnabled(saved)
        self.approve_button.setVisible(status == "submitted" and mine)
        self.return_button.setVisible(status == "submitted" and mine)
        self.amend_button.setVisible(status in ("approved", "filed"))
        self.lock(status in ("approved", "filed"))

    def lock(self, locked: bool) -> None:
        """A final record is read-only here too (the store refuses edits anyway)."""
        e = self.editor
        for i in range(e.content_layout.count()):
            w = e.content_layout.itemAt(i).widget()
            if w is not None and w is not self:
                w.setEnabled(not locked)
        e.save_button.setEnabled(not locked)

    # ---- steps --------------------------------------------------------------------------------
    def _run(self, name: str, *args: Any) -> None:
        e = self.editor
        if not e.record_id:
            return
        if e.is_dirty():
            self.detail.setText(self.tr("Save your changes first."))
            return
        for b in (self.submit_button, self.approve_button, self.return_button, self.amend_button):
            b.setEnabled(False)
        approval_ops.step(
            e, name, e.record_id, *args, fetch=e.fetch, source=e.change_source
        ).success(self._done).failure(self._failed).run_in_background()

    def _done(self, bundle: dict[str, Any]) -> None:
        e = self.editor
        e._ready = False
        e._loaded(bundle)

    def _failed(self, exc: BaseException) -> None:
        self.show_record(self.record)
        if isinstance(exc, FieldKitError):
            self.detail.setText(exc.render(i18n.current_language()))
        else:
            ops.report(self, exc)

    def submit(self) -> None:
        self._run("submit")

    def approve(self) -> None:
        self._run("approve")

    def amend(self) -> None:
        self._run("amend")

    def return_(self) -> None:
        comment, ok = QInputDialog.getMultiLineText(
            self, self.tr("Return to the drafter"), self.tr("What should the drafter change?")
        )
        if ok and comment.strip():
            self._run("return", comment)
