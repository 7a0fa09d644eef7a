"""The lazy record list model against a real store: paging, sorting, search, refresh, cache."""

from __future__ import annotations

from dataclasses import replace

import pytest
import shell_helpers
from shell_helpers import WAIT, all_rows_cached, refreshed

from fieldkit.core.demo import generate
from fieldkit.core.query import RecordFilter
from fieldkit.ui.lists import model as model_mod
from fieldkit.ui.lists.columns import columns_for
from fieldkit.ui.lists.model import ID_ROLE, PAGE, RecordListModel

# the shared fixtures
shell = shell_helpers.shell
demo = shell_helpers.demo

MEETINGS = RecordFilter(kinds=("meeting",))


def make(qtbot, flt=MEETINGS, kind="meeting"):
    model = RecordListModel(columns_for(kind))
    refreshed(qtbot, model, lambda: model.set_filter(flt))
    return model


def test_model_passes_qtmodeltester_before_and_after_fetching_more(demo, qtbot, qtmodeltester):
    generate(demo, meetings=300, visits=0, projects=0, seed=9)
    model = make(qtbot)
    assert model.canFetchMore()
    qtmodeltester.check(model, force_py=True)  # the tester fetches every page itself
    assert model.rowCount() == model.total() == demo.count(MEETINGS)
    qtbot.waitUntil(lambda: all_rows_cached(model), timeout=WAIT)
    qtmodeltester.check(model, force_py=True)


def test_only_the_first_page_is_exposed_then_fetch_more_adds_pages(demo, qtbot):
    generate(demo, meetings=330, visits=0, projects=0, seed=9)
    total = demo.count(MEETINGS)  # 450
    model = make(qtbot)
    assert model.total() == total
    assert model.rowCount() == PAGE
    assert all_rows_cached(model)  # the first page arrives with the ids
    inserted = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    while model.canFetchMore():
        model.fetchMore()
    assert inserted == [(PAGE, 2 * PAGE - 1), (2 * PAGE, total - 1)]
    assert model.rowCount() == total
    qtbot.waitUntil(lambda: all_rows_cached(model), timeout=WAIT)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(total)] == demo.ids(MEETINGS)


def test_rows_show_formatted_summaries(demo, qtbot):
    model = make(qtbot)
    first = demo.get(model.id_at(0))
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first.subject in cells
    assert any(c and "20" in c for c in cells[:1])  # a date with a four-digit year
    assert model.headerData(1, model_mod.Qt.Orientation.Horizontal) == "Subject"


@pytest.mark.parametrize("column, asc_key", [(0, "date_asc"), (1, "title"), (2, "country")])
def test_sorting_uses_the_store_order_in_both_directions(demo, qtbot, column, asc_key):
    model = make(qtbot)
    refreshed(qtbot, model, lambda: model.sort(column, model_mod.Qt.SortOrder.AscendingOrder))
    assert model.ids() == demo.ids(MEETINGS, sort=asc_key)
    refreshed(qtbot, model, lambda: model.sort(column, model_mod.Qt.SortOrder.DescendingOrder))
    expected = demo.ids(MEETINGS, sort=asc_key)
    if asc_key == "date_asc":
        assert model.ids() == demo.ids(MEETINGS, sort="date")
    else:
        assert model.ids() == expected[::-1]


def test_unsortable_column_is_ignored(demo, qtbot):
    model = make(qtbot)
    before = model.sort_key
    model.sort(3, model_mod.Qt.SortOrder.AscendingOrder)  # marking: the store has no order for it
    assert model.sort_key == before


@pytest.mark.parametrize("text", ["重要鉱物", "Hitachi", "地熱", "EV"])
def test_search_matches_the_store_in_any_language(demo, qtbot, text):
    model = make(qtbot)
    flt = replace(MEETINGS, text=text)
    refreshed(qtbot, model, lambda: model.set_filter(flt))
    expected = demo.ids(flt)
    assert expected, f"demo data should contain {text!r}"
    assert model.ids() == expected
    assert model.total() < demo.count(MEETINGS)


def test_an_older_answer_never_replaces_a_newer_query(demo, qtbot):
    model = make(qtbot)
    newest = replace(MEETINGS, text="Hitachi")
    with qtbot.waitSignal(model.refreshed, timeout=WAIT):
        model.set_filter(replace(MEETINGS, text="重要鉱物"))
        model.set_filter(replace(MEETINGS, countries=("KE",)))
        model.set_filter(newest)
    qtbot.wait(300)  # let any stale answers arrive
    assert model.filter == newest
    assert model.ids() == demo.ids(newest)


def test_an_edit_that_keeps_the_order_repaints_only_its_row(demo, qtbot):
    model = make(qtbot)
    rid = model.id_at(3)
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    demo.update(rid, {"place": "somewhere else"})
    refreshed(qtbot, model, lambda: model.refresh(changed_ids={rid}))
    assert resets == []
    assert (3, 3) in changed


def test_a_new_record_resets_and_keeps_the_exposed_rows(demo, qtbot):
    generate(demo, meetings=300, visits=0, projects=0, seed=9)
    model = make(qtbot)
    model.fetchMore()
    shown = model.rowCount()
    rec = demo.get(model.id_at(0))
    new = demo.create(
        # A copy of a demo meeting as a new draft (demo meetings carry their approvals, and a
        # record is created only as a draft).
        rec.model_copy(
            update={
                "id": "00000000-0000-4000-8000-000000000001",
                "revision": 0,
                "approval": type(rec.approval)(),
            }
        )
    )
    refreshed(qtbot, model, lambda: model.refresh(changed_ids={new.id}))
    assert new.id in model.ids()
    assert model.rowCount() >= shown


def test_the_row_cache_is_bounded_and_refetches_evicted_rows(demo, qtbot, monkeypatch):
    generate(demo, meetings=500, visits=0, projects=0, seed=9)
    monkeypatch.setattr(model_mod, "CACHE_ROWS", 250)
    model = make(qtbot)
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model._pending_blocks, timeout=WAIT)
    assert len(model._cache) <= 250
    assert model.index(0, 1).data() is None  # evicted: asked for again in the background
    qtbot.waitUntil(lambda: model.index(0, 1).data() is not None, timeout=WAIT)
    assert len(model._cache) <= 250


def test_trash_filter_lists_only_deleted_records(demo, qtbot):
    rid = demo.ids(MEETINGS)[5]
    demo.delete(rid)
    model = make(qtbot, replace(MEETINGS, deleted=True), kind="trash")
    assert model.ids() == [rid]
    assert model.columnCount() == len(columns_for("meeting", trash=True))


def test_first_page_is_shown_before_all_ids_are_known(demo, qtbot):
    generate(demo, meetings=300, visits=0, projects=0, seed=9)
    model = RecordListModel(columns_for("meeting"))
    events = []
    model.first_rows.connect(lambda n: events.append(("first", n, model.total())))
    model.refreshed.connect(lambda n: events.append(("all", n, model.rowCount())))
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    refreshed(qtbot, model, lambda: model.set_filter(MEETINGS))
    total = demo.count(MEETINGS)
    assert events == [("first", PAGE, PAGE), ("all", total, PAGE)]
    assert len(resets) == 1  # the full id list extends the first page, no second reset
    assert model.ids() == demo.ids(MEETINGS) and model.canFetchMore()
