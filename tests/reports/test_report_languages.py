"""Reports in English and Japanese: the label catalogue, the language choice, and the PDFs read back
(labels present and copyable, no missing glyphs, dates unbroken, nothing outside the page)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from translation_helpers import load_tool

from fieldkit.cli.main import main
from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import Entry, catalogue
from fieldkit.core.reference import reference
from fieldkit.core.settings import Settings, save_settings
from fieldkit.reports import (
    DigestQuery,
    digest_report,
    followups_report,
    meeting_report,
    projects_report,
    visit_report,
)
from fieldkit.reports.labels import CONTEXT, KIND_CONTEXT, labels, report_language
from fieldkit.reports.page import MARGIN_X

from .conftest import TODAY, page_count, pdf_pages_text, pypdf_text, squash


@pytest.fixture
def demo_store(store):
    from fieldkit.core import demo

    demo.generate(store, meetings=40, visits=10, projects=8, seed=3, today=TODAY)
    return store


def assert_japanese_pages(path: Path, marking: str) -> list[str]:
    """Every page: the marking bands as before, and the page number as 頁 i / n."""
    pages = pdf_pages_text(path)
    n = page_count(path)
    assert len(pages) == n
    for i, text in enumerate(pages, 1):
        assert text.count(marking) >= 2, f"page {i} lacks its marking"
        # poppler drops the spaces beside Japanese characters when it copies: "頁1/12"
        assert re.search(rf"頁\s*{i}\s*/\s*{n}(?!\d)", text), f"page {i} lacks its number"
        assert "作成者 test.user" in text and "作成日時" in text
        assert "Page " not in text and "Generated" not in text
    return pages


def words_outside_the_frame(path: Path) -> list[str]:
    """Words whose box leaves the area between the side margins (text overflowing a column at
    the table's edge, or a chart label running off the page)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", out).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    bad = []
    for page in ElementTree.fromstring(xhtml).iter("page"):
        width = float(page.get("width"))
        for word in page.iter("word"):
            x0, x1 = float(word.get("xMin")), float(word.get("xMax"))
            if x0 < MARGIN_X - 1 or x1 > width - MARGIN_X + 1:
                bad.append(f"{word.text!r} at {x0:.0f}-{x1:.0f} of {width:.0f}")
    return bad


def broken_dates(text: str) -> list[str]:
    """Japanese dates wrapped inside a table cell ("2026年4月1" at a line end, "日" below)."""
    return re.findall(r"\d{4}年\d{1,2}月\d{1,2}(?!\d|日)", text)


# ---- the catalogue --------------------------------------------------------------------------------


def test_every_label_the_reports_use_has_japanese():
    """The labels the report code looks up by a literal (t("...") and N_("...")), as the
    catalogue script extracts them, are all in the catalogue with Japanese."""
    keys = load_tool().report_labels()
    assert len(keys) > 100  # the extractor found the look-ups
    japanese = catalogue("ja")
    missing = sorted(
        k for k in keys if not japanese.entries.get((CONTEXT, k), Entry("", "")).translations
    )
    assert missing == [], missing
    for key in (
        "Date",
        "Partner side",
        "Follow-up actions",
        "Due",
        "Page {page} of ",
        "Drafted by",
    ):
        assert japanese.text(CONTEXT, key) != key


def test_japanese_wording_and_placeholders():
    t = labels("ja")
    assert t("Date") == "日時" and t("Partner side") == "先方" and t("Due") == "期限"
    assert t("Follow-up actions") == "フォローアップ事項"
    assert t("Page {page} of ", page=3) == "頁 3 / "
    assert t.kind("Record of conversation") == ("面談記録", "RECORD OF CONVERSATION")
    assert t.kind("Project monitoring visit report")[0] == "案件視察報告"
    assert t.date(date(2026, 11, 27)) == "2026年11月27日"
    assert t.date(date(2026, 11, 27), weekday=True) == "2026年11月27日（金）"
    assert t.country("KE") == "ケニア（KE）" and t.rating("B") == "B（高い）"
    assert t.names("policy_fields", ["digital"]) == "デジタル"
    # IATI activity status has no Japanese in the reference data: the app's list words (#16).
    assert t.name("activity_status", "2") == "実施中"
    assert t("report.number_of_countries") == "国数"
    en = labels("en")
    assert en("Date") == "Date" and en("report.number_of_countries") == "Countries"
    assert en.kind("Follow-up actions") == ("FOLLOW-UP ACTIONS", "フォローアップ事項一覧")
    assert en.date(date(2026, 11, 27)) == "27 November 2026"
    # (every placeholder of a label is in its Japanese text: tests/test_messages.py)


def test_every_japanese_character_has_a_glyph():
    """No tofu: each character of the catalogue and of the reference names reports print is in
    DejaVu Sans or IPAexGothic (the fonts the reports embed)."""
    from fieldkit.reports.fonts import GOTHIC, SANS, _charmap, register_fonts

    register_fonts()
    drawable = _charmap(SANS) | _charmap(GOTHIC)
    ref = reference()
    texts = [
        text
        for e in catalogue("ja").entries.values()
        if e.context in (CONTEXT, KIND_CONTEXT) or e.context.startswith("report.")
        for text in e.translations
    ]
    for table in ("countries", "policy_fields", "instruments", "summits", "schemes",
                  "dac_criteria", "ratings", "classifications", "caveats"):  # fmt: skip
        texts += [c.name_ja for c in getattr(ref, table).values()]
    missing = {ch for text in texts for ch in text if ord(ch) not in drawable and ch != "\n"}
    assert missing == set(), missing


def test_language_choice(store, data_dir, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert report_language(store) == "en"
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    assert report_language(store) == "ja"  # setting "" follows the system
    store.settings = Settings(language="en")
    assert report_language(store) == "en"
    assert report_language(store, "ja") == "ja"  # an explicit choice wins
    with pytest.raises(FieldKitError, match="unknown report language 'fr'"):
        report_language(store, "fr")


# ---- the documents --------------------------------------------------------------------------------


def test_japanese_meeting_record(store, full_meeting, tmp_path):
    out = tmp_path / "meeting-ja.pdf"
    meeting_report(store, full_meeting.id, out, today=TODAY, lang="ja")
    pages = assert_japanese_pages(out, "CONFIDENTIAL")
    assert "秘" in pages[0]  # the marking bands are bilingual, as before
    for text in (pdf_pages_text(out)[0], pypdf_text(out)):  # poppler and pypdf both copy it
        flat = squash(text)
        for value in [
            "面談記録", "RECORDOFCONVERSATION", "日時", "2026年3月2日（月）10:00～11:30", "場所",
            "ケニア（KE）", "重点分野", "グリーン・トランスフォーメーション（GX・脱炭素）", "円借款",
            "出席者", "先方", "当方", "氏名", "役職", "所属", "面談内容", "要点", "やりとり",
            "先方（要望）", "フォローアップ事項", "事項", "担当", "期限", "状況", "2026年4月1日",
            "未了（期限超過）", "起案者", "決裁者", "署名・日付", "未決裁",
            "Ambassador Tanaka Hiroshi", "記録番号", full_meeting.id,
        ]:  # fmt: skip
            assert squash(value) in flat, value
    # The approval block heads page 1 (#14), so the distribution may follow on page 2.
    every_page = squash("".join(pdf_pages_text(out)))
    assert squash("起案・配布") in every_page and squash("配布先") in every_page
    text = pypdf_text(out)
    for english in ("Participants", "Key points", "Follow-up actions", "Drafted by", "Country"):
        assert english not in text
    assert broken_dates(pdf_pages_text(out)[0]) == []
    assert words_outside_the_frame(out) == []


def test_japanese_visit_report(store, full_visit, tmp_path):
    out = tmp_path / "visit-ja.pdf"
    result = visit_report(store, full_visit.id, out, today=TODAY, lang="ja")
    assert_japanese_pages(out, "FOR OFFICIAL USE ONLY")
    flat = squash(pypdf_text(out))
    for value in [
        "案件視察報告", "視察の概要", "視察日", "2026年5月20日", "視察先", "総合評価", "B（高い）",
        "面会者", "案件の概要", "草の根・人間の安全保障無償資金協力", "実施機関", "予算額",
        "980万円", "契約締結日", "2025年1月15日", "中間報告書", "期限2025年7月15日（321日超過）",
        "DAC評価項目に基づく評価", "評価項目", "妥当性", "③高い", "持続性", "①低い",
        "視察結果", "計画に対する進捗", "施設・機材の利用状況", "所見", "課題・リスク", "提言",
        "写真", "Captionnumber0", "報告者", "決裁者", "被供与団体からの報告書が提出期限を過ぎています",
    ]:  # fmt: skip
        assert squash(value) in flat, value
    assert result.pages == page_count(out)
    assert words_outside_the_frame(out) == []


def test_japanese_digest_lists_and_sheet(demo_store, tmp_path):
    digest = tmp_path / "digest-ja.pdf"
    result = digest_report(
        demo_store, DigestQuery(date(2025, 1, 1), date(2026, 6, 1)), digest, today=TODAY, lang="ja"
    )
    pages = assert_japanese_pages(digest, "CONFIDENTIAL")
    flat = squash("".join(pages))
    for value in ["期間ダイジェスト", "対象期間", "2025年1月1日～2026年6月1日", "概要", "面談",
                  "未了のフォローアップ", "重点分野別の面談件数", "国別の面談・視察件数",
                  "日付順", "要点："]:  # fmt: skip
        assert squash(value) in flat, value
    assert result.pages > 3
    followups = tmp_path / "followups-ja.pdf"
    result = followups_report(demo_store, followups, today=TODAY, lang="ja")
    flat = squash(pypdf_text(followups))
    for value in [
        "フォローアップ事項一覧",
        "2026年6月1日現在の未了事項",
        "期限",
        "出典",
        "超過日数",
    ]:
        assert value in flat, value
    sheet = tmp_path / "projects-ja.pdf"
    projects_report(demo_store, sheet, today=TODAY, lang="ja")
    flat = squash(pypdf_text(sheet))
    for value in ["案件進捗状況一覧", "案件名・実施機関", "スキーム", "中間報告書", "直近の視察"]:
        assert value in flat, value
    for path in (digest, followups, sheet):
        assert broken_dates("\n".join(pdf_pages_text(path))) == [], path.name
        assert words_outside_the_frame(path) == [], path.name


def test_english_reports_stay_inside_the_frame(demo_store, tmp_path):
    digest = tmp_path / "digest-en.pdf"
    digest_report(demo_store, DigestQuery(date(2025, 1, 1), date(2026, 6, 1)), digest,
                  today=TODAY, lang="en")  # fmt: skip
    sheet = tmp_path / "projects-en.pdf"
    projects_report(demo_store, sheet, today=TODAY, lang="en")
    for path in (digest, sheet):
        assert words_outside_the_frame(path) == [], path.name
        assert "頁" not in pypdf_text(path)


def test_the_language_setting_and_the_cli_flag(data_dir, tmp_path, capsys):
    from fieldkit.core.models import Meeting
    from fieldkit.core.store import Store

    with Store.open(data_dir) as s:
        m = s.create(Meeting(subject="Digital ID dialogue", date=date(2026, 2, 3), country="KE"))
    save_settings(data_dir, Settings(language="ja"))
    out = tmp_path / "m.pdf"
    assert main(["--data-dir", str(data_dir), "report", "meeting", m.id, "-o", str(out)]) == 0
    assert "面談記録" in pypdf_text(out) and "2026年2月3日" in pypdf_text(out)
    assert main(["--data-dir", str(data_dir), "report", "meeting", m.id, "--lang", "en",
                 "-o", str(out)]) == 0  # fmt: skip
    text = pypdf_text(out)
    assert "Participants" in text and "3 February 2026" in text and "日時" not in text
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", str(data_dir), "report", "digest", "--from", "2026-01-01",
              "--to", "2026-02-01", "--lang", "fr", "-o", str(out)])  # fmt: skip
    assert exc.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_arabic_name_needs_no_glyph_the_font_lacks():
    """ "عبد الله" used to become the ligature ﷲ, which DejaVu Sans lacks: a box on paper."""
    from fieldkit.reports.fonts import _charmap, register_fonts
    from fieldkit.reports.text import wrap_lines

    register_fonts()
    for line in wrap_lines("Partner: محمد عبد الله, Deputy Minister", 400, 8):
        for run, font in line.runs:
            assert all(ord(ch) in _charmap(font) for ch in run), run


