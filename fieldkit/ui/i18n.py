"""The user interface language, and dates and numbers in the user's locale.

FieldKit's words come from the one message catalogue per language that every layer shares
(fieldkit.core.messages, ``resources/messages``): a :class:`CatalogueTranslator` serves it to Qt,
so ``self.tr(...)`` and ``QCoreApplication.translate(...)`` find the UI's texts there, under their
Qt context; :func:`tr` is the same look-up for code that is not a QObject. Qt's own strings
(standard buttons, file and print dialogs) still come from Qt's catalogue (qtbase_<lang>.qm).
The language follows the system locale unless the user picked one in Settings; switching
installs the new translators, and Qt sends every widget a ``LanguageChange`` event: a widget
using :class:`Retranslating` then runs its ``retranslate()``.

    i18n.apply_language("ja")          # from the settings dialog
    i18n.tr("SyncPage", "Sync now")    # "今すぐ同期" in Japanese
    i18n.format_date(date(2026, 3, 2)) # "2026/03/02" in Japanese, "2 Mar 2026" in English
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from fieldkit.core import messages

SUPPORTED = messages.LANGUAGES

_translators: list[QTranslator] = []
_language = "en"


def system_language() -> str:
    """``ja`` if the system locale is Japanese, else ``en`` (the only languages shipped)."""
    return "ja" if QLocale.system().language() == QLocale.Language.Japanese else "en"


def resolve(setting: str) -> str:
    """The language to use for a settings value ("" follows the system)."""
    return setting if setting in SUPPORTED else system_language()


def current_language() -> str:
    return _language


def locale() -> QLocale:
    """The locale for dates and numbers: the system's when it matches the language."""
    system = QLocale.system()
    if _language == "ja":
        return QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)
    if system.language() == QLocale.Language.English:
        return system
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def translation_files(lang: str) -> list[str]:
    """Qt's own catalogue for ``lang`` (standard buttons, file and print dialogs)."""
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [str(p) for p in (qt_folder / f"qtbase_{lang}.qm",) if p.is_file()]


class CatalogueTranslator(QTranslator):
    """FieldKit's catalogue for one language, answering Qt's look-ups by (context, English).

    A text the catalogue lacks (or has only fuzzy) is left to the next translator, then to the
    English in the code. Qt fills in ``%n`` after the look-up."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.catalogue = messages.catalogue(lang)

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's API
        entry = self.catalogue.entries.get((context, source))
        if entry is None or entry.fuzzy or not any(entry.translations):
            return None
        return self.catalogue.text(context, source, n if n >= 0 else None)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override: installing an empty one does nothing
        return not self.catalogue.entries

    def language(self) -> str:
        return self.lang


def tr(context: str, text: str, n: int | None = None) -> str:
    """``text`` (English, from the UI's ``context``) in the interface language."""
    found = messages.text(context, text, _language, n)
    return found.replace("%n", str(n)) if n is not None else found


class Retranslating:
    """A widget whose words follow the interface language: on Qt's ``LanguageChange`` it runs
    ``retranslate()``. ``built_when`` names an attribute that exists once the widget is built
    (Qt may send the event while the constructor still runs); None: always."""

    built_when: str | None = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and (
            self.built_when is None or hasattr(self, self.built_when)
        ):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError


def apply_language(setting: str) -> str:
    """Install the translators for ``setting`` ("", "en" or "ja"); returns the language used."""
    global _language
    lang = resolve(setting)
    app = QCoreApplication.instance()
    for old in _translators:
        if app is not None:
            app.removeTranslator(old)
    _translators.clear()
    if lang != messages.SOURCE:
        for path in translation_files(lang):
            translator = QTranslator()
            if translator.load(path):
                _translators.append(translator)
        _translators.append(CatalogueTranslator(lang))  # installed last: asked first
        if app is not None:
            for translator in _translators:
                app.installTranslator(translator)
    _language = lang
    messages.set_language(lang)  # coded messages from every layer follow the same choice
    QLocale.setDefault(locale())
    return lang


def format_date(
    value: date | datetime | str | None, *, long: bool = False, time: bool = False
) -> str:
    """A date for people, in the user's locale ("" for none; unparseable text is shown as is).

    A timestamp shows its local date, and its time too with ``time=True``.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = (
                datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value[:10])
            )
        except ValueError:
            return value
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    loc = locale()
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo else value
        if not time:
            return format_date(local.date(), long=long)
        qdt = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        return loc.toString(qdt, "yyyy/MM/dd HH:mm" if _language == "ja" else "d MMM yyyy HH:mm")
    qd = QDate(value.year, value.month, value.day)
    if not long:
        # The locale's short format uses two-digit years in English; spell the year in full.
        return loc.toString(qd, "yyyy/MM/dd" if _language == "ja" else "d MMM yyyy")
    return loc.toString(qd, fmt)


def format_month(year: int, month: int) -> str:
    loc = locale()
    return loc.toString(QDate(year, month, 1), "yyyy年M月" if _language == "ja" else "MMM yyyy")


def format_number(value: int | float) -> str:
    loc = locale()
    if isinstance(value, int):
        return loc.toString(value)
    return loc.toString(float(value), "f", 2)


def label(code_obj, fallback: str = "") -> str:
    """A reference code's name in the current language."""
    return code_obj.label(_language) if code_obj is not None else fallback
