"""Never lose typing: drafts kept while editing, offered back after a crash."""

from __future__ import annotations

from datetime import date

from editor_helpers import ready

from fieldkit.core.models import Meeting
from fieldkit.ui import ops
from fieldkit.ui.editors import offer_draft_restore, open_editor, open_editors


def crash(qtbot, editor) -> None:
    """The process dies: the window goes without closeEvent, so nothing is saved or discarded."""
    editor._autosave.stop()
    ops.wait_all()
    editor.hide()
    editor.deleteLater()
    qtbot.waitUntil(lambda: editor not in open_editors())


def restore_offer(qtbot, parent=None):
    offer = offer_draft_restore(parent)
    qtbot.waitUntil(lambda: offer.done, timeout=5000)
    if offer.dialog is not None:
        qtbot.addWidget(offer.dialog)
    return offer


def test_autosave_keeps_a_draft_every_few_seconds(ui, qtbot):
    ui.settings.autosave_seconds = 1
    editor = ready(qtbot, open_editor(None, "meeting"))
    assert editor._autosave.interval() == 1000
    editor.bindings["subject"].widget.setText("Typed, never saved")
    qtbot.waitUntil(lambda: len(ui.drafts()) == 1, timeout=4000)
    draft = ui.drafts()[0]
    assert draft["kind"] == "meeting" and draft["record_id"] is None
    assert draft["data"]["subject"] == "Typed, never saved"


def test_a_new_meeting_is_offered_back_after_a_crash_and_saves(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    editor.bindings["subject"].widget.setText("Mining code consultation")
    editor.bindings["country"].widget.set_value("ZM")
    editor.bindings["key_points"].widget.setPlainText("Royalty rates; local content.")
    editor.followups.add_row({"text": "Send the draft code to HQ", "owner": "Ito"})
    assert editor.save_draft_now()
    qtbot.waitUntil(lambda: len(ui.drafts()) == 1)
    planned_id = editor.new_id
    crash(qtbot, editor)

    offer = restore_offer(qtbot)
    dialog = offer.dialog
    assert dialog is not None and dialog.isVisible()
    assert "Mining code consultation" in [w.text() for w in dialog.rows[dialog.drafts[0]["key"]]]
    restore_button = dialog.rows[dialog.drafts[0]["key"]][3]
    restore_button.click()
    restored = next(e for e in open_editors() if e.kind == "meeting")
    ready(qtbot, restored)
    assert restored.bindings["subject"].get() == "Mining code consultation"
    assert restored.bindings["country"].get() == "ZM"
    assert restored.bindings["key_points"].get() == "Royalty rates; local content."
    assert [r["text"] for r in restored.followups.value()] == ["Send the draft code to HQ"]
    assert restored.is_dirty()

    with qtbot.waitSignal(restored.saved, timeout=5000) as blocker:
        assert restored.save()
    rec = blocker.args[0]
    assert rec.id == planned_id  # the draft keeps the id the new record was going to have
    assert ui.get(rec.id).subject == "Mining code consultation"
    assert [f.text for f in ui.children(rec.id, "followup")] == ["Send the draft code to HQ"]
    assert ui.drafts() == []  # saving removes the draft


def test_changes_to_a_saved_record_are_restored_over_the_stored_version(ui, qtbot):
    m = ui.create(Meeting(subject="Port expansion", date=date(2026, 2, 1), country="TZ"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    editor.bindings["place"].widget.setText("Tanzania Ports Authority, Dar es Salaam")
    editor.save_draft_now()
    qtbot.waitUntil(lambda: len(ui.drafts()) == 1)
    crash(qtbot, editor)
    assert ui.get(m.id).place == ""  # the store still has the saved version

    offer = restore_offer(qtbot)
    restored = offer.dialog.restore(offer.dialog.drafts[0])
    ready(qtbot, restored)
    assert restored.record_id == m.id
    assert restored.bindings["subject"].get() == "Port expansion"
    assert restored.bindings["place"].get() == "Tanzania Ports Authority, Dar es Salaam"
    assert restored.is_dirty()
    with qtbot.waitSignal(restored.saved, timeout=5000):
        restored.save()
    assert ui.get(m.id).place == "Tanzania Ports Authority, Dar es Salaam"
    assert ui.get(m.id).revision == 2
    assert ui.drafts() == []


def test_discarding_a_draft_from_the_offer_removes_it(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    editor.bindings["subject"].widget.setText("Not wanted")
    editor.save_draft_now()
    qtbot.waitUntil(lambda: len(ui.drafts()) == 1)
    crash(qtbot, editor)
    offer = restore_offer(qtbot)
    offer.dialog.rows[offer.dialog.drafts[0]["key"]][4].click()  # Discard
    ops.wait_all()
    assert ui.drafts() == []
    assert ui.count() == 0


def test_no_dialog_without_drafts_and_a_clean_close_leaves_none(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    editor.close()
    ops.wait_all()
    assert ui.drafts() == []
    offer = restore_offer(qtbot)
    assert offer.dialog is None


def test_a_draft_is_not_written_when_nothing_changed(ui, qtbot):
    m = ui.create(Meeting(subject="Quiet", date=date(2026, 2, 1), country="KE"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    assert editor.save_draft_now() is False
    editor.bindings["place"].widget.setText("Nairobi")
    assert editor.save_draft_now() is True
    assert editor.save_draft_now() is False  # the same text again: nothing to write


def test_a_restored_draft_does_not_undo_a_change_synced_meanwhile(ui, qtbot):
    m = ui.create(Meeting(subject="Solar mini-grids", date=date(2026, 2, 1), country="NG"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    editor.bindings["place"].widget.setText("Abuja")
    editor.save_draft_now()
    qtbot.waitUntil(lambda: len(ui.drafts()) == 1)
    crash(qtbot, editor)
    ui.update(m.id, {"subject": "Solar mini-grids (renamed by HQ)"})  # arrives by sync

    offer = restore_offer(qtbot)
    restored = ready(qtbot, offer.dialog.restore(offer.dialog.drafts[0]))
    assert restored.bindings["subject"].get() == "Solar mini-grids (renamed by HQ)"
    assert restored.bindings["place"].get() == "Abuja"
    with qtbot.waitSignal(restored.saved, timeout=5000):
        restored.save()
    stored = ui.get(m.id)
    assert (stored.subject, stored.place) == ("Solar mini-grids (renamed by HQ)", "Abuja")


def test_a_draft_for_a_record_now_in_the_trash_is_kept(ui, qtbot):
    m = ui.create(Meeting(subject="Deleted later", date=date(2026, 2, 1), country="KE"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    editor.bindings["place"].widget.setText("Nairobi")
    editor.save_draft_now()
    qtbot.waitUntil(lambda: len(ui.drafts()) == 1)
    crash(qtbot, editor)
    ui.delete(m.id)
    offer = restore_offer(qtbot)
    restored = offer.dialog.restore(offer.dialog.drafts[0])
    qtbot.waitUntil(lambda: restored.problem_banner.isVisibleTo(restored))
    assert "trash" in restored.problem_text.text()
    restored.close()
    ops.wait_all()
    assert len(ui.drafts()) == 1  # still offered next time


def test_close_editors_closes_clean_ones_and_asks_for_dirty_ones(ui, qtbot):
    from fieldkit.ui.editors import close_editors

    clean = ready(qtbot, open_editor(None, "meeting"))
    dirty = ready(qtbot, open_editor(None, "organisation"))
    dirty.bindings["name"].widget.setText("Unsaved org")
    assert close_editors() is False
    assert not clean.isVisible()
    assert dirty.isVisible() and dirty._ask_box is not None
