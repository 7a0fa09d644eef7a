"""Phone photos taken upright carry EXIF Orientation 6 over landscape pixels: they must stay upright
after saving, in the editor's thumbnail and in the printed visit report, whether the photo is
scaled down for storage (4000x3000) or kept as it is (2000x1500). And a file named .jpg that is no
image is refused with one line instead of printing "PHOTO MISSING".

The pixels are green with a red block in the stored top-left corner: shown upright (turned 90°
clockwise), the picture is portrait with the red block top right.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image, ImageOps

from fieldkit.core.attachments import add_attachment
from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import Visit

GREEN, RED = (40, 200, 40), (230, 20, 20)


@pytest.fixture
def visit(store):
    return store.create(Visit(date=date(2026, 1, 2), country="KE", site="Kisumu Primary School"))


def phone_photo(path, size):
    w, h = size
    img = Image.new("RGB", size, GREEN)
    img.paste(RED, (0, 0, w // 4, h // 4))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x0132] = "2026:01:02 10:11:12"
    img.save(path, "JPEG", exif=exif, quality=90)
    return path


def _is(px, colour) -> bool:
    return all(abs(a - b) < 60 for a, b in zip(px[:3], colour, strict=True))


def assert_upright(img: Image.Image) -> None:
    """Portrait, red top right, green top left and bottom right, as the camera held it."""
    img = img.convert("RGB")
    w, h = img.size
    assert h > w, f"{w}x{h} is not portrait: the photo lies on its side"
    assert _is(img.getpixel((w - 1 - w // 16, h // 16)), RED), "red block not top right"
    assert _is(img.getpixel((w // 16, h // 16)), GREEN)
    assert _is(img.getpixel((w - 1 - w // 16, h - 1 - h // 16)), GREEN)


def shown(content: bytes) -> Image.Image:
    """What a viewer shows: the pixels turned as their EXIF says."""
    return ImageOps.exif_transpose(Image.open(io.BytesIO(content)))


@pytest.mark.parametrize("size", [(4000, 3000), (2000, 1500)])
def test_rotated_phone_photo_stays_upright_after_saving(store, visit, tmp_path, size):
    original = phone_photo(tmp_path / "phone.jpg", size)
    assert_upright(shown(original.read_bytes()))  # the test photo itself is right
    att = add_attachment(store, visit.id, original)
    stored = store.blobs.get(att.sha256)
    assert_upright(shown(stored))
    assert att.taken_at is not None  # the rest of the EXIF is kept


@pytest.mark.parametrize("size", [(4000, 3000), (2000, 1500)])
def test_editor_thumbnail_of_saved_photo_is_upright(store, visit, tmp_path, size):
    from fieldkit.ui.editors.photos import stored_thumbnails, thumbnail_bytes

    att = add_attachment(store, visit.id, phone_photo(tmp_path / "phone.jpg", size))
    thumbs = stored_thumbnails(store, [att.model_dump(mode="json")])
    assert_upright(Image.open(io.BytesIO(thumbs[att.id])))
    # Before saving, the card shows the file as picked: upright too.
    assert_upright(Image.open(io.BytesIO(thumbnail_bytes((tmp_path / "phone.jpg").read_bytes()))))


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
@pytest.mark.parametrize("size", [(4000, 3000), (2000, 1500)])
def test_printed_visit_report_shows_photo_upright(store, visit, tmp_path, size):
    from fieldkit.reports.records import visit_report

    add_attachment(store, visit.id, phone_photo(tmp_path / "phone.jpg", size), caption="Roof")
    pdf = tmp_path / "visit.pdf"
    visit_report(store, visit.id, pdf)
    pages = []
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    for png in sorted(tmp_path.glob("page*.png")):
        page = Image.open(png).convert("RGB")
        # The photo is the only green on the page: cut it out by its green and red pixels.
        coloured = [
            (x, y)
            for y in range(0, page.height, 2)
            for x in range(0, page.width, 2)
            if _is(page.getpixel((x, y)), GREEN) or _is(page.getpixel((x, y)), RED)
        ]
        if coloured:
            xs, ys = [x for x, _ in coloured], [y for _, y in coloured]
            pages.append(page.crop((min(xs), min(ys), max(xs) + 1, max(ys) + 1)))
    assert len(pages) == 1, "the photo is not printed (once)"
    assert_upright(pages[0])


def test_non_image_named_jpg_is_refused_in_one_line(store, visit, tmp_path):
    fake = tmp_path / "holiday.jpg"
    fake.write_bytes(b"%PDF-1.4 this is a PDF someone renamed\n" * 20)
    before = store.count()
    with pytest.raises(FieldKitError) as err:
        add_attachment(store, visit.id, fake)
    text = str(err.value)
    assert text.startswith("holiday.jpg is not a JPG image") and "\n" not in text
    assert store.count() == before  # nothing stored
    assert "は JPG 画像ではありません" in err.value.render("ja")
    # The editor refuses it when it is picked, with the same line.
    from fieldkit.ui.editors.photos import read_file_info

    assert read_file_info(str(fake)) == {"error": text}


def test_documents_and_unknown_types_are_still_attached(store, visit, tmp_path):
    doc = tmp_path / "minutes.pdf"
    doc.write_bytes(b"%PDF-1.4 minutes\n")
    assert add_attachment(store, visit.id, doc).media_type == "application/pdf"
    heic = tmp_path / "IMG_0001.heic"  # Pillow reads no HEIC here: kept as a file, as before
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100)
    assert add_attachment(store, visit.id, heic).sha256
