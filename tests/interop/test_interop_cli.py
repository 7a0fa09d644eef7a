"""The interop commands as a user runs them: output, errors, and files that others can read."""

from __future__ import annotations

import csv
import json

import pytest

from fieldkit.cli.main import main
from fieldkit.core.transfer import csv_columns
from fieldkit.interop.iati_export import validate_iati

from .conftest import EXAMPLE, MESSY, line_of


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def dd(tmp_path):
    return str(tmp_path / "data")


def test_import_iati_prints_a_summary_and_every_skip_with_its_line(capsys, dd):
    rc, out, err = run(capsys, "--data-dir", dd, "import-iati", str(MESSY))
    assert rc == 0, err
    first, *rest = out.splitlines()
    assert "6 activities read: 3 created" in first and "3 skipped" in first
    assert f"line {line_of(MESSY, 'MARK-BAD-DAC')} XM-DAC-701-8-KE-001" in out
    assert any("no title (activity skipped)" in line for line in rest)

    rc, out, _ = run(capsys, "--data-dir", dd, "import-iati", str(MESSY), "--json")
    report = json.loads(out)
    assert (report["created"], report["unchanged"]) == (0, 3)
    assert {"line", "identifier", "what", "reason", "activity_skipped"} <= set(report["skipped"][0])


def test_import_iati_country_filter(capsys, dd):
    rc, out, _ = run(capsys, "--data-dir", dd, "import-iati", str(MESSY), "--country", "tz")
    assert rc == 0 and "1 created" in out and "3 for other countries not imported" in out


def test_hostile_or_broken_files_are_one_line_errors(capsys, dd, tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><iati-activities version="2.03"/>')
    rc, out, err = run(capsys, "--data-dir", dd, "import-iati", str(bomb))
    assert rc == 2 and err.count("\n") == 1 and "refused" in err and "DTD" in err
    rc, _, err = run(capsys, "--data-dir", dd, "import-iati", str(tmp_path / "missing.xml"))
    assert rc == 2 and "no such file" in err
    rc, _, err = run(capsys, "--data-dir", dd, "import-iati", str(MESSY), "--country", "XX")
    assert rc == 2 and "unknown country code" in err


def test_jsonl_conversion_leaves_the_store_alone_and_imports_elsewhere(capsys, tmp_path):
    dd = tmp_path / "hq"
    out_file = tmp_path / "registry.jsonl"
    rc, out, _ = run(
        capsys, "--data-dir", str(dd), "import-iati", str(MESSY), "--jsonl", str(out_file)
    )
    assert rc == 0 and "wrote 3 projects" in out
    assert not (dd / "fieldkit.db").exists()
    lines = [json.loads(x) for x in out_file.read_text(encoding="utf-8").splitlines()]
    assert {x["kind"] for x in lines} == {"project"} and len(lines) == 3
    laptop = str(tmp_path / "laptop")
    rc, out, _ = run(capsys, "--data-dir", laptop, "import", str(out_file))
    assert rc == 0 and "3 created" in out
    # the same activities imported from IATI on the laptop are the same records: no duplicates
    rc, out, _ = run(capsys, "--data-dir", laptop, "import-iati", str(MESSY))
    assert "0 created" in out and "3 unchanged" in out


def test_export_iati_writes_a_valid_file(capsys, dd, tmp_path):
    run(capsys, "--data-dir", dd, "import-iati", str(EXAMPLE))
    run(capsys, "--data-dir", dd, "import-iati", str(MESSY))
    target = tmp_path / "out.xml"
    rc, _, err = run(capsys, "--data-dir", dd, "export-iati", "-o", str(target), "--country", "KE")
    # KE-002 and TZ-001 (10% KE) have no activity status in the source: left out, with why
    assert rc == 0 and "1 activities written" in err and "2 projects skipped" in err
    assert "no activity status" in err
    validate_iati(target)
    assert "XM-DAC-701-8-KE-001" in target.read_text(encoding="utf-8")
    assert not target.with_name("out.xml.part").exists()


def test_export_ics_to_a_file_and_to_stdout(capsys, dd, tmp_path):
    from fieldkit.core.store import Store

    Store.open(dd).close()  # `new` records into an existing store; it never creates one
    run(capsys, "--data-dir", dd, "new", "meeting", "subject=GX dialogue", "date=2026-03-02",
        "country=KE", "classification=UNCLASSIFIED")  # fmt: skip
    target = tmp_path / "fieldkit.ics"
    rc, _, err = run(capsys, "--data-dir", dd, "export-ics", "-o", str(target))
    assert rc == 0 and "1 meetings and 0 follow-ups" in err
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    rc = main(["--data-dir", dd, "export-ics", "--from", "2027-01-01"])
    assert rc == 0 and "SUMMARY" not in capsys.readouterr().out


def test_projects_csv_opens_in_excel_with_japanese_intact(capsys, dd, tmp_path):
    """CSV is core.transfer's: checked here on what IATI brings in (several languages)."""
    run(capsys, "--data-dir", dd, "import-iati", str(MESSY))
    target = tmp_path / "projects.csv"
    rc, _, _ = run(capsys, "--data-dir", dd, "export", "--format", "csv", "--kind", "project",
                   "-o", str(target))  # fmt: skip
    assert rc == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads it as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == csv_columns("project")
    assert any("ナイロビ市給水改善計画" in row for row in rows[1:])
    assert all(len(row) == len(rows[0]) for row in rows)
