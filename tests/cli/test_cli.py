from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.cli.main import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def dd(tmp_path):
    """A data folder with an empty store: commands other than import/demo-data create none."""
    from fieldkit.core.store import Store

    Store.open(tmp_path / "data").close()
    return str(tmp_path / "data")


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("name", subcommands())
def test_every_command_has_help(capsys, name):
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    assert "usage: fieldkit" in capsys.readouterr().out


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        n
        for n in subcommands()
        if f"fieldkit {n}" not in readme and f"fieldkit [--data-dir DIR] {n}" not in readme
    ]
    assert missing == []


def test_create_edit_show_history_delete_restore(capsys, dd):
    rc, out, _ = run(
        capsys,
        "--data-dir",
        dd,
        "new",
        "meeting",
        "subject=GX dialogue 地熱",
        "date=2026-03-02",
        "country=ke",
        "policy_fields=gx,digital",
        'our_attendees=[{"name": "Sato Yuki"}]',
    )
    assert rc == 0
    rid = out.strip()
    rc, out, _ = run(capsys, "--data-dir", dd, "edit", rid[:8], "place=Ministry of Energy")
    assert rc == 0 and "revision 2" in out
    rc, out, _ = run(capsys, "--data-dir", dd, "show", rid[:8])
    assert "Ministry of Energy" in out and "Green transformation" in out and "Kenya" in out
    rc, out, _ = run(capsys, "--data-dir", dd, "show", rid, "--json")
    assert json.loads(out)["policy_fields"] == ["gx", "digital"]
    rc, out, _ = run(capsys, "--data-dir", dd, "history", rid, "--json")
    entries = json.loads(out)
    assert [e["action"] for e in entries] == ["create", "update"]
    assert entries[1]["changes"]["place"] == ["", "Ministry of Energy"]
    assert run(capsys, "--data-dir", dd, "delete", rid)[0] == 0
    rc, out, _ = run(capsys, "--data-dir", dd, "list", "--json")
    assert json.loads(out)["total"] == 0
    rc, out, _ = run(capsys, "--data-dir", dd, "list", "--trash", "--json")
    assert json.loads(out)["total"] == 1
    assert run(capsys, "--data-dir", dd, "restore", rid)[0] == 0
    rc, out, _ = run(capsys, "--data-dir", dd, "search", "地熱", "--json")
    assert [r["id"] for r in json.loads(out)] == [rid]


def test_demo_data_status_search_list(capsys, dd):
    rc, out, _ = run(
        capsys,
        "--data-dir",
        dd,
        "demo-data",
        "--meetings",
        "40",
        "--visits",
        "10",
        "--projects",
        "8",
        "--seed",
        "5",
    )
    assert rc == 0 and "40 meeting" in out
    rc, out, _ = run(capsys, "--data-dir", dd, "status", "--json")
    info = json.loads(out)
    assert info["counts"]["meeting"] == 40 and info["counts"]["visit"] == 10
    assert info["schema_version"] >= 1 and info["pending_changes"] > 0
    assert info["data_dir"] == str(Path(dd).resolve())
    rc, out, _ = run(capsys, "--data-dir", dd, "search", "Ministry", "--kind", "contact", "--json")
    assert rc == 0 and {r["kind"] for r in json.loads(out)} <= {"organisation", "person"}
    rc, out, _ = run(
        capsys, "--data-dir", dd, "list", "--kind", "meeting", "--country", "KE", "--json"
    )
    assert all(r["country"] == "KE" for r in json.loads(out)["records"])
    rc, out, _ = run(capsys, "--data-dir", dd, "list", "--overdue", "--json")
    assert rc == 0 and json.loads(out)["total"] > 0


