"""English and Japanese for the console: a Babel catalogue (``translations/ja/LC_MESSAGES/
console.po``) read at start-up, used by Jinja2's i18n extension (``_("...")`` in templates).

The source texts are English. ``pybabel extract -F babel.cfg`` finds them (``_()`` calls in
templates and here), so the catalogue can be merged into the project's shared one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

HERE = Path(__file__).parent
LANGS = ("en", "ja")


@cache
def _catalogue(lang: str) -> dict[str, str]:
    path = HERE / "translations" / lang / "LC_MESSAGES" / "console.po"
    if lang == "en" or not path.is_file():
        return {}
    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy}


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
