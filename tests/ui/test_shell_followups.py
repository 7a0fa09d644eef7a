"""The follow-ups page and the dashboard against a real store with demo data."""

from __future__ import annotations

from datetime import date

import pytest
import shell_helpers
from PySide6.QtCore import QItemSelectionModel, Qt
from shell_helpers import WAIT

from fieldkit.core.query import RecordFilter
from fieldkit.ui.dashboard import DashboardPage, load_dashboard
from fieldkit.ui.followups import FollowupsPage, load_followups
from fieldkit.ui.lists.model import ID_ROLE
from fieldkit.ui.main_window import ChangeBridge

# the shared fixtures
shell = shell_helpers.shell
demo = shell_helpers.demo

OPEN = RecordFilter(kinds=("followup",), statuses=("open",))


@pytest.fixture
def page(demo, qtbot):
    p = FollowupsPage()
    qtbot.addWidget(p)
    bridge = ChangeBridge(p)
    bridge.changed.connect(p.apply_changes, Qt.ConnectionType.QueuedConnection)
    demo.subscribe(bridge.listener)
    p.resize(1300, 700)
    p.show()
    qtbot.waitUntil(lambda: p.model.rowCount() > 0, timeout=WAIT)
    return p


def column(page, col: int) -> list:
    return [page.proxy.index(r, col).data(ID_ROLE) for r in range(page.proxy.rowCount())]


def test_lists_every_open_followup_soonest_first(page, demo, qtbot, qtmodeltester):
    qtmodeltester.check(page.model, force_py=True)
    assert page.proxy.rowCount() == demo.count(OPEN)
    rows = {r.id: r for r in page.model.rows}
    dues = [rows[i].due for i in column(page, 0)]
    dated = [d for d in dues if d]
    assert dated == sorted(dated)
    assert dues[-1] is None or all(d is not None for d in dues)  # undated ones last
    overdue = [r for r in page.model.rows if r.due and r.due < date.today()]
    assert overdue, "demo data has overdue follow-ups"
    assert "overdue" in page.count.text()
    assert all(r.parent_title for r in page.model.rows)


def test_sort_by_owner_and_overdue_only(page, qtbot):
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    rows = {r.id: r for r in page.model.rows}
    owners = [rows[i].owner.casefold() for i in column(page, 0)]
    named = [o for o in owners if o]
    assert named == sorted(named)
    page.overdue_box.setChecked(True)
    assert 0 < page.proxy.rowCount() < page.model.rowCount()
    assert all(rows[i].due < date.today() for i in column(page, 0))


def test_quick_filter_by_words(page):
    owner = next(r.owner for r in page.model.rows if r.owner)
    page.search.setText(owner.split()[0])
    rows = {r.id: r for r in page.model.rows}
    shown = column(page, 0)
    assert shown and all(
        owner.split()[0].casefold()
        in f"{rows[i].text} {rows[i].owner} {rows[i].parent_title}".casefold()
        for i in shown
    )


def test_mark_done_through_the_button(page, demo, qtbot):
    before = page.proxy.rowCount()
    index = page.proxy.index(0, 0)
    rid = index.data(ID_ROLE)
    page.table.selectionModel().select(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert page.done_button.isEnabled()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == before - 1, timeout=WAIT)
    rec = demo.get(rid)
    assert rec.status == "done" and rec.done_on == date.today()
    assert rid not in column(page, 0)
    page.done_box.setChecked(True)  # "include done" shows it again, as done
    qtbot.waitUntil(lambda: rid in column(page, 0), timeout=WAIT)


def test_load_followups_caps_the_list(demo):
    rows, total = load_followups(demo, include_done=False, limit=10)
    assert len(rows) == 10 and total == demo.count(OPEN)


def test_dashboard_figures_match_the_store(demo, qtbot):
    data = load_dashboard(demo)
    counts = demo.status()["counts"]
    assert data.counts["meeting"] == counts["meeting"]
    assert sum(n for _c, n in data.by_country) <= counts["meeting"] + counts["visit"]
    assert data.by_country[0][1] >= data.by_country[-1][1]
    assert len(data.by_month) == 12
    gx = demo.count(RecordFilter(kinds=("meeting",), policy_fields=("gx",)))
    assert dict(data.by_policy).get("gx", 0) == gx
    assert data.overdue_followup_count == demo.count(
        RecordFilter(kinds=("followup",), overdue=True)
    )
    assert data.overdue_projects and all(p["days"] > 0 for p in data.overdue_projects)

    page = DashboardPage()
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    assert page.cards["meeting"].value.text() == str(counts["meeting"])
    assert page.cards["overdue"].value.text() == str(data.overdue_followup_count)
    assert page.project_list.topLevelItemCount() == len(data.overdue_projects)
    assert page.policy_chart.items and page.country_chart.items
    image = page.grab().toImage()
    assert not image.isNull()
    seen = []
    page.navigate.connect(lambda name, opt: seen.append((name, opt)))
    qtbot.mouseClick(page.cards["overdue"], Qt.MouseButton.LeftButton)
    assert seen == [("followups", "overdue")]
