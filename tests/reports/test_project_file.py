"""The project monitoring file (#15): read back in English and Japanese, marking on every page."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal

import pytest

from fieldkit.core.attachments import add_attachment
from fieldkit.core.models import (
    ChecklistItem,
    CriterionRating,
    FollowUp,
    PostCompletionChecklist,
    Project,
    Quote,
    Visit,
)
from fieldkit.reports.project_file import project_file_report

from .conftest import pdf_pages_text, photo_file, render_pages, squash

TODAY = date(2027, 6, 1)


@pytest.fixture
def ggp(store, tmp_path):
    p = store.create(
        Project(
            title="Classrooms for Kisumu primary school",
            country="KE",
            scheme="grassroots",
            application_received=date(2024, 10, 1),
            hq_approval_date=date(2025, 2, 1),
            contract_number="GGP-KE-2025-07",
            contract_date=date(2025, 3, 1),
            contract_amount=Decimal("9800000"),
            contract_currency="JPY",
            start_date=date(2025, 3, 15),
            end_date=date(2026, 3, 14),
            quotes=[
                Quote(supplier="Nyanza Builders", received_on=date(2025, 3, 20), selected=True)
            ],
            interim_report_due=date(2025, 9, 30),
            interim_report_received=date(2025, 10, 12),
            completion_report_due=date(2026, 4, 30),
            completion_date=date(2026, 3, 20),
            handover_date=date(2026, 3, 20),
        )
    )
    visits = [
        Visit(project_id=p.id, visit_type="pre_approval", date=date(2024, 11, 5), country="KE",
              title="Site survey", applicant_capacity="The school board keeps audited accounts."),
        Visit(project_id=p.id, visit_type="interim", date=date(2025, 10, 20), country="KE",
              title="Interim check", progress="Walls up; roof next.", classification="CONFIDENTIAL",
              caveats=["no_local_staff"] if False else []),
        Visit(project_id=p.id, visit_type="post_completion", date=date(2027, 3, 25), country="KE",
              title="Follow-up a year on",
              checklist=PostCompletionChecklist(
                  facilities_in_use=ChecklistItem(answer=True, note="Four classes daily"),
                  oda_logo_displayed=ChecklistItem(answer=False, note="Plaque removed"),
                  beneficiaries_count=412)),
        Visit(project_id=p.id, visit_type="ex_post_evaluation", date=date(2027, 5, 2), country="KE",
              title="Evaluation", overall_rating="A",
              criteria={c: CriterionRating(rating=r) for c, r in (
                  ("relevance", "3"), ("effectiveness", "1"), ("efficiency", "3"),
                  ("sustainability", "3"))}),
    ]  # fmt: skip
    made = [store.create(v) for v in visits]
    store.create(FollowUp(parent_id=made[2].id, text="Ask the school to put the plaque back",
                          due=date(2027, 4, 30)))  # fmt: skip
    add_attachment(store, made[2].id, photo_file(tmp_path, "classroom.jpg"), caption="Class 4B")
    store.update(p.id, {"completion_report_received": None, "notes": "Checked by the desk"})
    return p, made


def test_project_file_in_english(store, ggp, tmp_path):
    p, visits = ggp
    out = tmp_path / "file.pdf"
    result = project_file_report(store, p.id, out, today=TODAY, lang="en")
    pages = pdf_pages_text(out)
    assert result.pages == len(pages) >= 2
    # The strictest marking of what it includes (one visit is CONFIDENTIAL), on every page.
    assert result.classification == "CONFIDENTIAL"
    for i, page in enumerate(pages, 1):
        assert page.count("CONFIDENTIAL") >= 2, i
        assert f"Page {i} of {len(pages)}" in page
    text = squash("".join(pages))
    for v in visits:
        assert squash(v.title) in text
    for word in ("Pre-approval site survey", "Interim monitoring", "Post-completion follow-up",
                 "Ex-post evaluation", "GGP-KE-2025-07", "Interim report", "Completion report",
                 "schoolboardkeepsaudited", "Plaqueremoved", "412", "Class4B",
                 "Asktheschooltoputtheplaqueback", "Historyofchanges", "notes"):  # fmt: skip
        assert squash(word) in text, word
    assert squash("interim report received 12 days late") in text
    assert squash("completion report overdue by 397 days") in text
    # The overall A disagrees with the sub-ratings (effectiveness/impact low gives D).
    assert squash("differs from D") in text


def test_project_file_in_japanese(store, ggp, tmp_path):
    p, visits = ggp
    out = tmp_path / "file-ja.pdf"
    project_file_report(store, p.id, out, today=TODAY, lang="ja")
    pages = pdf_pages_text(out)
    for i, page in enumerate(pages, 1):
        assert "秘" in page and f"頁{i}/{len(pages)}" in squash(page), i
    text = squash("".join(pages))
    for word in ("案件モニタリング・ファイル", "採択前現地調査", "中間モニタリング", "事後評価",
                 "事後フォローアップ確認事項", "ODAマーク・銘板が表示されている", "中間報告書",
                 "完了報告書", "期限から12日遅れて受領", "変更履歴", "旧評価" if False else "総合評価"):  # fmt: skip
        assert word in text, word
    # A page looked at: the marking band is inked at the top of the first page.
    img = render_pages(out, tmp_path)[0]
    top = img.crop((0, 0, img.width, img.height // 12)).convert("L")
    assert top.getextrema()[0] < 128


def test_project_file_cli(store, ggp, tmp_path, data_dir):
    p, _ = ggp
    out = tmp_path / "cli.pdf"
    run = subprocess.run(
        ["uv", "run", "fieldkit", "--data-dir", str(data_dir), "report", "project", p.id[:8],
         "--lang", "ja", "-o", str(out)], capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert out.exists() and "CONFIDENTIAL" in run.stdout
    bad = subprocess.run(
        ["uv", "run", "fieldkit", "--data-dir", str(data_dir), "report", "project",
         p.id[:8], "-o", str(tmp_path / "x.txt")], capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_visit_report_flags_missing_ratings(store, tmp_path):
    from fieldkit.reports import visit_report

    v = store.create(Visit(date=date(2027, 5, 2), country="KE", visit_type="ex_post_evaluation",
                           title="Evaluation without ratings"))  # fmt: skip
    out = tmp_path / "v.pdf"
    visit_report(store, v.id, out, lang="en")
    text = squash("".join(pdf_pages_text(out)))
    assert squash("DAC ratings missing for this type of visit") in text
    assert squash("Ex-post evaluation") in text
