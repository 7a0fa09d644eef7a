"""The desktop side: preview window (QtPdf), export, printing through QPrinter, the dialogs."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from fieldkit.core.models import Meeting  # noqa: E402
from fieldkit.ui import ops, printing  # noqa: E402

from .conftest import page_count, pypdf_text  # noqa: E402


@pytest.fixture
def ui_store(store, qtbot):
    errors = []
    ops.configure(lambda: store, lambda parent, exc, details: errors.append(details))
    yield store
    ops.wait_all()
    for w in list(printing._open_windows):
        w.close()
    assert errors == []


def _window(qtbot) -> printing.PreviewWindow:
    qtbot.waitUntil(lambda: bool(printing._open_windows), timeout=15_000)
    window = next(iter(printing._open_windows))
    qtbot.addWidget(window)
    return window


def test_preview_export_and_print_a_classified_meeting(ui_store, full_meeting, qtbot, tmp_path):
    printing.preview_record(None, full_meeting.id)
    window = _window(qtbot)
    qtbot.waitUntil(lambda: window.document.pageCount() > 0, timeout=10_000)
    assert window.document.pageCount() == window.rendered.pages
    assert "CONFIDENTIAL" in window.status_label.text()
    assert not [e for e in ui_store.audit_events() if e["event"] in ("print", "export_pdf")]

    target = tmp_path / "exported.pdf"
    window.save_to(str(target))
    qtbot.waitUntil(lambda: target.exists(), timeout=10_000)
    ops.wait_all()
    assert "GX dialogue on geothermal power" in pypdf_text(target)

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert window.print_to(printer) == window.rendered.pages
    assert page_count(printed) == window.rendered.pages
    qtbot.waitUntil(
        lambda: {"print", "export_pdf"} <= {e["event"] for e in ui_store.audit_events()},
        timeout=10_000,
    )


def test_export_record_pdf_asks_for_a_file(ui_store, full_meeting, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "asked"
    monkeypatch.setattr(printing.file_dialogs.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF documents (*.pdf)"))  # fmt: skip
    printing.export_record_pdf(None, full_meeting.id)
    qtbot.waitUntil(lambda: (tmp_path / "asked.pdf").exists(), timeout=15_000)
    ops.wait_all()
    assert page_count(tmp_path / "asked.pdf") >= 1
    assert any(e["event"] == "export_pdf" for e in ui_store.audit_events())


def test_digest_dialog_previews_the_digest(ui_store, qtbot):
    ui_store.create(Meeting(subject="Critical minerals talks", date=date(2026, 3, 1),
                            country="TZ", policy_fields=["critical_minerals"]))  # fmt: skip
    dialog = printing.digest_dialog(None)
    qtbot.addWidget(dialog)
    dialog.date_from.setDate(QDate(2026, 1, 1))
    dialog.date_to.setDate(QDate(2026, 12, 31))
    dialog.fields["critical_minerals"].setChecked(True)
    dialog.country_filter.setText("tanz")
    visible = [dialog.countries.item(i) for i in range(dialog.countries.count())
               if not dialog.countries.item(i).isHidden()]  # fmt: skip
    assert [i.data(Qt.ItemDataRole.UserRole) for i in visible] == ["TZ"]
    visible[0].setCheckState(Qt.CheckState.Checked)
    dialog.preview()
    window = _window(qtbot)
    assert window.rendered.report == "digest"
    assert b"%PDF" in window.rendered.pdf[:8]


def test_digest_dialog_refuses_a_reversed_period(ui_store, qtbot):
    dialog = printing.digest_dialog(None)
    qtbot.addWidget(dialog)
    dialog.date_from.setDate(QDate(2026, 5, 1))
    dialog.date_to.setDate(QDate(2026, 1, 1))
    assert dialog.preview() is None
    assert "after it ends" in dialog.error.text()


@pytest.mark.parametrize("name", ["followups", "projects"])
def test_list_report_dialogs(ui_store, full_meeting, qtbot, name):
    dialog = printing.report_dialog(None, name)
    qtbot.addWidget(dialog)
    dialog.country.setText("XX")
    assert dialog.preview() is None and "unknown country" in dialog.error.text()
    dialog.country.setText("ke")
    dialog.preview()
    window = _window(qtbot)
    assert window.rendered.report == name
    assert window.rendered.pages >= 1


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def test_previews_follow_the_interface_language(ui_store, full_meeting, qtbot, japanese):
    # The store's setting says nothing: the language the app shows decides.
    printing.preview_record(None, full_meeting.id)
    window = _window(qtbot)
    text = _pdf_text(window.rendered.pdf)
    assert "面談記録" in text and "先方" in text and "2026年3月2日" in text
    assert "Participants" not in text
    window.close()
    dialog = printing.report_dialog(None, "followups")
    qtbot.addWidget(dialog)
    dialog.preview()
    qtbot.waitUntil(lambda: any(w.rendered.report == "followups"
                                for w in printing._open_windows), timeout=15_000)  # fmt: skip
    window = next(w for w in printing._open_windows if w.rendered.report == "followups")
    qtbot.addWidget(window)
    assert "フォローアップ事項一覧" in _pdf_text(window.rendered.pdf)
