"""The user interface language, and dates and numbers in the user's locale.

Translations are Qt ``.qm`` files in ``resources/translations``: every ``*_<lang>.qm`` there is
loaded, so each part of the app (shell, editors, printing, ...) can ship its own file. The
language follows the system locale unless the user picked one in Settings; switching installs the
new translators, and Qt sends every widget a ``LanguageChange`` event so it can retranslate.

    i18n.apply_language("ja")          # from the settings dialog
    i18n.format_date(date(2026, 3, 2)) # "2026/03/02" in Japanese, "2 Mar 2026" in English
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from fieldkit.core import messages
from fieldkit.core.resources import resource_path

SUPPORTED = ("en", "ja")

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
    """Qt's own strings first (standard buttons, file and print dialogs), then FieldKit's."""
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    files = [str(p) for p in (qt_folder / f"qtbase_{lang}.qm",) if p.is_file()]
    folder = resource_path("translations")
    if folder.is_dir():
        files += sorted(str(p) for p in folder.glob(f"*_{lang}.qm"))
    return files


def apply_language(setting: str) -> str:
    """Install the translators for ``setting`` ("", "en" or "ja"); returns the language used."""
    global _language
    lang = resolve(setting)
    app = QCoreApplication.instance()
    for old in _translators:
        if app is not None:
            app.removeTranslator(old)
    _translators.clear()
    if lang != "en":
        for path in translation_files(lang):
            translator = QTranslator()
            if translator.load(path):
                _translators.append(translator)
                if app is not None:
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


def known_text(
    context: str,
    text: str,
    fixed: frozenset[str],
    patterns: tuple,
    values: Callable[[dict[str, str]], dict[str, str]] | None = None,
) -> str:
    """Text the core wrote in English (a refusal, a skip reason), in the user's language when
    its words are known: exactly one of ``fixed``, or matching one of ``patterns`` (compiled
    regex, template with ``{name}`` for each named group; ``values`` may rework the groups).
    Anything else is returned as it is, never half-translated."""
    if text in fixed:
        return QCoreApplication.translate(context, text)
    for pattern, template in patterns:
        found = pattern.fullmatch(text)
        if found:
            groups = found.groupdict()
            if values is not None:
                groups = values(groups)
            return QCoreApplication.translate(context, template).format(**groups)
    return text
