""" "Waiting for my approval" read through the store's index of submitted records: the count is
right after every step here and after records arrive from HQ, and stores get the index by upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from fieldkit.core import approval, schema
from fieldkit.core.models import Meeting, Visit
from fieldkit.core.store import Store
from sync.state import SyncState

SCHEMA3 = Path(__file__).parent.parent / "data" / "stores" / "schema3" / "fieldkit.db"
ME = "Tanaka Ken"


def meeting(store, day: int, approver: str = ME) -> Meeting:
    return store.create(Meeting(subject=f"Talk {day}", date=date(2026, 3, day), country="KE",
                                approver=approver))  # fmt: skip


def test_the_count_follows_submit_return_approve_amend_and_delete(store, monkeypatch):
    monkeypatch.setenv("FIELDKIT_USER", "Sato Yuki")
    a, b, c = meeting(store, 2), meeting(store, 5), meeting(store, 9, approver="Ito Aya")
    v = store.create(Visit(date=date(2026, 3, 7), country="KE", approver="tanaka ken"))
    assert approval.waiting_for(store, ME) == []
    for rec in (a, b, c, v):
        approval.submit(store, rec.id)
    assert approval.waiting_for(store, ME) == [v.id, b.id, a.id]  # newest first
    assert approval.waiting_for(store, "Ito  Aya") == [c.id]

    monkeypatch.setenv("FIELDKIT_USER", ME)
    approval.return_to_drafter(store, b.id, "Add the figures")
    approval.approve(store, a.id)
    assert approval.waiting_for(store) == [v.id]
    store.delete(v.id)
    assert approval.waiting_for(store) == []
    store.restore(v.id)
    approval.amend(store, a.id)  # amendment 1: a draft again, not waiting until submitted
    assert approval.waiting_for(store) == [v.id]
    monkeypatch.setenv("FIELDKIT_USER", "Sato Yuki")
    approval.submit(store, a.id)
    approval.submit(store, b.id)
    assert approval.waiting_for(store, ME) == [v.id, b.id, a.id]
    rows = approval.waiting_rows(store, ME)
    assert [r["id"] for r in rows] == [v.id, b.id, a.id]
    assert {r["submitted_by"] for r in rows} == {"Sato Yuki"}
    # Editing a submitted record takes it back to draft: no longer waiting.
    store.update(b.id, {"place": "Nairobi"})
    assert approval.waiting_for(store, ME) == [v.id, a.id]


def test_records_submitted_or_approved_on_another_laptop_arrive_by_sync(
    store, tmp_path, monkeypatch
):
    monkeypatch.setenv("FIELDKIT_USER", "Sato Yuki")
    other = Store.open(tmp_path / "other-laptop")
    try:
        m = approval.submit(other, meeting(other, 4).id)
        state = SyncState(store)
        state.apply_page([m.model_dump(mode="json")], [1], 1)  # new here: written in bulk
        assert approval.waiting_for(store, ME) == [m.id]
        monkeypatch.setenv("FIELDKIT_USER", ME)
        done = approval.approve(other, m.id)
        state.apply_page([done.model_dump(mode="json")], [2], 2)  # known: replaced one by one
        assert store.get(m.id).approval.status == "approved"
        assert approval.waiting_for(store, ME) == []
    finally:
        other.close()


def test_an_upgraded_store_has_the_index_and_the_read_uses_it(tmp_path):
    shutil.copy(SCHEMA3, tmp_path / "fieldkit.db")
    store = Store.open(tmp_path)
    try:
        assert schema.user_version(store.conn) == schema.CURRENT
        plan = " ".join(
            str(row)
            for row in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM records INDEXED BY records_submitted "
                "WHERE status = 'submitted' AND deleted_at IS NULL "
                "AND kind IN ('meeting', 'visit') ORDER BY date DESC, updated_at DESC"
            )
        )
        assert "records_submitted" in plan and "TEMP B-TREE" not in plan  # no sort, no scan
        assert approval.waiting_for(store, ME) == []  # every old record is filed
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "fieldkit.db") as conn:
        sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'records_submitted'"
        ).fetchone()[0]
    assert "WHERE status = 'submitted' AND deleted_at IS NULL" in sql
