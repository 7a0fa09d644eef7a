"""Coded messages: what every layer tells the user, written once per language in a catalogue.

Below the UI nothing writes a sentence for the user: it raises or returns a :class:`Message`, a
code plus parameters. The UI, the CLI, the reports and HQ render it in a language from one gettext
catalogue per language in ``resources/messages/``: ``messages.pot`` holds the English (its
``msgid``), ``ja.po`` the Japanese (its ``msgstr``). An entry's ``msgctxt`` is its code (dotted,
lower case: ``sync.refused_country``) or, for texts the UI writes itself, the UI context. Texts
are ``str.format`` templates; an entry with a plural (``msgid_plural``) picks its form by the
parameter ``n``. A parameter that is itself a Message is rendered in the same language. A Message
is also a ``str`` (its English), so logging, JSON and the CLI keep working unchanged; a database
column keeps one with :func:`stored` / :func:`restored`, the wire with ``to_dict``/``from_dict``.

Adding a message (entries may go anywhere in the files; ``uv run pytest tests/test_messages.py``
checks every language has it with the same parameters, and that every code used is there):

    # 1. messages.pot:  msgctxt "store.locked"
    #                   msgid "{path} is open in another FieldKit"
    # 2. ja.po: the same msgctxt and msgid, and  msgstr "{path} は別の FieldKit で開かれています"
    # 3. the code:      raise StoreError(Message("store.locked", path=str(path)))
    # 4. a reader:      render(exc, "ja")  or  str(exc)  (English)

Adding a language is translating a file: copy ``messages.pot`` to ``fr.po``, fill in every
``msgstr`` (Poedit or any PO editor) and add ``"fr"`` to :data:`LANGUAGES`.
"""

from __future__ import annotations

import gettext
import json
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fieldkit.core.resources import resource_path

LANGUAGES = ("en", "ja")
SOURCE = "en"  # the language of msgid: its catalogue is the template, messages.pot
_language = SOURCE


def set_language(lang: str) -> None:
    """The language :func:`render` uses by default (the UI sets it when the user picks one)."""
    global _language
    _language = lang if lang in LANGUAGES else SOURCE


def current_language() -> str:
    return _language


