"""The core and sync layers import no Qt, and non-GUI commands stay light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = [ROOT / "fieldkit" / "core", ROOT / "sync"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_and_sync_sources_never_import_qt():
    offenders = []
    for folder in QT_FREE:
        for path in folder.rglob("*.py"):
            if any(
                n.split(".")[0] in ("PySide6", "shiboken6", "PyQt6", "PyQt5")
                for n in _imports(path)
            ):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_importing_core_and_cli_loads_no_qt_or_reportlab():
    code = (
        "import sys, fieldkit.core.store, fieldkit.core.transfer, fieldkit.core.demo, "
        "fieldkit.cli.main; fieldkit.cli.main.build_parser();"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'reportlab', 'uvicorn', 'fastapi', 'lxml')]; print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_status_command_imports_nothing_heavy(tmp_path):
    """`fieldkit status` must answer in well under half a second: no Qt, PDF, server or pydantic."""
    code = (
        "import sys, fieldkit.cli.main as m; rc = m.main(['--data-dir', sys.argv[1], 'status']);"
        "heavy = sorted({n.split('.')[0] for n in sys.modules} & {'PySide6', 'reportlab', "
        "'uvicorn', 'fastapi', 'httpx', 'lxml', 'pydantic', 'PIL', 'sqlcipher3', 'cryptography'});"
        "print(heavy); sys.exit(rc or (1 if heavy else 0))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
