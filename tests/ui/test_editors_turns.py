"""The exchange on the meeting form: turns for either side, reordered, removed, kept by drafts,
and an old record (three boxes) opened as turns."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from editor_helpers import ready, save
from PySide6.QtCore import Qt

from fieldkit.core.models import Meeting
from fieldkit.ui.editors import open_editor

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("FIELDKIT_ARTIFACTS", ROOT / "build" / "screenshots"))


def said(table):
    return [(t["side"], t["text"], t["request"]) for t in table.value()]


def test_turns_are_added_for_both_sides_reordered_removed_and_saved(ui, qtbot):
    m = ui.create(Meeting(subject="Grid talks", date=date(2026, 3, 2), country="KE"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    table = editor.bindings["turns"].widget
    assert table.value() == []
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)  # a partner turn
    qtbot.keyClicks(table.rows[0].widgets["text"], "We ask for a grid study.")
    table.rows[0].widgets["request"].setChecked(True)
    qtbot.mouseClick(table.add_ours, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(table.rows[1].widgets["text"], "JICA will look at it.")
    assert not table.rows[1].widgets["request"].isEnabled()  # only the partner requests
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(table.rows[2].widgets["text"], "Thank you.")
    qtbot.mouseClick(table.add_ours, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(table.rows[3].widgets["text"], "Wrong line.")
    # Move "Thank you." above our answer, then back down; remove the wrong line.
    up, down = table._moves[id(table.rows[2])]
    qtbot.mouseClick(up, Qt.MouseButton.LeftButton)
    assert [t for _, t, _ in said(table)][:3] == [
        "We ask for a grid study.", "Thank you.", "JICA will look at it."]  # fmt: skip
    up, down = table._moves[id(table.rows[1])]
    qtbot.mouseClick(down, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(table.rows[3].remove, Qt.MouseButton.LeftButton)
    assert said(table) == [
        ("partner", "We ask for a grid study.", True),
        ("ours", "JICA will look at it.", False),
        ("partner", "Thank you.", False),
    ]
    # Our side cannot make a request even if the box was ticked before the side changed.
    table.rows[0].widgets["side"].set_value("ours")
    assert said(table)[0] == ("ours", "We ask for a grid study.", False)
    table.rows[0].widgets["side"].set_value("partner")
    qtbot.waitUntil(lambda: editor.isWindowModified())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    editor.resize(1400, 900)
    editor.show()
    bar = editor.scroll.verticalScrollBar()
    bar.setValue(table.mapTo(editor.scroll.widget(), table.rect().topLeft()).y() - 200)
    qtbot.wait(200)
    assert editor.grab().save(str(ARTIFACTS / "meeting-turns.png"))
    save(qtbot, editor)
    stored = ui.get(m.id)
    assert [(t.side, t.text, t.request) for t in stored.turns] == [
        ("partner", "We ask for a grid study.", True),
        ("ours", "JICA will look at it.", False),
        ("partner", "Thank you.", False),
    ]


def test_an_old_record_opens_with_its_boxes_as_turns_and_drafts_keep_turns(ui, qtbot):
    old = ui.create(Meeting.model_validate({
        "subject": "Port talks", "date": "2025-05-01", "country": "TZ",
        "key_points": "Port expansion.", "partner_requests": "Early disbursement.",
        "our_responses": "We will convey it to Tokyo.",
    }))  # fmt: skip
    editor = ready(qtbot, open_editor(None, "meeting", old.id))
    table = editor.bindings["turns"].widget
    assert said(table) == [
        ("partner", "Early disbursement.", True),
        ("ours", "We will convey it to Tokyo.", False),
    ]
    assert editor.bindings["key_points"].get() == "Port expansion."
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(table.rows[2].widgets["text"], "Typed, not saved yet")
    assert editor.save_draft_now()
    qtbot.waitUntil(lambda: len(ui.drafts()) == 1)
    draft = ui.drafts()[0]
    assert draft["data"]["turns"][-1]["text"] == "Typed, not saved yet"


def test_a_request_is_linked_to_one_of_the_meetings_follow_ups(ui, qtbot):
    from fieldkit.core.models import FollowUp

    m = ui.create(Meeting(subject="Rail talks", date=date(2026, 3, 2), country="TZ", turns=[
        {"side": "partner", "text": "Asks for rolling stock.", "request": True},
        {"side": "ours", "text": "We will consider it."}]))  # fmt: skip
    fu = ui.create(FollowUp(parent_id=m.id, text="Send the loan terms", owner="Sato"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    table = editor.bindings["turns"].widget
    combo = table.rows[0].widgets["follow_up_id"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["—", "Send the loan terms"]
    assert not table.rows[1].widgets["follow_up_id"].isEnabled()  # our turns answer, not ask
    assert not editor.is_dirty()
    combo.setCurrentIndex(combo.findData(fu.id))
    qtbot.waitUntil(lambda: editor.isWindowModified())
    save(qtbot, editor)
    assert ui.get(m.id).turns[0].follow_up_id == fu.id
    assert table.rows[0].widgets["follow_up_id"].currentData() == fu.id  # reloaded after saving
