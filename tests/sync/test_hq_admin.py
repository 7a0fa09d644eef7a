"""``fieldkit-hq`` on both databases: every command, ``copy`` from SQLite to PostgreSQL with the
laptops syncing afterwards on the same tokens, ``backup`` while serving, /health, /metrics and the
JSON access log."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from datetime import date

import httpx
import pytest
from hqserver import HQServer, Laptop

from fieldkit.core.models import Attachment, Meeting, Project
from sync.server.cli import main as hq_cli
from sync.server.storage import HQStore


def hq_run(capsys, *argv) -> tuple[int, str, str]:
    code = hq_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_works_alike_on_both_databases(hq_db, tmp_path, capsys):
    db, blobs = hq_db
    base = ["--db", db] + (["--blobs", str(blobs)] if blobs else [])
    code, out, _ = hq_run(capsys, *base, "device", "add", "--embassy", "ke", "--name", "N 1",
                          "--json")  # fmt: skip
    info = json.loads(out)
    assert code == 0 and info["embassy"] == "KE"
    listed = hq_run(capsys, *base, "device", "list")[1]
    assert "waiting for enrolment" in listed and " emb-ke " in listed  # the post it serves
    projects = tmp_path / "p.jsonl"
    projects.write_text(json.dumps({"kind": "project", "title": "Olkaria", "country": "KE"}) + "\n"
                        + json.dumps({"kind": "project", "title": "Regional"}) + "\n")  # fmt: skip
    assert "2 new" in hq_run(capsys, *base, "registry", "import", str(projects))[1]
    stats = json.loads(hq_run(capsys, *base, "stats", "--json")[1])
    assert stats["embassies"]["KE"]["records"] == {"project": 1} and stats["sequence"] == 2
    assert "registry (all embassies): project 1" in hq_run(capsys, *base, "stats")[1]
    lines = hq_run(capsys, *base, "export")[1].splitlines()
    assert {json.loads(x)["title"] for x in lines} == {"Olkaria", "Regional"}
    assert hq_run(capsys, *base, "conflicts")[1] == "no open conflicts\n"
    assert hq_run(capsys, *base, "migrate", "--check")[0] == 0
    assert hq_run(capsys, *base, "device", "revoke", info["device_id"])[0] == 0
    code, _, err = hq_run(capsys, *base, "device", "revoke", info["device_id"])
    assert code == 2 and "already revoked" in err
    code, out, err = hq_run(capsys, *base, "backup", "-o", str(tmp_path / "b.db"))
    if db.startswith("postgresql"):
        assert code == 2 and "pg_dump" in err and err.count("\n") == 1
        code, _, err = hq_run(capsys, "--db", db.replace("fieldkit@", "fieldkit:secret@"),
                              "stats")  # fmt: skip
        assert code == 2 and "password" in err and "secret" not in err
        code, _, err = hq_run(capsys, "--db", db, "serve", "--port", "1")
        assert code == 2 and "--blobs" in err
        code, _, err = hq_run(capsys, "--db", db, "--db-password-file", str(tmp_path / "no"),
                              "stats")  # fmt: skip
        assert code == 2 and "cannot read the password file" in err and err.count("\n") == 1
    else:
        assert code == 0 and "backed up" in out
        code, _, err = hq_run(capsys, *base, "serve", "--workers", "2")
        assert code == 2 and "needs PostgreSQL" in err and err.count("\n") == 1
        code, _, err = hq_run(capsys, *base, "serve", "--readers", "-1")
        assert code == 2 and "--readers must be 0 to 64" in err and err.count("\n") == 1
        with pytest.raises(SystemExit) as exited:  # argparse's own one line
            hq_run(capsys, *base, "serve", "--readers", "two")
        err = capsys.readouterr().err
        assert exited.value.code == 2 and "--readers: invalid int value" in err
        assert err.count("\n") == 1


def _populate(hq, tmp_path) -> dict:
    """Three embassies' laptops, a conflict, audit entries, a photo and the registry."""
    ke1 = Laptop(hq, tmp_path / "ke1", "KE", "ke 1")
    ke2 = Laptop(hq, tmp_path / "ke2", "KE", "ke 2")
    tz = Laptop(hq, tmp_path / "tz", "TZ", "tz 1")
    vn = Laptop(hq, tmp_path / "vn", "VN", "vn 1")
    hq.store.import_registry([Project(title="Regional").model_dump(mode="json")])
    m = ke1.store.create(Meeting(subject="GX", date=date(2026, 3, 2), country="KE"))
    content = os.urandom(30_000)
    sha = ke1.store.blobs.put(content)
    ke1.store.create(Attachment(parent_id=m.id, sha256=sha, size=len(content), filename="p.jpg"))
    ke1.store.audit("export", None, path="x.pdf")
    for lap, cc in ((tz, "TZ"), (vn, "VN")):
        for i in range(3):
            lap.store.create(Meeting(subject=f"{cc} {i}", date=date(2026, 3, 3), country=cc))
    for lap in (ke1, ke2, tz, vn):
        lap.sync()
    ke1.store.update(m.id, {"place": "A"})
    ke2.store.update(m.id, {"place": "B"})
    ke1.sync()
    assert ke2.sync().conflicts == 1
    return {"laptops": (ke1, ke2, tz, vn), "sha": sha, "content": content, "meeting": m}


