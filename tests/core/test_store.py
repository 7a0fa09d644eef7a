from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from fieldkit.core import schema
from fieldkit.core.errors import (
    FieldKitError,
    NewerStoreError,
    NotFound,
    StoreError,
    ValidationProblem,
)
from fieldkit.core.models import FollowUp, Meeting, Visit
from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Store


def new_meeting(**kw) -> Meeting:
    return Meeting(**{"subject": "GX dialogue", "date": date(2026, 3, 2), "country": "KE", **kw})


def test_create_stamps_envelope(store):
    m = store.create(new_meeting())
    assert m.revision == 1
    assert m.created_by == "test.user" and m.post == "Embassy of Japan in Kenya"
    assert m.created_at is not None and m.created_at.utcoffset().total_seconds() == 0
    assert store.get(m.id) == m


def test_update_makes_revision_history_and_outbox(store):
    m = store.create(new_meeting())
    m2 = store.update(m.id, {"place": "Ministry of Energy", "policy_fields": ["gx"]})
    assert m2.revision == 2 and m2.place == "Ministry of Energy"
    hist = store.history(m.id)
    assert [h.action for h in hist] == ["create", "update"]
    assert hist[1].changes == {"place": ["", "Ministry of Energy"], "policy_fields": [[], ["gx"]]}
    assert hist[1].author == "test.user"
    out = store.outbox()
    assert [(o["op"], o["revision"]) for o in out] == [("upsert", 1), ("upsert", 2)]
    assert sorted(out[1]["fields"]) == ["place", "policy_fields"]


def test_unchanged_update_adds_nothing(store):
    m = store.create(new_meeting())
    again = store.update(m.id, {"subject": "GX dialogue"})
    assert again.revision == 1
    assert len(store.history(m.id)) == 1 and len(store.outbox()) == 1


def test_invalid_update_changes_nothing(store):
    m = store.create(new_meeting())
    with pytest.raises(ValidationProblem) as exc:
        store.update(m.id, {"date": "2026-02-30", "country": "ZZ"})
    assert "date" in str(exc.value) and "country" in str(exc.value)
    assert store.get(m.id) == m
    assert len(store.history(m.id)) == 1


def test_envelope_fields_cannot_be_edited(store):
    m = store.create(new_meeting())
    with pytest.raises(FieldKitError, match="revision cannot be set"):
        store.update(m.id, {"revision": 99})


def test_delete_and_restore_cascade_to_followups(store):
    m = store.create(new_meeting())
    f = store.create(FollowUp(parent_id=m.id, text="Send the note", due=date(2026, 4, 1)))
    store.delete(m.id)
    with pytest.raises(NotFound, match="trash"):
        store.get(m.id)
    assert store.get(f.id, include_deleted=True).deleted
    assert store.count(RecordFilter(deleted=True)) == 2
    assert store.search("note") == []
    store.restore(m.id)
    assert not store.get(f.id).deleted
    assert store.search("note")[0]["id"] == f.id
    assert [o["op"] for o in store.outbox()][-4:] == ["delete", "delete", "upsert", "upsert"]


def test_failed_transaction_writes_nothing(store):
    m = store.create(new_meeting())
    with pytest.raises(RuntimeError), store.tx.write():
        store.writer.replace(m, m.model_copy(update={"place": "x"}), "update")
        raise RuntimeError("crash in the middle")
    assert store.get(m.id).place == ""
    assert len(store.history(m.id)) == 1 and len(store.outbox()) == 1


def test_committed_record_survives_reopen(data_dir):
    s = Store.open(data_dir)
    m = s.create(new_meeting(key_points="日本語の請求書"))
    s.close()
    s2 = Store.open(data_dir)
    assert s2.get(m.id).key_points == "日本語の請求書"
    s2.close()


def test_change_notifications(store):
    seen = []
    store.subscribe(seen.append)
    m = store.create(new_meeting())
    store.update(m.id, {"place": "Nairobi"})
    assert [c.ids for c in seen] == [{m.id}, {m.id}]
    assert seen[0].kinds == {"meeting"}


def test_find_by_prefix(store):
    m = store.create(new_meeting())
    assert store.find(m.id[:8]).id == m.id
    with pytest.raises(FieldKitError, match="too short"):
        store.find(m.id[:3])
    with pytest.raises(NotFound):
        store.find("ffffffff")


def test_drafts_survive_reopen(data_dir):
    s = Store.open(data_dir)
    s.save_draft("meeting:new-1", "meeting", {"subject": "half typed 途中"})
    s.close()
    s2 = Store.open(data_dir)
    drafts = s2.drafts()
    assert drafts[0]["data"] == {"subject": "half typed 途中"}
    s2.discard_draft("meeting:new-1")
    assert s2.drafts() == []
    s2.close()


def test_status_counts(store):
    store.create(new_meeting())
    store.create(Visit(date=date(2026, 1, 5), country="TZ"))
    info = store.status()
    assert info["counts"]["meeting"] == 1 and info["counts"]["visit"] == 1
    assert info["schema_version"] == schema.CURRENT
    assert info["pending_changes"] == 2


