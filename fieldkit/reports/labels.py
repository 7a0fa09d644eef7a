"""The words of a printed report in English or Japanese, without Qt (reports run from the CLI).

Labels are looked up by their English text in the one message catalogue (fieldkit.core.messages,
msgctxt "Report"), so the report code reads as English; the Japanese is the wording expected on an
official record (面談記録, 日時, 先方, 期限, 頁 x / y), in the words of the
glossary (resources/messages/glossary.json, checked by tests/test_glossary.py). Names of
countries, policy fields, summits, schemes, DAC criteria and ratings come from the reference data
(``name_ja``); IATI activity status, which has none there, reads as the app's lists show it (the
catalogue's "Columns" words: 実施中, 完了 ...); DAC sectors print in English rather than in an
invented translation.

    t = labels("ja")
    t("Date")                        # "日時"
    t("{n} days", n=3)               # "3日"
    t.date(date(2026, 11, 27))       # "2026年11月27日"
"""

from __future__ import annotations

import locale
import os
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import cache

from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import catalogue, is_code
from fieldkit.core.reference import reference

LANGUAGES = ("en", "ja")

# The words live in the message catalogue (resources/messages), looked up by their English:
# msgctxt "Report" for labels, "ReportKind" for the documents' kinds (their title block and
# running title). A key that is a code (report.number_of_countries) is a message whose English
# differs from how the code reads.
CONTEXT = "Report"
KIND_CONTEXT = "ReportKind"
# Code lists without Japanese names in the reference data whose names the screens translate:
# a report uses the screens' words (the catalogue context they are under).
SCREEN_NAMES = {"activity_status": "Columns"}


def N_(text: str) -> str:  # noqa: N802 - gettext's name for a "no-op" marker
    """A label looked up later with ``t(...)``, marked so tools/update_translations.py finds it."""
    return text


_WEEKDAYS_JA = "月火水木金土日"
# Not strftime's %B: Qt sets the C locale from the environment, so %B could print "Januar".
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


class Labels:
    """The wording and formats of one report language; ``t("Date")`` is the label in it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.ja = lang == "ja"
        self._catalogue = catalogue(lang)
        # Japanese lists and brackets are full width.
        self.sep = "、" if self.ja else "; "
        self.comma = "、" if self.ja else ", "

    def __call__(self, key: str, /, **values) -> str:
        if is_code(key):
            return self._catalogue.render(key, values)
        text = self._catalogue.text(CONTEXT, key)
        return text.format(**values) if values else text

    # ---- dates and times ----

    def date(self, d: date | datetime | None, *, weekday: bool = False) -> str:
        """A date as prose: "27 November 2026" or "2026年11月27日"."""
        if d is None:
            return ""
        if self.ja:
            day = f"{d.year}年{d.month}月{d.day}日"
            return f"{day}（{_WEEKDAYS_JA[d.weekday()]}）" if weekday else day
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"

    def day(self, d: date | datetime | None) -> str:
        """A date in a table cell or short phrase, in the style of :meth:`date` (one style per
        language, never ISO beside written-out dates): "18 Feb 2027" in English (the month
        shortened, as the app's lists show it, to fit a narrow column), "2027年2月18日"."""
        if d is None:
            return ""
        return self.date(d) if self.ja else f"{d.day} {_MONTHS[d.month - 1][:3]} {d.year}"

    def stamp(self, at: datetime) -> str:
        """A moment (UTC) for reference lines and footers."""
        return f"{self.day(at)} {at:%H:%M}"

    def moment(self, at: datetime, zone: str | None) -> str:
        """A moment in the post's local time with its offset: "2 Dec 2026 13:46 (UTC+3)",
        "2026年12月2日 13:46（UTC+3）" (fieldkit.core.localtime; ``zone`` None: UTC)."""
        from fieldkit.core.localtime import local, offset_text

        there = local(at, zone)
        return f"{self.day(there)} {there:%H:%M}" + self(" ({text})", text=offset_text(there))

    def time_range(self, start: time | None, end: time | None) -> str:
        if start and end:
            return f"{start:%H:%M}–{end:%H:%M}" if not self.ja else f"{start:%H:%M}～{end:%H:%M}"
        if start:
            return f"{start:%H:%M}"
        return self("until {time}", time=f"{end:%H:%M}") if end else ""

    # ---- reference data ----

    def country(self, code: str | None) -> str:
        """ "Kenya (KE)" / "ケニア（KE）"."""
        if code not in reference().countries:
            return code or ""
        return self.name("countries", code) + self(" ({text})", text=code)

    def country_name(self, code: str | None) -> str:
        return reference().country_name(code, self.lang)

    def names(self, table: str, codes: Iterable[str]) -> str:
        return self.sep.join(self.name(table, c) for c in codes)

    def name(self, table: str, code: str | None) -> str:
        """One code's name in this language (English where neither the list nor the screens
        have a Japanese one)."""
        if not code:
            return ""
        item = getattr(reference(), table).get(code)
        if item is None:
            return code
        if self.ja and not item.name_ja and table in SCREEN_NAMES:
            return self._catalogue.text(SCREEN_NAMES[table], item.name)
        return item.label(self.lang)

    def rating(self, code: str | None) -> str:
        """ "B — Satisfactory" / "B（高い）"."""
        if code not in reference().ratings:
            return code or ""
        name = self.name("ratings", code)
        return code + (self(" ({text})", text=name) if self.ja else f" — {name}")

    def kind(self, kind_en: str) -> tuple[str, str]:
        """A document kind as (main line, the other language) for the bilingual title."""
        ja = catalogue("ja").text(KIND_CONTEXT, kind_en)
        return (ja, kind_en.upper()) if self.ja else (kind_en.upper(), ja)

    def title(self, kind_en: str, title: str = "") -> str:
        """The running title: "Record of conversation: <subject>" in this language."""
        kind = self._catalogue.text(KIND_CONTEXT, kind_en)
        return self("{kind}: {title}", kind=kind, title=title) if title else kind


def system_language() -> str:
    """``ja`` when the process locale is Japanese, else ``en`` (Qt-free, for the CLI)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    return "ja" if name.lower().startswith(("ja", "japanese")) else "en"


def report_language(store=None, lang: str | None = None) -> str:
    """The language of a report: ``lang`` if given, else the user's setting, else the system's."""
    if lang:
        if lang not in LANGUAGES:
            raise FieldKitError(f"unknown report language {lang!r}; choose en or ja")
        return lang
    setting = getattr(getattr(store, "settings", None), "language", "") if store else ""
    return setting if setting in LANGUAGES else system_language()


@cache
def labels(lang: str) -> Labels:
    if lang not in LANGUAGES:
        raise FieldKitError(f"unknown report language {lang!r}; choose en or ja")
    return Labels(lang)


def for_store(store, lang: str | None = None) -> Labels:
    """The labels of a report made from ``store``, in ``lang`` or the user's language."""
    return labels(report_language(store, lang))
