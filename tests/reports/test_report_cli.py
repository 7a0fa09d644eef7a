"""``fieldkit report ...``: files written, exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from fieldkit.cli.main import main
from fieldkit.core.models import Meeting, Visit
from fieldkit.core.store import Store

from .conftest import page_count, pypdf_text


@pytest.fixture
def cli_store(data_dir):
    s = Store.open(data_dir)
    m = s.create(Meeting(subject="Digital ID dialogue", date=date(2026, 2, 3), country="KE",
                         classification="CONFIDENTIAL"))  # fmt: skip
    v = s.create(Visit(title="School visit", date=date(2026, 2, 4), country="KE"))
    s.close()
    return data_dir, m, v


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), "report", *args])


def test_every_report_writes_a_pdf(cli_store, tmp_path, capsys):
    data_dir, m, v = cli_store
    cases = [
        ("meeting", m.id[:8]),
        ("visit", v.id),
        ("digest", "--from", "2026-01-01", "--to", "2026-12-31", "--country", "KE",
         "--field", "digital"),
        ("followups",),
        ("projects",),
    ]  # fmt: skip
    for i, args in enumerate(cases):
        out = tmp_path / f"r{i}.pdf"
        assert run(data_dir, *args, "-o", str(out)) == 0, args
        assert page_count(out) >= 1
        assert f"wrote {out}" in capsys.readouterr().out
    assert "Digital ID dialogue" in pypdf_text(tmp_path / "r0.pdf")
    events = Store.open(data_dir).audit_events()
    assert any(e["event"] == "export_pdf" and e["record_id"] == m.id for e in events)


@pytest.mark.parametrize(
    "args, message",
    [
        (["meeting", "ffffffff"], "no record with id ffffffff"),
        (["visit", "{meeting}"], "not a visit"),
        (["digest", "--from", "2026-03-01", "--to", "2026-01-01"], "starts (2026-03-01) after"),
        (["digest", "--from", "2026-01-01", "--to", "2026-02-01", "--country", "QQ"],
         "unknown country code"),
        (["digest", "--from", "2026-01-01", "--to", "2026-02-01", "--summit", "x"], "unknown summit"),
        (["projects", "--country", "ZZ"], "unknown country code"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(cli_store, tmp_path, capsys, args, message):
    data_dir, m, _ = cli_store
    args = [a.replace("{meeting}", m.id) for a in args]
    out = tmp_path / "x.pdf"
    assert run(data_dir, *args, "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.glob(".*part")) == []


def test_usage_errors(cli_store, tmp_path, capsys):
    data_dir, m, _ = cli_store
    with pytest.raises(SystemExit) as exc:
        run(data_dir, "digest", "--from", "March", "--to", "2026-01-01", "-o", "x.pdf")
    assert exc.value.code == 2
    assert "not a date" in capsys.readouterr().err
    assert run(data_dir, "meeting", m.id, "-o", str(tmp_path / "x.txt")) == 2
    assert "must end in .pdf" in capsys.readouterr().err
    assert run(data_dir, "meeting", m.id, "-o", str(tmp_path / "no" / "x.pdf")) == 2
    assert "does not exist" in capsys.readouterr().err


def test_report_without_a_store_says_so(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "empty"), "report", "projects", "-o",
                 str(tmp_path / "p.pdf")]) == 2  # fmt: skip
    assert "no FieldKit store" in capsys.readouterr().err


def test_report_help_lists_the_five_reports():
    result = subprocess.run([sys.executable, "-m", "fieldkit", "report", "--help"],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0
    for name in ("visit", "meeting", "digest", "followups", "projects"):
        assert name in result.stdout
