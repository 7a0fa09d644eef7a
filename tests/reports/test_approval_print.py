"""Printing follows the approval: DRAFT / 案 on every page until approval, the approval block
(決裁欄) on page 1 saying who approved and when, amendments marked. PDFs are read back (pypdf
for the diagonal watermark, pdftotext for the rest) and rendered (pdftoppm) to see the mark."""

from __future__ import annotations

from datetime import date

import pytest

from fieldkit.core import approval
from fieldkit.core.models import Meeting, Visit, parse_record
from fieldkit.reports import meeting_report, visit_report

from .conftest import pdf_pages_text, render_pages, squash

LONG = "\n\n".join(
    f"Paragraph {i}: " + "Geothermal steam field development. " * 25 for i in range(40)
)


def page_texts(path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]


def red_tint(img) -> int:
    """Pixels of the pale red watermark in the middle of a page (nothing else there is red)."""
    w, h = img.size
    box = img.crop((w // 4, h // 3, 3 * w // 4, 2 * h // 3))
    return sum(1 for r, g, b in box.get_flattened_data() if r > 200 and r - g > 12 and r - b > 10)


@pytest.fixture
def long_meeting(store):
    return store.create(
        Meeting(
            subject="GX dialogue",
            date=date(2026, 3, 2),
            country="KE",
            key_points=LONG,
            drafter="Sato Yuki",
            approver="Tanaka Ken",
        )  # fmt: skip
    )


def test_watermark_on_every_page_exactly_until_approval(store, long_meeting, monkeypatch, tmp_path):
    draft = tmp_path / "draft.pdf"
    meeting_report(store, long_meeting.id, draft)
    texts = page_texts(draft)
    assert len(texts) >= 3
    assert all("DRAFT" in t and "案" in t for t in texts)
    pages = pdf_pages_text(draft)
    assert "Not yet approved" in pages[0] and "Not yet approved" not in "".join(pages[1:])
    assert "Tanaka Ken" in pages[0] and "Signature / date" not in "".join(pages[1:])
    assert "Approver" in pages[0] and "Approved by" not in pages[0]  # nobody approved yet
    assert all(red_tint(img) > 50 for img in render_pages(draft, tmp_path))

    approval.submit(store, long_meeting.id)
    submitted = tmp_path / "submitted.pdf"
    meeting_report(store, long_meeting.id, submitted)
    assert all("DRAFT" in t for t in page_texts(submitted))

    monkeypatch.setenv("FIELDKIT_USER", "Tanaka Ken")
    rec = approval.approve(store, long_meeting.id)
    done = tmp_path / "approved.pdf"
    meeting_report(store, long_meeting.id, done)
    assert not any("DRAFT" in t or "案" in t for t in page_texts(done))
    pages = pdf_pages_text(done)
    from fieldkit.core.localtime import local, record_zone

    stamp = f"{local(rec.approval.approved_at, record_zone(rec)):%H:%M}"  # the post's time
    assert "Not yet approved" not in "".join(pages)
    assert "Approved by" in pages[0] and stamp in pages[0] and "Tanaka Ken" in pages[0]
    assert not any(red_tint(img) > 50 for img in render_pages(done, tmp_path))

    approval.amend(store, long_meeting.id)
    amended = tmp_path / "amended.pdf"
    meeting_report(store, long_meeting.id, amended)
    assert all("DRAFT" in t for t in page_texts(amended))
    assert "Amendment 1" in pdf_pages_text(amended)[0]


def test_japanese_block_says_not_yet_approved(store, long_meeting, tmp_path):
    out = tmp_path / "ja.pdf"
    meeting_report(store, long_meeting.id, out, lang="ja")
    first = squash(pdf_pages_text(out)[0])
    assert "決裁" in first and "未決裁" in first and "起案者" in first and "決裁者" in first
    assert all("案" in t for t in page_texts(out))


def test_short_record_has_block_on_its_only_page(store, tmp_path):
    m = store.create(Meeting(subject="Short", date=date(2026, 3, 2), country="KE",
                             approver="Tanaka Ken"))  # fmt: skip
    out = tmp_path / "short.pdf"
    meeting_report(store, m.id, out)
    assert len(page_texts(out)) == 1  # the signature boxes no longer spill onto a page 2


def test_filed_record_prints_without_draft_mark(store, tmp_path):
    old = parse_record({"kind": "visit", "date": "2025-05-01", "country": "KE", "revision": 2,
                        "created_at": "2025-05-02T08:00:00Z", "visitors": ["Ito Daisuke"]})  # fmt: skip
    store.import_records([old])
    out = tmp_path / "filed.pdf"
    visit_report(store, old.id, out)
    assert not any("DRAFT" in t for t in page_texts(out))
    assert "Filed before FieldKit recorded approvals" in squash_keep(pdf_pages_text(out)[0])


def test_visit_draft_has_block_on_page_one(store, tmp_path):
    v = store.create(Visit(date=date(2026, 3, 3), country="KE", visitors=["Ito Daisuke"],
                           approver="Tanaka Ken", findings=LONG))  # fmt: skip
    out = tmp_path / "visit.pdf"
    visit_report(store, v.id, out)
    pages = pdf_pages_text(out)
    assert "Reported by" in pages[0] and "Ito Daisuke" in pages[0] and "Tanaka Ken" in pages[0]
    assert "Signature / date" not in "".join(pages[1:])
    assert all("DRAFT" in t for t in page_texts(out))


def squash_keep(text: str) -> str:
    return " ".join(text.split())