def test_copy_from_sqlite_to_postgresql_then_laptops_keep_syncing(pg_cluster, tmp_path, capsys):
    hq = HQServer(tmp_path / "hq.db").start()
    world = _populate(hq, tmp_path)
    ke1, ke2, tz, vn = world["laptops"]
    before = hq.store.stats()
    port = hq.port
    hq.stop()
    pw = tmp_path / "pw"
    pw.write_text("a long console passphrase 42\n")
    code, _, err = hq_run(
        capsys,
        "--db",
        str(tmp_path / "hq.db"),
        "user",
        "add",
        "sato",
        "--role",
        "officer",
        "--countries",
        "KE",
        "--password-file",
        str(pw),
    )
    assert code == 0, err
    url = pg_cluster.create_database()
    blobs = tmp_path / "pg-blobs"
    code, out, err = hq_run(capsys, "copy", "--from", str(tmp_path / "hq.db"), "--to", url,
                            "--blobs", str(blobs))  # fmt: skip
    assert code == 0, err
    assert "DIFFERENT" not in out and "records" in out and "1 files copied" in out
    for table in ("devices", "enrol_codes", "records", "versions", "mutations", "conflicts",
                  "audit", "blob_owners"):  # fmt: skip
        assert f"  {table} " in out
    code, _, err = hq_run(capsys, "copy", "--from", str(tmp_path / "hq.db"), "--to", url,
                          "--blobs", str(blobs))  # fmt: skip
    assert code == 2 and "already holds an HQ" in err  # a second copy is refused
    new = HQServer(url, port=port, blobs=blobs).start()  # the address the laptops know
    try:
        assert new.store.stats() == before
        assert new.store.open_conflicts()[0]["embassy"] == "KE"
        assert [e["event"] for e in new.store.audit_events()] == ["export"]
        users = hq_run(capsys, "--db", url, "user", "list", "--json")[1]
        assert [u["name"] for u in json.loads(users)] == ["sato"]  # console accounts came too
        for lap in (ke1, ke2, tz, vn):
            report = lap.sync()
            assert report.pulled == 0 and report.pushed == 0 and report.verified
        ke1.store.create(Meeting(subject="after the move", date=date(2026, 4, 1), country="KE"))
        assert ke1.sync().pushed == 1 and ke2.sync().pulled == 1
        ke3 = Laptop(new, tmp_path / "ke3", "KE", "ke 3")
        assert ke3.sync().files_received == 1
        assert ke3.store.blobs.get(world["sha"]) == world["content"]
        ke3.close()
    finally:
        new.stop()
        for lap in (ke1, ke2, tz, vn):
            lap.close()
        pg_cluster.drop_database(url)


def test_backup_of_sqlite_while_serving_is_a_working_hq(tmp_path, capsys):
    hq = HQServer(tmp_path / "hq.db").start()
    a = Laptop(hq, tmp_path / "a", "KE", "a")
    try:
        for i in range(20):
            a.store.create(Meeting(subject=f"m {i}", date=date(2026, 1, 1), country="KE"))
        a.sync()
        out = tmp_path / "backup.db"
        code, text, err = hq_run(capsys, "--db", str(hq.db), "backup", "-o", str(out))
        assert code == 0 and "backed up" in text, err
        with sqlite3.connect(out) as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copy = HQStore(out, tmp_path / "blobs")
        try:
            assert copy.stats() == hq.store.stats()
        finally:
            copy.close()
        assert hq_run(capsys, "--db", str(hq.db), "backup", "-o", str(out))[0] == 2
    finally:
        a.close()
        hq.stop()


def test_health_metrics_and_one_json_log_line_per_request(hq, laptops, caplog):
    (a,) = laptops(1)
    caplog.set_level(logging.INFO, logger="fieldkit.hq.access")
    a.store.create(Meeting(subject="SECRET subject text", date=date(2026, 1, 1), country="KE"))
    a.sync()
    health = httpx.get(f"{hq.url}/health").json()
    assert health["ok"] is True and health["database"] == "ok"
    metrics = httpx.get(f"{hq.url}/metrics").text
    assert 'fieldkit_hq_requests_total{route="/v1/push",status="200"}' in metrics
    assert "fieldkit_hq_request_seconds_bucket" in metrics
    assert "fieldkit_hq_records_pushed_total" in metrics
    assert "fieldkit_hq_records_pulled_total" in metrics
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "fieldkit.hq.access"]
    push = [x for x in lines if x["route"] == "/v1/push"]
    assert push and push[0]["embassy"] == "KE" and push[0]["device"] == a.device_id
    assert push[0]["status"] == 200 and push[0]["bytes_in"] > 0 and push[0]["ms"] >= 0
    assert not any("SECRET" in r.getMessage() for r in caplog.records)


def test_health_says_when_the_database_does_not_answer(hq):
    assert httpx.get(f"{hq.url}/health").status_code == 200
    hq.store.db.close()  # as if the database went away under a running HQ
    r = httpx.get(f"{hq.url}/health")
    assert r.status_code == 503 and r.json()["error"] == "HQ's database does not answer"
