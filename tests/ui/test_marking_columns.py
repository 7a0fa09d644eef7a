"""Caveats travel with the content on screen too (issue #14): the lists' Marking column shows a
record's classification and caveats, and the follow-ups page shows an action of a NOT FOR LOCAL
STAFF meeting as such although its own fields carry no caveat."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from fieldkit.core.marking import NOT_FOR_LOCAL_STAFF
from fieldkit.core.models import FollowUp, Meeting
from fieldkit.core.query import RecordFilter
from fieldkit.ui.followups import FollowupModel, load_followups
from fieldkit.ui.lists.columns import MARKING, marking_label


def test_list_rows_and_followups_show_the_caveats(store, qapp):
    meeting = store.create(
        Meeting(subject="Offtake terms", date=date(2026, 5, 12), country="KE",
                classification="FOUO", caveats=[NOT_FOR_LOCAL_STAFF])
    )  # fmt: skip
    store.create(
        FollowUp(parent_id=meeting.id, text="Send the side letter", due=date(2026, 5, 20),
                 classification="UNCLASSIFIED")
    )  # fmt: skip
    (row,) = store.summaries(store.ids(RecordFilter(kinds=("meeting",))))
    assert row["caveats"] == [NOT_FOR_LOCAL_STAFF]  # a list, as in the record
    assert store.search("Offtake")[0]["caveats"] == [NOT_FOR_LOCAL_STAFF]
    assert MARKING.text(row) == "FOR OFFICIAL USE ONLY · Not for local staff"
    assert marking_label({"classification": "UNCLASSIFIED", "caveats": None}) == "UNCLASSIFIED"

    rows, total = load_followups(store, include_done=False)
    assert total == 1
    model = FollowupModel()
    model.set_rows(rows)
    col = FollowupModel.COLUMNS.index("marking")
    assert model.headerData(col, Qt.Orientation.Horizontal) == "Marking"
    text = model.index(0, col).data()
    assert text == "FOR OFFICIAL USE ONLY · Not for local staff"  # the meeting's, not its own


def test_japanese_marking_column(store, japanese):
    store.create(
        Meeting(subject="Offtake terms", date=date(2026, 5, 12), country="KE",
                classification="CONFIDENTIAL", caveats=[NOT_FOR_LOCAL_STAFF, "NO_COPY"])
    )  # fmt: skip
    (row,) = store.summaries(store.ids(RecordFilter(kinds=("meeting",))))
    assert MARKING.header() == "取扱区分"
    assert MARKING.text(row) == "秘・現地職員閲覧不可・複製禁止"


def test_detail_pane_of_a_followup_shows_its_meetings_caveats(store, qapp):
    from fieldkit.ui.detail import load_detail
    from fieldkit.ui.lists.detail_html import render

    meeting = store.create(
        Meeting(subject="Offtake terms", date=date(2026, 5, 12), country="KE",
                classification="FOUO", caveats=[NOT_FOR_LOCAL_STAFF])
    )  # fmt: skip
    action = store.create(
        FollowUp(parent_id=meeting.id, text="Send the side letter", classification="UNCLASSIFIED")
    )
    page = render(load_detail(store, action.id))
    banner = page.split("</table>")[0]
    assert "FOR OFFICIAL USE ONLY" in banner and "Not for local staff" in banner
