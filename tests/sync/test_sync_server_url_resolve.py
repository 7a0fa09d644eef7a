"""``fieldkit resolve`` takes the record's id (or a prefix) when the record has one open conflict."""

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
