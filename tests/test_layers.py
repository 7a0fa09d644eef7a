"""The layers: core below everything, no Qt below the UI, and non-GUI commands stay light.

fieldkit/core imports nothing from the UI, the CLI, reports, interop or sync; core, sync, reports
and interop import no Qt; nothing outside fieldkit/ui/ops.py touches its private parts.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = [
    ROOT / "fieldkit" / "core",
    ROOT / "sync",
    ROOT / "fieldkit" / "reports",
    ROOT / "fieldkit" / "interop",
]
QT = ("PySide6", "shiboken6", "PyQt6", "PyQt5")
ABOVE_CORE = ("fieldkit.ui", "fieldkit.cli", "fieldkit.reports", "fieldkit.interop", "sync")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved (``from ..x import y``: x.y too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)
    return names


def _offenders(folders, banned) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            bad = sorted(
                n for n in _imports(path) if any(n == b or n.startswith(b + ".") for b in banned)
            )
            if bad:
                found.append(f"{path.relative_to(ROOT)}: {', '.join(bad)}")
    return found


def test_core_imports_nothing_from_the_layers_above_it():
    assert _offenders([ROOT / "fieldkit" / "core"], ABOVE_CORE) == []


def test_core_sync_reports_and_interop_import_no_qt():
    assert _offenders(QT_FREE, QT) == []


def test_nothing_outside_ui_ops_touches_its_private_parts():
    """``ops._store_provider`` and the like are ops' own; others use its public functions."""
    offenders = []
    for path in sorted((ROOT / "fieldkit").rglob("*.py")):
        if path == ROOT / "fieldkit" / "ui" / "ops.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "ops"
                and node.attr.startswith("_")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} ops.{node.attr}")
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
    from fieldkit.core.store import Store

    Store.open(tmp_path).close()  # 'status' reports on a store; it does not create one
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
