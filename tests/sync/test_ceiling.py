"""Issue 14: the classification ceiling. HQ sets it per embassy (default CONFIDENTIAL) and per
device; the laptop learns it at enrolment and on every sync and refuses to save above it (CLI
exit 2, one line naming it); HQ refuses pushes above it and never sends a record above it."""

from __future__ import annotations

import json
from datetime import date

from hqserver import raw_post

from fieldkit.cli.main import main as fieldkit
from fieldkit.core.models import Meeting
from sync import credentials
from sync import protocol as p
from sync.server.cli import main as hq_cli


def run(capsys, *argv) -> tuple[int, str, str]:
    code = fieldkit(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _enrol(capsys, hq, folder, name: str) -> None:
    code, _, err = run(capsys, "--data-dir", folder, "enroll", "--server", hq.url,
                       "--code", hq.enrol_code("KE", name), "--name", name)  # fmt: skip
    assert code == 0, err


def _new(capsys, folder, level: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", folder, "new", "meeting", "subject=Budget support",
               "date=2026-03-02", "country=KE", f"classification={level}")  # fmt: skip


def test_a_secret_record_is_refused_on_a_confidential_laptop_and_by_hq(hq, tmp_path, capsys):
    from fieldkit.core.store import Store

    a = str(tmp_path / "a")
    Store.open(tmp_path / "a").close()
    # Not enrolled yet: the shipped default ceiling applies.
    code, out, err = _new(capsys, a, "SECRET")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "SECRET" in err and "may hold (CONFIDENTIAL)" in err and "Traceback" not in err
    assert _new(capsys, a, "CONFIDENTIAL")[0] == 0
    _enrol(capsys, hq, a, "a")
    code, out, _ = run(capsys, "--data-dir", a, "sync", "--json")
    assert code == 0 and json.loads(out)["pushed"] == 1
    code, _, err = _new(capsys, a, "SECRET")
    assert code == 2 and "CONFIDENTIAL" in err
    code, out, _ = run(capsys, "--data-dir", a, "status", "--json")
    assert json.loads(out)["counts"]["meeting"] == 1  # nothing was saved

    # HQ refuses a crafted SECRET push from the same laptop, per record, with the ceiling named.
    from sync.state import SyncState

    store = Store.open(tmp_path / "a")
    try:
        device_id = SyncState(store).get("device_id")
    finally:
        store.close()
    token = credentials.load_token(tmp_path / "a", device_id)
    rec = Meeting(
        subject="Loan terms", date=date(2026, 3, 3), country="KE", classification="SECRET"
    )
    req = p.PushRequest(mutations=[p.Mutation(ids=["s-1"], record=rec.model_dump(mode="json"))])
    out = raw_post(hq.url, "/v1/push", token, req.model_dump_json().encode()).json()
    assert out["versions"] == [0]
    (o,) = out["outcomes"]
    assert o["status"] == "rejected" and o["message"]["code"] == "hq.refused_above_ceiling"
    assert "SECRET" in o["reason"] and "CONFIDENTIAL" in o["reason"]
    with hq.store.read() as c:
        assert c.execute("SELECT count(*) FROM records WHERE id = ?", (rec.id,)).fetchone()[0] == 0


def test_hq_sets_the_ceiling_per_embassy_and_per_device(hq, tmp_path, capsys):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    _enrol(capsys, hq, a, "a")
    _enrol(capsys, hq, b, "b")
    db = str(hq.db)
    assert hq_cli(["--db", db, "embassy", "set-ceiling", "KE", "secret"]) == 0
    assert hq_cli(["--db", db, "embassy", "set-ceiling", "KE", "TOP"]) == 2
    assert "unknown classification 'TOP'" in capsys.readouterr().err
    devices = {d["name"]: d for d in hq.store.devices()}
    assert hq_cli(["--db", db, "device", "set-ceiling", devices["b"]["id"], "CONFIDENTIAL"]) == 0
    assert hq_cli(["--db", db, "device", "list"]) == 0
    listing = capsys.readouterr().out
    assert "ceiling SECRET (embassy)" in listing and "ceiling CONFIDENTIAL " in listing
    # The laptop learns its ceiling with the next sync, then may save up to it.
    assert _new(capsys, a, "SECRET")[0] == 2
    run(capsys, "--data-dir", a, "sync")
    code, out, _ = run(capsys, "--data-dir", a, "status", "--json")
    code, _, err = _new(capsys, a, "SECRET")
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", a, "sync", "--json")
    assert json.loads(out)["pushed"] == 1 and json.loads(out)["rejected"] == 0
    # b's own ceiling is CONFIDENTIAL: HQ never sends it the SECRET record.
    code, out, _ = run(capsys, "--data-dir", b, "sync", "--json")
    assert json.loads(out)["pulled"] == 0 and json.loads(out)["verified"]
    code, out, _ = run(capsys, "--data-dir", b, "list", "--json")
    assert json.loads(out)["records"] == []
    # The embassy's ceiling lowered again: a's SECRET record leaves a at its next sync.
    assert hq_cli(["--db", db, "embassy", "set-ceiling", "KE", "CONFIDENTIAL"]) == 0
    code, out, _ = run(capsys, "--data-dir", a, "sync")
    assert "1 records removed" in out
    code, out, _ = run(capsys, "--data-dir", a, "list", "--json")
    assert json.loads(out)["records"] == []
