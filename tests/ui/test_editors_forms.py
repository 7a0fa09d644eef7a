"""Project, organisation, person and follow-up editors; accessibility of every editor."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from editor_helpers import ready, save
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from fieldkit.core.models import FollowUp, Meeting, Project
from fieldkit.ui import ops
from fieldkit.ui.editors import EDITOR_KINDS, open_editor


def test_project_editor_keeps_fields_it_does_not_show(ui, qtbot):
    p = ui.create(
        Project(
            title="Geothermal Capacity",
            country="KE",
            sectors=[{"code": "23210", "percentage": 100}],
            translations={"title": {"ja": "地熱開発能力"}},
            budget=Decimal("9850000"),
            currency="JPY",
        )
    )
    editor = ready(qtbot, open_editor(None, "project", p.id))
    assert editor.bindings["budget"].get() == "9850000"
    assert not editor.is_dirty()
    editor.bindings["interim_report_due"].widget.set_value("2026-06-30")
    editor.bindings["budget"].widget.setText("9,850,000")
    assert "budget" in dict(editor.validate())  # a thousands separator is refused, not guessed
    editor.bindings["budget"].widget.setText("10000000.50")
    save(qtbot, editor)
    stored = ui.get(p.id)
    assert stored.budget == Decimal("10000000.50")
    assert stored.interim_report_due == date(2026, 6, 30)
    assert stored.sectors[0].code == "23210"
    assert stored.translations == {"title": {"ja": "地熱開発能力"}}


def test_new_project_and_currency_check(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "project"))
    editor.bindings["title"].widget.setText("Classroom block")
    editor.bindings["currency"].widget.setText("XYZ")
    assert "currency" in dict(editor.validate())
    editor.bindings["currency"].widget.setText("jpy")
    rec = save(qtbot, editor)
    assert ui.get(rec.id).currency == "JPY"
    assert ui.get(rec.id).iati_identifier is None


def test_organisation_and_person_with_organisation_picked(ui, qtbot):
    org_editor = ready(qtbot, open_editor(None, "organisation"))
    org_editor.bindings["name"].widget.setText("Ministry of Mines")
    org_editor.bindings["type"].widget.set_value("ministry")
    org_editor.bindings["country"].widget.set_value("ZM")
    org = save(qtbot, org_editor)
    assert ui.get(org.id).type == "ministry" and ui.get(org.id).country == "ZM"

    person_editor = ready(qtbot, open_editor(None, "person"))
    person_editor.bindings["name"].widget.setText("Mwansa Banda")
    pick = person_editor.org
    qtbot.keyClicks(pick.search, "Mines")
    qtbot.waitUntil(lambda: pick.search.results.rowCount() == 1)
    pick.search.pick_first()
    person = save(qtbot, person_editor)
    assert ui.get(person.id).organisation_id == org.id

    # Reopened, the link shows the organisation's name, not its id.
    person_editor._force_close = True
    person_editor.close()
    again = ready(qtbot, open_editor(None, "person", person.id))
    qtbot.waitUntil(lambda: again.org.shown.text() == "Ministry of Mines")


def test_followup_editor_inherits_marking_and_sets_done_date(ui, qtbot):
    m = ui.create(
        Meeting(
            subject="Battery plant",
            date=date(2026, 1, 10),
            country="MA",
            classification="CONFIDENTIAL",
        )
    )
    editor = ready(qtbot, open_editor(None, "followup", defaults={"parent_id": m.id}))
    qtbot.waitUntil(lambda: editor.parent_pick.shown.text() == "Battery plant")
    editor.bindings["text"].widget.setPlainText("Share the feasibility study")
    rec = save(qtbot, editor)
    fu = ui.get(rec.id)
    assert isinstance(fu, FollowUp) and fu.parent_id == m.id
    assert fu.classification == "CONFIDENTIAL"

    editor.bindings["status"].widget.set_value("done")
    assert editor.bindings["done_on"].get() == date.today().isoformat()
    save(qtbot, editor)
    assert ui.get(rec.id).status == "done" and ui.get(rec.id).done_on == date.today()


def test_contact_without_name_is_refused(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "person"))
    editor.bindings["email"].widget.setText("x@example.org")
    assert editor.save() is False
    assert "Required" in editor.bindings["name"].error.text()
    ops.wait_all()
    assert ui.count() == 0


def _controls(editor):
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton)
    return [
        w
        for w in editor.findChildren(QWidget)
        if isinstance(w, kinds) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]


@pytest.mark.parametrize("kind", EDITOR_KINDS)
def test_every_control_has_an_accessible_name_or_visible_text(ui, qtbot, kind):
    editor = ready(qtbot, open_editor(None, kind))
    if editor.followups is not None:
        editor.followups.add_row({"text": "x"})
    missing = []
    for w in _controls(editor):
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the editable part of a combo or date box: named by its owner
        text = w.text() if isinstance(w, QAbstractButton) else ""
        if not (w.accessibleName() or text):
            missing.append(f"{type(w).__name__} {w.objectName()}")
    assert not missing, missing


@pytest.mark.parametrize("kind", ["meeting", "visit"])
def test_tab_order_follows_the_form_from_top_to_bottom(ui, qtbot, kind):
    editor = ready(qtbot, open_editor(None, kind))
    editor.show()
    first = editor.bindings["subject" if kind == "meeting" else "project_id"].widget
    first.setFocus()
    seen = []
    w = QApplication.focusWidget() or first.focusProxy() or first
    start = w
    for _ in range(400):
        seen.append(w)
        w = w.nextInFocusChain()
        while w is not None and (
            not w.isVisible() or not w.isEnabled() or w.focusPolicy() & Qt.FocusPolicy.TabFocus == 0
        ):
            w = w.nextInFocusChain()
        if w is None or w is start:
            break
    names = [x.accessibleName() for x in seen]
    order = (
        ["Subject", "Date", "Place", "Country", "Classification", "Key points", "Drafter"]
        if kind == "meeting"
        else ["Project", "Title", "Date", "Site", "Country", "Visitors", "Findings", "Add photos"]
    )
    positions = [names.index(n) for n in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    # The buttons at the bottom come after the form.
    assert names.index("Close the editor") > positions[-1]


def test_editors_follow_the_japanese_interface(ui, qtbot):
    from fieldkit.ui import i18n

    i18n.apply_language("ja")
    try:
        editor = ready(qtbot, open_editor(None, "meeting"))
        assert editor.save_button.text() == "保存"
        assert editor.bindings["subject"].label == "件名"
        assert (
            editor.bindings["policy_fields"].widget.boxes["critical_minerals"].text() == "重要鉱物"
        )
        assert editor.bindings["country"].widget.findText("ケニア / Kenya (KE)") >= 0
        assert editor.save() is False
        assert editor.bindings["subject"].error.text() == "必須項目です"
    finally:
        i18n.apply_language("en")
