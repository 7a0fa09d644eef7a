"""Approval across two laptops of one embassy and a real HQ on 127.0.0.1: the drafter's laptop
submits, the approver's laptop approves, the approval comes back and locks the record, an
amendment is approved again; an approval against a concurrent change is a conflict."""

from __future__ import annotations

from datetime import date

import pytest

from fieldkit.core import approval
from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import Meeting
from sync.merge import merge
from sync.state import SyncState


def at_hq(hq, record_id: str) -> dict:
    return next(r for r in hq.store.export() if r["id"] == record_id)


def test_draft_submit_approve_on_laptop_2_lock_amend_reapprove(laptops, hq, monkeypatch):
    a, b = laptops(2, "KE")
    (tz,) = laptops(1, "TZ")
    monkeypatch.setenv("FIELDKIT_USER", "Sato Yuki")
    m = a.store.create(
        Meeting(
            subject="Geothermal",
            date=date(2026, 3, 2),
            country="KE",
            key_points="KenGen asked for a study.",
            approver="Tanaka Ken",
        )  # fmt: skip
    )
    a.sync()
    assert at_hq(hq, m.id)["approval"]["status"] == "draft"  # HQ tells a draft from the rest
    approval.submit(a.store, m.id)
    a.sync()
    assert at_hq(hq, m.id)["approval"]["status"] == "submitted"

    b.sync()  # every laptop of the embassy receives the embassy's drafts
    tz.sync()
    assert b.store.get(m.id).approval.status == "submitted"
    assert tz.store.count() == 0

    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    assert approval.waiting_for(b.store) == [m.id]
    approval.approve(b.store, m.id)
    b.sync()
    hq_copy = at_hq(hq, m.id)["approval"]
    assert (hq_copy["status"], hq_copy["approved_on"]) == ("approved", "laptop 2")
    assert any(e["event"] == "approve" and e["record_id"] == m.id for e in hq.store.audit_events())

    monkeypatch.setenv("FIELDKIT_USER", "Sato Yuki")
    a.sync()
    back = a.store.get(m.id)
    assert back.approval.status == "approved" and back.approval.approved_by == "Tanaka Ken"
    with pytest.raises(FieldKitError) as exc:
        a.store.update(m.id, {"key_points": "Changed after approval."})
    assert exc.value.message.code == "approval.locked_approved"

    approval.amend(a.store, m.id)
    a.store.update(m.id, {"key_points": "KenGen asked for a study and a loan."})
    approval.submit(a.store, m.id)
    a.sync()
    b.sync()
    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    approval.approve(b.store, m.id)
    b.sync()
    a.sync()
    final = a.store.get(m.id)
    assert (final.approval.status, final.approval.amendment) == ("approved", 1)
    assert final.key_points == "KenGen asked for a study and a loan."
    assert at_hq(hq, m.id)["approval"]["amendment"] == 1
    edits = [h.changes.get("key_points") for h in a.store.history(m.id)]
    assert ["KenGen asked for a study.", "KenGen asked for a study and a loan."] in edits
    assert SyncState(a.store).conflicts() == [] and a.store.outbox() == []


def test_change_on_laptop_1_against_approval_on_laptop_2_is_a_conflict(laptops, hq, monkeypatch):
    a, b = laptops(2, "KE")
    m = a.store.create(
        Meeting(
            subject="Grid code",
            date=date(2026, 3, 2),
            country="KE",
            key_points="As submitted.",
            approver="Tanaka Ken",
        )  # fmt: skip
    )
    approval.submit(a.store, m.id)
    a.sync()
    b.sync()
    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    approval.approve(b.store, m.id)  # the approver approves what was submitted ...
    monkeypatch.setenv("FIELDKIT_USER", "test.user")
    a.store.update(m.id, {"key_points": "Changed after submission."})  # ... while it changes
    b.sync()
    report = a.sync()
    assert report.conflicts == 1
    (k,) = SyncState(a.store).conflicts()
    assert "approval" in k["fields"] and "key_points" in k["fields"]
    kept = at_hq(hq, m.id)
    # Never "approved" with text the approver did not see:
    assert (kept["approval"]["status"], kept["key_points"]) == ("approved", "As submitted.")
    # Keeping laptop 1's side would un-approve by edit: refused; keeping HQ's settles it.
    with pytest.raises(FieldKitError) as exc:
        SyncState(a.store).resolve(k["id"], "mine")
    assert exc.value.message.code == "approval.not_by_edit"
    SyncState(a.store).resolve(k["id"], "theirs")
    a.sync()
    assert a.store.get(m.id).approval.status == "approved"
    assert SyncState(a.store).conflicts() == []


def test_merge_never_approves_an_amendment_it_did_not_see():
    base = {"id": "x", "key_points": "v1", "approval": {"status": "submitted", "amendment": 1}}
    approved = {**base, "approval": {"status": "approved", "amendment": 1}}
    amended = {**base, "key_points": "v2", "approval": {"status": "draft", "amendment": 1}}
    merged, conflicts = merge(base, approved, amended)
    assert conflicts == ["approval", "key_points"]
    assert merged["approval"]["status"] == "approved" and merged["key_points"] == "v1"
    # An edit of another record field alone, with no approval change on either side, merges.
    merged, conflicts = merge(base, {**base, "place": "Nairobi"}, {**base, "subject": "s"})
    assert conflicts == [] and merged["place"] == "Nairobi" and merged["subject"] == "s"
