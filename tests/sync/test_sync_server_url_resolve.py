"""The CLI against a real HQ: `fieldkit resolve` takes the record id (or a prefix) when the record
has one open conflict; an export from `fieldkit-hq export` (with its `_hq` fields) imports."""

from __future__ import annotations

import json

from fieldkit.cli.main import main as fieldkit


def run(capsys, *argv):
    code = fieldkit(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_resolve_by_record_id(hq, tmp_path, capsys):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    for d, name in ((a, "a"), (b, "b")):
        assert run(capsys, "--data-dir", d, "enroll", "--server", hq.url,
                   "--code", hq.enrol_code("KE", name), "--name", name)[0] == 0  # fmt: skip
    run(capsys, "--data-dir", a, "new", "meeting", "subject=Grid code", "date=2026-03-02",
        "country=KE")  # fmt: skip
    run(capsys, "--data-dir", a, "sync")
    run(capsys, "--data-dir", b, "sync")
    rid = json.loads(run(capsys, "--data-dir", b, "list", "--json")[1])["records"][0]["id"]
    run(capsys, "--data-dir", a, "edit", rid[:8], "subject=From A")
    run(capsys, "--data-dir", b, "edit", rid[:8], "subject=From B")
    run(capsys, "--data-dir", a, "sync")
    assert "conflicts 1" in run(capsys, "--data-dir", b, "sync")[1]
    code, out, err = run(capsys, "--data-dir", b, "resolve", rid[:8], "--keep", "mine")
    assert code == 0 and "kept mine" in out, err
    code, _, err = run(capsys, "--data-dir", b, "resolve", rid[:8], "--keep", "mine")
    assert code == 2 and "already resolved" in err and err.count("\n") == 1
    code, _, err = run(capsys, "--data-dir", b, "resolve", "ffffffff", "--keep", "mine")
    assert code == 2 and "no conflict or record" in err


def test_an_hq_export_imports_on_a_laptop(hq, tmp_path, capsys):
    from sync.server.cli import main as hq_cli

    lap = str(tmp_path / "lap")
    assert run(capsys, "--data-dir", lap, "enroll", "--server", hq.url,
               "--code", hq.enrol_code("KE", "lap"))[0] == 0  # fmt: skip
    for i in range(3):
        run(capsys, "--data-dir", lap, "new", "meeting", f"subject=Exported {i}",
            "date=2026-03-02", "country=KE")  # fmt: skip
    assert run(capsys, "--data-dir", lap, "sync")[0] == 0
    export = tmp_path / "hq.jsonl"
    hq.stop()  # fieldkit-hq works on the database file, as HQ IT runs it
    try:
        assert hq_cli(["--db", str(hq.db), "export", "-o", str(export)]) == 0
    finally:
        hq.start()
    assert all("_hq" in line for line in export.read_text(encoding="utf-8").splitlines())
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "other"), "import", str(export))
    assert code == 0, err
    assert "3 created" in out