def test_audit_log(store):
    m = store.create(new_meeting(classification="CONFIDENTIAL"))
    store.audit("export_pdf", m.id, path="/tmp/x.pdf")
    ev = store.audit_events()[0]
    assert ev["event"] == "export_pdf" and ev["record_id"] == m.id
    assert ev["detail"] == {"path": "/tmp/x.pdf"} and ev["synced_at"] is None


# ---- the file itself ------------------------------------------------------------------------------
def test_not_sqlite_file_is_refused_untouched(data_dir):
    path = data_dir / "fieldkit.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a FieldKit store"):
        Store.open(data_dir)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["fieldkit.db"]


def test_other_sqlite_database_is_refused_untouched(data_dir):
    path = data_dir / "fieldkit.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (n INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a FieldKit store"):
        Store.open(data_dir)
    assert path.read_bytes() == before


def test_newer_schema_is_refused_untouched(data_dir):
    Store.open(data_dir).close()
    path = data_dir / "fieldkit.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerStoreError, match="newer FieldKit"):
        Store.open(data_dir)
    assert path.read_bytes() == before


def test_upgrade_steps_run_in_order_each_in_a_transaction(data_dir, monkeypatch):
    Store.open(data_dir).close()
    calls = []

    def step_ok(conn):
        calls.append("ok")
        conn.execute("CREATE TABLE extra_ok (x)")

    def step_fail(conn):
        calls.append("fail")
        conn.execute("CREATE TABLE extra_fail (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema, "UPGRADES", [*schema.UPGRADES, step_ok, step_fail])
    monkeypatch.setattr(schema, "CURRENT", len(schema.UPGRADES))
    with pytest.raises(RuntimeError):
        Store.open(data_dir)
    conn = sqlite3.connect(data_dir / "fieldkit.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert calls == ["ok", "fail"]
    assert "extra_ok" in tables and "extra_fail" not in tables
    assert version == schema.CURRENT - 1  # stopped after the last step that completed


def test_data_dir_is_a_file(tmp_path):
    (tmp_path / "fieldkit.db").mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


def test_bulk_create_is_all_or_nothing(store):
    good = [new_meeting(subject=f"m{i}") for i in range(1200)]  # several batches
    with pytest.raises(FieldKitError, match=f"a record with id {good[0].id} already exists"):
        store.create_many([*good, good[0]])
    assert store.count() == 0
    assert store.create_many(good) == 1200
    assert store.count() == 1200 and len(store.outbox()) == 1200
    assert store.search("m1199")[0]["id"] == good[1199].id
    assert store.history(good[5].id)[0].action == "create"


def test_bulk_import_mixes_new_and_changed_records(store):
    old = store.create_many([new_meeting(subject=f"m{i}") for i in range(10)])
    assert old == 10
    existing = store.query()
    changed = [r.model_copy(update={"place": "Nairobi"}) for r in existing[:3]]
    fresh = [new_meeting(subject=f"new{i}") for i in range(600)]
    counts = store.import_records(iter([*changed, *existing[3:], *fresh]))
    assert counts == {"created": 600, "updated": 3, "unchanged": 7}
    assert store.get(changed[0].id).revision == 2


def test_sqlite_utils_writes_roll_back_with_the_store_transaction(store):
    """Drafts, audit events and settings go through sqlite-utils on the store's connection; its
    SAVEPOINT sits inside the store's transaction, so a failure keeps none of them."""
    with pytest.raises(RuntimeError), store.tx.write():
        store.save_draft("meeting:x", "meeting", {"subject": "地熱"})
        store.audit("export", None, rows=3)
        store.set_meta("bench", "1")
        raise RuntimeError("crash in the middle")
    assert store.drafts() == [] and store.audit_events() == [] and store.meta("bench") is None
    store.save_draft("meeting:x", "meeting", {"subject": "地熱"})
    store.save_draft("meeting:x", "meeting", {"subject": "GX"})  # an upsert: one draft per key
    assert [d["data"] for d in store.drafts()] == [{"subject": "GX"}]


def test_an_upgrade_step_using_sqlite_utils_that_fails_leaves_the_previous_version(
    data_dir, monkeypatch
):
    from fieldkit.core import schema

    Store.open(data_dir).close()

    def step(conn):
        schema.tables(conn)["drafts"].add_column("note", str)
        raise RuntimeError("power cut")

    monkeypatch.setattr(schema, "UPGRADES", [*schema.UPGRADES, step])
    monkeypatch.setattr(schema, "CURRENT", len(schema.UPGRADES))
    with pytest.raises(RuntimeError):
        Store.open(data_dir)
    monkeypatch.undo()
    s = Store.open(data_dir)
    try:
        columns = [r[1] for r in s.conn.execute("PRAGMA table_info(drafts)")]
        assert "note" not in columns and s.status()["schema_version"] == schema.CURRENT
    finally:
        s.close()
