"""The meeting editor, driven through its widgets against a real store."""

from __future__ import annotations

from datetime import date, time

from editor_helpers import ready, save
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit.core.models import FollowUp, Meeting, Organisation, Person
from fieldkit.ui import ops
from fieldkit.ui.editors import open_editor, open_editors, show_history


def field(editor, name):
    return editor.bindings[name].widget


def test_new_meeting_through_widgets_is_stored_and_read_back(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    qtbot.keyClicks(field(editor, "subject"), "GX policy dialogue ")
    field(editor, "subject").insert("地熱")  # QTest can only type ASCII
    field(editor, "date").setDate(QDate(2026, 3, 2))
    start, end = field(editor, "start_time"), field(editor, "end_time")
    start.check.setChecked(True)
    start.time_edit.setTime(QTime(10, 0))
    end.check.setChecked(True)
    end.time_edit.setTime(QTime(11, 30))
    qtbot.keyClicks(field(editor, "place"), "Ministry of Energy, Nairobi")
    country = field(editor, "country")
    country.setEditText("")
    qtbot.keyClicks(country.lineEdit(), "Kenya")
    field(editor, "policy_fields").boxes["gx"].setChecked(True)
    field(editor, "instruments").boxes["oda_loan"].setChecked(True)
    field(editor, "classification").set_value("CONFIDENTIAL")
    field(editor, "caveats").boxes["NO_COPY"].setChecked(True)
    partners = field(editor, "partner_attendees")
    qtbot.mouseClick(partners.add_button, Qt.MouseButton.LeftButton)
    row = partners.rows[0]
    qtbot.keyClicks(row.widgets["name"], "Jane Wanjiku")
    qtbot.keyClicks(row.widgets["title"], "Principal Secretary")
    ours = field(editor, "our_attendees")
    ours.add_row({"name": "Sato Yuki"})
    qtbot.keyClicks(field(editor, "key_points"), "Geothermal expansion.")
    qtbot.keyClick(field(editor, "key_points"), Qt.Key.Key_Return)
    qtbot.keyClicks(field(editor, "key_points"), "Second line.")
    turns = field(editor, "turns")
    qtbot.mouseClick(turns.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(turns.rows[0].widgets["text"], "A survey mission.")
    turns.rows[0].widgets["request"].setChecked(True)
    field(editor, "distribution").setPlainText("Regional Bureau\nODA Policy Division\n")
    assert editor.is_dirty()

    with qtbot.waitSignal(editor.saved, timeout=5000) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = blocker.args[0]

    m = ui.get(saved.id)
    assert isinstance(m, Meeting)
    assert m.subject == "GX policy dialogue 地熱"
    assert m.date == date(2026, 3, 2)
    assert (m.start_time, m.end_time) == (time(10, 0), time(11, 30))
    assert m.place == "Ministry of Energy, Nairobi"
    assert m.country == "KE"
    assert m.policy_fields == ["gx"] and m.instruments == ["oda_loan"]
    assert m.classification == "CONFIDENTIAL" and m.caveats == ["NO_COPY"]
    assert [(a.name, a.title) for a in m.partner_attendees] == [
        ("Jane Wanjiku", "Principal Secretary")
    ]
    assert [a.name for a in m.our_attendees] == ["Sato Yuki"]
    assert m.key_points == "Geothermal expansion.\nSecond line."
    assert [(t.side, t.text, t.request) for t in m.turns] == [
        ("partner", "A survey mission.", True)
    ]
    assert m.distribution == ["Regional Bureau", "ODA Policy Division"]
    assert m.drafter == "test.user"  # a new meeting is drafted by the current user
    assert not editor.is_dirty()
    assert editor.record_id == m.id
    assert "CONFIDENTIAL" in editor.marking.text()


def test_editing_changes_only_the_edited_field_and_history_shows_it(ui, qtbot):
    m = ui.create(Meeting(subject="Digital talks", date=date(2026, 1, 5), country="TZ"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    assert field(editor, "subject").text() == "Digital talks"
    assert field(editor, "country").value() == "TZ"
    assert not editor.is_dirty()
    # Meanwhile another change arrives (e.g. sync): the editor must not overwrite it.
    ui.update(m.id, {"key_points": "from HQ"})
    field(editor, "place").setText("Dodoma")
    qtbot.waitUntil(lambda: editor.isWindowModified())
    save(qtbot, editor)
    stored = ui.get(m.id)
    assert stored.place == "Dodoma"
    assert stored.key_points == "from HQ"
    assert stored.revision == 3

    dialog = show_history(None, m.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.entries) == 3)
    lines = dialog.lines()
    assert any("test.user" in ln and "place: — -> Dodoma" in ln for ln in lines), lines
    assert dialog.tree.topLevelItemCount() == 3


def test_opening_an_open_record_focuses_the_same_window(ui, qtbot):
    m = ui.create(Meeting(subject="Once", date=date(2026, 1, 5), country="KE"))
    first = ready(qtbot, open_editor(None, "meeting", m.id))
    assert open_editor(None, "meeting", m.id) is first


def test_invalid_values_are_shown_next_to_the_field_and_save_is_refused(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    subject = editor.bindings["subject"]
    # A fresh form is not covered in red: nothing is shown until a field is edited or Save tried.
    assert len(editor.validate()) == 2
    assert not subject.error.isVisibleTo(editor) and not editor.problem_banner.isVisibleTo(editor)
    assert editor.save_button.isEnabled()
    qtbot.keyClicks(field(editor, "place"), "Nairobi")
    field(editor, "place").clear()
    editor.validate()
    assert not subject.error.isVisibleTo(editor)  # only the touched field would show
    assert editor.save() is False  # Save shows everything that is missing
    assert subject.error.isVisibleTo(editor) and "Required" in subject.error.text()
    assert "Required" in editor.bindings["country"].error.text()
    assert editor.problem_banner.isVisibleTo(editor)
    assert not editor.save_button.isEnabled()

    long_subject = "x" * 501
    field(editor, "subject").setText(long_subject)
    field(editor, "country").set_value("KE")
    editor.validate()
    assert "501" in subject.error.text() and "500" in subject.error.text()
    assert field(editor, "subject").text() == long_subject  # nothing cut
    assert editor.save() is False
    assert "Subject" in editor.problem_text.text()

    field(editor, "country").setEditText("Atlantis")
    editor.validate()
    assert "No country matches “Atlantis”" in editor.bindings["country"].error.text()

    field(editor, "subject").setText("Fixed")
    field(editor, "country").set_value("KE")
    start, end = field(editor, "start_time"), field(editor, "end_time")
    start.check.setChecked(True)
    start.time_edit.setTime(QTime(15, 0))
    end.check.setChecked(True)
    end.time_edit.setTime(QTime(9, 0))
    editor.validate()
    assert "end time is before the start time" in editor.bindings["end_time"].error.text()
    assert editor.save() is False

    ops.wait_all()
    assert ui.count() == 0  # nothing was stored

    end.time_edit.setTime(QTime(16, 0))
    assert editor.validate() == []
    assert editor.save_button.isEnabled()
    save(qtbot, editor)
    assert ui.get(editor.record_id).subject == "Fixed"


def test_followup_rows_are_saved_as_followup_records(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    field(editor, "subject").setText("Minerals")
    field(editor, "country").set_value("ZM")
    table = editor.followups
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    row = table.rows[0]
    qtbot.keyClicks(row.widgets["text"], "Send the survey terms of reference")
    qtbot.keyClicks(row.widgets["owner"], "Ito")
    row.widgets["due"].set_value("2026-04-30")
    table.add_row({"text": "Brief the ambassador", "owner": "Sato"})
    table.add_row({})  # left empty: not a follow-up
    rec = save(qtbot, editor)

    fus = ui.children(rec.id, "followup")
    assert sorted(f.text for f in fus) == [
        "Brief the ambassador",
        "Send the survey terms of reference",
    ]
    survey = next(f for f in fus if f.owner == "Ito")
    assert isinstance(survey, FollowUp) and survey.parent_id == rec.id
    assert survey.due == date(2026, 4, 30) and survey.status == "open"
    assert survey.classification == rec.classification

    # Mark one done and remove the other, then save again.
    rows = {r.widgets["owner"].value(): r for r in editor.followups.rows}
    rows["Ito"].widgets["status"].set_value("done")
    editor.followups.remove_row(rows["Sato"])
    save(qtbot, editor)
    fus = ui.children(rec.id, "followup")
    assert [(f.text, f.status, f.done_on is not None) for f in fus] == [
        ("Send the survey terms of reference", "done", True)
    ]


def test_followup_row_without_text_is_refused(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    field(editor, "subject").setText("S")
    field(editor, "country").set_value("KE")
    editor.followups.add_row({"owner": "Ito"})
    problems = editor.validate()
    assert any(w.startswith("_followups.0.text") for w, _ in problems)
    assert editor.followups.rows[0].error.isVisibleTo(editor)
    assert "Required" in editor.followups.rows[0].error.text()
    assert editor.save() is False


def test_counterparts_picked_from_contacts_by_typing(ui, qtbot):
    org = ui.create(Organisation(name="Ministry of Energy and Petroleum", country="KE"))
    person = ui.create(
        Person(name="Jane Wanjiku", title="Principal Secretary", organisation_id=org.id)
    )
    editor = ready(qtbot, open_editor(None, "meeting"))
    field(editor, "subject").setText("Energy")
    field(editor, "country").set_value("KE")
    orgs = field(editor, "organisation_ids")
    orgs.search.setFocus()
    qtbot.keyClicks(orgs.search, "Petrol")
    qtbot.waitUntil(lambda: orgs.search.results.rowCount() == 1)
    assert orgs.search.pick_first()
    assert orgs.ids() == [org.id]

    partners = field(editor, "partner_attendees")
    qtbot.keyClicks(partners.search, "Wanjiku")
    qtbot.waitUntil(lambda: partners.search.results.rowCount() == 1)
    partners.search.pick_first()
    qtbot.waitUntil(lambda: len(partners.rows) == 1)
    rec = save(qtbot, editor)
    m = ui.get(rec.id)
    assert m.organisation_ids == [org.id]
    a = m.partner_attendees[0]
    assert (a.name, a.title, a.organisation, a.person_id, a.organisation_id) == (
        "Jane Wanjiku",
        "Principal Secretary",
        "Ministry of Energy and Petroleum",
        person.id,
        org.id,
    )


def test_new_contact_inline_is_added_to_the_meeting(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    field(editor, "country").set_value("GH")
    orgs = field(editor, "organisation_ids")
    orgs.search.setText("Ghana Investment Promotion Centre")
    editor._new_organisation()
    org_editor = next(e for e in open_editors() if e.kind == "organisation")
    ready(qtbot, org_editor)
    assert field(org_editor, "name").text() == "Ghana Investment Promotion Centre"
    assert field(org_editor, "country").value() == "GH"
    org = save(qtbot, org_editor)
    assert orgs.ids() == [org.id]
    assert orgs.list.item(0).text() == "Ghana Investment Promotion Centre"


def test_closing_with_unsaved_changes_asks_and_discard_drops_the_draft(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    field(editor, "subject").setText("Unsaved thoughts")
    field(editor, "country").set_value("KE")
    assert editor.save_draft_now()
    qtbot.waitUntil(lambda: len(ui.drafts()) == 1)
    # Escape is a shortcut of the window the user is typing in: the active one.
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    box = editor._ask_box
    assert box is not None and box.isVisible()
    assert editor.isVisible()  # not closed yet
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert editor.isVisible()

    editor.close()
    box = editor._ask_box
    box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: editor not in open_editors())
    ops.wait_all()
    assert ui.drafts() == []
    assert ui.count() == 0


def test_closing_and_choosing_save_saves_then_closes(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    field(editor, "subject").setText("Keep me")
    field(editor, "country").set_value("KE")
    editor.close()
    editor._ask_box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: editor not in open_editors())
    ops.wait_all()
    assert [r.title_text() for r in ui.query()] == ["Keep me"]


def test_print_opens_the_preview_of_the_saved_meeting(ui, qtbot):
    from fieldkit.ui import printing

    m = ui.create(Meeting(subject="Printable", date=date(2026, 1, 5), country="KE"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    assert editor.print_button.isEnabled() and editor.pdf_button.isEnabled()
    before = set(printing._open_windows)
    qtbot.mouseClick(editor.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(set(printing._open_windows) - before), timeout=15000)
    (preview,) = set(printing._open_windows) - before
    qtbot.addWidget(preview)
    preview.close()


def test_print_is_offered_only_once_saved_and_only_for_meetings_and_visits(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    assert not editor.print_button.isEnabled() and not editor.history_button.isEnabled()
    org_editor = ready(qtbot, open_editor(None, "organisation"))
    assert org_editor.print_button.isHidden()


def test_a_change_made_elsewhere_refreshes_a_clean_editor_and_is_kept_by_a_dirty_one(ui, qtbot):
    m = ui.create(Meeting(subject="Refinery", date=date(2026, 1, 5), country="NG"))
    fu = ui.create(FollowUp(parent_id=m.id, text="Call back"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    # The follow-ups list marks the action done: the open (clean) editor shows it.
    ops.CollectionOp(
        None, lambda store: store.update(fu.id, {"status": "done"})
    ).run_in_background()
    qtbot.waitUntil(lambda: editor.followups.value()[0]["status"] == "done", timeout=5000)
    assert not editor.is_dirty()

    editor.bindings["place"].widget.setText("Abuja")
    ui.update(m.id, {"approver": "Ambassador"})  # e.g. by sync, while the user types
    QApplication.processEvents()
    qtbot.waitUntil(lambda: "elsewhere" in editor.status_label.text())
    assert editor.bindings["place"].get() == "Abuja"  # the typing is untouched
    save(qtbot, editor)
    stored = ui.get(m.id)
    assert (stored.place, stored.approver) == ("Abuja", "Ambassador")
    assert ui.get(fu.id).status == "done"


def test_a_record_trashed_elsewhere_is_reported_in_its_open_editor(ui, qtbot):
    m = ui.create(Meeting(subject="Short-lived", date=date(2026, 1, 5), country="KE"))
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    ui.delete(m.id)
    qtbot.waitUntil(lambda: "trash" in editor.problem_text.text(), timeout=5000)
    editor.bindings["place"].widget.setText("Nairobi")
    assert editor.save() is True  # the store refuses: the reason is shown, nothing is lost
    qtbot.waitUntil(lambda: "Not saved" in editor.status_label.text(), timeout=5000)
    assert "in the trash" in editor.problem_text.text()
    assert editor.bindings["place"].get() == "Nairobi"


def test_new_record_takes_the_default_marking(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "meeting"))
    assert editor.bindings["classification"].get() == "FOUO"  # the reference default
    ui.settings.default_classification = "CONFIDENTIAL"
    other = ready(qtbot, open_editor(None, "visit"))
    assert other.bindings["classification"].get() == "CONFIDENTIAL"  # the user's setting


def test_contacts_are_picked_with_the_keyboard(ui, qtbot):
    org = ui.create(Organisation(name="Kenya Investment Authority", country="KE"))
    ui.create(Organisation(name="Kenya Power", country="KE"))
    editor = ready(qtbot, open_editor(None, "meeting"))
    editor.show()
    orgs = field(editor, "organisation_ids")
    orgs.search.setFocus()
    qtbot.keyClicks(orgs.search, "Investment")
    qtbot.keyClick(orgs.search, Qt.Key.Key_Return)  # before or after the results arrive
    qtbot.waitUntil(lambda: orgs.ids() == [org.id], timeout=5000)
    assert orgs.search.text() == ""
