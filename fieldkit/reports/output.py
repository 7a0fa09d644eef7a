"""Writing a report to a file: all or nothing, plus the audit trail for classified records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from fieldkit.core import atomic
from fieldkit.core.reference import reference

from .fonts import japanese_first
from .page import Marking, PageInfo, ReportDoc


@dataclass
class ReportResult:
    path: Path | None  # None when written to a stream
    pages: int
    classification: str
    records: int  # how many meetings/visits/follow-ups/projects the document covers


def page_info(
    store,
    title: str,
    marking: Marking,
    *,
    landscape: bool = False,
    lang: str = "en",
    countries: tuple[str, ...] = (),
    zone: str | None = None,
) -> PageInfo:
    """What every page of a report shows. Moments print in ``zone``, else the laptop's post's,
    else that of the report's one country in ``countries``, else of the store's main country."""
    from fieldkit.core.localtime import post_zone, report_zone

    return PageInfo(
        title=title,
        marking=marking,
        author=store.author,
        post=store.settings.post_name(lang),
        generated_at=datetime.now(UTC),
        paper=store.settings.paper_size,
        landscape=landscape,
        lang=lang,
        zone=zone or post_zone(store) or report_zone(store, countries),
    )


def check_target(target: Path) -> Path:
    """The file to write, or a one-line error naming what is wrong with it."""
    atomic.check_target(target, hint="PDF")
    return Path(target).expanduser()


def write_pdf(
    target: Path | BinaryIO,
    info: PageInfo,
    story: Callable[[float], Iterable[Flowable]],
    *,
    records: int = 0,
) -> ReportResult:
    """Lay out ``story(frame_width)`` into ``target``: a path, or a binary stream (a preview).

    A path is written all or nothing (``fieldkit.core.atomic``): an error half-way leaves any
    earlier file at ``target`` untouched and no partial file.
    """
    if not isinstance(target, (str, Path)):
        return ReportResult(None, _build(target, info, story), info.marking.classification, records)
    target = check_target(Path(target))
    with atomic.atomic_write(target, "wb", hint="PDF") as fh:
        pages = _build(fh, info, story)
    return ReportResult(target, pages, info.marking.classification, records)


def _build(target, info: PageInfo, story: Callable[[float], Iterable[Flowable]]) -> int:
    # A Japanese report is set in the Japanese font throughout (fonts.japanese_first).
    with japanese_first(info.lang == "ja"):
        doc = ReportDoc(target, info)
        return doc.build_stream(story(doc.width))


def write_bytes_atomic(target: Path, content: bytes) -> Path:
    """Save an already rendered PDF (from a preview) the same all-or-nothing way."""
    target = check_target(Path(target))
    atomic.write_bytes(target, content, hint="PDF")
    return target


def is_classified(code: str) -> bool:
    """Above the lowest level: printing or exporting it goes in the audit log."""
    return reference().classification_rank(code) > 0


def audit_output(
    store, event: str | None, result: ReportResult, record_id: str | None, **detail
) -> None:
    """Log a print or export of a classified document; ``event`` None (a preview) logs nothing."""
    if event and is_classified(result.classification):
        store.audit(
            event,
            record_id,
            file=str(result.path) if event == "export_pdf" else None,
            classification=result.classification,
            pages=result.pages,
            **detail,
        )
