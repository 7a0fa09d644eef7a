"""Reading the message catalogue in tests: what it holds for the UI, and what the code uses today.

Both use ``tools/update_translations.py`` (the script that maintains the catalogues), so the tests
find the UI's texts with the same pyside6-lupdate run, under the same Qt contexts, as the script.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

from fieldkit.core.messages import Entry, catalogue

ROOT = Path(__file__).resolve().parents[1]


def load_tool():
    """tools/update_translations.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_translations", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return sys.modules["update_translations"]


def messages(contexts: set[str] | frozenset[str], lang: str = "ja") -> dict[tuple[str, str], Entry]:
    """The catalogue's entries for these UI contexts, by (context, English)."""
    return {key: e for key, e in catalogue(lang).entries.items() if e.context in contexts}


def lupdate(modules: list[str], out: Path | None = None) -> dict[tuple[str, str], object]:
    """What pyside6-lupdate collects from ``modules`` (paths relative to the repository) today."""
    found = load_tool().ui_texts([ROOT / m for m in modules])
    return {(f.context, f.source): f for f in found}


def untranslated(collected: dict, committed: dict) -> list[tuple[str, str]]:
    """What the code uses that the catalogue lacks, or has fuzzy or empty."""
    problems = []
    for key in collected:
        entry = committed.get(key)
        if (
            entry is None
            or entry.fuzzy
            or not entry.translations
            or not all(t.strip() for t in entry.translations)
        ):
            problems.append(key)
    return sorted(problems)


PLACEHOLDER = re.compile(r"%\d|%n|\{[a-z_]+\}")  # Qt's %1 / %n, and str.format fields


def placeholder_mismatches(
    contexts: set[str] | frozenset[str], pattern: re.Pattern = PLACEHOLDER
) -> list[tuple[str, str]]:
    """Entries whose translation does not carry exactly the English's placeholders."""
    return [
        (e.context, e.source)
        for e in messages(contexts).values()
        if any(
            sorted(pattern.findall(t)) != sorted(pattern.findall(e.source)) for t in e.translations
        )
    ]


def translator_mismatches(contexts: set[str] | frozenset[str]) -> list[tuple[str, str]]:
    """Entries Qt answers differently from the catalogue once the Japanese interface is on
    (the app's CatalogueTranslator installed, as Settings installs it)."""
    from PySide6.QtCore import QCoreApplication

    from fieldkit.ui import i18n

    before = i18n.current_language()
    i18n.apply_language("ja")
    try:
        return [
            (e.context, e.source)
            for e in messages(contexts).values()
            if not e.source_plural
            and QCoreApplication.translate(e.context, e.source) != e.translations[0]
        ]
    finally:
        i18n.apply_language(before)
