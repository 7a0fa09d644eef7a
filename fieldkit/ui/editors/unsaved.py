"""Unsaved work in an editor: the draft kept while typing, and the question asked on close."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QMessageBox

from fieldkit.ui.operations import drafts as draft_ops

from .common import tr


class EditorUnsaved:
    """Drafts and closing of ``RecordEditor`` (a mixin: it has no state of its own)."""

    # ---- drafts --------------------------------------------------------------------------------
    def save_draft_now(self) -> bool:
        """Keep what is typed so far; called by the autosave timer. True if a draft was written."""
        if not self._ready or self._saving or not self.is_dirty():
            return False
        data = self.form_data()
        if data == self._last_draft:
            return False
        self._last_draft = data
        payload = {
            **data,
            **self.display_data(),
            "_id": self.new_id,
            "_title": self.draft_title(),
            "_base": self.baseline,
        }
        key, kind, rid = self.draft_key, self.kind, self.record_id

        def done(_result) -> None:
            self._draft_written = True
            now = QDateTime.currentDateTime().toString("HH:mm:ss")
            self.status_label.setText(tr("Draft kept at %1").replace("%1", now))

        draft_ops.keep(self, key, kind, payload, rid).success(done).run_in_background()
        return True

    def _discard_draft(self) -> None:
        if self._draft_written or self._last_draft is not None:
            key = self.draft_key
            draft_ops.discard(None, key).run_in_background()
            self._draft_written = False
            self._last_draft = None

    # ---- closing -------------------------------------------------------------------------------
    def _ask_close(self) -> None:
        if self._ask_box is not None and self._ask_box.isVisible():
            self._ask_box.raise_()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Unsaved changes"))
        box.setText(
            tr("Save the changes to \u201c%1\u201d before closing?").replace("%1", self.heading())
        )
        box.setInformativeText(
            tr("If you discard them, what you typed since the last save is lost.")
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _r: self._close_answer(box.standardButton(box.clickedButton())))
        self._ask_box = box
        box.open()

    def _close_answer(self, button) -> None:
        self._ask_box = None
        if button == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            if not self.save():
                self._close_after_save = False
        elif button == QMessageBox.StandardButton.Discard:
            self._discard_draft()
            self._force_close = True
            self._autosave.stop()
            self.close()

    def _draft_edits(self, draft: dict[str, Any]) -> dict[str, Any]:
        """What the user had changed when the draft was kept.

        The draft also records the form as it was loaded (``_base``): only fields that differ
        from it are applied, so a change synced to another field since then is not undone.
        """
        base = draft.get("_base")
        if not isinstance(base, dict):
            return draft
        edits = {k: v for k, v in draft.items() if k.startswith("_") or base.get(k) != v}
        edits.pop("_base", None)
        return edits
