"""Approval in the app: the editors' approval bar (Submit, Approve, Return..., Amend, the lock),
the Approval column of the lists, and "Waiting for my approval" with its count, against a real
store under pytest-qt offscreen."""

from __future__ import annotations

from datetime import date

from editor_helpers import ready
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from fieldkit.core import approval
from fieldkit.core.models import Meeting, Visit
from fieldkit.ui.editors import open_editor, open_editors
from fieldkit.ui.lists.columns import COLUMNS, status_label
from fieldkit.ui.main_window import MainWindow

WAIT = 8000


def meeting(ui, **kw) -> Meeting:
    return ui.create(Meeting(subject="GX dialogue", date=date(2026, 3, 2), country="KE",
                             approver="Tanaka Ken", **kw))  # fmt: skip


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_submit_approve_lock_and_amend_in_the_editor(ui, qtbot, monkeypatch):
    m = meeting(ui)
    editor = open_editor(None, "meeting", m.id)  # the drafter's window, closed below
    qtbot.waitUntil(lambda: editor._ready, timeout=WAIT)
    bar = editor.approval_bar
    assert bar.state.text() == "Draft" and "Not yet approved" in bar.detail.text()
    assert not bar.approve_button.isVisible() and not bar.amend_button.isVisible()
    click(qtbot, bar.submit_button)
    qtbot.waitUntil(lambda: ui.get(m.id).approval.status == "submitted", timeout=WAIT)
    qtbot.waitUntil(lambda: bar.state.text() == "Submitted", timeout=WAIT)
    assert "waiting for approval by Tanaka Ken" in bar.detail.text()
    assert not bar.approve_button.isVisible()  # test.user is not the named approver
    editor._force_close = True
    editor.close()
    qtbot.waitUntil(lambda: not open_editors(), timeout=WAIT)

    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    bar = editor.approval_bar
    qtbot.waitUntil(lambda: bar.approve_button.isVisible(), timeout=WAIT)
    click(qtbot, bar.approve_button)
    qtbot.waitUntil(lambda: bar.state.text() == "Approved", timeout=WAIT)
    assert ui.get(m.id).approval.approved_by == "Tanaka Ken"
    assert "Locked" in bar.detail.text()
    assert not editor.save_button.isEnabled()
    assert not editor.bindings["subject"].widget.isEnabled()  # the form is read-only

    click(qtbot, bar.amend_button)
    qtbot.waitUntil(lambda: bar.state.text() == "Draft · Amendment 1", timeout=WAIT)
    assert editor.bindings["subject"].widget.isEnabled() and editor.save_button.isEnabled()
    assert ui.get(m.id).approval.amendment == 1


def test_return_with_a_comment_shows_it_to_the_drafter(ui, qtbot, monkeypatch):
    m = approval.submit(ui, meeting(ui).id)
    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Add the loan.", True))
    )
    editor = ready(qtbot, open_editor(None, "meeting", m.id))
    bar = editor.approval_bar
    qtbot.waitUntil(lambda: bar.return_button.isVisible(), timeout=WAIT)
    click(qtbot, bar.return_button)
    qtbot.waitUntil(lambda: bar.state.text() == "Draft", timeout=WAIT)
    assert "Returned by Tanaka Ken: Add the loan." in bar.detail.text()


def test_visit_editor_names_its_approver(ui, qtbot):
    v = ui.create(Visit(date=date(2026, 3, 3), country="KE", approver="Tanaka Ken"))
    editor = ready(qtbot, open_editor(None, "visit", v.id))
    assert editor.bindings["approver"].get() == "Tanaka Ken"
    assert editor.approval_bar.submit_button.isVisible()


def test_lists_show_the_approval_and_the_waiting_count(ui, qtbot, monkeypatch):
    assert "status" in [c.key for c in COLUMNS["meeting"]]
    assert "status" in [c.key for c in COLUMNS["visit"]]
    assert status_label("meeting", "submitted") == "Submitted"
    m = approval.submit(ui, meeting(ui).id)
    meeting(ui)  # a draft: not waiting
    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    w = MainWindow(ui)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.waiting.text() == "For my approval (1)", timeout=WAIT)
    click(qtbot, w.waiting)
    dialog = w.waiting.dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert dialog.table.item(0, 2).text() == "GX dialogue"
    assert dialog.table.item(0, 3).text() == "test.user"
    approval.approve(ui, m.id)  # e.g. on the other laptop, then synced: the count follows
    qtbot.waitUntil(lambda: w.waiting.text() == "For my approval (0)", timeout=WAIT)
    dialog.close()
    w.close()


def test_detail_pane_shows_the_approval_and_amendment(ui, monkeypatch):
    from fieldkit.ui.approvals import approval_row

    m = approval.submit(ui, meeting(ui).id)
    assert approval_row(m) == ("Approval", "Submitted, not yet approved")
    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    approval.approve(ui, m.id)
    m = approval.amend(ui, m.id)
    assert approval_row(m)[1] == "Amendment 1 · Draft, not yet approved"


def test_the_waiting_count_is_readable_on_the_navigator(ui, qtbot, qapp):
    """Light text on the navigator's navy, not on a white button (it was white on white)."""
    from fieldkit.ui.app import apply_theme

    apply_theme(qapp)  # the app's button style, which made it white
    w = MainWindow(ui)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitUntil(lambda: w.waiting.text().endswith("(0)"), timeout=WAIT)
    image = w.waiting.grab().toImage()
    background = image.pixelColor(3, image.height() // 2)  # the padding, left of the text
    assert background.lightnessF() < 0.4, background.name()  # the navy; its text is #f2f4f7
    for count in ("(0)", "(128)"):  # the whole label fits the navigator, a large count too
        label = w.waiting.text().replace("(0)", count)
        assert w.waiting.fontMetrics().horizontalAdvance(label) + 28 <= w.waiting.width(), label
    w.close()
