"""``fieldkit enroll | sync | conflicts | resolve`` and ``fieldkit-hq`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx
import pytest
from hqserver import free_port

from fieldkit.cli.main import main as fieldkit
from sync.server.cli import main as hq_cli


def run(capsys, *argv) -> tuple[int, str, str]:
    code = fieldkit(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def hq_run(capsys, *argv) -> tuple[int, str, str]:
    code = hq_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_enroll_sync_conflicts_resolve(hq, tmp_path, capsys):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    for d, name in ((a, "a"), (b, "b")):
        code, out, err = run(capsys, "--data-dir", d, "enroll", "--server", hq.url,
                             "--code", hq.enrol_code("KE", name), "--name", name)  # fmt: skip
        assert code == 0, err
        assert "embassy KE" in out and "readable only by you" in out
    code, out, _ = run(capsys, "--data-dir", a, "new", "meeting", "subject=Grid code",
                       "date=2026-03-02", "country=KE")  # fmt: skip
    assert code == 0
    code, out, err = run(capsys, "--data-dir", a, "sync", "--json")
    assert code == 0, err
    summary = json.loads(out)
    for key in ("pushed", "pulled", "conflicts", "rejected", "bytes_sent", "bytes_received",
                "requests", "seconds"):  # fmt: skip
        assert key in summary
    assert summary["pushed"] == 1
    code, out, _ = run(capsys, "--data-dir", b, "sync")
    assert "pulled 1" in out and "in step" in out
    rid = json.loads(run(capsys, "--data-dir", b, "list", "--json")[1])["records"][0]["id"]
    run(capsys, "--data-dir", a, "edit", rid[:8], "subject=From A")
    run(capsys, "--data-dir", b, "edit", rid[:8], "subject=From B")
    run(capsys, "--data-dir", a, "sync")
    code, out, _ = run(capsys, "--data-dir", b, "sync")
    assert "conflicts 1" in out
    code, out, _ = run(capsys, "--data-dir", b, "conflicts", "--json")
    [k] = json.loads(out)
    assert k["mine"]["subject"] == "From B" and k["theirs"]["subject"] == "From A"
    code, out, _ = run(capsys, "--data-dir", b, "conflicts")
    assert "mine:   From B" in out and "theirs: From A" in out
    code, out, _ = hq_run(capsys, "--db", str(hq.db), "conflicts")  # what HQ IT sees
    assert code == 0 and f"{k['id']}  KE  meeting {rid}  fields subject  device" in out
    code, out, _ = run(capsys, "--data-dir", b, "resolve", k["id"], "--keep", "mine")
    assert code == 0 and "kept mine" in out
    code, _, err = run(capsys, "--data-dir", b, "resolve", k["id"], "--keep", "mine")
    assert code == 2 and "already resolved" in err
    run(capsys, "--data-dir", b, "sync")
    run(capsys, "--data-dir", a, "sync")
    code, out, _ = run(capsys, "--data-dir", a, "show", rid[:8], "--json")
    assert json.loads(out)["subject"] == "From B"


def test_sync_errors_are_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "x"), "sync")
    assert code == 2 and "not enrolled" in err and "Traceback" not in err
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "x"), "enroll", "--server",
                       "ftp://hq", "--code", "ABCD-EFGH")  # fmt: skip
    assert code == 2 and "https://" in err
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "x"), "enroll", "--server",
                       f"http://127.0.0.1:{free_port()}", "--code", "ABCD-EFGH")  # fmt: skip
    assert code == 2 and "cannot reach HQ" in err


def test_hq_admin_commands(tmp_path, capsys):
    db = str(tmp_path / "hq.db")
    assert "no devices; add one with" in hq_run(capsys, "--db", db, "device", "list")[1]
    assert json.loads(hq_run(capsys, "--db", db, "device", "list", "--json")[1]) == []
    assert hq_run(capsys, "--db", db, "conflicts")[1] == "no open conflicts\n"
    assert json.loads(hq_run(capsys, "--db", db, "conflicts", "--json")[1]) == []
    code, out, _ = hq_run(capsys, "--db", db, "device", "add", "--embassy", "ke", "--name",
                          "Nairobi 1", "--json")  # fmt: skip
    info = json.loads(out)
    assert code == 0 and info["embassy"] == "KE" and len(info["code"]) == 14
    code, out, _ = hq_run(capsys, "--db", db, "device", "list", "--json")
    assert [d["name"] for d in json.loads(out)] == ["Nairobi 1"]
    code, out, _ = hq_run(capsys, "--db", db, "device", "list")
    assert "waiting for enrolment" in out
    code, _, err = hq_run(capsys, "--db", db, "device", "add", "--embassy", "Kenya", "--name", "x")
    assert code == 2 and "2-letter" in err
    projects = tmp_path / "projects.jsonl"
    projects.write_text(
        json.dumps({"kind": "project", "title": "Olkaria", "country": "KE"}) + "\n"
        + json.dumps({"kind": "project", "title": "Regional"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    code, out, _ = hq_run(capsys, "--db", db, "registry", "import", str(projects))
    assert code == 0 and "2 new" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "project"}\n', encoding="utf-8")
    code, _, err = hq_run(capsys, "--db", db, "registry", "import", str(bad))
    assert code == 2 and "line 1" in err and "title" in err
    code, out, _ = hq_run(capsys, "--db", db, "stats", "--json")
    stats = json.loads(out)
    assert stats["embassies"]["KE"]["records"] == {"project": 1}
    assert stats["embassies"]["*"]["records"] == {"project": 1}
    code, out, _ = hq_run(capsys, "--db", db, "stats")
    assert "embassy KE" in out and "last sync never" in out
    assert "registry (all embassies): project 1" in out and "audit events kept: 0" in out
    code, out, _ = hq_run(capsys, "--db", db, "export", "--format", "jsonl")
    lines = [json.loads(x) for x in out.splitlines()]
    assert {x["title"] for x in lines} == {"Olkaria", "Regional"}
    code, out, _ = hq_run(capsys, "--db", db, "device", "revoke", info["device_id"])
    assert code == 0 and "revoked" in out
    code, _, err = hq_run(capsys, "--db", db, "device", "revoke", info["device_id"])
    assert code == 2 and "already revoked" in err


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX signal to stop the server")
def test_fieldkit_hq_serve_starts_a_server(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server.cli", "serve", "--db", str(tmp_path / "hq.db"),
         "--host", "127.0.0.1", "--port", str(port)],
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        assert r.json()["ok"] is True
    finally:
        proc.terminate()
        proc.wait(10)
