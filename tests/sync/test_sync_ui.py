"""The Sync page and the conflicts screen, as real widgets (offscreen) against a real HQ."""

from __future__ import annotations

from datetime import date

import pytest
from hqserver import Laptop

from fieldkit.core.models import Meeting
from fieldkit.core.store import Store
from sync.state import SyncState

pytest.importorskip("PySide6")


@pytest.fixture
def use_store():
    from fieldkit.ui import ops

    holder = {}
    errors = []
    ops.configure(lambda: holder["store"], lambda parent, exc, details: errors.append(exc))
    yield holder, errors
    ops.wait_all()


def test_enrol_then_sync_now(qtbot, hq, tmp_path, use_store):
    from fieldkit.ui.sync_page import SyncPage

    holder, errors = use_store
    store = holder["store"] = Store.open(tmp_path / "lap")
    store.create(Meeting(subject="GX dialogue", date=date(2026, 3, 2), country="KE"))
    page = SyncPage()
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: "Not enrolled" in page.server_label.text())
    assert not page.sync_button.isEnabled()
    page.server_edit.setText(hq.url)
    page.code_edit.setText(hq.enrol_code("KE", "ui laptop"))
    page.enrol_button.click()
    qtbot.waitUntil(lambda: "Enrolled with embassy KE" in page.result_label.text(), timeout=10000)
    assert "readable only by you" in page.result_label.text()
    qtbot.waitUntil(lambda: page.sync_button.isEnabled())
    assert "1 changed" in page.pending_label.text()
    page.sync_button.click()
    qtbot.waitUntil(lambda: "Sent 1" in page.result_label.text(), timeout=15000)
    qtbot.waitUntil(lambda: page.pending_label.text() == "nothing")
    assert page.last_label.text() != "never"
    assert errors == []
    store.close()


def test_errors_are_shown_in_plain_words(qtbot, hq, tmp_path, use_store):
    from fieldkit.ui.sync_page import SyncPage

    holder, errors = use_store
    lap = Laptop(hq, tmp_path / "lap", "KE", "x")
    holder["store"] = lap.store
    hq.store.revoke(lap.device_id)
    page = SyncPage()
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.sync_button.isEnabled())
    page.sync_now()
    qtbot.waitUntil(lambda: "revoked" in page.error_label.text(), timeout=15000)
    assert "Traceback" not in page.error_label.text()
    assert errors == []
    lap.close()


def test_conflicts_screen_resolves_field_by_field(qtbot, hq, tmp_path, use_store):
    from fieldkit.ui.conflicts import ConflictsDialog

    holder, errors = use_store
    a = Laptop(hq, tmp_path / "a", "KE", "a")
    b = Laptop(hq, tmp_path / "b", "KE", "b")
    m = a.store.create(Meeting(subject="s", date=date(2026, 3, 2), country="KE"))
    a.sync(), b.sync()
    a.store.update(m.id, {"subject": "A subject", "place": "A place"})
    b.store.update(m.id, {"subject": "B subject", "place": "B place"})
    a.sync()
    b.sync()
    holder["store"] = b.store
    dialog = ConflictsDialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    view = dialog.view
    assert view.table.rowCount() == 2
    fields = [view.table.item(r, 0).text() for r in range(2)]
    assert fields == ["place", "subject"]
    assert view.table.item(1, 1).text() == "B subject"
    assert view.table.item(1, 2).text() == "A subject"
    view.groups["subject"].button(0).setChecked(True)  # mine for subject, theirs for place
    dialog.apply.click()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10000)
    rec = b.store.get(m.id)
    assert (rec.subject, rec.place) == ("B subject", "A place")
    assert SyncState(b.store).conflicts() == []
    b.sync()
    a.sync()
    assert a.store.get(m.id).subject == "B subject"
    assert errors == []
    a.close()
    b.close()


def test_refused_changes_are_listed_once_and_can_be_forgotten(qtbot, hq, tmp_path, use_store,
                                                              monkeypatch):  # fmt: skip
    from PySide6.QtWidgets import QMessageBox

    from fieldkit.core.models import Project
    from fieldkit.ui.sync_page import SyncPage

    holder, errors = use_store
    regional = Project(title="East Africa regional programme")
    hq.store.import_registry([regional.model_dump(mode="json")])  # HQ's to change
    lap = Laptop(hq, tmp_path / "lap", "KE", "x")
    holder["store"] = lap.store
    lap.sync()
    for notes in ("first local note", "second local note"):  # refused twice
        lap.store.update(regional.id, {"notes": notes})
        assert lap.sync().rejected == 1
    (entry,) = SyncState(lap.store).rejected()  # one entry per record: the latest
    assert entry["data"]["notes"] == "second local note"
    page = SyncPage()
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.rejected.topLevelItemCount() == 1)
    item = page.rejected.topLevelItem(0)
    assert item.text(0) == "East Africa regional programme" and "registry" in item.text(2)
    assert not page.dismiss_button.isEnabled()
    item.setSelected(True)
    assert page.dismiss_button.isEnabled()
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No
    )
    page.dismiss_button.click()
    assert len(asked) == 1 and SyncState(lap.store).rejected() != []  # "No" keeps it
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.dismiss_button.click()
    qtbot.waitUntil(lambda: not SyncState(lap.store).rejected(), timeout=10000)
    qtbot.waitUntil(lambda: page.rejected.topLevelItemCount() == 0, timeout=10000)
    assert lap.store.get(regional.id).notes == ""  # the laptop keeps HQ's copy
    assert errors == []
    lap.close()


def test_conflicts_screen_names_the_laptop_of_a_conflict_hit_elsewhere(qtbot, hq, tmp_path,
                                                                       use_store):  # fmt: skip
    from fieldkit.ui.conflicts import ConflictsDialog

    holder, errors = use_store
    a, b, c = (Laptop(hq, tmp_path / n, "KE", f"Nairobi {n}") for n in "abc")
    m = a.store.create(Meeting(subject="s", date=date(2026, 3, 2), country="KE"))
    for lap in (a, b, c):
        lap.sync()
    a.store.update(m.id, {"subject": "A subject"})
    b.store.update(m.id, {"subject": "B subject"})
    a.sync(), b.sync(), c.sync()
    holder["store"] = c.store
    dialog = ConflictsDialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    view = dialog.view
    assert view.table.horizontalHeaderItem(1).text() == "Mine (sent by “Nairobi b”)"
    assert "changed on laptop “Nairobi b” and elsewhere" in view.heading.text()
    assert view.table.item(0, 1).text() == "B subject"
    dialog.apply.click()  # Theirs by default: HQ's (A's) value stays, for every laptop
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10000)
    c.sync(), b.sync()
    assert SyncState(b.store).conflicts() == []
    assert b.store.get(m.id).subject == "A subject"
    assert errors == []
    for lap in (a, b, c):
        lap.close()
