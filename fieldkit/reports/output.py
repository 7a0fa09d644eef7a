"""Writing a report to a file: all or nothing, plus the audit trail for classified records."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reportlab.platypus import Flowable

from fieldkit.core.errors import FieldKitError
from fieldkit.core.reference import reference

from .page import Marking, PageInfo, ReportDoc


@dataclass
class ReportResult:
    path: Path
    pages: int
    classification: str
    records: int  # how many meetings/visits/follow-ups/projects the document covers


def page_info(store, title: str, marking: Marking, *, landscape: bool = False) -> PageInfo:
    return PageInfo(
        title=title,
        marking=marking,
        author=store.author,
        post=store.settings.post_name(),
        generated_at=datetime.now(UTC),
        paper=store.settings.paper_size,
        landscape=landscape,
    )


def check_target(target: Path) -> Path:
    """The file to write, or a one-line error naming what is wrong with it."""
    target = Path(target).expanduser()
    if target.is_dir():
        raise FieldKitError(f"{target} is a folder; give a file name ending in .pdf")
    if not target.parent.is_dir():
        raise FieldKitError(f"cannot write {target}: the folder {target.parent} does not exist")
    return target


def write_pdf(
    target: Path,
    info: PageInfo,
    story: Callable[[float], Iterable[Flowable]],
    *,
    records: int = 0,
) -> ReportResult:
    """Lay out ``story(frame_width)`` into ``target``, written beside it and renamed at the end.

    An error half-way leaves any earlier file at ``target`` untouched and no partial file.
    """
    target = check_target(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        doc = ReportDoc(str(tmp), info)
        pages = doc.build_stream(story(doc.width))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ReportResult(target, pages, info.marking.classification, records)


def is_classified(code: str) -> bool:
    """Above the lowest level: printing or exporting it goes in the audit log."""
    return reference().classification_rank(code) > 0


def audit_output(store, event: str, result: ReportResult, record_id: str | None, **detail) -> None:
    if is_classified(result.classification):
        store.audit(
            event,
            record_id,
            file=str(result.path) if event == "export_pdf" else None,
            classification=result.classification,
            pages=result.pages,
            **detail,
        )
