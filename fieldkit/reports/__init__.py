"""Printed reports as PDF (reportlab; no Qt): meeting records, visit reports, period digests,
follow-up lists and project status sheets, with the handling marking on every page.

    from fieldkit.reports import visit_report
    result = visit_report(store, visit_id, Path("visit.pdf"))   # -> ReportResult(path, pages, ...)

Every function writes the file aside and renames it when complete, raises FieldKitError with a
one-line message for bad input, and records an audit event when the document is classified.
"""

from __future__ import annotations

from .digest import DigestQuery, digest_report
from .lists import followups_report, projects_report
from .output import ReportResult
from .records import meeting_report, record_report, visit_report

__all__ = [
    "DigestQuery",
    "ReportResult",
    "digest_report",
    "followups_report",
    "meeting_report",
    "projects_report",
    "record_report",
    "visit_report",
]