def test_export_import_jsonl_and_csv(capsys, dd, tmp_path):
    run(
        capsys,
        "--data-dir",
        dd,
        "demo-data",
        "--meetings",
        "10",
        "--visits",
        "3",
        "--projects",
        "2",
    )
    out_file = tmp_path / "all.jsonl"
    rc, _, err = run(capsys, "--data-dir", dd, "export", "-o", str(out_file))
    assert rc == 0 and "exported" in err
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert all({"id", "kind", "revision"} <= set(json.loads(line)) for line in lines)
    other = str(tmp_path / "other")
    rc, out, _ = run(capsys, "--data-dir", other, "import", str(out_file))
    assert rc == 0 and f"{len(lines)} created" in out
    csv_file = tmp_path / "m.csv"
    rc, _, _ = run(
        capsys,
        "--data-dir",
        dd,
        "export",
        "--format",
        "csv",
        "--kind",
        "meeting",
        "-o",
        str(csv_file),
    )
    assert rc == 0 and csv_file.read_bytes().startswith(b"\xef\xbb\xbfid,")


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["new", "meeting", "subject=x", "date=2026-02-30", "country=KE"], "date"),
        (["new", "meeting", "subject=x", "date=2026-01-01", "country=XX"], "unknown country code"),
        (["new", "meeting", "nonsense=1"], "has no field 'nonsense'"),
        (["new", "meeting", "justaword"], "expected FIELD=VALUE"),
        (["show", "abc"], "too short"),
        (["show", "12345678"], "no record with id"),
        (["delete", "12345678"], "no record with id"),
        (["search", "  "], "query is empty"),
        (["list", "--country", "XX"], "unknown country code"),
        (["list", "--field", "space"], "unknown policy field"),
        (["list", "--from", "2026-02-30"], "not a date"),
        (["list", "--sort", "colour"], "unknown sort"),
        (["import", "/no/such/file.jsonl"], "no such file"),
        (["export", "--format", "csv"], "needs one --kind"),
        (["frobnicate"], "invalid choice"),
        (["demo-data", "--meetings", "-5"], "must not be negative"),
    ],
)
def test_errors_are_one_line_exit_2(capsys, dd, argv, needle):
    try:
        rc = main(["--data-dir", dd, *argv])
    except SystemExit as exc:  # argparse usage errors
        rc = exc.code
    out, err = capsys.readouterr()
    assert rc == 2
    assert needle in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2  # one line (plus at most one listing line)


def test_import_of_bad_file_lists_problems_and_writes_nothing(capsys, dd, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"kind": "meeting", "subject": "ok", "date": "2026-01-01", "country": "KE"}\n'
        '{"kind": "meeting", "subject": "x", "date": "2026-02-30", "country": "KE"}\n'
        "not json\n",
        encoding="utf-8",
    )
    rc, out, err = run(capsys, "--data-dir", dd, "import", str(bad))
    assert rc == 2
    assert "nothing was imported" in err and "line 2" in err and "line 3" in err
    rc, out, _ = run(capsys, "--data-dir", dd, "status", "--json")
    assert json.loads(out)["counts"]["meeting"] == 0


def test_not_a_store_is_a_clear_error(capsys, tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "fieldkit.db").write_text("hello", encoding="utf-8")
    rc, out, err = run(capsys, "--data-dir", str(d), "status")
    assert rc == 2 and "not a FieldKit store" in err
    assert (d / "fieldkit.db").read_text(encoding="utf-8") == "hello"


def test_python_dash_m_and_no_traceback_in_a_real_process(dd):
    result = subprocess.run(
        [sys.executable, "-m", "fieldkit", "--data-dir", dd, "show", "deadbeef"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("fieldkit: error: no record with id")
    assert "Traceback" not in result.stderr


def test_config_sets_user_name(capsys, dd):
    rc, out, _ = run(capsys, "--data-dir", dd, "config", "user_name", "Sato Yuki")
    assert rc == 0
    rc, out, _ = run(capsys, "--data-dir", dd, "config", "--json")
    assert json.loads(out)["user_name"] == "Sato Yuki"
    rc, _, err = run(capsys, "--data-dir", dd, "config", "paper_size", "A3")
    assert rc == 2 and "paper_size" in err


def test_demo_option_seeds_an_empty_folder_once_then_opens_the_app(capsys, dd, monkeypatch):
    import fieldkit.ui.app as app

    opened = []
    monkeypatch.setattr(app, "run_app", lambda ctx: opened.append(ctx.data_dir) or 0)
    assert main(["--data-dir", dd, "--demo"]) == 0
    assert "demo data added" in capsys.readouterr().err
    rc, out, _ = run(capsys, "--data-dir", dd, "status", "--json")
    first = json.loads(out)["counts"]
    assert first["meeting"] > 0 and len(opened) == 1
    assert main(["--data-dir", dd, "--demo"]) == 0
    assert "already has records" in capsys.readouterr().err
    rc, out, _ = run(capsys, "--data-dir", dd, "status", "--json")
    assert json.loads(out)["counts"] == first and len(opened) == 2
