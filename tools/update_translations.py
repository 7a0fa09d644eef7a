"""Regenerate the Qt translation sources (.ts) from the code and compile them (.qm).

    uv run python tools/update_translations.py                # every catalogue
    uv run python tools/update_translations.py security       # only security_ja
    uv run python tools/update_translations.py --release-only # compile the .qm, leave the .ts

pyside6-lupdate reads the user-visible strings of each catalogue's modules (``self.tr``,
``QCoreApplication.translate``, ``QT_TRANSLATE_NOOP``) and merges them into the .ts: existing
translations are kept, new strings are added as unfinished, strings gone from the code are
dropped (``-no-obsolete``). Translate the unfinished entries (pyside6-linguist, or by hand), then
run it again to compile; pyside6-lrelease writes the .qm that ``fieldkit.ui.i18n`` loads.
Exit status 1 when a catalogue still has unfinished or empty translations.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# A call lupdate collects: tr("..."), translate("context", "..."), QT_TRANSLATE_NOOP("...", ...).
TRANSLATED_CALL = re.compile(r"\b(?:tr|translate|QT_TRANSLATE_NOOP)\(\s*[\"']")
ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ja",)

# Which modules each catalogue covers (globs relative to the repository root).
CATALOGUES: dict[str, tuple[str, ...]] = {
    "shell": (
        "fieldkit/ui/app.py",
        "fieldkit/ui/main_window.py",
        "fieldkit/ui/errors.py",
        "fieldkit/ui/lists/*.py",
        "fieldkit/ui/detail.py",
        "fieldkit/ui/followups.py",
        "fieldkit/ui/dashboard.py",
        "fieldkit/ui/settings_dialog.py",
    ),
    "editors": ("fieldkit/ui/editors/*.py",),
    "security": ("fieldkit/ui/unlock.py", "fieldkit/ui/lock.py", "fieldkit/ui/about.py"),
    "printing": ("fieldkit/ui/printing.py",),
    "iati": ("fieldkit/ui/iati_import.py",),
    "sync": ("fieldkit/ui/sync_page.py", "fieldkit/ui/conflicts.py"),
}


def tool(name: str) -> str:
    """A PySide6 tool from the running environment (the venv's bin or Scripts folder first)."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run this with `uv run` (PySide6 ships it)")
    return found


def sources(catalogue: str) -> list[Path]:
    files: set[Path] = set()
    for pattern in CATALOGUES[catalogue]:
        matched = sorted(ROOT.glob(pattern))
        if not matched:
            raise SystemExit(f"catalogue {catalogue}: no file matches {pattern}")
        files.update(matched)
    return sorted(files)


def uncatalogued() -> list[Path]:
    """UI modules that translate text but belong to no catalogue (their words stay English)."""
    covered = {p for name in CATALOGUES for p in sources(name)}
    found = []
    for path in sorted((ROOT / "fieldkit" / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path not in covered and TRANSLATED_CALL.search(text):
            found.append(path)
    return found


def unfinished(ts: Path) -> list[str]:
    """Source texts of ``ts`` whose translation is missing, empty or marked unfinished."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(message.findtext("source") or "")
            continue
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        if not all(t.strip() for t in texts):
            missing.append(message.findtext("source") or "")
    return missing


def run(args: list[str]) -> None:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{Path(args[0]).name} failed:\n{done.stdout}{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalogues", nargs="*", metavar="CATALOGUE", help=", ".join(CATALOGUES))
    parser.add_argument(
        "--release-only", action="store_true", help="compile the .qm without updating the .ts"
    )
    opts = parser.parse_args(argv)
    chosen = opts.catalogues or list(CATALOGUES)
    unknown = [name for name in chosen if name not in CATALOGUES]
    if unknown:
        parser.error(f"no catalogue {', '.join(unknown)}; there are {', '.join(CATALOGUES)}")
    lupdate, lrelease = tool("pyside6-lupdate"), tool("pyside6-lrelease")
    status = 0
    for name in chosen:
        for lang in LANGUAGES:
            ts = TRANSLATIONS / f"{name}_{lang}.ts"
            qm = ts.with_suffix(".qm")
            if not opts.release_only:
                files = [str(p.relative_to(ROOT)) for p in sources(name)]
                run([lupdate, *files, "-no-obsolete", "-ts", str(ts)])
            run([lrelease, str(ts), "-qm", str(qm)])
            todo = unfinished(ts)
            total = sum(1 for _ in ET.parse(ts).getroot().iter("message"))
            print(f"{ts.relative_to(ROOT)}: {total} texts, {len(todo)} to translate")
            for text in todo:
                print(f"    {text!r}")
            if todo:
                status = 1
    for path in uncatalogued():
        print(f"note: {path.relative_to(ROOT)} translates text but is in no catalogue")
    return status


if __name__ == "__main__":
    sys.exit(main())
