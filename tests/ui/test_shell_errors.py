"""Errors: a plain message for expected problems; details, "Copy details" and a log for bugs."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit.core.errors import FieldKitError
from fieldkit.ui import errors


def answer_modal(qtbot, handle):
    """Run ``handle(dialog)`` on the next modal dialog, then close it."""
    seen = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        seen.append(handle(dialog))
        dialog.close()

    QTimer.singleShot(20, poll)
    return seen


def test_expected_problem_is_a_plain_message(qtbot, tmp_path):
    errors.set_log_dir(tmp_path / "logs")
    seen = answer_modal(qtbot, lambda d: (type(d), d.text(), d.informativeText()))
    errors.report(None, FieldKitError("line 3: date: invalid date\nand a second line"))
    assert seen == [(QMessageBox, "line 3: date: invalid date", "and a second line")]
    assert not (tmp_path / "logs" / "fieldkit.log").exists()  # not a bug: nothing logged


def test_unexpected_exception_dialog_copies_details_and_logs(qtbot, tmp_path):
    errors.set_log_dir(tmp_path / "logs")
    try:
        {}["missing"]
    except KeyError as exc:
        caught = exc

    def handle(dialog):
        assert isinstance(dialog, errors.UnexpectedErrorDialog)
        assert not dialog.details.isVisible()
        dialog.toggle_button.click()
        shown = dialog.details.isVisible()
        dialog.copy_button.click()
        return shown, dialog.copy_button.text(), dialog.details.toPlainText()

    seen = answer_modal(qtbot, handle)
    errors.report(None, caught)
    shown, button, details = seen[0]
    assert shown and button == "Copied"
    assert "KeyError" in details and "test_shell_errors.py" in details
    assert QGuiApplication.clipboard().text() == details
    log = (tmp_path / "logs" / "fieldkit.log").read_text(encoding="utf-8")
    assert "KeyError" in log and "Traceback" in log


def test_log_rotates_when_large(tmp_path):
    errors.set_log_dir(tmp_path)
    log = tmp_path / errors.LOG_NAME
    log.write_text("x" * (errors._MAX_LOG_BYTES + 10), encoding="utf-8")
    errors.log_exception("Traceback: new")
    assert log.read_text(encoding="utf-8").endswith("Traceback: new\n")
    assert (tmp_path / "fieldkit.log.1").stat().st_size > errors._MAX_LOG_BYTES


def test_excepthook_reports_exceptions_from_slots(qtbot, tmp_path, monkeypatch):
    import sys

    errors.set_log_dir(tmp_path)
    reported = []
    monkeypatch.setattr(
        errors, "report", lambda parent, exc, details="": reported.append((exc, details))
    )
    old = sys.excepthook
    try:
        errors.install_excepthook()
        try:
            raise ValueError("boom")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    assert isinstance(reported[0][0], ValueError) and "boom" in reported[0][1]
