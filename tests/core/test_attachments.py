from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest
from PIL import Image

from fieldkit.core.attachments import MAX_PIXELS, add_attachment
from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import Visit


def photo(path, size=(800, 600), when="2026:01:02 10:11:12", gps=None):
    img = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[0x0132] = when
    if gps:
        exif[0x8825] = gps
    img.save(path, "JPEG", exif=exif)
    return path


@pytest.fixture
def visit(store):
    return store.create(Visit(date=date(2026, 1, 2), country="KE", site="Kisumu Primary School"))


def test_photo_is_stored_content_addressed_with_exif(store, visit, tmp_path):
    gps = {1: "S", 2: (0.0, 5.0, 30.0), 3: "E", 4: (34.0, 45.0, 0.0)}
    att = add_attachment(
        store, visit.id, photo(tmp_path / "p.jpg", gps=gps), caption="New classroom"
    )
    assert att.media_type == "image/jpeg" and att.parent_id == visit.id
    assert att.taken_at == datetime(2026, 1, 2, 10, 11, 12)
    assert att.latitude == pytest.approx(-(5 / 60 + 30 / 3600), abs=1e-5)
    assert att.longitude == pytest.approx(34.75, abs=1e-5)
    content = store.blobs.get(att.sha256)
    assert hashlib.sha256(content).hexdigest() == att.sha256
    assert store.blobs.path(att.sha256).parent.name == att.sha256[:2]
    assert [c.id for c in store.children(visit.id, "attachment")] == [att.id]


def test_large_photo_is_resized_for_storage(store, visit, tmp_path):
    att = add_attachment(store, visit.id, photo(tmp_path / "big.jpg", size=(5000, 3000)))
    from io import BytesIO

    stored = Image.open(BytesIO(store.blobs.get(att.sha256)))
    assert max(stored.size) == MAX_PIXELS
    assert att.taken_at is not None  # EXIF kept


def test_same_file_twice_is_stored_once(store, visit, tmp_path):
    p = photo(tmp_path / "p.jpg")
    a = add_attachment(store, visit.id, p)
    b = add_attachment(store, visit.id, p)
    assert a.sha256 == b.sha256 and a.id != b.id and b.position == 1
    assert len(list((store.data_dir / "attachments").rglob("*"))) == 2  # one folder, one file


def test_non_image_keeps_its_type(store, visit, tmp_path):
    doc = tmp_path / "minutes.pdf"
    doc.write_bytes(b"%PDF-1.4 not really")
    att = add_attachment(store, visit.id, doc)
    assert att.media_type == "application/pdf" and att.taken_at is None


def test_missing_file_and_damaged_blob_are_clear_errors(store, visit, tmp_path):
    with pytest.raises(FieldKitError, match="cannot read"):
        add_attachment(store, visit.id, tmp_path / "nope.jpg")
    att = add_attachment(store, visit.id, photo(tmp_path / "p.jpg"))
    store.blobs.path(att.sha256).write_bytes(b"tampered")
    with pytest.raises(FieldKitError, match="damaged"):
        store.blobs.get(att.sha256)
    store.blobs.path(att.sha256).unlink()
    with pytest.raises(FieldKitError, match="missing"):
        store.blobs.get(att.sha256)
