"""HQ schema upgrades: a database written by HQ before versioned upgrades (schema 1, built by
real laptops syncing with that code: tests/sync/data/hq-v1) is upgraded by ``fieldkit-hq migrate``
with every row intact, and its laptops keep syncing with the same tokens; an old database is
refused by ``serve`` (naming the command), a newer one is refused and left untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import httpx
import pytest
from hqserver import HQServer

from sync import protocol as p
from sync.server.cli import main as hq_cli
from sync.server.common import Refused
from sync.server.migrations import LATEST
from sync.server.storage import HQStore

FIXTURE = Path(__file__).parent / "data" / "hq-v1"
TABLES = ("records", "versions", "devices", "enrol_codes", "mutations", "conflicts", "audit")


@pytest.fixture
def old_hq(tmp_path) -> Path:
    shutil.copy(FIXTURE / "hq-v1.db", tmp_path / "hq.db")
    shutil.copytree(FIXTURE / "hq-v1.db.blobs", tmp_path / "hq.db.blobs")
    return tmp_path / "hq.db"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as c:
        return {
            "records": c.execute(
                "SELECT id, embassy, kind, version, origin, deleted, sha256, ck, data FROM records "
                "ORDER BY version"
            ).fetchall(),
            "versions": c.execute(
                "SELECT version, id, origin, data FROM versions ORDER BY version"
            ).fetchall(),
            **{t: sorted(c.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES[2:]},
            "seq": c.execute("SELECT value FROM meta WHERE key = 'seq'").fetchall(),
        }


def test_an_old_database_is_refused_until_migrate_and_then_keeps_every_row(old_hq, capsys):
    before, digest = _rows(old_hq), _digest(old_hq)
    assert len(before["records"]) == 13 and len(before["conflicts"]) == 1
    with pytest.raises(Refused, match=r"needs a schema upgrade .*fieldkit-hq --db .* migrate"):
        HQStore(old_hq)
    assert hq_cli(["--db", str(old_hq), "stats"]) == 2
    assert "migrate" in capsys.readouterr().err
    assert hq_cli(["--db", str(old_hq), "migrate", "--check"]) == 1
    assert f"needs an upgrade: core schema step 1 -> {LATEST}" in capsys.readouterr().out
    assert _digest(old_hq) == digest  # refusing and checking change nothing

    assert hq_cli(["--db", str(old_hq), "migrate"]) == 0
    assert "applied core step 2" in capsys.readouterr().out
    assert hq_cli(["--db", str(old_hq), "migrate", "--check"]) == 0
    after = _rows(old_hq)
    # Step 3 adds each device's role and own ceiling: staff, the embassy's ceiling.
    assert {r[9:] for r in after["devices"]} == {("staff", None)}
    after["devices"] = [r[:9] for r in after["devices"]]
    assert after == before  # every row of every table, byte for byte
    with sqlite3.connect(old_hq) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == LATEST
        owners = c.execute("SELECT embassy FROM blob_owners").fetchall()
        history = c.execute("SELECT DISTINCT embassy FROM versions ORDER BY 1").fetchall()
    assert owners == [("KE",)]  # the photo the KE laptop uploaded stays KE's
    assert history == [("*",), ("KE",), ("VN",)]
    assert hq_cli(["--db", str(old_hq), "migrate"]) == 0  # again: nothing to do
    assert "up to date" in capsys.readouterr().out


def test_laptops_keep_syncing_after_the_upgrade_with_the_same_tokens(old_hq):
    assert hq_cli(["--db", str(old_hq), "migrate"]) == 0
    tokens = json.loads((FIXTURE / "tokens.json").read_text())
    hq = HQServer(old_hq).start()
    try:
        with hq.store.read() as c:
            sha = c.execute("SELECT sha256 FROM records WHERE sha256 IS NOT NULL").fetchone()[0]
        for device, t in tokens.items():
            h = {
                p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
                "Authorization": f"Bearer {t['token']}",
            }
            hello = httpx.get(f"{hq.url}/v1/hello", headers=h).json()
            assert hello["device_id"] == device and hello["embassy"] == t["embassy"]
            page = httpx.get(f"{hq.url}/v1/pull", params={"since": 0}, headers=h).json()
            assert page["more"] is False and page["cursor"] == 14
            blob = httpx.get(f"{hq.url}/v1/blobs/{sha}", headers=h)
            assert blob.status_code == (200 if t["embassy"] == "KE" else 404)
    finally:
        hq.stop()


def test_a_database_from_a_newer_hq_is_refused_and_left_untouched(tmp_path, capsys):
    db = tmp_path / "hq.db"
    HQStore(db).close()
    with sqlite3.connect(db) as c:
        c.execute("UPDATE meta SET value = '99' WHERE key = 'schema.core'")
    digest = _digest(db)
    for argv in (["stats"], ["migrate"], ["migrate", "--check"], ["serve", "--port", "1"]):
        assert hq_cli(["--db", str(db), *argv]) == 2, argv
        err = capsys.readouterr().err
        assert "newer FieldKit HQ" in err and err.count("\n") == 1
    assert _digest(db) == digest


def test_postgresql_is_upgraded_step_by_step_with_every_row_intact(pg_cluster, tmp_path, capsys):
    """The same steps on PostgreSQL: a database at core step 1 (rows as schema 1 wrote them) is
    refused until ``migrate``, which keeps every row and makes record ids unique per embassy."""
    from sync.server import migrations
    from sync.server.db import Database

    url = pg_cluster.create_database()
    db = Database.open(url)
    try:
        migrations.migrate(db, None, upto={"core": 1})
        with db.write() as c:
            c.execute("INSERT INTO devices (id, embassy, name, created_at) VALUES "
                      "('d1', 'KE', 'ke', '2026-01-01')")  # fmt: skip
            for v, (rid, cc) in enumerate((("r1", "KE"), ("r2", "VN")), 1):
                c.execute(
                    "INSERT INTO records (id, embassy, kind, version, origin, ck, data) "
                    "VALUES (?, ?, 'meeting', ?, 'd1', 7, '{}')",
                    (rid, cc, v),
                )
                c.execute(
                    "INSERT INTO versions (version, id, origin, data) VALUES (?, ?, 'd1', '{}')",
                    (v, rid),
                )
            c.execute("UPDATE meta SET value = '2' WHERE key = 'seq'")
        assert migrations.state(db)["core"] == (1, migrations.LATEST)
    finally:
        db.close()
    with pytest.raises(Refused, match="needs a schema upgrade"):
        HQStore(url, tmp_path / "blobs")
    assert hq_cli(["--db", url, "migrate", "--check"]) == 1
    assert hq_cli(["--db", url, "migrate"]) == 0
    assert "applied core step 2" in capsys.readouterr().out
    store = HQStore(url, tmp_path / "blobs")
    try:
        with store.write() as c:
            rows = c.execute("SELECT id, embassy, version FROM records ORDER BY version").fetchall()
            assert rows == [("r1", "KE", 1), ("r2", "VN", 2)]
            history = c.execute("SELECT id, embassy FROM versions ORDER BY version").fetchall()
            assert history == [("r1", "KE"), ("r2", "VN")]
            # Ids are unique per embassy now: VN may hold an 'r1' of its own.
            c.execute(
                "INSERT INTO records (id, embassy, kind, version, origin, ck, data) "
                "VALUES ('r1', 'VN', 'meeting', 3, 'd1', 7, '{}')"
            )
        assert store.stats()["sequence"] == 2
    finally:
        store.close()
        pg_cluster.drop_database(url)
