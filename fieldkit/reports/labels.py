"""The words of a printed report in English or Japanese, without Qt (reports run from the CLI).

Labels are looked up by their English text, so the report code reads as English; the Japanese is
the wording expected on an official record (面談記録, 日時, 相手方, 期限, 頁 x / y). Names of
countries, policy fields, summits, schemes, DAC criteria and ratings come from the reference data
(``name_ja``); a code list without Japanese names (DAC sectors, IATI activity status) prints in
English rather than in an invented translation.

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
from fieldkit.core.reference import reference

LANGUAGES = ("en", "ja")

# The documents: their kind in English -> in Japanese (title block, running title).
KINDS: dict[str, str] = {
    "Record of conversation": "面談記録",
    "Project monitoring visit report": "案件視察報告",
    "Period digest": "期間ダイジェスト",
    "Follow-up actions": "フォローアップ事項一覧",
    "Project status sheet": "案件進捗状況一覧",
}

# English label -> Japanese. Placeholders ({n}, {date}, ...) are filled after the look-up.
JA: dict[str, str] = {
    "{kind}: {title}": "{kind}：{title}",
    # every page
    "Page {page} of ": "頁 {page} / ",
    "Generated {at} UTC": "作成日時 {at} UTC",
    "Generated {at} UTC by {author}": "作成日時 {at} UTC　作成者 {author}",
    "Record {id}": "記録番号 {id}",
    "Record {id} · revision {revision} · last changed {at} UTC by {who}": (
        "記録番号 {id}・第{revision}版・最終更新 {at} UTC（{who}）"
    ),
    # shared pieces
    "None recorded.": "記載なし。",
    "Signature / date": "署名・日付",
    "(no caption)": "（説明なし）",
    "PHOTO MISSING": "写真を表示できません",
    "The attached file is not an image FieldKit can read.": (
        "添付ファイルはFieldKitで読み込める画像ではありません。"
    ),
    "{n} bytes": "{n} バイト",
    "until {time}": "{time}まで",
    "Name": "氏名",
    "Title": "役職",
    "Organisation": "所属",
    "Country": "国名",
    "Policy fields": "重点分野",
    "Status": "状況",
    "Photographs": "写真",
    "Other attachments": "その他の添付資料",
    "File": "ファイル",
    "Caption": "説明",
    "Type": "種類",
    "Size": "サイズ",
    "Action": "事項",
    "Owner": "担当",
    "Due": "期限",
    "open": "未了",
    "done": "完了",
    "dropped": "取りやめ",
    " — OVERDUE": "（期限超過）",
    # record of conversation
    "Date": "日時",
    "Time": "時間",
    "Place": "場所",
    "Instruments": "協力形態",
    "Summits / forums": "関連する首脳会議等",
    "Participants": "出席者",
    "Partner side": "相手方",
    "Our side": "当方",
    "Record of the discussion": "面談内容",
    "Key points": "要点",
    "Partner's requests": "相手方からの要望",
    "Our responses": "当方の応答",
    "Follow-up actions": "フォローアップ事項",
    "Drafting and distribution": "起案・配布",
    "Distribution": "配布先",
    "Drafted by": "起案者",
    "Approved by": "決裁者",
    # visit report
    "The visit": "視察の概要",
    "Date of visit": "視察日",
    "Site": "視察先",
    "Coordinates": "位置（緯度・経度）",
    "Visited by": "視察者",
    "Overall rating": "総合評価",
    "People met": "面会者",
    "The project": "案件の概要",
    "Project": "案件名",
    "Not linked to a project": "案件に紐付けられていません",
    "Project record {id} not found in this store": "案件記録 {id} はこのデータにありません",
    "Scheme": "スキーム",
    "IATI identifier": "IATI識別子",
    "Sector": "分野（DACセクター）",
    "Implementing partner": "実施機関",
    "Budget": "予算額",
    "Contract signed": "契約締結日",
    "Period": "期間",
    "Interim report": "中間報告書",
    "Completion report": "完了報告書",
    "Completion date": "完了日",
    "due {date}": "期限 {date}",
    ", received {date}": "、{date} 受領",
    " — OVERDUE by {n} days": "（{n}日超過）",
    ", not yet due": "（期限前）",
    "Reports from the grantee are overdue: see above.": (
        "被供与団体からの報告書が提出期限を過ぎています（上記参照）。"
    ),
    "Evaluation against the DAC criteria": "DAC評価基準に基づく評価",
    "Criterion": "評価項目",
    "Rating": "評価",
    "Note": "コメント",
    " … (continued below the table)": " …（表の下に続く）",
    "{name}: note": "{name}：コメント",
    "Observations": "視察結果",
    "Progress against the plan": "計画に対する進捗",
    "Use of facilities and equipment": "施設・機材の利用状況",
    "Findings": "所見",
    "Issues and risks": "課題・リスク",
    "Recommendations": "提言",
    "Sign-off": "署名",
    "Reported by": "報告者",
    "Reviewed by": "確認者",
    # digest
    "All countries": "全ての国",
    "Brief ahead of {summit} — {title}": "{summit}に向けた資料 — {title}",
    "Prepared for the period {period}": "対象期間：{period}",
    "{start} – {end}": "{start}～{end}",
    "from {date}": "{date}以降",
    "until {date}": "{date}まで",
    "all dates": "全期間",
    "Countries": "対象国",
    "All": "全て",
    "Summit / forum": "首脳会議等",
    "Any": "指定なし",
    "Summary": "概要",
    "No meetings or visits match this period and these filters. There is nothing to report.": (
        "この期間・条件に該当する面談・視察はありません。報告事項はありません。"
    ),
    "Meetings": "面談",
    "Monitoring visits": "案件視察",
    "not included (visits carry no policy field or summit)": (
        "対象外（視察記録には重点分野・首脳会議の区分がないため）"
    ),
    "Number of countries": "国数",
    "Open follow-ups": "未了のフォローアップ",
    "{open}, of which {late} overdue": "{open}件（うち期限超過 {late}件）",
    "Visit ratings": "視察の総合評価",
    "Markings": "秘密区分",
    "Meetings by policy field": "重点分野別の面談件数",
    "Meetings and visits by country": "国別の面談・視察件数",
    " (top 20 of {n})": "（上位20か国、全{n}か国）",
    "{label} ({n}), in date order": "{label}（{n}件、日付順）",
    "Partner: {names}": "相手方：{names}",
    "Requests": "要望",
    "Issues": "課題",
    "Our response": "当方の応答",
    "{label}: {text}": "{label}：{text}",
    "Overall {rating}": "総合評価 {rating}",
    "Visited by {names}": "視察者：{names}",
    " — due {date}": "（期限 {date}）",
    "  OVERDUE": "　期限超過",
    " ({text})": "（{text}）",
    # follow-up list
    "Open actions as of {date}": "{date}現在の未了事項",
    "Sorted by owner, then due date": "担当者別・期限順",
    "Open actions": "未了事項",
    "Overdue": "期限超過",
    "Owners": "担当者数",
    "Owner filter": "担当者の指定",
    "All owners": "全担当者",
    "There are no open follow-up actions.": "未了のフォローアップ事項はありません。",
    "(no owner)": "（担当者未定）",
    "{name} ({n})": "{name}（{n}件）",
    "From": "出典",
    "Overdue by": "超過日数",
    "{n} days": "{n}日",
    # project sheet
    "Projects as of {date}": "{date}現在の案件",
    "Projects with overdue interim or completion reports first": (
        "中間報告書・完了報告書の提出期限を過ぎた案件を先頭に表示"
    ),
    "Projects": "案件",
    "With overdue reports": "報告書の提出遅延",
    "There are no projects in this store.": "案件は登録されていません。",
    "received {date}": "{date} 受領",
    "OVERDUE {n} d": "{n}日超過",
    "never visited": "視察実績なし",
    "rating {rating}": "評価 {rating}",
    "Project / partner": "案件名・実施機関",
    "Contract": "契約締結日",
    "Latest visit": "直近の視察",
}

# Where the English wording differs from the key (a key shared with another meaning).
EN: dict[str, str] = {"Number of countries": "Countries"}

_WEEKDAYS_JA = "月火水木金土日"


class Labels:
    """The wording and formats of one report language; ``t("Date")`` is the label in it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.ja = lang == "ja"
        self._table = JA if self.ja else EN
        # Japanese lists and brackets are full width.
        self.sep = "、" if self.ja else "; "
        self.comma = "、" if self.ja else ", "

    def __call__(self, key: str, /, **values) -> str:
        text = self._table.get(key, key)
        return text.format(**values) if values else text

    # ---- dates and times ----

    def date(self, d: date | datetime | None, *, weekday: bool = False) -> str:
        """A date as prose: "27 November 2026" or "2026年11月27日"."""
        if d is None:
            return ""
        if self.ja:
            day = f"{d.year}年{d.month}月{d.day}日"
            return f"{day}（{_WEEKDAYS_JA[d.weekday()]}）" if weekday else day
        return f"{d.day} {d:%B %Y}"

    def day(self, d: date | datetime | None) -> str:
        """A date in a table cell: ISO in English (narrow columns), written out in Japanese."""
        if d is None:
            return ""
        return self.date(d) if self.ja else d.isoformat()

    def stamp(self, at: datetime) -> str:
        """A moment (UTC) for reference lines and footers."""
        return f"{self.date(at)} {at:%H:%M}" if self.ja else f"{at:%Y-%m-%d %H:%M}"

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
        ref = getattr(reference(), table)
        return self.sep.join(ref[c].label(self.lang) if c in ref else c for c in codes)

    def name(self, table: str, code: str | None) -> str:
        """One code's name in this language (English where the list has no Japanese)."""
        if not code:
            return ""
        item = getattr(reference(), table).get(code)
        return item.label(self.lang) if item else code

    def rating(self, code: str | None) -> str:
        """ "B — Satisfactory" / "B（高い）"."""
        if code not in reference().ratings:
            return code or ""
        name = self.name("ratings", code)
        return code + (self(" ({text})", text=name) if self.ja else f" — {name}")

    def kind(self, kind_en: str) -> tuple[str, str]:
        """A document kind as (main line, the other language) for the bilingual title."""
        ja = KINDS[kind_en]
        return (ja, kind_en.upper()) if self.ja else (kind_en.upper(), ja)

    def title(self, kind_en: str, title: str = "") -> str:
        """The running title: "Record of conversation: <subject>" in this language."""
        kind = KINDS[kind_en] if self.ja else kind_en
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
