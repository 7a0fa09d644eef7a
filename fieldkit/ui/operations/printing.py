"""Printing from the UI: reports made in memory for the preview, exports and the audit of both.

A preview's PDF never touches the disk until the user exports it; printing or exporting a
classified document goes in the audit log (no event for a preview: it is only looked at).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fieldkit.ui.ops import CollectionOp, QueryOp

from . import bound


@dataclass
class Rendered:
    """A report made in memory, and what printing or exporting it must log."""

    pdf: bytes
    pages: int
    classification: str
    title: str
    filename: str  # suggested file name
    record_id: str | None
    report: str  # meeting, visit, digest, followups, projects


Titled = Callable[[Any, str], tuple[str, str]]  # (store, record id) -> (title, file name)


def record(parent, record_id: str, lang: str, titled: Titled) -> QueryOp:
    """A meeting record or visit report in ``lang``; ``titled`` names it (and refuses others)."""
    return QueryOp(parent, bound(_record, record_id, lang, titled))


def export_record(parent, record_id: str, path: str, lang: str) -> QueryOp:
    """A meeting record or visit report straight to ``path`` (audited as an export)."""
    return QueryOp(parent, bound(_export_record, record_id, path, lang))


def digest(parent, query: Any, lang: str, title: str, filename: str) -> QueryOp:
    return QueryOp(parent, bound(_digest, query, lang, title, filename))


def followups(
    parent, owner: str | None, countries: tuple[str, ...], lang: str, title: str, filename: str
) -> QueryOp:
    return QueryOp(parent, bound(_followups, owner, countries, lang, title, filename))


def projects(parent, countries: tuple[str, ...], lang: str, title: str, filename: str) -> QueryOp:
    return QueryOp(parent, bound(_projects, countries, lang, title, filename))


def save_pdf(parent, rendered: Rendered, path: str) -> CollectionOp:
    """Write a previewed PDF (aside, then renamed); the path written is the result."""
    return CollectionOp(parent, bound(_save_pdf, rendered, path))


def log_print(parent, rendered: Rendered, pages: int) -> CollectionOp:
    return CollectionOp(parent, bound(audit, "print", rendered, pages=pages))


def audit(store, event: str, rendered: Rendered, **detail) -> None:
    """Print and export of a classified document go in the audit log."""
    from fieldkit.reports.output import is_classified

    if is_classified(rendered.classification):
        store.audit(
            event,
            rendered.record_id,
            classification=rendered.classification,
            report=rendered.report,
            **detail,
        )


def _rendered(result, out: io.BytesIO, title: str, filename: str, record_id, report: str):
    return Rendered(
        out.getvalue(), result.pages, result.classification, title, filename, record_id, report
    )


def _record(store, record_id: str, lang: str, titled: Titled) -> Rendered:
    from fieldkit.reports import record_report

    title, filename = titled(store, record_id)
    kind = store.get(record_id).kind
    out = io.BytesIO()
    if kind == "project":  # a project prints as its whole monitoring file (#15)
        from fieldkit.reports.project_file import project_file_report

        result = project_file_report(store, record_id, out, event=None, lang=lang)
    else:
        result = record_report(store, record_id, out, event=None, lang=lang)
    return _rendered(result, out, title, filename, record_id, kind)


def _export_record(store, record_id: str, path: str, lang: str):
    from fieldkit.reports import record_report

    if store.get(record_id).kind == "project":
        from fieldkit.reports.project_file import project_file_report

        return project_file_report(store, record_id, path, event="export_pdf", lang=lang)
    return record_report(store, record_id, path, event="export_pdf", lang=lang)


def _digest(store, query, lang: str, title: str, filename: str) -> Rendered:
    from fieldkit.reports import digest_report

    out = io.BytesIO()
    result = digest_report(store, query, out, event=None, lang=lang)
    return _rendered(result, out, title, filename, None, "digest")


def _followups(store, owner, countries, lang: str, title: str, filename: str) -> Rendered:
    from fieldkit.reports import followups_report

    out = io.BytesIO()
    result = followups_report(store, out, owner=owner, countries=countries, event=None, lang=lang)
    return _rendered(result, out, title, filename, None, "followups")


def _projects(store, countries, lang: str, title: str, filename: str) -> Rendered:
    from fieldkit.reports import projects_report

    out = io.BytesIO()
    result = projects_report(store, out, countries=countries, event=None, lang=lang)
    return _rendered(result, out, title, filename, None, "projects")


def _save_pdf(store, rendered: Rendered, path: str) -> str:
    from fieldkit.reports.output import write_bytes_atomic

    written = write_bytes_atomic(path, rendered.pdf)
    audit(store, "export_pdf", rendered, file=str(written))
    return str(written)
