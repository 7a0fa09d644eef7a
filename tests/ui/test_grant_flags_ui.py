"""Flags on the projects and visits lists and the dashboard's grant-monitoring line (#15)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from fieldkit.core.dashboard import load_dashboard
from fieldkit.core.models import CriterionRating, Project, Visit
from fieldkit.ui import ops
from fieldkit.ui.lists.columns import columns_for
from fieldkit.ui.lists.flag_cells import flag_text

TODAY = date.today()


@pytest.fixture(autouse=True)
def _today():
    """The day each test starts, not the day the module was imported: the app asks
    date.today() itself, and a run crossing midnight must not count one day more."""
    global TODAY
    TODAY = date.today()


def _flags_column(kind: str):
    (col,) = [c for c in columns_for(kind) if c.key == "flags"]
    return col


def test_flags_column_fills_in_from_the_background(ui, qtbot):
    p = ui.create(Project(title="Kisumu classrooms", country="KE", scheme="grassroots",
                          interim_report_due=TODAY - timedelta(days=12)))  # fmt: skip
    tc = ui.create(Project(title="Water utilities TC", country="KE", scheme="technical_cooperation",
                           interim_report_due=TODAY - timedelta(days=12)))  # fmt: skip
    v = ui.create(Visit(date=TODAY, country="KE", visit_type="ex_post_evaluation", overall_rating="A",
                        criteria={c: CriterionRating(rating=r) for c, r in (
                            ("relevance", "3"), ("effectiveness", "1"), ("efficiency", "3"),
                            ("sustainability", "3"))}))  # fmt: skip
    rows = {r["id"]: r for r in ui.summaries([p.id, tc.id, v.id])}
    project_col, visit_col = _flags_column("project"), _flags_column("visit")
    assert project_col.text(rows[p.id]) == ""  # asked for, in the background
    visit_col.text(rows[v.id])
    project_col.text(rows[tc.id])

    def filled() -> bool:
        QApplication.processEvents()
        return bool(flag_text(rows[p.id]))

    qtbot.waitUntil(filled, timeout=5000)
    ops.wait_all()
    QApplication.processEvents()
    assert "interim report overdue by 12 days" in flag_text(rows[p.id])
    assert "differs from D" in flag_text(rows[v.id])
    assert flag_text(rows[tc.id]) == ""  # JICA technical cooperation: no grantee deadlines
    # Edited since (another updated_at): asked for again, the old text shown meanwhile.
    ui.update(p.id, {"interim_report_received": (TODAY - timedelta(days=2)).isoformat()})
    (row,) = ui.summaries([p.id])
    assert "overdue" in flag_text(row)
    qtbot.waitUntil(
        lambda: (QApplication.processEvents(), "late" in flag_text(row))[1], timeout=5000
    )
    assert "received 10 days late" in flag_text(row)


def test_dashboard_counts_the_flags(ui, qtbot):
    from fieldkit.ui.dashboard import DashboardPage

    ui.create(Project(title="A", country="KE", scheme="grassroots",
                      interim_report_due=TODAY - timedelta(days=5)))  # fmt: skip
    ui.create(Project(title="B", country="KE", scheme="grassroots",
                      end_date=TODAY - timedelta(days=30)))  # fmt: skip
    ui.create(Visit(date=TODAY, country="KE", visit_type="ex_post_evaluation"))
    data = load_dashboard(ui, TODAY)
    assert data.grant_flags == {"report_overdue": 1, "overrun": 1, "rating_missing": 1}
    page = DashboardPage()
    qtbot.addWidget(page)
    text = page._grant_flags_text(data.grant_flags)
    assert "report overdue: 1" in text and "implementation period: 1" in text
    assert "missing DAC ratings: 1" in text


def test_detail_pane_shows_sub_ratings_legacy_and_the_warning(store, qapp):
    from fieldkit.ui.detail import load_detail
    from fieldkit.ui.lists.detail_html import render

    v = store.create(
        Visit(
            date=TODAY,
            country="KE",
            visit_type="ex_post_evaluation",
            overall_rating="A",
            criteria={
                "relevance": CriterionRating(rating="3"),
                "effectiveness": CriterionRating(rating="1"),
                "efficiency": CriterionRating(rating="3"),
                "sustainability": CriterionRating(rating="3"),
                "impact": {"rating": "B"},
            },
        )  # fmt: skip
    )
    html = render(load_detail(store, v.id))
    assert "Ex-post evaluation" in html and "③ High" in html and "① Low" in html
    assert "B (legacy rating)" in html
    assert "differs from D" in html


def test_detail_pane_of_projects_by_scheme(store, qapp):
    from fieldkit.ui.detail import load_detail
    from fieldkit.ui.lists.detail_html import render

    due = TODAY - timedelta(days=20)
    ggp = store.create(Project(title="Kisumu classrooms", country="KE", scheme="grassroots",
                               interim_report_due=due))  # fmt: skip
    tc = store.create(Project(title="Water utilities", country="KE",
                              scheme="technical_cooperation", interim_report_due=due))  # fmt: skip
    html = render(load_detail(store, ggp.id))
    assert "Interim report due" in html and "interim report overdue by 20 days" in html
    html = render(load_detail(store, tc.id))
    assert "Interim report due" not in html and "overdue by" not in html


def test_detail_pane_offers_the_project_file(ui, qtbot):
    from fieldkit.ui.detail import DetailPane

    p = ui.create(Project(title="Kisumu classrooms", country="KE", scheme="grassroots"))
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_record(p.id)
    qtbot.waitUntil(lambda: pane.record is not None, timeout=5000)
    assert pane.print_button.text() == "Print project file" and pane.print_button.isEnabled()
