"""The visit editor: project by typing, DAC criteria, photos with EXIF, follow-ups."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from editor_helpers import ready, save
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from fieldkit.core.models import Attachment, Project, Visit
from fieldkit.ui.editors import open_editor


def photo(path, size=(640, 480), taken="2026:03:02 10:14:00", gps=True):
    """A JPEG as a phone writes it: EXIF date taken and GPS position."""
    img = Image.new("RGB", size, (40, 120, 70))
    exif = Image.Exif()
    exif[0x8769] = {0x9003: taken}
    if gps:
        exif[0x8825] = {1: "S", 2: (1.0, 17.0, 30.0), 3: "E", 4: (36.0, 49.0, 0.0)}
    img.save(path, "JPEG", exif=exif.tobytes())
    return path


def test_visit_with_project_picked_by_typing_criteria_and_photo(ui, qtbot, tmp_path):
    project = ui.create(
        Project(title="Kibera Water Kiosk Rehabilitation", country="KE", scheme="grassroots")
    )
    ui.create(Project(title="Mombasa Port Road", country="KE"))
    editor = ready(qtbot, open_editor(None, "visit"))
    pick = editor.bindings["project_id"].widget
    pick.search.setFocus()
    qtbot.keyClicks(pick.search, "water kiosk")
    qtbot.waitUntil(lambda: pick.search.results.rowCount() == 1)
    pick.search.pick_first()
    assert pick.value() == project.id
    assert editor.bindings["country"].get() == "KE"  # taken from the project
    assert "Kibera Water Kiosk" in editor.bindings["title"].get()

    editor.bindings["site"].widget.setText("Kibera, Nairobi")
    criteria = editor.bindings["criteria"].widget
    rating, note, *_ = criteria.rows["relevance"]
    rating.set_value("3")  # JICA sub-ratings: ③ High
    note.setPlainText("Meets the community's first need.")
    criteria.rows["sustainability"][0].set_value("1")
    editor.bindings["overall_rating"].widget.set_value("B")
    editor.bindings["findings"].widget.setPlainText("Kiosk in daily use.")
    editor.bindings["visitors"].widget.setPlainText("Sato Yuki\nIto Daisuke")

    photos = editor.photos
    photos.add_files([photo(tmp_path / "kiosk.jpg")])
    qtbot.waitUntil(lambda: photos.pending == 0, timeout=5000)
    card = photos.cards[0]
    assert "Taken 2 Mar 2026 10:14" in card.info.text()
    assert not card.image.pixmap().isNull()
    # The visit had no position: the photo's GPS fills it.
    assert editor.bindings["latitude"].get() == pytest.approx(-1.291667)
    assert editor.bindings["longitude"].get() == pytest.approx(36.816667)
    qtbot.keyClicks(card.caption, "Water kiosk, east side")

    rec = save(qtbot, editor)
    v = ui.get(rec.id)
    assert isinstance(v, Visit)
    assert v.project_id == project.id and v.country == "KE" and v.site == "Kibera, Nairobi"
    assert v.criteria["relevance"].rating == "3"
    assert v.criteria["relevance"].note == "Meets the community's first need."
    assert v.criteria["sustainability"].rating == "1"
    assert set(v.criteria) == {"relevance", "sustainability"}
    assert v.overall_rating == "B" and v.visitors == ["Sato Yuki", "Ito Daisuke"]
    assert v.latitude == pytest.approx(-1.291667)

    (att,) = ui.children(rec.id, "attachment")
    assert isinstance(att, Attachment)
    assert att.taken_at == datetime(2026, 3, 2, 10, 14)
    assert att.caption == "Water kiosk, east side"
    assert att.latitude == pytest.approx(-1.291667)
    assert att.classification == v.classification
    # After saving, the card is the stored attachment.
    assert editor.photos.cards[0].item["id"] == att.id
    assert not editor.is_dirty()


def test_large_photo_is_resized_and_captions_and_removal_are_saved(ui, qtbot, tmp_path):
    v = ui.create(Visit(date=date(2026, 3, 2), country="KE", site="Clinic"))
    editor = ready(qtbot, open_editor(None, "visit", v.id))
    big = photo(tmp_path / "big.jpg", size=(3200, 2400))
    small = photo(tmp_path / "small.jpg", gps=False, taken="2026:03:03 09:00:00")
    editor.photos.add_files([big, small])
    qtbot.waitUntil(lambda: editor.photos.pending == 0, timeout=10000)
    save(qtbot, editor)
    atts = ui.children(v.id, "attachment")
    assert len(atts) == 2
    stored_big = next(a for a in atts if a.filename == "big.jpg")
    with Image.open(BytesIO(ui.blobs.get(stored_big.sha256))) as img:
        assert max(img.size) == 2560  # scaled down for storage
    assert stored_big.size < big.stat().st_size

    # Re-caption the second photo, remove the first.
    editor = editor  # still open after saving
    cards = {c.item["filename"]: c for c in editor.photos.cards}
    cards["small.jpg"].caption.setText("Waiting room")
    editor.photos._remove(cards["big.jpg"])
    save(qtbot, editor)
    (left,) = ui.children(v.id, "attachment")
    assert left.filename == "small.jpg" and left.caption == "Waiting room"
    assert left.position == 0


def test_photo_dropped_on_the_widget_is_added(ui, qtbot, tmp_path):
    editor = ready(qtbot, open_editor(None, "visit"))
    path = photo(tmp_path / "dropped.jpg")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    editor.photos.dropEvent(event)
    qtbot.waitUntil(lambda: editor.photos.pending == 0, timeout=5000)
    assert [c.item["filename"] for c in editor.photos.cards] == ["dropped.jpg"]
    assert editor.photos.cards[0].item["taken_at"].startswith("2026-03-02 10:14")


def test_not_an_image_and_bad_coordinates_are_reported(ui, qtbot, tmp_path):
    editor = ready(qtbot, open_editor(None, "visit"))
    editor.bindings["country"].widget.set_value("KE")
    editor.bindings["latitude"].widget.setText("95")
    editor.bindings["longitude"].widget.setText("east")
    problems = dict(editor.validate())
    assert "latitude" in problems and "90" in problems["latitude"]
    assert "longitude" in problems and "Not a number" in problems["longitude"]
    assert editor.bindings["longitude"].widget.text() == "east"  # left as typed
    assert editor.save() is False

    notes = tmp_path / "minutes.txt"
    notes.write_text("not a photo")
    editor.bindings["latitude"].widget.setText("")
    editor.bindings["longitude"].widget.setText("")
    editor.photos.add_files([notes])
    qtbot.waitUntil(lambda: editor.photos.pending == 0)
    rec = save(qtbot, editor)
    (att,) = ui.children(rec.id, "attachment")
    assert att.media_type == "text/plain" and att.taken_at is None


def test_visit_followups_and_preset_project(ui, qtbot):
    project = ui.create(Project(title="School Classroom Block", country="TZ"))
    editor = ready(qtbot, open_editor(None, "visit", defaults={"project_id": project.id}))
    qtbot.waitUntil(lambda: editor.project.shown.text() == "School Classroom Block")
    assert editor.bindings["country"].get() == "TZ"
    editor.followups.add_row({"text": "Ask for the interim report", "owner": "Ito"})
    rec = save(qtbot, editor)
    (fu,) = ui.children(rec.id, "followup")
    assert fu.text == "Ask for the interim report" and fu.parent_id == rec.id
    assert ui.get(rec.id).project_id == project.id
