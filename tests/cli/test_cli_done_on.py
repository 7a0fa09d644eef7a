"""The "done => done on" rule holds on the command line as in the app (fieldkit.core.operations)."""

from __future__ import annotations

import json
from datetime import date

from fieldkit.cli.main import main
from fieldkit.core.store import Store


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def new_store(tmp_path) -> str:
    Store.open(tmp_path / "data").close()
    return str(tmp_path / "data")


def show(capsys, dd, rid) -> dict:
    rc, out, _ = run(capsys, "--data-dir", dd, "show", rid, "--json")
    assert rc == 0
    return json.loads(out)


def test_edit_status_done_sets_done_on_and_reopening_clears_it(capsys, tmp_path):
    dd = new_store(tmp_path)
    rc, out, err = run(
        capsys, "--data-dir", dd, "new", "followup", "text=Send the ToR", "due=2026-01-10"
    )
    assert rc == 0, err
    rid = out.strip()
    assert show(capsys, dd, rid)["done_on"] is None

    rc, out, err = run(capsys, "--data-dir", dd, "edit", rid[:8], "status=done")
    assert rc == 0, err
    assert show(capsys, dd, rid)["done_on"] == date.today().isoformat()

    rc, _, err = run(capsys, "--data-dir", dd, "edit", rid[:8], "status=open")
    assert rc == 0, err
    record = show(capsys, dd, rid)
    assert (record["status"], record["done_on"]) == ("open", None)

    # A date given with the status is the one kept; a new follow-up created done gets today.
    run(capsys, "--data-dir", dd, "edit", rid[:8], "status=done", "done_on=2026-01-05")
    assert show(capsys, dd, rid)["done_on"] == "2026-01-05"
    rc, out, _ = run(capsys, "--data-dir", dd, "new", "followup", "text=Call back", "status=done")
    assert show(capsys, dd, out.strip())["done_on"] == date.today().isoformat()


def test_edit_of_another_field_leaves_done_on_alone(capsys, tmp_path):
    dd = new_store(tmp_path)
    rc, out, _ = run(
        capsys,
        "--data-dir",
        dd,
        "new",
        "followup",
        "text=Visit",
        "status=done",
        "done_on=2026-02-01",
    )
    rid = out.strip()
    run(capsys, "--data-dir", dd, "edit", rid[:8], "owner=Sato")
    assert show(capsys, dd, rid)["done_on"] == "2026-02-01"
