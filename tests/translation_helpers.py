"""Reading Qt translation catalogues in tests: what a .ts holds, and what lupdate finds today.

Both use ``tools/update_translations.py`` (the script that maintains the catalogues), so the tests
run the same lupdate the project does.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_tool():
    """tools/update_translations.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """Every message of a .ts file by (context, source text)."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def lupdate(modules: list[str], out: Path) -> dict[tuple[str, str], ET.Element]:
    """What pyside6-lupdate collects from ``modules`` (paths relative to the repository) today."""
    subprocess.run(
        [load_tool().tool("pyside6-lupdate"), *modules, "-ts", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return messages(out)


def untranslated(collected: dict, committed: dict) -> list[tuple[str, str]]:
    """What lupdate collects that the committed catalogue lacks, or has not finished or left empty."""
    problems = []
    for key in collected:
        translation = committed[key].find("translation") if key in committed else None
        if (
            translation is None
            or translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not (translation.text or "").strip()
        ):
            problems.append(key)
    return sorted(problems)


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # str.format fields our code fills in


def placeholder_mismatches(ts: Path, pattern: re.Pattern = PLACEHOLDER) -> list[tuple[str, str]]:
    """Messages whose translation does not carry exactly the source's placeholders."""
    return [
        (context, source)
        for (context, source), message in messages(ts).items()
        if sorted(pattern.findall(message.findtext("translation") or ""))
        != sorted(pattern.findall(source))
    ]


def compiled_mismatches(ts: Path, qm: Path) -> list[tuple[str, str]]:
    """Messages the compiled .qm answers differently from its .ts (lrelease not run since)."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm)), f"Qt cannot load {qm}"
    return [
        (context, source)
        for (context, source), message in messages(ts).items()
        if translator.translate(context, source) != message.findtext("translation")
    ]