class Message(str):
    """A code and its parameters, rendered in a language by :meth:`render`.

    It is also the English text itself (a ``str``), so code that prints, logs, compares or writes
    a message to JSON keeps working with the English; readers that show it to a person call
    :func:`render` with their language."""

    code: str
    params: Mapping[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Message:
        english = catalogue(SOURCE).render(code, params)
        self = super().__new__(cls, english)
        self.code = code
        self.params = params
        return self

    def render(self, lang: str | None = None) -> str:
        return catalogue(lang or _language).render(self.code, self.params)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return (self.code, dict(self.params)) == (other.code, dict(other.params))
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def __reduce__(self):  # pickled as code + params (errors and IATI reports cross processes)
        return (_rebuild, (self.code, dict(self.params)))

    def to_dict(self) -> dict[str, Any]:
        """JSON for the wire: nested messages as dicts too."""
        return {
            "code": self.code,
            "params": {
                k: v.to_dict() if isinstance(v, Message) else v for k, v in self.params.items()
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        params = {
            k: cls.from_dict(v) if isinstance(v, dict) and "code" in v else v
            for k, v in dict(data.get("params") or {}).items()
        }
        return cls(str(data["code"]), **params)


def _rebuild(code: str, params: dict[str, Any]) -> Message:
    return Message(code, **params)


def render(what: Any, lang: str | None = None) -> str:
    """A Message, an error carrying one (``.message``), or plain text, in ``lang``.

    Plain text (an old-style sentence, a validation message from pydantic) is shown as it is."""
    message = what if isinstance(what, Message) else getattr(what, "message", None)
    if isinstance(message, Message):
        return message.render(lang)
    return str(what)


def stored(what: Any) -> str:
    """Text to keep in a database column that holds a message: a coded one as its JSON (so it is
    shown later in the reader's language), anything else as its text. See :func:`restored`."""
    message = what if isinstance(what, Message) else getattr(what, "message", None)
    if isinstance(message, Message):
        return json.dumps(message.to_dict(), ensure_ascii=False)
    return str(what)


def restored(text: str | None) -> Message | str:
    """What :func:`stored` kept: the Message again, or the plain text (older rows) as it is."""
    if text and text.startswith('{"code"'):
        try:
            return Message.from_dict(json.loads(text))
        except (ValueError, KeyError, TypeError):
            pass
    return text or ""


def text(context: str, source: str, lang: str | None = None, n: int | None = None) -> str:
    """A text the UI writes itself (``source`` in English) in ``lang``."""
    return catalogue(lang or _language).text(context, source, n)


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    source_plural: str = ""
    translations: tuple[str, ...] = ()
    fuzzy: bool = False


class _Keep(dict):
    """format_map values: a missing parameter stays visible as {name} instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Catalogue:
    """One language's texts, by (context, English) and by code."""

    def __init__(self, language: str, entries: list[Entry], plural: Callable[[int], int]):
        self.language = language
        self.entries = {(e.context, e.source): e for e in entries}
        self.by_code = {e.context: e for e in entries if is_code(e.context)}
        self.plural = plural

    def _pick(self, entry: Entry, n: int | None) -> str:
        usable = [t for t in entry.translations if t] if not entry.fuzzy else []
        if self.language != SOURCE and usable:
            index = self.plural(n) if n is not None and len(entry.translations) > 1 else 0
            return entry.translations[min(index, len(entry.translations) - 1)] or usable[0]
        if entry.source_plural and n is not None and n != 1:
            return entry.source_plural
        return entry.source

    def text(self, context: str, source: str, n: int | None = None) -> str:
        entry = self.entries.get((context, source))
        if entry is None:
            return source
        return self._pick(entry, n)

    def template(self, code: str, n: int | None = None) -> str | None:
        entry = self.by_code.get(code)
        return None if entry is None else self._pick(entry, n)

    def render(self, code: str, params: Mapping[str, Any]) -> str:
        n = params.get("n")
        template = self.template(code, n if isinstance(n, int) else None)
        if template is None and self.language != SOURCE:
            template = catalogue(SOURCE).template(code)
        values = _Keep(
            (k, v.render(self.language) if isinstance(v, Message) else v) for k, v in params.items()
        )
        if template is None:  # a code no catalogue has: still say everything we know
            shown = ", ".join(f"{k}={v}" for k, v in values.items())
            return f"{code} ({shown})" if shown else code
        return template.format_map(values)


def is_code(context: str) -> bool:
    """Codes are dotted lower-case names; UI contexts are class names (SyncPage)."""
    return "." in context and context == context.lower()


def parameters(template: str) -> set[str]:
    """The {names} a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def catalogue_path(lang: str) -> Path:
    folder = resource_path("messages")
    return folder / ("messages.pot" if lang == SOURCE else f"{lang}.po")


@cache
def catalogue(lang: str) -> Catalogue:
    lang = lang if lang in LANGUAGES else SOURCE
    return read_catalogue(catalogue_path(lang), lang)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPED = re.compile(r"\\(.)")


def _unquote(quoted: str) -> str:
    """A PO string's text: quotes off, C escapes (\\n \\t \\" \\\\) undone."""
    text = quoted.strip()[1:-1]
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def read_catalogue(path: Path, lang: str) -> Catalogue:
    """Read a PO/POT file as Babel writes it (tools/update_translations.py).

    A small reader instead of babel.messages.pofile: the app needs only the entries, and importing
    Babel's reader costs a start-up ~90 ms. tests/test_messages.py checks both read the same."""
    entries: list[Entry] = []
    header: dict[str, str] = {}
    fields: dict[str, list[str]] = {}
    flags: set[str] = set()
    current: list[str] | None = None

    def finish() -> None:
        nonlocal fields, flags
        if "msgid" in fields:
            get = lambda key: "".join(fields.get(key, []))  # noqa: E731
            source = get("msgid")
            if source == "" and "msgctxt" not in fields:
                for line in get("msgstr").splitlines():
                    key, _, value = line.partition(":")
                    header[key.strip()] = value.strip()
            else:
                plural = sorted(k for k in fields if k.startswith("msgstr["))
                translations = tuple(get(k) for k in plural) if plural else (get("msgstr"),)
                entries.append(
                    Entry(
                        get("msgctxt"),
                        source,
                        get("msgid_plural"),
                        translations,
                        "fuzzy" in flags,
                    )
                )
        fields, flags = {}, set()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            current = None
        elif line.startswith("#,"):
            flags.update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if current is not None:
                current.append(_unquote(line))
        else:
            key, _, value = line.partition(" ")
            # entries without a blank line between them: a new msgctxt/msgid after a msgstr
            if key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in fields):
                finish()
            current = fields.setdefault(key, [])
            current.append(_unquote(value))
    finish()
    rule = header.get("Plural-Forms", "")
    expression = rule.partition("plural=")[2].rstrip(";").strip()
    plural = gettext.c2py(expression) if expression else (lambda n: int(n != 1))
    return Catalogue(lang, entries, plural)
