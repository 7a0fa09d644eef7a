"""The follow-ups page at start-up: the first rows from the due-date index at once, then the whole
list; and the index-only reads (fieldkit.core.soonest) agree with the store's own."""

from __future__ import annotations

from datetime import date

import pytest
import shell_helpers
from shell_helpers import WAIT

from fieldkit.core import soonest
from fieldkit.core.query import RecordFilter
from fieldkit.ui import followups
from fieldkit.ui.followups import FollowupsPage

shell = shell_helpers.shell
demo = shell_helpers.demo

OPEN = RecordFilter(kinds=("followup",), statuses=("open",))


@pytest.mark.parametrize(
    "flt",
    [
        OPEN,
        RecordFilter(kinds=("followup",)),
        RecordFilter(kinds=("followup",), overdue=True, today=date(2026, 12, 1)),
        RecordFilter(kinds=("meeting", "visit"), countries=("TZ", "SN")),
        RecordFilter(kinds=("meeting",), policy_fields=("gx",), date_from=date(2025, 1, 1)),
        RecordFilter(kinds=("meeting",), text="water"),
    ],
)
def test_index_reads_agree_with_the_store(demo, flt):
    assert soonest.count(demo, flt) == demo.count(flt)
    dues = {s["id"]: s["due"] for s in demo.summaries(demo.ids(flt, sort="due"))}
    with_due = [d for d in dues.values() if d]
    first = soonest.soonest_due_ids(demo, flt, 25)
    assert [dues[i] for i in first] == with_due[:25]


def test_first_rows_then_the_whole_list(demo, qtbot, monkeypatch):
    monkeypatch.setattr(followups, "FIRST_ROWS", 5)
    page = FollowupsPage()
    qtbot.addWidget(page)
    sizes: list[int] = []
    page.model.modelReset.connect(lambda: sizes.append(page.model.rowCount()))
    page.resize(1200, 800)
    page.show()
    total = demo.count(OPEN)
    qtbot.waitUntil(lambda: page.model.rowCount() == total, timeout=WAIT)
    assert sizes == [5, total]
    assert page.total == total
    dues = [r.due for r in page.model.rows]
    assert dues == sorted(dues, key=lambda d: (d is None, d or date.min))


@pytest.mark.parametrize("include_done", [False, True])
def test_rows_read_from_the_stored_json_match_the_records(demo, include_done):
    rows, total = followups.load_followups(demo, include_done)
    assert len(rows) == total > 0
    records = {r.id: r for r in demo.get_many([row.id for row in rows])}
    for row in rows:
        r = records[row.id]
        assert (row.text, row.owner, row.due, row.status, row.parent_id) == (
            r.text, r.owner, r.due, r.status, r.parent_id,
        )  # fmt: skip
    assert {row.status for row in rows} >= ({"open", "done"} if include_done else {"open"})
