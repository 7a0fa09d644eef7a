"""Print and PDF export from the desktop app: a preview window (QtPdf), the system print dialog,
and dialogs for the digest and the follow-up and project lists.

    printing.preview_record(window, meeting_id)      # preview, then Print… or Export PDF…
    printing.export_record_pdf(window, visit_id)     # straight to a file
    printing.digest_dialog(window)                   # period, countries, fields, summit
    printing.report_dialog(window, "followups")      # or "projects"

The PDF is made by ``fieldkit.reports`` in a background QueryOp, into memory: a classified preview
never touches the disk until the user exports it. Printing and exporting a classified document
go in the audit log. This module prints one record; the preview window is ``print_preview``, the
digest and list dialogs ``report_dialogs``, the work on the store ``operations/printing``.

Every word on screen goes through Qt's translation (``printing_ja.ts``/``.qm``): ``self.tr`` in the
windows, the ``Printing`` context for the module's functions. Suggested file names stay ASCII
(``digest-2026-01-01-2026-03-31.pdf``) in every language: they travel by e-mail, zip and HQ file
shares, where non-ASCII names are still mangled; a record's own title is kept as typed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from fieldkit.core.errors import FieldKitError
from fieldkit.ui.operations import printing as printing_ops
from fieldkit.ui.operations import records
from fieldkit.ui.operations.printing import Rendered

from . import file_dialogs, i18n, ops
from .print_preview import (
    PRINT_DPI,
    PreviewWindow,
    _export_title,
    _open_windows,
    _pages,
    _pdf_filter,
    show_preview,
)
from .report_dialogs import DigestDialog, ListReportDialog, digest_dialog, report_dialog

__all__ = [
    "PRINT_DPI",
    "DigestDialog",
    "ListReportDialog",
    "PreviewWindow",
    "Rendered",
    "_open_windows",
    "digest_dialog",
    "export_record_pdf",
    "file_dialogs",
    "preview_record",
    "report_dialog",
]


def _safe_name(text: str) -> str:
    name = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-")[:60]
    return name or "report"


def _kind_name(kind: str) -> str:
    """What a record is, for the refusal to print it."""
    names = {
        "project": QCoreApplication.translate("Printing", "a project"),
        "organisation": QCoreApplication.translate("Printing", "an organisation"),
        "person": QCoreApplication.translate("Printing", "a person"),
        "followup": QCoreApplication.translate("Printing", "a follow-up action"),
        "attachment": QCoreApplication.translate("Printing", "an attachment"),
    }
    return names.get(kind, kind)


def _record_title(store, record_id: str) -> tuple[str, str]:
    record = store.get(record_id)
    if record.kind not in ("meeting", "visit", "project"):
        raise FieldKitError(
            QCoreApplication.translate(
                "Printing",
                "This record is {kind}: only meetings, visits and projects can be printed.",
            ).format(kind=_kind_name(record.kind))
        )
    day = getattr(record, "date", None) or record.sort_date()
    kind = "project-file" if record.kind == "project" else record.kind  # the monitoring file
    name = f"{kind}-{day.isoformat() if day else ''}-{_safe_name(record.title_text())}"
    return record.title_text(), name + ".pdf"


def preview_record(parent: QWidget | None, record_id: str) -> ops.QueryOp:
    """Open a preview of the meeting record or visit report, with Print… and Export PDF…"""
    lang = i18n.current_language()  # read here, on the UI thread: the report is made elsewhere
    op = printing_ops.record(parent, record_id, lang, _record_title)
    return op.success(show_preview(parent)).run_in_background()


def export_record_pdf(parent: QWidget | None, record_id: str) -> ops.QueryOp:
    """Ask for a file name (suggesting one from the record) and write the document there."""
    lang = i18n.current_language()
    saved = QCoreApplication.translate("Printing", "Saved {path} ({pages})")

    def ask(names: tuple[str, str]) -> None:
        path = file_dialogs.save_file_name(parent, _export_title(), names[1], _pdf_filter())
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def done(result) -> None:
            if parent is not None and hasattr(parent, "statusBar"):
                message = saved.format(path=result.path, pages=_pages(result.pages))
                parent.statusBar().showMessage(message, 8000)

        printing_ops.export_record(parent, record_id, path, lang).success(done).run_in_background()

    return records.load(parent, _record_title, record_id).success(ask).run_in_background()
