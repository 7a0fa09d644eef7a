"""Japanese as an official writes it (issue #16), read back from the PDFs: amounts in 万円 / 億円,
other currencies by code, IATI activity status names as the app shows them, the glossary's words,
and moments in the post's local time with the offset."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from fieldkit.core.amounts import format_amount, yen_ja
from fieldkit.core.localtime import local, offset_text, report_zone, zone_for_country
from fieldkit.core.models import FollowUp, Meeting, Project
from fieldkit.reports import DigestQuery, digest_report, followups_report, projects_report
from fieldkit.reports.labels import labels

from .conftest import pdf_pages_text, squash

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "text"),
    [
        (Decimal("59900000"), "JPY", "ja", "5,990万円"),
        (Decimal("120000000"), "JPY", "ja", "1億2,000万円"),
        (Decimal("100000000"), "JPY", "ja", "1億円"),
        (Decimal("59912345"), "JPY", "ja", "5,991万2,345円"),
        (Decimal("9800"), "JPY", "ja", "9,800円"),
        (Decimal("1200000000000"), "JPY", "ja", "1兆2,000億円"),
        (Decimal("-50000"), "jpy", "ja", "-5万円"),
        (Decimal("12000"), "USD", "ja", "USD 12,000"),
        (Decimal("12000.5"), "EUR", "ja", "EUR 12,000.50"),
        (Decimal("59900000"), "JPY", "en", "JPY 59,900,000"),
        (None, "JPY", "ja", ""),
    ],
)
def test_amounts(amount, currency, lang, text):
    assert format_amount(amount, currency, lang) == text


def test_yen_rounds_to_whole_yen():
    assert yen_ja(Decimal("10000.6")) == "1万1円"
    assert yen_ja(0) == "0円"


def test_moments_in_the_posts_time():
    at = datetime(2026, 12, 2, 10, 46, tzinfo=UTC)
    assert zone_for_country("KE") == "Africa/Nairobi" and zone_for_country("ke") == "Africa/Nairobi"
    assert zone_for_country("XK") and zone_for_country("ZZ") is None
    assert local(at, "Africa/Nairobi").hour == 13
    assert offset_text(local(at, "Asia/Kolkata")) == "UTC+5:30"
    assert offset_text(local(at, zone_for_country("BR"))) == "UTC-3"
    assert offset_text(local(at, None)) == "UTC" and local(at, "Nowhere/Atlantis").hour == 10
    assert labels("ja").moment(at, "Africa/Nairobi") == "2026年12月2日 13:46（UTC+3）"
    assert labels("en").moment(at, "Africa/Nairobi") == "2 Dec 2026 13:46 (UTC+3)"


@pytest.fixture
def post(store):
    """A post in Kenya: its projects in yen and dollars, one meeting tagged with TICAD 9."""
    store.create(Project(title="Kitui school boreholes", country="KE", scheme="grassroots",
                         budget=Decimal("59900000"), currency="JPY", status="2",
                         classification="UNCLASSIFIED"))  # fmt: skip
    store.create(Project(title="Mombasa port logistics", country="KE", scheme="other",
                         budget=Decimal("120000000"), currency="JPY", status="3",
                         classification="UNCLASSIFIED"))  # fmt: skip
    store.create(Project(title="Nairobi clinic solar", country="KE", scheme="other",
                         budget=Decimal("12000"), currency="USD", status="5",
                         classification="UNCLASSIFIED"))  # fmt: skip
    m = store.create(
        Meeting(subject="Geothermal dialogue", date=date(2026, 5, 12), start_time=time(9, 30),
                country="KE", summits=["ticad9"], instruments=["oda_loan"],
                classification="UNCLASSIFIED")
    )  # fmt: skip
    store.create(
        FollowUp(parent_id=m.id, text="Send the study", owner="Ito", due=date(2026, 5, 20))
    )
    return store


def test_project_sheet_in_japanese(post, tmp_path):
    out = tmp_path / "projects-ja.pdf"
    before = datetime.now(UTC)
    projects_report(post, out, today=TODAY, lang="ja")
    after = datetime.now(UTC)
    pages = pdf_pages_text(out)
    text = squash("".join(pages))
    assert "5,990万円" in text and "1億2,000万円" in text and "USD12,000" in text
    assert "JPY" not in text and "59,900,000" not in text
    # IATI activity status as the app's list shows it (not the codelist's English).
    assert "実施中" in text and "完了" in text and "中止" in text
    assert "Implementation" not in text and "Cancelled" not in text
    # The footer: generated in Nairobi time (the post's country), with the offset.
    stamps = {squash(labels("ja").moment(t, "Africa/Nairobi")) for t in (before, after)}
    assert any(s in text for s in stamps), stamps
    assert "（UTC+3）" in text and "UTC作成者" not in text


def test_english_project_sheet_keeps_codes(post, tmp_path):
    out = tmp_path / "projects-en.pdf"
    projects_report(post, out, today=TODAY, lang="en")
    text = squash("".join(pdf_pages_text(out)))
    assert "JPY59,900,000" in text and "JPY120,000,000" in text and "Implementation" in text
    assert "(UTC+3)" in text


def test_digest_and_followups_use_the_glossary(post, tmp_path):
    out = tmp_path / "digest.pdf"
    digest_report(post, DigestQuery(date(2026, 5, 1), date(2026, 5, 31), summit="ticad9"), out,
                  lang="ja")  # fmt: skip
    text = squash("".join(pdf_pages_text(out)))
    assert "首脳会議・フォーラム" in text and "首脳会議等" not in text
    assert "協力形態" not in text
    out = tmp_path / "followups.pdf"
    followups_report(post, out, today=TODAY, lang="ja")
    text = squash("".join(pdf_pages_text(out)))
    assert "対応事項" in text and "期限" in text and "取扱区分" in text


def test_report_zone_follows_the_country_then_the_store(post):
    assert report_zone(post, ("TZ",)) == "Africa/Dar_es_Salaam"
    assert report_zone(post) == "Africa/Nairobi"  # most of its meetings are in Kenya
    assert report_zone(post, ("KE", "TZ")) == "Africa/Nairobi"
    assert re.fullmatch(r"\w+/\w+", report_zone(None, ("JP",)) or "")
    assert report_zone(object()) is None  # HQ's print source has no laptop store: UTC


def test_the_posts_zone_comes_first(store, monkeypatch):
    """A record written at the post in India about a meeting in Kenya: India's time; a record
    whose post is free text (older laptops): its country's."""
    from fieldkit.core.localtime import post_zone, record_zone

    at_delhi = Meeting(subject="x", date=date(2026, 5, 1), country="KE", post="emb-in")
    assert record_zone(at_delhi) == "Asia/Kolkata"
    typed = Meeting(subject="x", date=date(2026, 5, 1), country="KE", post="Our embassy")
    assert record_zone(typed) == "Africa/Nairobi"
    monkeypatch.delenv("FIELDKIT_POST", raising=False)  # the tests' post is a typed name
    store.settings.post = "emb-in"
    assert post_zone(store) == "Asia/Kolkata"
    assert post_zone(object()) is None
