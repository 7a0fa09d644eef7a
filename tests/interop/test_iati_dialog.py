"""File > Import IATI... under pytest-qt (offscreen): progress, summary table, Cancel, errors."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QFileDialog  # noqa: E402

from fieldkit.core.query import RecordFilter  # noqa: E402
from fieldkit.ui import ops  # noqa: E402
from fieldkit.ui.iati_import import ImportIatiDialog, import_iati_dialog  # noqa: E402

from .conftest import MESSY  # noqa: E402


@pytest.fixture
def ui_store(qtbot, store):
    problems = []
    ops.configure(lambda: store, lambda parent, exc, details: problems.append((exc, details)))
    yield store
    ops.wait_all()
    assert problems == []


def finished(dialog: ImportIatiDialog) -> bool:
    return not dialog.running


def write_many(path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<iati-activities version="2.03">\n')
        for i in range(n):
            fh.write(
                f"<iati-activity><iati-identifier>XM-DAC-701-8-{i:06d}</iati-identifier>"
                f'<reporting-org ref="XM-DAC-701-8" type="10"><narrative>JICA</narrative>'
                f"</reporting-org><title><narrative>Project {i}</narrative></title>"
                f'<recipient-country code="KE"/></iati-activity>\n'
            )
        fh.write("</iati-activities>\n")


def test_file_menu_import_shows_summary_and_skipped_rows(qtbot, ui_store, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(MESSY), ""))
    dialog = import_iati_dialog(None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: finished(dialog), timeout=10_000)
    assert dialog.error == ""
    text = dialog.status.text()
    assert "3 created" in text and "3 skipped" in text and "parts of activities" in text
    assert dialog.table.isVisible()
    assert dialog.table.rowCount() == len(dialog.report.skipped)
    reasons = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert "no title" in reasons
    assert dialog.table.item(0, 0).text().isdigit()
    assert dialog.bar.value() == dialog.bar.maximum()
    assert ui_store.count(RecordFilter(kinds=("project",))) == 3


def test_cancel_rolls_back_and_says_so(qtbot, ui_store, tmp_path):
    big = tmp_path / "big.xml"
    write_many(big, 4000)
    dialog = import_iati_dialog(None, path=str(big))
    qtbot.addWidget(dialog)
    dialog.cancel()
    qtbot.waitUntil(lambda: finished(dialog), timeout=20_000)
    assert "Cancelled" in dialog.status.text()
    assert ui_store.count(RecordFilter(kinds=("project",))) == 0


def test_a_refused_file_is_explained_in_the_window(qtbot, ui_store, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<!DOCTYPE x [<!ENTITY e "e">]><iati-activities version="2.03"/>')
    dialog = import_iati_dialog(None, path=str(bad))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: finished(dialog), timeout=10_000)
    assert "refused" in dialog.status.text() and "DTD" in dialog.status.text()
    assert not dialog.table.isVisible()


def test_no_file_chosen_does_nothing(qtbot, ui_store, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert import_iati_dialog(None) is None


def test_large_files_go_through_the_reader_process_with_progress_and_cancel(
    qtbot, ui_store, tmp_path, monkeypatch
):
    import fieldkit.interop.iati_import as importer
    from fieldkit.interop import iati_worker

    monkeypatch.setattr(iati_worker, "WORKER_MIN_BYTES", 0)  # as for a file of 4 MB or more
    started = []
    real = importer.read_activities_in_worker
    monkeypatch.setattr(
        importer, "read_activities_in_worker", lambda *a, **k: started.append(1) or real(*a, **k)
    )
    big = tmp_path / "big.xml"
    write_many(big, 3000)
    dialog = import_iati_dialog(None, path=str(big))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: finished(dialog), timeout=20_000)
    assert started and dialog.error == ""
    assert "3,000 created" in dialog.status.text()
    assert dialog.bar.value() == dialog.bar.maximum()

    again = import_iati_dialog(None, path=str(big))
    qtbot.addWidget(again)
    again.cancel()
    qtbot.waitUntil(lambda: finished(again), timeout=20_000)
    assert "Cancelled" in again.status.text()
    assert ui_store.count(RecordFilter(kinds=("project",))) == 3000
    assert len(started) == 2
