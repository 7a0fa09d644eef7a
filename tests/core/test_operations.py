"""The operations layer (fieldkit.core.operations) on a real store: the rules every caller runs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import FollowUp, Meeting
from fieldkit.core.operations import followups, records
from fieldkit.core.operations.records import FormSave

TODAY = date(2026, 3, 10)


def meeting(**kw) -> Meeting:
    return Meeting(subject="GX dialogue", date=date(2026, 3, 2), country="KE", **kw)


def test_saving_a_form_writes_the_record_its_followup_table_and_drops_the_draft(store):
    store.save_draft("meeting:new", "meeting", {"subject": "GX"})
    m = meeting(classification="CONFIDENTIAL")
    rows = [{"text": "Send the ToR", "owner": "Sato", "due": "2026-04-01", "status": "open"},
            {"text": "Call the ministry", "owner": "", "due": None, "status": "done"}]  # fmt: skip
    form = FormSave(record=m, values={}, followups=rows, draft_key="meeting:new")
    saved = records.save_form(store, form)
    fus = {f.text: f for f in store.children(saved.id, "followup")}
    assert fus["Send the ToR"].done_on is None
    assert fus["Call the ministry"].done_on == date.today()
    assert {f.classification for f in fus.values()} == {"CONFIDENTIAL"}  # the parent's marking
    assert store.drafts() == []

    # The form as loaded: one row reopened, one changed, one removed, one new.
    loaded = [f.model_dump(mode="json") for f in fus.values()]
    done = next(r for r in loaded if r["text"] == "Call the ministry")
    edited = [{**done, "status": "open"}, {"text": "Visit the site", "status": "done"}]
    form = FormSave(
        record=saved, values={"place": "Nairobi"}, loaded=saved.model_dump(mode="json"),
        followups=edited, loaded_followups=loaded,
    )  # fmt: skip
    again = records.save_form(store, form)
    assert again.place == "Nairobi" and again.revision == 2
    now = {f.text: f for f in store.children(saved.id, "followup")}
    assert set(now) == {"Call the ministry", "Visit the site"}
    assert now["Call the ministry"].done_on is None and now["Call the ministry"].status == "open"
    assert now["Visit the site"].done_on == date.today()


def test_a_failing_form_save_keeps_nothing(store):
    m = store.create(meeting())
    rows = [{"text": "Send the ToR", "status": "open"}]
    form = FormSave(
        record=m, values={"kind": "visit"}, loaded=m.model_dump(mode="json"), followups=rows
    )
    with pytest.raises(FieldKitError):
        records.save_form(store, form)
    assert store.children(m.id, "followup") == [] and store.get(m.id).revision == 1


def test_the_done_rule_applies_when_the_status_changes_only(store):
    f = records.create_record(store, {"kind": "followup", "text": "Send", "status": "done"})
    assert f.done_on == date.today()
    f = records.update_record(store, f.id, {"status": "open"})
    assert f.done_on is None
    f = records.update_record(store, f.id, {"status": "done", "done_on": "2026-01-05"})
    assert f.done_on == date(2026, 1, 5)
    f = records.update_record(store, f.id, {"owner": "Sato"}, today=TODAY)
    assert f.done_on == date(2026, 1, 5)  # another field: the date stays
    m = records.update_record(store, store.create(meeting()).id, {"place": "Nairobi"})
    assert m.place == "Nairobi"  # other kinds: the values as given


def test_mark_done_marks_open_followups_only_in_one_transaction(store):
    opened = store.create(FollowUp(text="a", due=TODAY - timedelta(days=3)))
    dropped = store.create(FollowUp(text="b", status="dropped"))
    m = store.create(meeting())
    assert followups.mark_done(store, [opened.id, dropped.id, m.id], TODAY) == 1
    assert (store.get(opened.id).status, store.get(opened.id).done_on) == ("done", TODAY)
    assert store.get(dropped.id).status == "dropped" and store.get(m.id).revision == 1


def test_delete_and_restore_take_the_followups_along(store):
    m = store.create(meeting())
    store.create(FollowUp(text="a", parent_id=m.id))
    records.delete_record(store, m.id)
    assert store.children(m.id, "followup") == []
    records.restore_record(store, m.id)
    assert [f.text for f in store.children(m.id, "followup")] == ["a"]
