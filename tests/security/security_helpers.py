"""Helpers shared by the security tests (imported by name: tests folders are not packages)."""

from __future__ import annotations

import io
from datetime import date

from fieldkit.core.models import Meeting

PASS = "correct horse battery staple"
NEW = "purple elephants dance at midnight"


def meeting(subject: str = "GX dialogue", **kw) -> Meeting:
    return Meeting(subject=subject, date=date(2026, 3, 2), country="KE", **kw)


def photo_file(path, fmt: str = "JPEG", size=(64, 48)):
    """A real image with EXIF (JPEG) so attachments go through Pillow as a user's photo does."""
    from PIL import Image

    img = Image.new("RGB", size, (200, 30, 30))
    for x in range(size[0]):
        img.putpixel((x, x % size[1]), (x * 3 % 256, 90, 200))
    out = io.BytesIO()
    if fmt == "JPEG":
        exif = Image.Exif()
        exif[0x0132] = "2026:03:02 10:11:12"
        img.save(out, "JPEG", quality=90, exif=exif.tobytes())
    else:
        img.save(out, fmt)
    path.write_bytes(out.getvalue())
    return path


MARKERS = [
    "MARKER-7f3a-SUBJECT",
    "MARKER-7f3a-KEYPOINT",
    "MARKER-7f3a-OLDPLACE",
    "MARKER-7f3a-DRAFT",
    "MARKER-7f3a-TRASH",
    "機密マーカー地熱",
]
IMAGE_SIGNATURES = [
    b"\xff\xd8\xff\xe0",  # JPEG/JFIF
    b"\xff\xd8\xff\xe1",  # JPEG/Exif
    b"\x89PNG\r\n\x1a\n",
    b"JFIF",
    b"Exif\x00\x00",
    b"IHDR",
]


def plaintext_found(data_dir) -> list[str]:
    found = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        content = path.read_bytes()
        rel = path.relative_to(data_dir)
        for marker in MARKERS:
            for encoded in (marker.encode("utf-8"), marker.encode("utf-16-le")):
                if encoded in content:
                    found.append(f"{rel}: {marker!r}")
        for sig in IMAGE_SIGNATURES:
            if sig in content:
                found.append(f"{rel}: image header {sig!r}")
        # An attachment's SHA-256 as a file name would confirm which photo is on the laptop.
        if len(path.name) == 64 and (path.parent.parent.name == "attachments"):
            found.append(f"{rel}: named by content hash")
    return found
