"""Keep FieldKit's message catalogues (resources/messages) in step with the code.

    uv run python tools/update_translations.py                 # extract, merge, list what is left
    uv run python tools/update_translations.py --check         # change nothing; exit 1 if behind
    uv run python tools/update_translations.py --from-ts x.ts  # take translations from a Qt .ts

One catalogue per language for every layer: ``messages.pot`` holds the English (``msgid``),
``<lang>.po`` its translation (``msgstr``). What the entries are, by their ``msgctxt``:

- a code (``sync.timed_out``): a coded message (fieldkit.core.messages) raised below the UI as
  ``Message("sync.timed_out")``. Its English is written by hand in messages.pot; this script
  checks every code the sources use (Babel's extractor, keyword ``Message``) is there.
- a Qt context (``SyncPage``): the UI's own texts (``self.tr``, ``QCoreApplication.translate``,
  ``QT_TRANSLATE_NOOP``), found by pyside6-lupdate as Qt's tools find them, and served to Qt by
  fieldkit.ui.i18n's catalogue translator.
- ``Report``: the reports' labels; ``t("...")`` and ``N_("...")`` in fieldkit/reports are added
  (Babel's extractor); a label only used in an f-string or through a variable is added by hand.
- ``Console``: HQ's web console; ``_("...")`` and ``ngettext`` in its templates and modules are
  added (Babel, with Jinja2's extractor for the templates).
- ``zxcvbn``, ``ReportKind``: other words kept by hand (zxcvbn's own English; document kinds).

New texts are added to every language untranslated; texts gone from the code are dropped; a text
whose English changed keeps its old translation marked fuzzy (shown in English until reviewed).
Translate with any PO editor (Poedit, Lokalize) or by hand, then run this again. Exit status 1
when a catalogue has untranslated or fuzzy entries, or the code uses an unknown code.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fieldkit.core.messages import (  # noqa: E402
    LANGUAGES,
    SOURCE,
    Entry,
    catalogue_path,
    is_code,
    read_catalogue,
)

UI_SOURCES = ("fieldkit/ui/**/*.py",)
REPORT_SOURCES = ("fieldkit/reports/*.py",)
CODE_SOURCES = ("fieldkit/**/*.py", "sync/**/*.py")
CONSOLE_SOURCES = ("sync/server/console/*.py", "sync/server/console/templates/*.html")
REPORT = "Report"
CONSOLE = "Console"
# Kept even when the extractor does not see them: other people's words, and report labels that are
# looked up inside f-strings or through a variable (Babel's extractor sees only literal calls).
KEPT_BY_HAND = ("zxcvbn", "ReportKind", REPORT, CONSOLE)
HEADER = """# FieldKit's texts in {name}.
# msgctxt is a message code (sync.timed_out), a UI context (SyncPage), Report, or zxcvbn/ReportKind.
# See fieldkit/core/messages.py; tools/update_translations.py keeps the catalogues in step.
msgid ""
msgstr ""
"Project-Id-Version: FieldKit\\n"
"Language: {lang}\\n"
"Plural-Forms: {plural}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""
NAMES = {"en": "English (the source every other language translates)", "ja": "Japanese"}
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "ja": "nplurals=1; plural=0;"}


@dataclass(frozen=True)
class Found:
    context: str
    source: str
    plural: bool = False


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


def files(patterns: tuple[str, ...]) -> list[Path]:
    return sorted({p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()})


