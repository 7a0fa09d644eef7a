"""Unsaved drafts found at start (after a crash or a killed process): restore or discard each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.ui.operations import drafts as draft_ops

from .common import tr
from .history import local_time

KIND_LABELS = {
    "meeting": QT_TRANSLATE_NOOP("", "Meeting"),
    "visit": QT_TRANSLATE_NOOP("", "Visit"),
    "project": QT_TRANSLATE_NOOP("", "Project"),
    "organisation": QT_TRANSLATE_NOOP("", "Organisation"),
    "person": QT_TRANSLATE_NOOP("", "Person"),
    "followup": QT_TRANSLATE_NOOP("", "Follow-up"),
}


class DraftOffer(QObject):
    """Reads the drafts in the background; shows ``dialog`` if there are any."""

    ready = Signal(object)  # the dialog, or None when there is nothing to restore

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.dialog: DraftsDialog | None = None
        self.done = False

    def start(self) -> None:
        draft_ops.list_all(self.parent_widget).success(self._got).run_in_background()

    def _got(self, drafts: list[dict[str, Any]]) -> None:
        from . import EDITOR_KINDS, open_editors

        busy = {e.draft_key for e in open_editors()}
        drafts = [d for d in drafts if d["kind"] in EDITOR_KINDS and d["key"] not in busy]
        self.done = True
        if drafts:
            self.dialog = DraftsDialog(self.parent_widget, drafts)
            self.dialog.show()
        self.ready.emit(self.dialog)


class DraftsDialog(QDialog):
    def __init__(self, parent: QWidget | None, drafts: list[dict[str, Any]]) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Unsaved work"))
        self.drafts = list(drafts)
        intro = QLabel(
            self.tr(
                "FieldKit closed without saving these. Restore opens each in its editor "
                "as you left it; Discard throws the unsaved typing away."
            )
        )
        intro.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(10)
        self.grid.setColumnStretch(1, 1)
        for c, text in enumerate((self.tr("Record"), self.tr("Title"), self.tr("Kept at"))):
            head = QLabel(text)
            head.setObjectName("columnHeader")
            head.setStyleSheet("font-weight: 600")
            self.grid.addWidget(head, 0, c)
        self.rows: dict[str, list[QWidget]] = {}
        for i, draft in enumerate(self.drafts, 1):
            self._add_row(i, draft)
        buttons = QDialogButtonBox()
        self.later = buttons.addButton(
            self.tr("Decide later"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later.setAccessibleName(self.tr("Decide later"))
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(self.grid)
        lay.addStretch(1)
        lay.addWidget(buttons)
        self.setMinimumWidth(780)
        self.resize(max(780, self.sizeHint().width() + 40), self.sizeHint().height())

    def _add_row(self, i: int, draft: dict[str, Any]) -> None:
        data = draft.get("data") or {}
        kind = tr(KIND_LABELS.get(draft["kind"], draft["kind"]))
        state = (
            tr("changes to a saved record") if draft.get("record_id") else tr("new, never saved")
        )
        title = data.get("_title") or tr("(untitled)")
        restore = QPushButton(self.tr("Restore"))
        restore.setAccessibleName(self.tr("Restore %1").replace("%1", title))
        discard = QPushButton(self.tr("Discard"))
        discard.setAccessibleName(self.tr("Discard %1").replace("%1", title))
        label = QLabel(f"{kind}<br><span style='color:#5f6368'>{state}</span>")
        label.setTextFormat(Qt.TextFormat.RichText)
        name = QLabel(title if len(title) <= 70 else title[:67] + "...")
        name.setToolTip(title)
        name.setTextFormat(Qt.TextFormat.PlainText)  # user text is never markup
        when = QLabel(local_time(draft.get("saved_at", "")))
        widgets = [label, name, when, restore, discard]
        for c, w in enumerate(widgets):
            self.grid.addWidget(w, i, c)
        self.rows[draft["key"]] = widgets
        restore.clicked.connect(lambda: self.restore(draft))
        discard.clicked.connect(lambda: self.discard(draft))

    def _drop_row(self, key: str) -> None:
        for w in self.rows.pop(key, []):
            self.grid.removeWidget(w)
            w.deleteLater()
        self.drafts = [d for d in self.drafts if d["key"] != key]
        if not self.drafts:
            self.close()

    def restore(self, draft: dict[str, Any]):
        """Open the editor with the draft's data; the draft stays until saved or discarded there."""
        from . import open_editor

        editor = open_editor(
            self.parentWidget(), draft["kind"], draft.get("record_id"), draft=draft
        )
        self._drop_row(draft["key"])
        return editor

    def discard(self, draft: dict[str, Any]) -> None:
        key = draft["key"]
        draft_ops.discard(self.parentWidget(), key).run_in_background()
        self._drop_row(key)
