"""Approval (決裁): draft -> submitted -> approved, returns, amendments, the lock, old records."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fieldkit.core import approval, schema
from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import render
from fieldkit.core.models import Meeting, Visit, parse_record
from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Store

SCHEMA3 = Path(__file__).parent.parent / "data" / "stores" / "schema3" / "fieldkit.db"


def meeting(**kw) -> Meeting:
    base = {"subject": "GX dialogue", "date": date(2026, 3, 2), "country": "KE"}
    return Meeting(**{**base, "approver": "Tanaka Ken", **kw})


def as_user(monkeypatch, name: str) -> None:
    monkeypatch.setenv("FIELDKIT_USER", name)


def refused(fn, *args, code: str, **kw) -> None:
    with pytest.raises(FieldKitError) as exc:
        fn(*args, **kw)
    assert exc.value.message.code == code, str(exc.value)
    assert "\n" not in str(exc.value)


def test_new_record_is_draft_and_listed_by_status(store):
    m = store.create(meeting())
    assert m.approval.status == "draft" and m.approval.amendment == 0
    assert store.ids(RecordFilter(statuses=("draft",))) == [m.id]
    v = store.create(Visit(date=date(2026, 3, 3), country="KE", approver="Tanaka Ken"))
    assert v.approval.status == "draft"


def test_whole_workflow_with_audit_and_history(store, monkeypatch):
    m = store.create(meeting())
    as_user(monkeypatch, "Sato Yuki")
    m = approval.submit(store, m.id)
    assert (m.approval.status, m.approval.submitted_by) == ("submitted", "Sato Yuki")
    assert approval.waiting_for(store) == []
    assert approval.waiting_for(store, "tanaka  KEN") == [m.id]  # case and spacing ignored
    refused(approval.approve, store, m.id, code="approval.not_approver")

    as_user(monkeypatch, "Tanaka Ken")
    assert approval.waiting_for(store) == [m.id]
    m = approval.approve(store, m.id)
    a = m.approval
    assert a.status == "approved" and a.approved_by == "Tanaka Ken"
    assert a.approved_at is not None and a.approved_on  # the host: not enrolled
    assert store.ids(RecordFilter(statuses=("approved",))) == [m.id]
    assert approval.waiting_for(store) == []
    events = [(e["event"], e["record_id"], e["author"]) for e in store.audit_events()]
    assert events[:2] == [("approve", m.id, "Tanaka Ken"), ("submit", m.id, "Sato Yuki")]
    assert store.audit_events()[0]["detail"]["laptop"] == a.approved_on
    assert [h.action for h in store.history(m.id)] == ["create", "submit", "approve"]


def test_laptop_is_the_enrolled_device_name(store, monkeypatch):
    with store.tx.write() as conn:
        conn.execute("INSERT INTO sync_state VALUES ('device_name', 'Nairobi laptop 2')")
    m = approval.submit(store, store.create(meeting()).id)
    as_user(monkeypatch, "Tanaka Ken")
    assert approval.approve(store, m.id).approval.approved_on == "Nairobi laptop 2"


def test_return_keeps_the_comment_until_approval(store, monkeypatch):
    m = approval.submit(store, store.create(meeting()).id)
    as_user(monkeypatch, "Tanaka Ken")
    refused(approval.return_to_drafter, store, m.id, "  ", code="approval.comment_required")
    m = approval.return_to_drafter(store, m.id, "Add the minister's request on geothermal.")
    assert m.approval.status == "draft"
    assert m.approval.return_comment == "Add the minister's request on geothermal."
    as_user(monkeypatch, "test.user")
    m = store.update(m.id, {"key_points": "Geothermal: KenGen asked for a JICA study."})
    assert m.approval.return_comment  # still shown while the drafter fixes it
    m = approval.submit(store, m.id)
    as_user(monkeypatch, "Tanaka Ken")
    m = approval.approve(store, m.id)
    assert m.approval.return_comment == "" and m.approval.status == "approved"


def test_wrong_status_and_missing_approver_are_refused(store, monkeypatch):
    m = store.create(meeting(approver=""))
    refused(approval.submit, store, m.id, code="approval.no_approver")
    refused(approval.approve, store, m.id, code="approval.wrong_status_submitted")
    refused(approval.amend, store, m.id, code="approval.wrong_status_approved")
    m = store.update(m.id, {"approver": "Tanaka Ken"})
    m = approval.submit(store, m.id)
    refused(approval.submit, store, m.id, code="approval.wrong_status_draft")
    project = store.create(parse_record({"kind": "project", "title": "Well"}))
    refused(approval.submit, store, project.id, code="approval.not_approvable")
    assert store.get(m.id) == m  # nothing changed by the refusals


def test_drafter_approves_only_as_named_approver(store, monkeypatch):
    as_user(monkeypatch, "Tanaka Ken")  # the ambassador drafts his own record
    m = approval.submit(store, store.create(meeting()).id)
    assert approval.approve(store, m.id).approval.status == "approved"
    as_user(monkeypatch, "Sato Yuki")  # a drafter naming someone else cannot approve
    m2 = approval.submit(store, store.create(meeting()).id)
    refused(approval.approve, store, m2.id, code="approval.not_approver")


def approved(store, monkeypatch, **kw) -> Meeting:
    m = approval.submit(store, store.create(meeting(**kw)).id)
    as_user(monkeypatch, "Tanaka Ken")
    m = approval.approve(store, m.id)
    as_user(monkeypatch, "test.user")
    return m


def test_approved_record_is_locked_on_every_path(store, monkeypatch, tmp_path):
    m = approved(store, monkeypatch, key_points="Approved text.")
    refused(store.update, m.id, {"place": "Nairobi"}, code="approval.locked_approved")
    changed = m.model_copy(update={"key_points": "Changed text."})
    refused(store.save, changed, code="approval.locked_approved")
    refused(store.import_records, [changed], code="approval.locked_approved")
    refused(store.update, m.id, {"approval": {"status": "draft"}}, code="approval.not_by_edit")
    assert store.get(m.id) == m
    # Re-importing the same approved record changes nothing and is not refused.
    assert store.import_records([m])["unchanged"] == 1


def test_approval_cannot_be_set_by_edit_or_import(store):
    m = store.create(meeting())
    forged = {**m.approval.model_dump(), "status": "approved", "approved_by": "Tanaka Ken"}
    refused(store.update, m.id, {"approval": forged}, code="approval.not_by_edit")
    refused(
        store.import_records,
        [m.model_copy(update={"approval": type(m.approval)(**forged)})],
        code="approval.not_by_edit",
    )


def test_editing_a_submitted_record_takes_it_back_to_draft(store):
    m = approval.submit(store, store.create(meeting()).id)
    m = store.update(m.id, {"key_points": "Late addition."})
    assert m.approval.status == "draft"
    assert store.history(m.id)[-1].changes["approval"][1]["status"] == "draft"


def test_amendment_is_a_new_draft_revision_and_history_keeps_the_approved_text(store, monkeypatch):
    m = approved(store, monkeypatch, key_points="Approved text.")
    m = approval.amend(store, m.id)
    assert (m.approval.status, m.approval.amendment, m.approval.amends_revision) == (
        "draft", 1, m.revision - 1,
    )  # fmt: skip
    m = store.update(m.id, {"key_points": "Amended text."})
    edit = store.history(m.id)[-1]
    assert edit.changes["key_points"] == ["Approved text.", "Amended text."]
    m = approval.submit(store, m.id)
    as_user(monkeypatch, "Tanaka Ken")
    m = approval.approve(store, m.id)
    assert (m.approval.status, m.approval.amendment) == ("approved", 1)
    assert [e["event"] for e in store.audit_events()][:3] == ["approve", "submit", "amend"]


def test_refusals_read_in_japanese(store, monkeypatch):
    m = approved(store, monkeypatch)
    with pytest.raises(FieldKitError) as exc:
        store.update(m.id, {"place": "x"})
    assert "決裁済み" in render(exc.value.message, "ja")


def test_old_json_without_approval_is_filed_new_data_is_draft():
    old = {"kind": "meeting", "subject": "s", "date": "2025-01-01", "country": "KE",
           "revision": 3, "created_at": "2025-01-02T00:00:00Z"}  # fmt: skip
    assert parse_record(old).approval.status == "filed"
    new = {"kind": "visit", "date": "2025-01-01", "country": "KE"}
    assert parse_record(new).approval.status == "draft"


def test_schema3_store_upgrade_files_every_meeting_and_visit(tmp_path):
    shutil.copy(SCHEMA3, tmp_path / "fieldkit.db")
    with sqlite3.connect(SCHEMA3) as before:
        rows = dict(
            before.execute(
                "SELECT id, data FROM records WHERE kind IN ('meeting', 'visit')"
            ).fetchall()
        )
    assert len(rows) > 40
    store = Store.open(tmp_path)
    try:
        assert schema.user_version(store.conn) == schema.CURRENT
        recs = store.get_many(rows)
        assert len(recs) == len(rows)
        for rec in recs:
            assert rec.approval.status == "filed", rec.id
            old = json.loads(rows[rec.id])
            assert (rec.subject if rec.kind == "meeting" else rec.findings) == old.get(
                "subject" if rec.kind == "meeting" else "findings", ""
            )
            assert rec.date.isoformat() == old["date"] and rec.revision == old["revision"]
        assert store.count(RecordFilter(statuses=("filed",))) == len(rows)
        # Filed records are final: locked, and amendable.
        m = next(r for r in recs if r.kind == "meeting")
        refused(store.update, m.id, {"place": "x"}, code="approval.locked_filed")
        assert approval.amend(store, m.id).approval.amendment == 1
    finally:
        store.close()


def test_a_new_record_cannot_start_approved(store):
    from fieldkit.core.operations.records import create_record

    data = {"kind": "meeting", "subject": "s", "date": "2026-03-02", "country": "KE",
            "approver": "Tanaka Ken", "approval": {"status": "approved", "approved_by": "x"}}  # fmt: skip
    refused(create_record, store, data, code="approval.not_by_edit")
    refused(store.save, meeting(approval={"status": "submitted"}), code="approval.not_by_edit")
    assert store.count() == 0
