"""``fieldkit --selftest`` from the source tree: passes, touches nothing, and names what fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHECKS = ("resources", "commands", "store", "encryption", "report", "iati", "sync", "qt", "window")


def run(args: list[str], tmp_path: Path, code: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDKIT_DATA_DIR=str(tmp_path / "user"))
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "fieldkit", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_selftest_passes_from_source_and_leaves_the_users_data_alone(tmp_path):
    result = run(["--selftest"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("FieldKit ") and "(source," in lines[0]
    for name in CHECKS:
        assert any(line.split()[:2] == ["ok", name] for line in lines), (name, result.stdout)
    assert "FAIL" not in result.stdout
    assert lines[-1].startswith(f"self-test passed: {len(CHECKS)} checks")
    # The record is found by English, by a 4-character and by a 2-character Japanese word.
    assert "'geothermal', '地熱発電', '地熱'" in result.stdout
    assert "QtPdf shows the report" in result.stdout
    assert not (tmp_path / "user").exists(), "the self-test wrote into the user's data folder"
    assert "Traceback" not in result.stderr


def test_a_failing_check_is_named_with_its_reason_and_exits_1(tmp_path):
    # Break one real dependency the way a bad bundle would: reportlab cannot be imported.
    code = (
        "import sys; sys.modules['reportlab'] = None\n"
        "import fieldkit.selftest as s\n"
        "s._render_with_reports = lambda *a: None\n"
        "raise SystemExit(s.run_selftest())\n"
    )
    result = run([], tmp_path, code=code)
    assert result.returncode == 1, result.stdout + result.stderr
    report = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(report) == 1 and report[0].split()[1] == "report", result.stdout
    assert "reportlab" in report[0]
    # The checks after it still ran and said so: one failure does not hide another.
    assert any(line.split()[:2] == ["ok", "qt"] for line in result.stdout.splitlines())
    assert "QtPdf not checked (no report)" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("self-test FAILED: report")
    assert "Traceback" not in result.stdout + result.stderr


def test_selftest_is_listed_in_help():
    result = subprocess.run(
        [sys.executable, "-m", "fieldkit", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "--selftest" in result.stdout
