"""The visit editor by type of visit (#15): sections per type, sub-ratings with the suggested
overall rating and its warning, the post-completion checklist, legacy ratings kept."""

from __future__ import annotations

from datetime import date

from editor_helpers import ready, save

from fieldkit.core.models import Project, Visit
from fieldkit.ui.editors import open_editor


def visible(editor) -> set[str]:
    return {code for code, sec in editor.type_sections.items() if not sec.isHidden()}


def test_sections_follow_the_type_and_the_checklist_saves(ui, qtbot):
    project = ui.create(Project(title="Kisumu classrooms", country="KE", scheme="grassroots"))
    editor = ready(qtbot, open_editor(None, "visit", defaults={"project_id": project.id}))
    editor.bindings["country"].set("KE")
    editor.bindings["visit_type"].set("pre_approval")
    assert visible(editor) == {"applicant"}
    editor.bindings["visit_type"].set("ex_post_evaluation")
    assert {"ratings", "progress"} <= visible(editor) and "applicant" not in visible(editor)
    assert "needs DAC ratings" in editor.suggested.text()
    editor.bindings["visit_type"].set("post_completion")
    assert "checklist" in visible(editor) and "applicant" not in visible(editor)
    checklist = editor.bindings["checklist"].widget
    answer, note = checklist.rows["oda_logo_displayed"]
    answer.setCurrentIndex(answer.findData(False))
    note.setText("Plaque removed during repainting")
    checklist.count.setText("412")
    rec = save(qtbot, editor)
    v = ui.get(rec.id)
    assert isinstance(v, Visit) and v.visit_type == "post_completion"
    assert v.checklist.oda_logo_displayed.answer is False
    assert v.checklist.oda_logo_displayed.note == "Plaque removed during repainting"
    assert v.checklist.beneficiaries_count == 412
    assert v.checklist.facilities_in_use.answer is None


def test_suggested_overall_and_warning(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "visit"))
    editor.bindings["country"].set("KE")
    editor.bindings["visit_type"].set("ex_post_evaluation")
    grid = editor.bindings["criteria"].widget
    for code, r in (("relevance", "3"), ("effectiveness", "1"), ("efficiency", "3"),
                    ("sustainability", "3")):  # fmt: skip
        grid.rows[code][0].set_value(r)
    editor.bindings["overall_rating"].set("A")
    qtbot.waitUntil(lambda: editor.rating_warning.isVisibleTo(editor))
    assert "D" in editor.suggested.text() and "differs" in editor.rating_warning.text()
    editor.bindings["overall_rating"].set("D")
    assert editor.rating_warning.isHidden()


def test_legacy_ratings_are_shown_and_kept(ui, qtbot):
    old = ui.create(
        Visit(
            date=date(2025, 2, 1),
            country="KE",
            title="Old visit",
            overall_rating="B",
            criteria={"relevance": {"rating": "A", "note": "fits"}},
        )  # fmt: skip
    )
    editor = ready(qtbot, open_editor(None, "visit", old.id))
    assert "ratings" in visible(editor)  # an "other" visit that holds ratings shows them
    _rating, _note, _err, legacy = editor.bindings["criteria"].widget.rows["relevance"]
    assert "A" in legacy.text() and not legacy.isHidden()
    editor.bindings["findings"].widget.setPlainText("Re-read in 2026.")
    rec = save(qtbot, editor)
    v = ui.get(rec.id)
    assert v.criteria["relevance"].legacy_rating == "A" and v.criteria["relevance"].note == "fits"


def test_project_editor_holds_the_grant_cycle(ui, qtbot):
    editor = ready(qtbot, open_editor(None, "project"))
    editor.bindings["title"].set("Kisumu classrooms")
    editor.bindings["scheme"].set("grassroots")
    editor.bindings["application_received"].set("2024-10-01")
    editor.bindings["contract_number"].set("GGP-KE-2025-07")
    editor.bindings["contract_amount"].set("9800000")
    editor.bindings["contract_currency"].set("jpy")
    quotes = editor.bindings["quotes"].widget
    quotes.add_row({"supplier": "Nyanza Builders", "amount": "9800000", "selected": True})
    quotes.add_row({"supplier": "Lakeside Hardware", "amount": "10300000"})
    quotes.add_row()  # left empty: not a quote
    editor.bindings["disbursements"].widget.add_row({"paid_on": "2025-04-01", "amount": "9800000"})
    rec = save(qtbot, editor)
    p = ui.get(rec.id)
    assert p.application_received == date(2024, 10, 1) and p.contract_number == "GGP-KE-2025-07"
    assert p.contract_currency == "JPY" and str(p.contract_amount) == "9800000"
    assert [q.supplier for q in p.quotes] == ["Nyanza Builders", "Lakeside Hardware"]
    assert p.quotes[0].selected and not p.quotes[1].selected
    assert p.disbursements[0].paid_on == date(2025, 4, 1)


def test_print_on_a_project_makes_its_monitoring_file(ui, qtbot):
    from fieldkit.ui import printing
    from fieldkit.ui.operations.printing import _record

    p = ui.create(Project(title="Kisumu classrooms", country="KE", scheme="grassroots",
                          interim_report_due=date(2025, 9, 30)))  # fmt: skip
    ui.create(Visit(project_id=p.id, visit_type="interim", date=date(2025, 10, 2), country="KE",
                    title="Interim check"))  # fmt: skip
    title, filename = printing._record_title(ui, p.id)
    assert filename.startswith("project-file-") and title == "Kisumu classrooms"
    rendered = _record(ui, p.id, "en", printing._record_title)
    assert rendered.report == "project" and rendered.pages >= 1
    import io

    from pypdf import PdfReader

    text = "".join(pg.extract_text() for pg in PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert "PROJECT MONITORING FILE" in text and "Interim check" in text
