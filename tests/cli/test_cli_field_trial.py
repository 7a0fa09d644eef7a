"""What the field trial (#18) and the attack run (#19) found in the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from fieldkit.cli.context import CommandError, require_display
from fieldkit.cli.main import main
from fieldkit.core.store import Store


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def dd(tmp_path):
    Store.open(tmp_path / "data").close()
    return str(tmp_path / "data")


def new_meeting(capsys, dd, subject="GX dialogue", *extra):
    rc, out, err = run(capsys, "--data-dir", dd, "new", "meeting", f"subject={subject}",
                       "date=2026-03-02", "country=KE", *extra)  # fmt: skip
    assert rc == 0, err
    return out.strip()


def test_list_says_how_many_more_on_stderr_not_in_the_pipe(capsys, dd):
    for i in range(3):
        new_meeting(capsys, dd, f"m{i}")
    rc, out, err = run(capsys, "--data-dir", dd, "list", "--limit", "2")
    assert rc == 0 and len(out.splitlines()) == 2 and "more" not in out
    assert "... 1 more" in err


def test_cli_export_is_audited(capsys, dd, tmp_path):
    new_meeting(capsys, dd)
    out_file = tmp_path / "m.csv"
    assert run(capsys, "--data-dir", dd, "export", "--format", "csv", "--kind", "meeting",
               "-o", str(out_file))[0] == 0  # fmt: skip
    assert run(capsys, "--data-dir", dd, "export")[0] == 0
    rc, out, _ = run(capsys, "--data-dir", dd, "audit", "--json")
    exports = [e for e in json.loads(out) if e["event"] == "export"]
    assert len(exports) == 2
    formats = sorted(e["detail"]["format"] for e in exports)
    assert formats == ["csv", "jsonl"]
    assert all(e["detail"]["counts"] == {"meeting": 1} for e in exports)
    assert any(str(out_file) in e["detail"]["files"] for e in exports)


def test_csv_cells_that_spreadsheets_would_run_are_neutralised(capsys, dd, tmp_path):
    new_meeting(capsys, dd, "=HYPERLINK(\"http://evil\")", "place=+cmd|' /C calc'!A0",
                "key_points=@SUM(1)", "drafter=-2+3", "approver=-42")  # fmt: skip
    rc, out, _ = run(capsys, "--data-dir", dd, "export", "--format", "csv", "--kind", "meeting")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0]["subject"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["place"].startswith("'+cmd")
    assert rows[0]["key_points"] == "'@SUM(1)"
    assert rows[0]["drafter"] == "'-2+3" and rows[0]["approver"] == "-42"  # a number stays one
    for cell in rows[0].values():
        assert cell == "-42" or not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_import_of_a_csv_file_says_so_in_one_line(capsys, dd, tmp_path):
    new_meeting(capsys, dd)
    f = tmp_path / "m.csv"
    assert run(capsys, "--data-dir", dd, "export", "--format", "csv", "--kind", "meeting",
               "-o", str(f))[0] == 0  # fmt: skip
    rc, _, err = run(capsys, "--data-dir", dd, "import", str(f))
    assert rc == 2 and err.count("\n") == 1
    assert "is a CSV file, not JSON lines" in err


def test_an_hq_export_imports_and_errors_are_one_line_with_a_count(capsys, dd, tmp_path):
    new_meeting(capsys, dd)
    rc, out, _ = run(capsys, "--data-dir", dd, "export")
    lines = [json.loads(x) for x in out.splitlines()]
    # What 'fieldkit-hq export' writes: each record with where HQ keeps it.
    hq_export = tmp_path / "hq.jsonl"
    hq_export.write_text(
        "".join(json.dumps({**r, "_hq": {"embassy": "KE", "version": 7}}) + "\n" for r in lines),
        encoding="utf-8",
    )
    other = tmp_path / "other"
    rc, out, err = run(capsys, "--data-dir", str(other), "import", str(hq_export))
    assert rc == 0, err
    assert "1 created" in out and "created a new store" in err
    # A refused import into a new folder leaves no empty store behind.
    fresh = tmp_path / "fresh"
    (tmp_path / "junk.jsonl").write_text("not json\n", encoding="utf-8")
    rc, _, err = run(capsys, "--data-dir", str(fresh), "import", str(tmp_path / "junk.jsonl"))
    assert rc == 2 and err.count("\n") == 1 and not fresh.exists()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps({**r, "date": "2026-02-30", "id": f"{i:08d}-0000-4000-8000-000000000000"}) + "\n"
                           for i, r in enumerate(lines * 113)), encoding="utf-8")  # fmt: skip
    rc, _, err = run(capsys, "--data-dir", dd, "import", str(bad))
    assert rc == 2 and err.count("\n") == 1
    assert "113 problems" in err and "line 1: meeting.date" in err and "(and 110 more)" in err


def test_import_reports_bad_utf8_on_its_own_line(capsys, dd, tmp_path):
    new_meeting(capsys, dd)
    _, out, _ = run(capsys, "--data-dir", dd, "export")
    good = json.loads(out)
    f = tmp_path / "bytes.jsonl"
    body = b""
    for i in range(1, 1001):
        rec = {**good, "id": f"{i:08d}-0000-4000-8000-000000000000"}
        line = json.dumps(rec, ensure_ascii=False).encode()
        if i in (60, 1000):
            line = line.replace(b"GX dialogue", b"GX \xff dialogue")
        body += line + b"\n"
    f.write_bytes(body)
    rc, _, err = run(capsys, "--data-dir", dd, "import", str(f))
    assert rc == 2 and "2 problems: line 60: not UTF-8" in err and "line 1000: not UTF-8" in err


def test_new_and_edit_do_not_offer_internal_fields(capsys, dd, tmp_path):
    rid = new_meeting(capsys, dd)
    rc, _, err = run(capsys, "--data-dir", dd, "edit", rid, "nonsense=1")
    assert rc == 2 and "fields:" in err
    listed = err.split("fields:")[1]
    for internal in ("id", "revision", "created_at", "updated_at", "created_by", "deleted_at"):
        assert internal not in [f.strip() for f in listed.split(",")]
    rc, _, err = run(capsys, "--data-dir", dd, "edit", rid, "revision=99")
    assert rc == 2 and "revision cannot be set" in err
    f = tmp_path / "m.json"
    f.write_text(json.dumps({"subject": "x", "date": "2026-01-01", "country": "KE",
                             "created_by": "someone else"}))  # fmt: skip
    rc, _, err = run(capsys, "--data-dir", dd, "new", "meeting", "--json", str(f))
    assert rc == 2 and "created_by cannot be set" in err


def test_a_mistyped_data_dir_creates_no_store(capsys, tmp_path):
    typo = tmp_path / "dta"
    for argv in (["status"], ["list"], ["new", "meeting", "subject=x", "date=2026-01-01",
                                         "country=KE"], ["search", "x"]):  # fmt: skip
        rc, _, err = run(capsys, "--data-dir", str(typo), *argv)
        assert rc == 2 and "no FieldKit store in" in err and err.count("\n") == 1
    assert not typo.exists()
    rc, _, err = run(capsys, "--data-dir", str(typo), "demo-data", "--meetings", "1",
                     "--visits", "0", "--projects", "0")  # fmt: skip
    assert rc == 0 and "created a new store" in err


def test_empty_data_dir_is_refused(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("FIELDKIT_DATA_DIR", str(tmp_path / "env"))
    rc, _, err = run(capsys, "--data-dir", "", "status")
    assert rc == 2 and "--data-dir is empty" in err


HOSTILE = [
    ["search", "x", "--limit", "9" * 30],
    ["audit", "--limit", "9" * 30],
    ["list", "--limit", "9" * 30],
    ["demo-data", "--meetings", "9" * 30],
    ["demo-data", "--seed", "9" * 30],
    ["search", "ab " * 7000],
    ["enroll", "--server", "http://[::1", "--code", "ABCD-EFGH"],
    ["enroll", "--server", "http://127.0.0.1:9", "--code", ""],
]


@pytest.mark.parametrize("argv", HOSTILE, ids=lambda a: " ".join(a)[:30])
def test_hostile_arguments_are_one_line_exit_2(capsys, dd, argv):
    try:
        rc, _, err = run(capsys, "--data-dir", dd, *argv)
    except SystemExit as exc:  # argparse's own refusal
        rc, err = exc.code, capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "unexpected error" not in err


def test_hostile_json_is_one_line_exit_2(capsys, dd, tmp_path):
    rid = new_meeting(capsys, dd)
    deep = "[" * 3000 + "]" * 3000
    long_int = "9" * 5000
    cases = {
        "rev.jsonl": json.dumps(
            {
                "kind": "meeting",
                "subject": "x",
                "date": "2026-01-01",
                "country": "KE",
                "revision": 2**63,
            }
        ),  # fmt: skip
        "digits.jsonl": '{"kind": "meeting", "revision": ' + long_int + "}",
        "deep.jsonl": '{"kind": "meeting", "subject": ' + deep + "}",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
        rc, _, err = run(capsys, "--data-dir", dd, "import", str(tmp_path / name))
        assert rc == 2 and err.count("\n") == 1 and "unexpected error" not in err, err
    for text in ('{"subject": ' + deep + "}", '{"subject": ' + long_int + "}"):
        (tmp_path / "new.json").write_text(text, encoding="utf-8")
        rc, _, err = run(capsys, "--data-dir", dd, "new", "meeting", "--json",
                         str(tmp_path / "new.json"))  # fmt: skip
        assert rc == 2 and err.count("\n") == 1 and "unexpected error" not in err, err
    (tmp_path / "bad.json").write_bytes(b'{"subject": "\xff"}')
    rc, _, err = run(
        capsys, "--data-dir", dd, "new", "meeting", "--json", str(tmp_path / "bad.json")
    )
    assert rc == 2 and "not UTF-8" in err
    rc, _, err = run(capsys, "--data-dir", dd, "edit", rid, "subject=" + "[" * 5000)
    assert rc == 2 and err.count("\n") == 1 and "unexpected error" not in err
    rc, out, _ = run(capsys, "--data-dir", dd, "status", "--json")
    assert json.loads(out)["counts"]["meeting"] == 1


@pytest.mark.parametrize(
    "env",
    [{}, {"QT_QPA_PLATFORM": "xcb"}, {"QT_QPA_PLATFORM": "wayland"}, {"DISPLAY": ""}],
)
def test_no_display_is_one_line_before_qt_starts(env):
    with pytest.raises(CommandError, match="no display"):
        require_display(env, platform="linux")


def test_a_display_or_a_screenless_platform_is_enough():
    require_display({"DISPLAY": ":0"}, platform="linux")
    require_display({"WAYLAND_DISPLAY": "wayland-0"}, platform="linux")
    require_display({"QT_QPA_PLATFORM": "offscreen"}, platform="linux")
    require_display({}, platform="win32")
    require_display({}, platform="darwin")


def test_smoke_without_a_display_exits_2_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    Store.open(tmp_path / "d").close()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    for argv in (["smoke"], []):
        r = subprocess.run([sys.executable, "-m", "fieldkit", "--data-dir", str(tmp_path / "d"),
                            *argv], env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no display" in r.stderr


@pytest.mark.parametrize(
    "body",
    [
        b'{"subject": "\xff"}',
        b'{"subject": ' + b"[" * 3000 + b"]" * 3000 + b"}",
        b'{"subject": ' + b"9" * 5000 + b"}",
    ],  # fmt: skip
    ids=["not-utf8", "deep", "digits"],
)
def test_new_json_from_standard_input_is_one_line(capsys, dd, monkeypatch, body):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(body)))
    rc, _, err = run(capsys, "--data-dir", dd, "new", "meeting", "--json", "-")
    assert rc == 2 and err.count("\n") == 1 and "unexpected error" not in err
    assert err.startswith("fieldkit: error: -: ")
