"""Adding photos and documents to a meeting or visit.

Photos are read with Pillow: their date and GPS position come from EXIF, and large ones are
scaled down for storage (a 24-megapixel phone photo becomes a 2560-pixel JPEG of a few hundred kB,
which matters on a laptop that syncs over satellite).
"""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import FieldKitError
from .messages import Message
from .models import Attachment

MAX_PIXELS = 2560  # longest side kept for stored photos
MAX_FILE = 50 * 1024 * 1024
ORIENTATION = 0x0112  # EXIF tag: how the stored pixels are to be turned for display


@dataclass
class PhotoInfo:
    media_type: str
    taken_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    content: bytes = b""


def _ratio(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        num, den = value
        return num / den


def _gps(gps: dict) -> tuple[float | None, float | None]:
    try:
        lat = sum(_ratio(v) / 60**i for i, v in enumerate(gps[2]))
        lon = sum(_ratio(v) / 60**i for i, v in enumerate(gps[4]))
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None, None
    if gps.get(1) == "S":
        lat = -lat
    if gps.get(3) == "W":
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return round(lat, 6), round(lon, 6)


def read_photo(content: bytes, resize: bool = True) -> PhotoInfo | None:
    """EXIF date/GPS and a storage-sized copy of an image; None if it is not an image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(content))
        img.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    info = PhotoInfo(media_type=Image.MIME.get(img.format or "", "application/octet-stream"))
    exif = img.getexif()
    stamp = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)  # DateTimeOriginal, DateTime
    if isinstance(stamp, str):
        try:
            info.taken_at = datetime.strptime(stamp.strip("\x00 "), "%Y:%m:%d %H:%M:%S")
        except ValueError:
            pass
    info.latitude, info.longitude = _gps(exif.get_ifd(0x8825))
    info.content = content
    if resize and max(img.size) > MAX_PIXELS and img.format in ("JPEG", "PNG", "WEBP", "MPO"):
        # Turn the pixels upright, then drop the Orientation tag from the EXIF kept with them:
        # with the tag still there every viewer (the editor, the reports) turned them again.
        upright = ImageOps.exif_transpose(img)
        if ORIENTATION in exif:
            del exif[ORIENTATION]
        upright.thumbnail((MAX_PIXELS, MAX_PIXELS))
        out = io.BytesIO()
        if img.format == "PNG":
            upright.save(out, "PNG", optimize=True)
        else:
            upright.convert("RGB").save(out, "JPEG", quality=85, exif=exif.tobytes())
            info.media_type = "image/jpeg"
        info.content = out.getvalue()
    return info


def refuse_unreadable_image(name: str, photo: PhotoInfo | None) -> None:
    """A file named as an image (.jpg, .png, ...) that is none would print as "PHOTO MISSING":
    refuse it. Types Pillow cannot read at all (.heic without a plugin) stay documents."""
    from PIL import Image

    suffix = Path(name).suffix.lower()
    kind = mimetypes.guess_type(name)[0] or ""
    readable = Image.registered_extensions().get(suffix) in Image.OPEN
    if photo is None and kind.startswith("image/") and readable:
        raise FieldKitError(Message("attachments.not_an_image", name=name, type=suffix[1:].upper()))


def add_attachment(
    store,
    parent_id: str,
    path: Path,
    caption: str = "",
    resize: bool = True,
    position: int | None = None,
) -> Attachment:
    """Copy a file into the store and link it to ``parent_id`` (one transaction for the record)."""
    parent = store.get(parent_id)
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            mb = {"size": size // 1024 // 1024, "limit": MAX_FILE // 1024 // 1024}
            raise FieldKitError(Message("attachments.too_large", name=path.name, **mb))
        content = path.read_bytes()
    except OSError as exc:
        raise FieldKitError(
            Message("attachments.unreadable", path=str(path), why=exc.strerror)
        ) from None
    photo = read_photo(content, resize=resize)
    refuse_unreadable_image(path.name, photo)
    if photo:
        content = photo.content
        media_type = photo.media_type
    else:
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    sha = store.blobs.put(content)
    if position is None:
        position = len(store.children(parent.id, "attachment"))
    record = Attachment(
        parent_id=parent.id,
        sha256=sha,
        media_type=media_type,
        size=len(content),
        filename=path.name[:500],
        caption=caption,
        position=position,
        taken_at=photo.taken_at if photo else None,
        latitude=photo.latitude if photo else None,
        longitude=photo.longitude if photo else None,
        classification=parent.classification,
        caveats=parent.caveats,
        post=parent.post,
    )
    return store.create(record)
