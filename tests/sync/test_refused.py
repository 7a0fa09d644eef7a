"""Issue 14: refused means not filed. A change HQ refuses (here a SECRET record made while the
embassy's ceiling was SECRET, pushed after HQ lowered it to CONFIDENTIAL) stays visible as "not
accepted by HQ" with HQ's reason: in `fieldkit status` (apart from pending changes), `fieldkit sync`
and `sync refused`, the Sync page, the status bar, the record's detail pane and its editor, until
a later change is accepted or the refused one is deliberately discarded (audited)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hqserver import Laptop

from fieldkit.cli.main import main as fieldkit
from fieldkit.core.models import Meeting
from fieldkit.core.operations.records import update_record
from fieldkit.ui.operations.handling import _limits as limits
from sync.server.cli import main as hq_cli
from sync.state import SyncState


def run(capsys, *argv) -> tuple[int, str, str]:
    code = fieldkit(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def use_store():
    from fieldkit.ui import ops

    holder: dict = {}
    errors: list = []
    ops.configure(lambda: holder["store"], lambda parent, exc, details: errors.append(exc))
    yield holder, errors
    ops.wait_all()


@pytest.fixture
def refused(hq, tmp_path):
    """A laptop holding two SECRET meetings HQ refused (its ceiling was lowered meanwhile)."""
    db = str(hq.db)
    assert hq_cli(["--db", db, "embassy", "set-ceiling", "KE", "SECRET"]) == 0
    lap = Laptop(hq, tmp_path / "lap", "KE", "chancery")
    lap.sync()  # learns SECRET
    recs = [
        lap.store.create(
            Meeting(subject=subject, date=date(2026, 3, 4), country="KE", classification="SECRET")
        )  # fmt: skip
        for subject in ("Debt restructuring", "Port concession")
    ]
    assert hq_cli(["--db", db, "embassy", "set-ceiling", "KE", "CONFIDENTIAL"]) == 0
    rep = lap.sync()
    assert rep.rejected == 2 and rep.pushed == 0 and rep.not_accepted == 2
    yield lap, recs
    lap.close()


def test_the_cli_says_not_accepted_until_fixed_or_discarded(refused, capsys):
    lap, (debt, port) = refused
    d = str(lap.data_dir)
    code, out, _ = run(capsys, "--data-dir", d, "status")
    assert "pending changes (not yet synced): 0" in out
    assert "not accepted by HQ: 2 (not filed; see 'fieldkit sync refused')" in out
    info = json.loads(run(capsys, "--data-dir", d, "status", "--json")[1])
    assert info["pending_changes"] == 0 and info["not_accepted_by_hq"] == 2
    code, out, _ = run(capsys, "--data-dir", d, "sync", "refused")
    assert code == 0 and out.count("not accepted by HQ") == 2
    assert "Debt restructuring" in out and "above the highest classification" in out
    code, out, _ = run(capsys, "--data-dir", d, "sync")
    assert "in step, except 2 changes HQ did not accept" in out
    assert "2 changes not accepted by HQ (not filed)" in out

    # Fixed: classified CONFIDENTIAL (the laptop's ceiling now), sent again and accepted.
    code, out, err = run(
        capsys, "--data-dir", d, "edit", debt.id[:8], "classification=CONFIDENTIAL"
    )
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", d, "sync", "--json")
    assert json.loads(out)["pushed"] == 1 and json.loads(out)["not_accepted"] == 1
    # An edit that keeps it SECRET is refused on the laptop itself, one line, exit 2.
    code, out, err = run(capsys, "--data-dir", d, "edit", port.id[:8], "place=Mombasa")
    assert code == 2 and err.count("\n") == 1 and "(CONFIDENTIAL)" in err
    # Discarded deliberately: HQ never had it, so it leaves the laptop; the audit log says so.
    code, _, err = run(capsys, "--data-dir", d, "sync", "discard-refused", "ffff")
    assert code == 2 and "no change HQ refused matches ffff" in err
    code, out, _ = run(capsys, "--data-dir", d, "sync", "discard-refused", port.id[:8])
    assert code == 0 and "removed from this laptop" in out
    assert lap.store.status()["not_accepted_by_hq"] == 0
    assert port.id not in {r["id"] for r in json.loads(
        run(capsys, "--data-dir", d, "list", "--json")[1])["records"]}  # fmt: skip
    (event,) = [e for e in lap.store.audit_events() if e["event"] == "sync.refused_discarded"]
    assert event["record_id"] == port.id and event["detail"]["kept"] == "removed"
    assert "CONFIDENTIAL" in event["detail"]["reason"]
    code, out, _ = run(capsys, "--data-dir", d, "status")
    assert "not accepted by HQ" not in out


def test_the_screens_say_not_accepted(refused, qtbot, use_store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from fieldkit.ui.detail import load_detail
    from fieldkit.ui.lists.detail_html import render
    from fieldkit.ui.main_window import MainWindow
    from fieldkit.ui.sync_page import SyncPage

    lap, (debt, port) = refused
    holder, errors = use_store
    holder["store"] = lap.store
    # The record itself.
    html = render(load_detail(lap.store, debt.id))
    assert "Not accepted by HQ (not filed)" in html and "CONFIDENTIAL" in html
    accepted = load_detail(lap.store, debt.id)
    accepted["refused"] = None
    assert "Not accepted by HQ" not in render(accepted)
    # The editor: levels above the ceiling are offered disabled, with the reason.
    info = limits(lap.store, debt.id)
    assert info["ceiling"] == "CONFIDENTIAL" and "SECRET" not in info["allowed"]
    from fieldkit.ui.editors.meeting import MeetingEditor

    editor = MeetingEditor(record_id=debt.id)
    qtbot.addWidget(editor)
    combo = editor.bindings["classification"].widget
    qtbot.waitUntil(lambda: "Not accepted by HQ" in editor.status_label.text(), timeout=10_000)
    secret = combo.findData("SECRET")
    assert not combo.model().item(secret).isEnabled()
    assert "up to CONFIDENTIAL" in combo.model().item(secret).toolTip()
    assert combo.model().item(combo.findData("CONFIDENTIAL")).isEnabled()
    # The Sync page: counted apart from what waits to be sent.
    page = SyncPage()
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.rejected.topLevelItemCount() == 2, timeout=10_000)
    assert page.pending_label.text() == "nothing"
    assert page.refused_label.text().startswith("2 changes: not filed")
    assert "Not accepted by HQ" in page.rejected_box.title()
    assert "Holds records classified up to CONFIDENTIAL" in page.server_label.text()
    # The status bar never says all is synced while HQ lacks a change.
    window = MainWindow(lap.store)
    qtbot.addWidget(window)
    window.show()
    window._update_info()
    qtbot.waitUntil(lambda: window.status_info.text() != "", timeout=10_000)
    assert window.status_info.text() == "2 changes not accepted by HQ"
    # The button discards (audited): the records HQ never accepted leave the laptop.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.rejected.topLevelItem(0).setSelected(True)
    page.dismiss_button.click()
    qtbot.waitUntil(lambda: page.rejected.topLevelItemCount() == 1, timeout=10_000)
    assert SyncState(lap.store).refused_count() == 1
    window._update_info()
    qtbot.waitUntil(lambda: window.status_info.text() == "1 changes not accepted by HQ"
                    or window.status_info.text() == "1 change not accepted by HQ",
                    timeout=10_000)  # fmt: skip
    events = [e for e in lap.store.audit_events() if e["event"] == "sync.refused_discarded"]
    assert len(events) == 1
    window.close()
    assert errors == []


def test_a_later_accepted_push_clears_it(refused):
    lap, (debt, _port) = refused
    update_record(lap.store, debt.id, {"classification": "CONFIDENTIAL"})
    rep = lap.sync()
    assert rep.pushed == 1 and rep.not_accepted == 1
    assert SyncState(lap.store).refused_for(debt.id) is None