def test_japanese_reports_are_set_in_the_japanese_font():
    from fieldkit.reports.fonts import GOTHIC, SANS, font_runs, japanese_first, register_fonts

    register_fonts()
    assert font_runs("Ministry of Energy 2026年3月") == [
        ("Ministry of Energy 2026", SANS), ("年3月", GOTHIC)
    ]  # fmt: skip
    with japanese_first():
        assert font_runs("Ministry of Energy 2026年3月") == [
            ("Ministry of Energy 2026年3月", GOTHIC)
        ]
        # What IPAexGothic lacks still comes from DejaVu Sans.
        assert [f for _, f in font_runs("相手方：ﻣﺤﻤﺪ")] == [GOTHIC, SANS]
    assert font_runs("Ministry") == [("Ministry", SANS)]  # only inside the block


def test_japanese_dates_and_closing_brackets_are_never_split():
    from fieldkit.reports.fonts import japanese_first
    from fieldkit.reports.text import wrap_lines

    with japanese_first():
        for width in range(80, 200, 7):  # "2025年12月13日）" is about 72 points
            lines = wrap_lines(
                "対応事項（期限 2025年12月13日）Renewable Energy）・重要鉱物", width, 8
            )
            shown = ["".join(run for run, _ in line.runs) for line in lines]
            assert any("2025年12月13日" in s for s in shown), (width, shown)
            assert not any(s.startswith(("）", "・", "、")) for s in shown), (width, shown)
