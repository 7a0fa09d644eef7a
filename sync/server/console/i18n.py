"""English and Japanese for the console, from the project's one catalogue per language
(resources/messages, msgctxt "Console"; fieldkit.core.messages), used by Jinja2's i18n extension
(``_("...")`` in templates). tools/update_translations.py extracts the texts the templates and
modules ask for.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fieldkit.core import messages

HERE = Path(__file__).parent
LANGS = ("en", "ja")


CONTEXT = "Console"


@cache
def _catalogue(lang: str) -> dict[str, str]:
    if lang == messages.SOURCE or lang not in messages.LANGUAGES:
        return {}
    entries = messages.catalogue(lang).entries.values()
    return {
        e.source: e.translations[0]
        for e in entries
        if e.context == CONTEXT and not e.fuzzy and e.translations and e.translations[0]
    }


def gettext(lang: str):
    table = _catalogue(lang if lang in LANGS else "en")

    def _(message: str, **values) -> str:
        text = table.get(message, message)
        return text % values if values else text

    return _


def ngettext(lang: str):
    _ = gettext(lang)

    def n_(singular: str, plural: str, count: int, /, **values) -> str:
        values.setdefault("n", count)
        return _(singular if count == 1 else plural, **values)

    return n_
