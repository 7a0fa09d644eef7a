"""The approval block (決裁欄) of a meeting record or visit report, and its draft watermark.

MOFA's forms carry the approval boxes at the head of the first page, beside the title; so does
FieldKit's: the block follows the title block, so it is always on page 1 and never alone on a page.
What it says follows the record's approval (fieldkit.core.approval): "Not yet approved" (未決裁)
until approved, then who approved it and when; an amendment says "Amendment N". Until approval
every page also carries a DRAFT / 案 watermark (``watermark``).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from fieldkit.core.approval import FILED, FINAL, SUBMITTED
from fieldkit.core.localtime import record_zone
from fieldkit.core.models import Record

from .components import ACCENT, CELL, CELL_BOLD, EMPTY, LABEL, MUTED, SMALL, boxed_row
from .labels import N_, Labels
from .text import TextBlock

WATERMARK = "DRAFT  案"  # both languages on every draft, as the marking bands are bilingual
_ALERT = CELL.but(bold=True, color=ACCENT)


def watermark(record: Record) -> str:
    """The watermark for ``record``'s pages: DRAFT / 案 until it is approved (or filed)."""
    approval = getattr(record, "approval", None)
    return "" if approval is None or approval.status in FINAL else WATERMARK


def status_lines(t: Labels, record: Record) -> list[str]:
    """What the block says about the approval, first line first."""
    a = record.approval
    lines = []
    if a.amendment:
        lines.append(t("Amendment {n}", n=a.amendment))
    if a.status == FILED:
        lines.append(t("Filed before FieldKit recorded approvals"))
    elif a.status in FINAL:
        when = t.moment(a.approved_at, record_zone(record)) if a.approved_at else EMPTY
        lines.append(t("Approved {at}", at=when))
    elif a.status == SUBMITTED:
        lines.append(t("Not yet approved (submitted {at})", at=t.moment(a.submitted_at, record_zone(record)))
                     if a.submitted_at else t("Not yet approved"))  # fmt: skip
    else:
        lines.append(t("Not yet approved"))
    return lines


def approval_block(t: Labels, width: float, record: Record, drafter: tuple[str, str]) -> Flowable:
    """Status, drafter and approver boxes in one row (a one-row table never splits)."""
    a = record.approval
    lines = status_lines(t, record)
    status_cell = [TextBlock(t("Approval"), LABEL)]
    status_cell += [TextBlock(line, _ALERT if i == 0 else CELL) for i, line in enumerate(lines)]
    if a.status in FINAL and a.approved_on:
        status_cell.append(TextBlock(t("on {laptop}", laptop=a.approved_on), SMALL))
    if a.status == "draft" and a.return_comment:
        status_cell.append(
            TextBlock(t("Returned: {comment}", comment=a.return_comment[:300]), SMALL)
        )

    def box(role: str, name: str, note: str = "") -> list:
        cell = [TextBlock(t(role), LABEL), TextBlock(name or EMPTY, CELL_BOLD)]
        if note:
            cell.append(TextBlock(note, SMALL))
        return [
            *cell,
            Spacer(1, 7 * mm),
            TextBlock(t("Signature / date"), SMALL.but(color=MUTED, size=7)),
        ]

    approver = record.approver
    approved = a.status in FINAL and a.status != FILED
    note = (
        t("Approved {at}", at=t.moment(a.approved_at, record_zone(record)))
        if approved and a.approved_at
        else ""
    )
    if approved and a.approved_by and a.approved_by != approver:
        approver = a.approved_by
    # "Approved by" only once approved: a draft names its approver, never as having approved.
    role = N_("Approved by") if approved else N_("Approver")
    if not approved:
        note = t("Not yet approved") if a.status != FILED else ""
    cells = [status_cell, box(drafter[0], drafter[1]), box(role, approver, note)]
    table = boxed_row(cells, [width * 0.4, width * 0.3, width * 0.3])
    table.spaceBefore = 2 * mm
    table.spaceAfter = 2 * mm
    return table