def ts_messages(ts: Path) -> list[tuple[Found, ET.Element]]:
    """Every message of a Qt .ts file, in its order."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            text = message.findtext("source") or ""
            found.append((Found(name, text, message.get("numerus") == "yes"), message))
    return found


def ui_texts(modules: list[Path] | None = None) -> list[Found]:
    """What pyside6-lupdate collects from the UI modules (contexts as Qt looks them up)."""
    modules = modules if modules is not None else files(UI_SOURCES)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ui.ts"
        args = [tool("pyside6-lupdate"), *(str(p.relative_to(ROOT)) for p in modules)]
        done = subprocess.run([*args, "-ts", str(out)], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"pyside6-lupdate failed:\n{done.stdout}{done.stderr}")
        return [found for found, _ in ts_messages(out)]


def _extract(patterns: tuple[str, ...], keywords: dict) -> list[tuple[Path, int, str]]:
    """Babel's extraction: Python modules, and Jinja2 templates (.html); a plural call gives its
    singular and its plural, each looked up on its own."""
    from babel.messages.extract import extract_from_file
    from jinja2.ext import babel_extract

    out = []
    for path in files(patterns):
        method = babel_extract if path.suffix == ".html" else "python"
        options = {"extensions": "jinja2.ext.i18n"} if path.suffix == ".html" else None
        for lineno, text, _comments, _context in extract_from_file(
            method, str(path), keywords=keywords, options=options, strip_comment_tags=True
        ):
            for one in [text] if isinstance(text, str) else [t for t in text if t]:
                out.append((path, lineno, one))
    return out


def report_labels() -> list[str]:
    """Every label the reports look up by a literal, in source order (Babel's extractor)."""
    seen: dict[str, None] = {}
    for _path, _line, text in _extract(REPORT_SOURCES, {"t": (1,), "N_": (1,)}):
        if not is_code(text):
            seen.setdefault(text, None)
    return list(seen)


def codes_used() -> dict[str, list[str]]:
    """Every literal code the sources raise or return as Message("code", ...), with where."""
    used: dict[str, list[str]] = {}
    for path, line, code in _extract(CODE_SOURCES, {"Message": (1,)}):
        used.setdefault(code, []).append(f"{path.relative_to(ROOT)}:{line}")
    return used


def console_texts() -> list[str]:
    """What HQ's console asks for: ``_()`` and ``ngettext()`` with literals (the rest, field
    names looked up through a variable, are kept by hand)."""
    keywords = {"_": (1,), "ngettext": (1, 2)}
    seen: dict[str, None] = {}
    for _path, _line, text in _extract(CONSOLE_SOURCES, keywords):
        seen.setdefault(text, None)
    return list(seen)


def extracted() -> list[Found]:
    reports = [Found(REPORT, text) for text in report_labels()]
    return ui_texts() + reports + [Found(CONSOLE, text) for text in console_texts()]


def kept(entry: Entry) -> bool:
    """Entries written by hand: coded messages and other people's words."""
    return is_code(entry.context) or entry.context in KEPT_BY_HAND


def english_entries(found: list[Found]) -> list[Entry]:
    """messages.pot as it should be: the hand-written entries, then what the code uses today."""
    current = list(read_catalogue(catalogue_path(SOURCE), SOURCE).entries.values())
    entries = [e for e in current if kept(e)]
    seen = {(e.context, e.source) for e in entries}
    for f in found:
        if (f.context, f.source) not in seen:
            seen.add((f.context, f.source))
            entries.append(Entry(f.context, f.source, f.source if f.plural else "", ()))
    return entries


def translated_entries(lang: str, english: list[Entry], extra: dict) -> list[Entry]:
    """``lang``'s catalogue for ``english``: translations kept, new texts untranslated, texts
    whose English changed a little keep their old translation marked fuzzy."""
    path = catalogue_path(lang)
    old = read_catalogue(path, lang).entries if path.exists() else {}
    old = {**old, **extra}
    forms = 1 if PLURAL_FORMS[lang].startswith("nplurals=1") else 2
    by_context: dict[str, list[str]] = {}
    for context, source in old:
        by_context.setdefault(context, []).append(source)
    out = []
    for e in english:
        mine = old.get((e.context, e.source))
        if mine is not None and any(mine.translations):
            out.append(replace(e, translations=mine.translations, fuzzy=mine.fuzzy))
            continue
        close = difflib.get_close_matches(e.source, by_context.get(e.context, []), 1, 0.8)
        previous = old[(e.context, close[0])] if close else None
        if previous is not None and any(previous.translations):
            out.append(replace(e, translations=previous.translations, fuzzy=True))
        else:
            out.append(replace(e, translations=("",) * (forms if e.source_plural else 1)))
    return out


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\t", "\\t") + '"'


def po_text(lang: str, entries: list[Entry]) -> str:
    parts = [HEADER.format(name=NAMES.get(lang, lang), lang=lang, plural=PLURAL_FORMS[lang])]
    for e in entries:
        lines = ["#, fuzzy"] if e.fuzzy else []
        lines += [f"msgctxt {_quoted(e.context)}", f"msgid {_quoted(e.source)}"]
        texts = e.translations if lang != SOURCE else ("",) * (2 if e.source_plural else 1)
        if e.source_plural:
            lines.append(f"msgid_plural {_quoted(e.source_plural)}")
            lines += [f"msgstr[{i}] {_quoted(t)}" for i, t in enumerate(texts)]
        else:
            lines.append(f"msgstr {_quoted(texts[0] if texts else '')}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def from_ts(paths: list[Path]) -> dict[tuple[str, str], Entry]:
    """Translations found in Qt .ts files (Qt Linguist's format), by (context, source)."""
    out = {}
    for ts in paths:
        for found, message in ts_messages(ts):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            forms = [f.text or "" for f in translation.findall("numerusform")]
            texts = tuple(forms) if forms else (translation.text or "",)
            if any(t.strip() for t in texts):
                out[(found.context, found.source)] = Entry(found.context, found.source, "", texts)
    return out


def _content(lang: str, entries) -> dict:
    """What a catalogue says, whatever its layout (the English has no msgstr to compare)."""
    if lang == SOURCE:
        return {(e.context, e.source): e.source_plural for e in entries}
    return {(e.context, e.source): (e.source_plural, e.translations, e.fuzzy) for e in entries}


def untranslated(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.fuzzy or not all(t.strip() for t in e.translations)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if behind")
    parser.add_argument("--from-ts", nargs="+", type=Path, default=[], metavar="TS")
    opts = parser.parse_args(argv)
    english = english_entries(extracted())
    extra = from_ts(opts.from_ts)
    status = 0
    known = {e.context for e in english if is_code(e.context)}
    for code, where in sorted(codes_used().items()):
        if code not in known:
            print(f"unknown code {code} (used at {', '.join(where)}): add it to messages.pot")
            status = 1
    for lang in LANGUAGES:
        entries = english if lang == SOURCE else translated_entries(lang, english, extra)
        text = po_text(lang, entries)
        path = catalogue_path(lang)
        if opts.check:
            # The entries, not the layout: an entry inserted by hand anywhere is in step.
            current = read_catalogue(path, lang).entries.values() if path.exists() else []
            if _content(lang, current) != _content(lang, entries):
                print(f"{path.relative_to(ROOT)} is not in step with the code: run this script")
                status = 1
        elif text != (path.read_text(encoding="utf-8") if path.exists() else ""):
            path.write_text(text, encoding="utf-8")
        if lang != SOURCE:
            todo = untranslated(entries)
            print(f"{path.relative_to(ROOT)}: {len(entries)} texts, {len(todo)} to translate")
            for e in todo:
                print(f"    [{e.context}] {e.source!r}" + (" (fuzzy)" if e.fuzzy else ""))
            status = status or int(bool(todo))
    return status


if __name__ == "__main__":
    sys.exit(main())
