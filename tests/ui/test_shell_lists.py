"""A list page through its widgets: search box, filters, detail pane, trash, CSV export."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import shell_helpers
from PySide6.QtCore import QDate, Qt
from shell_helpers import WAIT, refreshed

from fieldkit.core.query import RecordFilter
from fieldkit.ui.lists import filter_bar as filter_bar_mod
from fieldkit.ui.lists.export import run_export, target_paths
from fieldkit.ui.lists.model import ID_ROLE
from fieldkit.ui.lists.page import ListPage
from fieldkit.ui.main_window import ChangeBridge

# the shared fixtures
shell = shell_helpers.shell
demo = shell_helpers.demo

MEETINGS = RecordFilter(kinds=("meeting",))


@pytest.fixture
def page(demo, qtbot):
    p = ListPage("meeting")
    qtbot.addWidget(p)
    p.resize(1300, 800)
    refreshed(qtbot, p.model, p.show)
    return p


def shown_ids(page) -> list[str]:
    return page.model.ids()


def test_page_lists_meetings_newest_first(page, demo):
    assert shown_ids(page) == demo.ids(MEETINGS, sort="date")
    assert page.count.text() == f"{demo.count(MEETINGS)} records"


def test_typing_in_the_search_box_filters_without_blocking(page, demo, qtbot):
    with qtbot.waitSignal(page.model.refreshed, timeout=WAIT):
        qtbot.keyClicks(page.filter_bar.search, "Hitachi")
    assert shown_ids(page) == demo.ids(RecordFilter(kinds=("meeting",), text="Hitachi"))
    assert 0 < page.model.total() < demo.count(MEETINGS)
    assert page.count.text().endswith("found")


def test_japanese_search_text(page, demo, qtbot):
    refreshed(qtbot, page.model, lambda: page.filter_bar.search.setText("重要鉱物"))
    expected = demo.ids(RecordFilter(kinds=("meeting",), text="重要鉱物"))
    assert expected and shown_ids(page) == expected
    refreshed(qtbot, page.model, lambda: page.filter_bar.search.setText("鉱物"))  # two characters
    assert shown_ids(page) == demo.ids(RecordFilter(kinds=("meeting",), text="鉱物"))


def test_a_burst_of_typing_makes_one_query(page, qtbot, monkeypatch):
    calls = []
    original = page.model.set_filter
    monkeypatch.setattr(page.model, "set_filter", lambda f: (calls.append(f.text), original(f)))
    with qtbot.waitSignal(page.model.refreshed, timeout=WAIT):
        qtbot.keyClicks(page.filter_bar.search, "Ministry")
    assert calls == ["Ministry"]


def test_country_policy_and_date_filters(page, demo, qtbot):
    bar = page.filter_bar
    refreshed(qtbot, page.model, lambda: bar.set_country("KE"))
    kenya = demo.ids(RecordFilter(kinds=("meeting",), countries=("KE",)))
    assert kenya and shown_ids(page) == kenya
    refreshed(qtbot, page.model, lambda: bar.policy.setCurrentIndex(bar.policy.findData("gx")))
    assert shown_ids(page) == demo.ids(
        RecordFilter(kinds=("meeting",), countries=("KE",), policy_fields=("gx",))
    )
    refreshed(qtbot, page.model, bar.clear)
    all_dates = sorted(s["date"] for s in demo.summaries(demo.ids(MEETINGS)))
    lo, hi = date.fromisoformat(all_dates[20]), date.fromisoformat(all_dates[60])
    refreshed(qtbot, page.model, lambda: bar.date_from.setDate(QDate(lo.year, lo.month, lo.day)))
    refreshed(qtbot, page.model, lambda: bar.date_to.setDate(QDate(hi.year, hi.month, hi.day)))
    rows = demo.summaries(shown_ids(page))
    assert rows and all(lo.isoformat() <= r["date"] <= hi.isoformat() for r in rows)
    assert len(rows) == demo.count(RecordFilter(kinds=("meeting",), date_from=lo, date_to=hi))
    refreshed(qtbot, page.model, bar.clear)
    assert page.model.total() == demo.count(MEETINGS)


def test_project_status_and_overdue_filters(demo, qtbot):
    page = ListPage("project")
    qtbot.addWidget(page)
    refreshed(qtbot, page.model, page.show)
    bar = page.filter_bar
    assert bar.status.isVisible() and bar.overdue.isVisible() and not bar.policy.isVisible()
    refreshed(qtbot, page.model, lambda: bar.overdue.setChecked(True))
    overdue = demo.ids(RecordFilter(kinds=("project",), overdue=True))
    assert overdue and shown_ids(page) == overdue
    refreshed(qtbot, page.model, lambda: bar.status.setCurrentIndex(bar.status.findData("2")))
    assert shown_ids(page) == demo.ids(
        RecordFilter(kinds=("project",), overdue=True, statuses=("2",))
    )


def test_selecting_a_row_shows_the_record_in_the_detail_pane(page, demo, qtbot):
    page.table.selectRow(0)
    rid = page.model.id_at(0)
    qtbot.waitUntil(
        lambda: page.detail.record is not None and page.detail.record.id == rid, timeout=WAIT
    )
    text = page.detail.browser.toPlainText()
    meeting = demo.get(rid)
    assert meeting.subject in text
    assert "FOR OFFICIAL USE ONLY" in text or meeting.classification != "FOUO"
    followups = demo.children(rid, "followup")
    for f in followups:
        assert f.text.splitlines()[0][:20] in text
    assert page.detail.edit_button.isEnabled() and page.detail.delete_button.isVisible()


def test_delete_goes_to_the_trash_and_restore_brings_it_back(page, demo, qtbot):
    page.table.selectRow(2)
    rid = page.model.id_at(2)
    qtbot.waitUntil(lambda: page.detail.record is not None, timeout=WAIT)
    # The store announces changes on the writing (worker) thread; the window's bridge queues
    # them to the main thread, as here.
    bridge = ChangeBridge()
    bridge.changed.connect(page.apply_changes, Qt.ConnectionType.QueuedConnection)
    demo.subscribe(bridge.listener)
    with qtbot.waitSignal(page.model.refreshed, timeout=WAIT):
        qtbot.mouseClick(page.detail.delete_button, Qt.MouseButton.LeftButton)
    assert rid not in shown_ids(page)
    assert demo.get(rid, include_deleted=True).deleted

    refreshed(qtbot, page.model, lambda: page.trash_button.click())
    assert page.trash_mode and shown_ids(page) == [rid]
    page.table.selectRow(0)
    qtbot.waitUntil(
        lambda: page.detail.record is not None and page.detail.record.id == rid, timeout=WAIT
    )
    assert page.detail.restore_button.isVisible() and not page.detail.edit_button.isEnabled()
    with qtbot.waitSignal(page.model.refreshed, timeout=WAIT):
        qtbot.mouseClick(page.detail.restore_button, Qt.MouseButton.LeftButton)
    assert shown_ids(page) == []
    assert not demo.get(rid).deleted
    refreshed(qtbot, page.model, lambda: page.trash_button.click())
    assert rid in shown_ids(page)


def test_csv_export_of_the_filtered_list_is_utf8_with_bom(page, demo, qtbot, tmp_path):
    refreshed(qtbot, page.model, lambda: page.filter_bar.search.setText("重要鉱物"))
    target = tmp_path / "meetings.csv"
    done = []
    op = run_export(
        page, page.current_filter(), "date", {"meeting": target}, lambda c, p: done.append(c)
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert op is not None
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["id"] for r in rows] == shown_ids(page)
    assert any("重要鉱物" in r["subject"] or "重要鉱物" in r["key_points"] for r in rows)
    assert done == [{"meeting": len(rows)}]
    assert not list(tmp_path.glob("*.part"))
    assert demo.audit_events(5)[0]["event"] == "export"


def test_contacts_export_makes_one_file_per_kind(tmp_path):
    paths = target_paths(Path(tmp_path / "contacts.csv"), ("organisation", "person"))
    assert [p.name for p in paths.values()] == ["contacts-organisation.csv", "contacts-person.csv"]


def test_new_button_opens_the_editor_for_the_page_kind(page, qtbot, monkeypatch):
    import fieldkit.ui.editors as editors

    calls = []
    monkeypatch.setattr(editors, "open_editor", lambda *a, **k: calls.append(a))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert calls and calls[0][1:] == ("meeting", None, None)
    refreshed(qtbot, page.model, lambda: page.filter_bar.set_country("KE"))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert calls[-1][1:] == ("meeting", None, {"country": "KE"})  # the list's country
    rid = page.model.id_at(0)
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert calls[-1][1:3] == ("meeting", rid)


def test_search_box_debounce_is_short(page):
    assert filter_bar_mod.SEARCH_DELAY_MS <= 60
    assert page.table.model().index(0, 0).data(ID_ROLE) == page.model.id_at(0)


def test_filters_do_not_drain_references_to_none(page):
    """PySide6 6.12 returns an empty QVariant as None without a reference: we never ask for one."""
    import sys

    before = sys.getrefcount(None)
    for _ in range(500):
        page.filter_bar.record_filter(("meeting",))
        page.filter_bar.is_filtered()
    assert before - sys.getrefcount(None) < 100


def test_summit_and_instrument_filters(page, demo, qtbot):
    bar = page.filter_bar
    code = next(c for c in ("ticad9", "palm10", "asean2024")
                if demo.count(RecordFilter(kinds=("meeting",), summits=(c,))))  # fmt: skip
    refreshed(qtbot, page.model, lambda: bar.summit.setCurrentIndex(bar.summit.findData(code)))
    expected = demo.ids(RecordFilter(kinds=("meeting",), summits=(code,)))
    assert expected and shown_ids(page) == expected
    assert all(code in m.summits for m in demo.get_many(expected))
    refreshed(
        qtbot,
        page.model,
        lambda: bar.instrument.setCurrentIndex(bar.instrument.findData("oda_loan")),
    )
    both = demo.ids(RecordFilter(kinds=("meeting",), summits=(code,), instruments=("oda_loan",)))
    assert shown_ids(page) == both and len(both) < len(expected)
    refreshed(qtbot, page.model, bar.clear)
    assert shown_ids(page) == demo.ids(MEETINGS, sort="date")
