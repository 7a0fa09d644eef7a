"""UI operations live in one place: only fieldkit/ui/ops.py and fieldkit/ui/operations/ build a
QueryOp or CollectionOp (the rest calls a named operation), and nothing outside ui/ops touches
its private parts (``ops._store_provider`` and the like)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "fieldkit" / "ui"
HOME = {UI / "ops.py"} | set((UI / "operations").rglob("*.py"))


def _offences(source: str, where: str) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("QueryOp", "CollectionOp"):
                out.append(f"{where}:{node.lineno}: builds a {name}")
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and isinstance(node.value, ast.Name)
            and node.value.id == "ops"
        ):
            out.append(f"{where}:{node.lineno}: ops.{node.attr}")
    return out


def test_only_ui_operations_build_background_operations():
    modules = [p for p in UI.rglob("*.py") if p not in HOME]
    assert len(modules) > 20  # the scan really reads the UI
    offences = [
        o for p in modules for o in _offences(p.read_text(encoding="utf-8"), str(p.relative_to(UI)))
    ]
    assert offences == [], "use a named operation in fieldkit/ui/operations:\n" + "\n".join(
        offences
    )


def test_the_scan_sees_a_closure_and_a_private_part():
    source = "ops.CollectionOp(self, lambda s: s.audit('x'))\nops._store_provider()\n"
    assert _offences(source, "bad.py") == [
        "bad.py:1: builds a CollectionOp",
        "bad.py:2: ops._store_provider",
    ]
