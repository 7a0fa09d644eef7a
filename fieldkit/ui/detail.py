"""The read-only pane beside a list: the selected record, laid out to be read, with its actions.

The record, its follow-ups and photos, and the names of what it links to (project, organisations)
are loaded in one QueryOp; photo thumbnails are scaled on the worker thread too. Links to other
records (``record:<id>``) ask the main window to show them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.query import RecordFilter
from fieldkit.ui import i18n, ops
from fieldkit.ui.lists.detail_html import render
from fieldkit.ui.lists.icons import icon
from fieldkit.ui.operations import read

if TYPE_CHECKING:  # pydantic models load when a record is shown, not with the window
    from fieldkit.core.models import Record

THUMB = 220
MAX_PHOTOS = 8


def load_detail(store, record_id: str) -> dict[str, Any]:
    """Worker side: the record and everything the pane shows about it."""
    rec = store.get(record_id, include_deleted=True)
    out: dict[str, Any] = {"record": rec, "followups": [], "photos": [], "files": [], "links": {}}
    if rec.kind in ("meeting", "visit"):
        for child in store.children(rec.id):
            if child.kind == "followup":
                out["followups"].append(child)
            elif child.kind == "attachment":
                if child.media_type.startswith("image/") and len(out["photos"]) < MAX_PHOTOS:
                    image = QImage()
                    try:
                        image.loadFromData(store.blobs.get(child.sha256))
                    except Exception:  # noqa: BLE001 - a missing blob must not hide the record
                        image = QImage()
                    if not image.isNull():
                        image = image.scaled(THUMB, THUMB, aspectMode=_KEEP, mode=_SMOOTH)
                    out["photos"].append((child, image))
                else:
                    out["files"].append(child)
    linked: list[str] = []
    if rec.kind == "meeting":
        linked += rec.organisation_ids
        linked += [a.person_id for a in rec.partner_attendees if a.person_id]
    elif rec.kind == "visit" and rec.project_id:
        linked.append(rec.project_id)
    elif rec.kind == "person" and rec.organisation_id:
        linked.append(rec.organisation_id)
    elif rec.kind == "followup" and rec.parent_id:
        linked.append(rec.parent_id)
    if linked:
        out["links"] = {r.id: r for r in store.get_many(dict.fromkeys(linked))}
    if rec.kind == "project":
        out["visits"] = store.query(RecordFilter(kinds=("visit",), parent_id=rec.id), limit=20)
    from sync.state import SyncState

    out["refused"] = SyncState(store).refused_for(rec.id)  # shown until fixed or discarded
    return out


_KEEP = Qt.AspectRatioMode.KeepAspectRatio
_SMOOTH = Qt.TransformationMode.SmoothTransformation


class DetailPane(i18n.Retranslating, QWidget):
    """Shows one record; its buttons emit what the user asked for, the window does it."""

    edit_requested = Signal(str, str)  # kind, id
    delete_requested = Signal(str)
    restore_requested = Signal(str)
    history_requested = Signal(str)
    print_requested = Signal(str)
    open_record = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_id: str | None = None
        self.record: Record | None = None
        self._generation = 0

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.document().setDocumentMargin(14)
        # Break lines between words only: a narrow table column split "Status" into "Stat/us".
        self.browser.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("placeholder")

        self.edit_button = QPushButton(icon("edit"), "")
        self.delete_button = QPushButton(icon("delete"), "")
        self.restore_button = QPushButton(icon("restore"), "")
        self.history_button = QPushButton(icon("history"), "")
        self.print_button = QPushButton(icon("print"), "")
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested, with_kind=True))
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        self.restore_button.clicked.connect(lambda: self._emit(self.restore_requested))
        self.history_button.clicked.connect(lambda: self._emit(self.history_requested))
        self.print_button.clicked.connect(lambda: self._emit(self.print_requested))

        buttons = QHBoxLayout()
        buttons.setContentsMargins(10, 8, 10, 8)
        for b in (self.edit_button, self.history_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        self.button_row = QWidget()
        self.button_row.setObjectName("detailButtons")
        self.button_row.setLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.button_row)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.placeholder, 1)
        self.retranslate()
        self.show_record(None)

    def _emit(self, signal, with_kind: bool = False) -> None:
        if self.record is None:
            return
        if with_kind:
            signal.emit(self.record.kind, self.record.id)
        else:
            signal.emit(self.record.id)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "record":
            self.open_record.emit(url.path())

    def show_record(self, record_id: str | None) -> None:
        """Load and show a record (None: nothing selected)."""
        self.record_id = record_id
        self._generation += 1
        if record_id is None:
            self.record = None
            self.browser.hide()
            self.placeholder.show()
            self._update_buttons()
            return
        generation = self._generation
        read(self, load_detail, record_id).success(
            lambda detail: self._on_loaded(generation, detail)
        ).failure(lambda exc: self._on_failed(generation, exc)).run_in_background()

    def reload(self) -> None:
        if self.record_id:
            self.show_record(self.record_id)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        from fieldkit.core.errors import NotFound

        if isinstance(exc, NotFound):  # removed meanwhile (e.g. by sync)
            self.show_record(None)
            return
        ops.report(self, exc)

    def _on_loaded(self, generation: int, detail: dict[str, Any]) -> None:
        if generation != self._generation:
            return
        self.record = detail["record"]
        doc = self.browser.document()
        for att, image in detail.get("photos") or []:
            if not image.isNull():
                doc.addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(f"thumb:{att.id}"), image
                )
        scroll = self.browser.verticalScrollBar().value() if self.browser.isVisible() else 0
        self.browser.setHtml(render(detail))
        self.browser.verticalScrollBar().setValue(scroll)
        self.placeholder.hide()
        self.browser.show()
        self.browser.setAccessibleDescription(self.record.title_text())
        self._update_buttons()

    def _update_buttons(self) -> None:
        rec = self.record
        has = rec is not None
        deleted = bool(rec and rec.deleted)
        self.edit_button.setEnabled(has and not deleted)
        self.history_button.setEnabled(has)
        self.print_button.setEnabled(
            has and not deleted and rec.kind in ("meeting", "visit", "project")
        )
        # A project prints as its whole monitoring file (#15).
        project = has and rec.kind == "project"
        self.print_button.setText(self.tr("Print project file") if project else self.tr("Print"))
        self.print_button.setAccessibleName(self.print_button.text())
        self.print_button.setToolTip(
            self.tr("Facts, grant cycle, visits, ratings, checklist, photos and history in one PDF")
            if project
            else self.tr("Print preview of this record")
        )
        self.delete_button.setVisible(not deleted)
        self.delete_button.setEnabled(has)
        self.restore_button.setVisible(deleted)
        self.button_row.setVisible(has)

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Select a record to see it here."))
        for button, text, tip in (
            (self.edit_button, self.tr("Edit"), self.tr("Edit this record")),
            (self.delete_button, self.tr("Delete"), self.tr("Move this record to the trash")),
            (
                self.restore_button,
                self.tr("Restore"),
                self.tr("Bring this record back from the trash"),
            ),
            (self.history_button, self.tr("History"), self.tr("Who changed what, and when")),
            (self.print_button, self.tr("Print"), self.tr("Print preview of this record")),
        ):
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(text)
        self.browser.setAccessibleName(self.tr("Record details"))
        if self.record_id:
            self.reload()
