"""Photos of a visit: added by file dialog or drag and drop, shown as thumbnails with captions.

A photo added to an unsaved form is only read (EXIF date and GPS, a thumbnail) on a worker
thread; it is copied into the store when the visit is saved, by ``add_attachment``, which also
scales large photos down. Removing one moves its attachment record to the trash on save.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.attachments import MAX_FILE, read_photo, refuse_unreadable_image
from fieldkit.core.errors import FieldKitError
from fieldkit.ui import file_dialogs
from fieldkit.ui.operations import read

from .common import tr
from .widgets import LineEdit

THUMB = QSize(200, 150)
COLUMNS = 4
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.webp *.heic *.tif *.tiff);;All files (*)"


def thumbnail_bytes(content: bytes) -> bytes | None:
    """A small JPEG for the card, upright; None if the content is not an image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(content))
        img.draft("RGB", (THUMB.width() * 2, THUMB.height() * 2))  # fast JPEG decode at low size
        img = ImageOps.exif_transpose(img)
        img.thumbnail((THUMB.width() * 2, THUMB.height() * 2))
        out = io.BytesIO()
        img.convert("RGB").save(out, "JPEG", quality=80)
        return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def read_file_info(path: str) -> dict[str, Any]:
    """On a worker: what a card shows about a file not yet in the store."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE:
            return {
                "error": tr("%1 is larger than %2 MB")
                .replace("%1", p.name)
                .replace("%2", str(MAX_FILE // 2**20))
            }
        content = p.read_bytes()
    except OSError as exc:
        return {"error": f"{p.name}: {exc.strerror}"}
    photo = read_photo(content, resize=False)
    try:
        refuse_unreadable_image(p.name, photo)  # a .jpg that is no image: refused at once
    except FieldKitError as exc:
        return {"error": exc.render()}
    info: dict[str, Any] = {"filename": p.name, "size": size}
    if photo:
        info.update(
            taken_at=photo.taken_at.isoformat(sep=" ") if photo.taken_at else None,
            latitude=photo.latitude,
            longitude=photo.longitude,
            thumb=thumbnail_bytes(content),
        )
    return info


def taken_text(value: str) -> str:
    """The EXIF time (camera-local, no zone) as the app shows dates: "2 Mar 2026 10:14"."""
    from datetime import datetime

    try:
        when = datetime.fromisoformat(str(value).replace(" ", "T"))
    except ValueError:
        return str(value)
    try:
        from fieldkit.ui import i18n
    except ImportError:
        return when.strftime("%Y-%m-%d %H:%M")
    return i18n.format_date(when.replace(tzinfo=None), time=True)


def stored_thumbnails(store, attachments: list[dict]) -> dict[str, bytes | None]:
    out = {}
    for a in attachments:
        if str(a.get("media_type", "")).startswith("image/"):
            try:
                out[a["id"]] = thumbnail_bytes(store.blobs.get(a["sha256"]))
            except Exception:  # a missing blob: the card says so instead of failing the form
                out[a["id"]] = None
    return out


class PhotoCard(QFrame):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, item: dict[str, Any], number: int, parent=None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("photoCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(THUMB.width() + 20)
        self.image = QLabel()
        self.image.setFixedSize(THUMB)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setObjectName("photoImage")
        self.image.setText(tr("Reading..."))
        self.caption = LineEdit(tr("Caption of photo %1").replace("%1", str(number)), tr("Caption"))
        self.caption.setText(item.get("caption", ""))
        self.caption.changed.connect(self._caption_changed)
        self.info = QLabel()
        self.info.setObjectName("editorSubtitle")
        self.info.setWordWrap(True)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(tr("Remove this photo"))
        self.remove.setAccessibleName(tr("Remove photo %1").replace("%1", str(number)))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        name = QLabel(item.get("filename") or "")
        name.setObjectName("editorSubtitle")
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setToolTip(item.get("path") or item.get("filename") or "")
        top.addWidget(name, 1)
        top.addWidget(self.remove)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 8)
        lay.setSpacing(4)
        lay.addLayout(top)
        lay.addWidget(self.image)
        lay.addWidget(self.caption)
        lay.addWidget(self.info)
        self.show_info()

    def _caption_changed(self) -> None:
        self.item["caption"] = self.caption.text()
        self.changed.emit()

    def set_thumbnail(self, data: bytes | None) -> None:
        pix = QPixmap()
        if data and pix.loadFromData(QByteArray(data)):
            # Sharp on high-DPI screens: scale to device pixels, then tell Qt the ratio.
            ratio = self.devicePixelRatioF()
            scaled = pix.scaled(
                THUMB * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(ratio)
            self.image.setPixmap(scaled)
        else:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            self.image.setPixmap(icon.pixmap(48, 48))

    def show_info(self) -> None:
        item = self.item
        if item.get("error"):
            self.info.setText(item["error"])
            self.info.setObjectName("fieldError")
            self.info.setStyleSheet("color: #b3261e")
            return
        parts = []
        if item.get("taken_at"):
            parts.append(tr("Taken %1").replace("%1", taken_text(item["taken_at"])))
        if item.get("latitude") is not None and item.get("longitude") is not None:
            parts.append(f"GPS {item['latitude']:.5f}, {item['longitude']:.5f}")
        if not item.get("id"):
            parts.append(tr("added when you save"))
        self.info.setText("\n".join(parts))


class PhotoStrip(QWidget):
    """The photos of a record. ``value()`` lists them in order as {id, path, caption}."""

    changed = Signal()
    gps_found = Signal(float, float)

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setAcceptDrops(True)
        self.cards: list[PhotoCard] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hint = QLabel(tr("No photos yet. Drop photos here, or add them with the button."))
        self.hint.setObjectName("editorSubtitle")
        self.add_button = QPushButton(tr("Add photos..."))
        self.add_button.setAccessibleName(tr("Add photos"))
        self.add_button.clicked.connect(self.choose_files)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addLayout(self.grid)
        lay.addWidget(self.hint)
        lay.addLayout(buttons)
        self.pending = 0  # files still being read

    # ---- adding --------------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths = file_dialogs.open_file_names(self, tr("Add photos"), IMAGE_FILTER)
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str | Path]) -> None:
        for path in paths:
            item = {"id": None, "path": str(path), "caption": "", "filename": Path(path).name}
            card = self._add_card(item)
            self.pending += 1
            read(self, _file_info, str(path)).success(
                lambda info, c=card: self._info(c, info)
            ).run_in_background()
        self.changed.emit()

    def _info(self, card: PhotoCard, info: dict[str, Any]) -> None:
        self.pending -= 1
        if card not in self.cards:
            return
        thumb = info.pop("thumb", None)
        card.item.update(info)
        card.set_thumbnail(thumb)
        card.show_info()
        if info.get("latitude") is not None and info.get("longitude") is not None:
            self.gps_found.emit(info["latitude"], info["longitude"])
        self.changed.emit()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if Path(p).is_file()]
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # ---- cards ---------------------------------------------------------------------------------
    def _add_card(self, item: dict[str, Any]) -> PhotoCard:
        card = PhotoCard(item, len(self.cards) + 1)
        card.changed.connect(self.changed)
        card.remove_requested.connect(self._remove)
        self.cards.append(card)
        self._relayout()
        return card

    def _remove(self, card: PhotoCard) -> None:
        self.cards.remove(card)
        self.grid.removeWidget(card)
        card.deleteLater()
        self._relayout()
        self.changed.emit()

    def _relayout(self) -> None:
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // COLUMNS, i % COLUMNS)
        self.hint.setVisible(not self.cards)
        chain = [w for c in self.cards for w in (c.caption, c.remove)] + [self.add_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def clear(self) -> None:
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = []
        self._relayout()

    # ---- values --------------------------------------------------------------------------------
    def value(self) -> list[dict[str, Any]]:
        return [
            {
                "id": c.item.get("id"),
                "path": c.item.get("path"),
                "caption": c.item.get("caption", ""),
            }
            for c in self.cards
        ]

    def set_stored(self, attachments: list[dict], thumbs: dict[str, bytes | None]) -> None:
        """Show the attachments a saved record has (``thumbs`` may come later)."""
        self.clear()
        for a in sorted(attachments, key=lambda a: a.get("position", 0)):
            card = self._add_card(
                {
                    "id": a["id"],
                    "path": None,
                    "caption": a.get("caption", ""),
                    "filename": a.get("filename", ""),
                    "taken_at": a.get("taken_at"),
                    "latitude": a.get("latitude"),
                    "longitude": a.get("longitude"),
                }
            )
            if a["id"] in thumbs:
                card.set_thumbnail(thumbs[a["id"]])
            elif not str(a.get("media_type", "")).startswith("image/"):
                card.set_thumbnail(None)

    def set_thumbnails(self, thumbs: dict[str, bytes | None]) -> None:
        for card in self.cards:
            if card.item.get("id") in thumbs:
                card.set_thumbnail(thumbs[card.item["id"]])

    def restore(self, value: list[dict[str, Any]], stored: dict[str, dict]) -> None:
        """From a draft: stored photos by id (kept in the draft's order), new ones re-read."""
        self.clear()
        new_paths = []
        for entry in value or []:
            if entry.get("id") and entry["id"] in stored:
                a = stored[entry["id"]]
                self.set_stored_one(a, entry.get("caption", ""))
            elif entry.get("path"):
                new_paths.append(entry)
        for entry in new_paths:
            self.add_files([entry["path"]])
            self.cards[-1].caption.setText(entry.get("caption", ""))

    def set_stored_one(self, a: dict, caption: str) -> None:
        card = self._add_card(
            {
                "id": a["id"],
                "path": None,
                "caption": caption,
                "filename": a.get("filename", ""),
                "taken_at": a.get("taken_at"),
                "latitude": a.get("latitude"),
                "longitude": a.get("longitude"),
            }
        )
        card.caption.setText(caption)


def save_photos(store, parent_id: str, photos: list[dict], loaded: list[dict]) -> list[str]:
    """On the worker after the record is saved: add, re-caption, reorder, remove. Returns problems."""
    from fieldkit.core.attachments import add_attachment
    from fieldkit.core.errors import FieldKitError

    old = {a["id"]: a for a in loaded}
    kept = set()
    warnings = []
    for position, photo in enumerate(photos):
        rid = photo.get("id")
        if rid in old:
            kept.add(rid)
            changes = {}
            if photo.get("caption", "") != old[rid].get("caption", ""):
                changes["caption"] = photo.get("caption", "")
            if old[rid].get("position") != position:
                changes["position"] = position
            if changes:
                store.update(rid, changes)
        elif photo.get("path"):
            try:
                add_attachment(
                    store,
                    parent_id,
                    Path(photo["path"]),
                    caption=photo.get("caption", ""),
                    position=position,
                )
            except FieldKitError as exc:
                warnings.append(str(exc))
    for rid in old.keys() - kept:
        store.delete(rid)
    return warnings


def _file_info(_store, path: str) -> dict[str, Any]:
    """On the worker: ``read_file_info`` (the store is not needed)."""
    return read_file_info(path)
