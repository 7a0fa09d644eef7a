"""A conflict is visible on every laptop of the embassy, and settled once for all: three laptops
and a real HQ on 127.0.0.1."""

from __future__ import annotations

from datetime import date

from fieldkit.cli.main import main as fieldkit
from fieldkit.core.models import Meeting
from fieldkit.core.store import Store
from sync.state import SyncState


def conflict_between_a_and_b(laptops):
    a, b, c = laptops(3, "KE")
    m = a.store.create(Meeting(subject="Grid code", date=date(2026, 3, 2), country="KE"))
    for lap in (a, b, c):
        lap.sync()
    a.store.update(m.id, {"subject": "From A"})
    b.store.update(m.id, {"subject": "From B"})
    a.sync()
    assert b.sync().conflicts == 1  # B's push hit it
    return a, b, c, m


def test_other_laptops_of_the_embassy_see_the_conflict_and_any_can_settle_it(laptops, hq):
    a, b, c, m = conflict_between_a_and_b(laptops)
    (tz,) = laptops(1, "TZ")
    (on_b,) = SyncState(b.store).conflicts()
    assert on_b["device"] == ""  # hit here

    report = c.sync()
    assert report.conflicts_elsewhere == 1 and report.conflicts == 0
    (on_c,) = SyncState(c.store).conflicts()
    assert on_c["id"] == on_b["id"] and on_c["device"] == "laptop 2"
    assert (on_c["mine"]["subject"], on_c["theirs"]["subject"]) == ("From B", "From A")
    assert c.sync().conflicts_elsewhere == 0  # listed once
    a.sync()
    assert len(SyncState(a.store).conflicts()) == 1
    tz.sync()
    assert SyncState(tz.store).conflicts() == []  # another embassy sees nothing

    # C settles it for everyone, keeping what B sent.
    SyncState(c.store).resolve(on_c["id"], "mine")
    c.sync()
    assert hq.store.open_conflicts("KE") == []
    b.sync()
    a.sync()
    for lap in (a, b, c):
        assert SyncState(lap.store).conflicts() == []
        assert lap.store.get(m.id).subject == "From B"
    (closed,) = SyncState(b.store).conflicts(include_resolved=True)
    assert closed["resolution"] == "elsewhere"
    assert b.store.outbox() == [] and a.store.outbox() == []


def test_a_conflict_settled_where_it_was_hit_closes_on_the_others(laptops, hq, capsys):
    a, b, c, m = conflict_between_a_and_b(laptops)
    c.sync()
    assert len(SyncState(c.store).conflicts()) == 1
    fieldkit(["--data-dir", str(c.store.data_dir), "conflicts"])
    out = capsys.readouterr().out
    assert "hit on laptop “laptop 2”: mine = what that laptop sent" in out
    assert "mine:   From B" in out and "theirs: From A" in out
    (k,) = SyncState(b.store).conflicts()
    SyncState(b.store).resolve(k["id"], "theirs")
    b.sync()
    report = c.sync()
    assert report.conflicts_elsewhere == 0
    assert SyncState(c.store).conflicts() == []
    assert c.store.get(m.id).subject == "From A"
    (closed,) = SyncState(c.store).conflicts(include_resolved=True)
    assert closed["resolution"] == "elsewhere"


def test_a_store_from_before_shared_conflicts_is_upgraded(tmp_path):
    import sqlite3

    from fieldkit.core import schema

    # A store as it was just before the step that added the column: only the steps before it
    # have run (later steps were appended after it and expect the tables as those left them).
    before = schema.UPGRADES.index(schema._sync_conflict_device)
    (tmp_path / "old").mkdir()
    conn = sqlite3.connect(tmp_path / "old" / "fieldkit.db", isolation_level=None)
    for step in schema.UPGRADES[:before]:
        conn.execute("BEGIN")
        step(conn)
        conn.execute("COMMIT")
    conn.execute(f"PRAGMA application_id = {schema.APP_ID}")
    conn.execute(f"PRAGMA user_version = {before}")
    conn.execute(
        "INSERT INTO sync_conflicts (id, record_id, kind, fields, mine, theirs, created_at) "
        "VALUES ('k1', 'r1', 'meeting', '[\"subject\"]', '{}', '{}', '2026-01-01')"
    )
    conn.close()
    store = Store.open(tmp_path / "old")
    (k,) = SyncState(store).conflicts()
    assert k["id"] == "k1" and k["device"] == ""
    store.close()
