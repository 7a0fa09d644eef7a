"""The grant-cycle parts of printed reports: a visit's type and the sections it asks for, the
JICA sub-ratings with the suggested overall rating (and the warning when the entered one differs),
the post-completion checklist, and a project's flags. Used by the visit report and the project
monitoring file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from fieldkit.core.grant_flags import Flag, visit_flags
from fieldkit.core.grant_reference import (
    checklist_items,
    dac_ratings_of,
    rated_as,
    sections_of,
    sub_rating_label,
    visit_sections,
    visit_types,
)
from fieldkit.core.models import Visit
from fieldkit.core.ratings import has_legacy_ratings, overall_disagrees, suggested_overall
from fieldkit.core.reference import reference

from .components import ALERT, BODY, CELL, EMPTY, grid, heading
from .labels import Labels
from .text import TextBlock

NOTE_IN_TABLE = 600
WARNING = CELL.but(bold=True, color=ALERT, space_after=4)


def type_name(t: Labels, visit: Visit) -> str:
    vt = visit_types().get(visit.visit_type)
    return vt.label(t.lang) if vt else visit.visit_type


def section_name(t: Labels, code: str) -> str:
    item = visit_sections().get(code)
    return item.label(t.lang) if item else code


def type_sections(t: Labels, visit: Visit) -> list[tuple[str, str]]:
    """The written sections the visit's type asks for, as (label, text)."""
    texts = {
        "progress": visit.progress,
        "facilities_use": visit.facilities_use,
        "applicant": visit.applicant_capacity,
        "site": visit.site_assessment,
        "quotes": visit.quotes_review,
        "delivery": visit.delivery,
    }
    out = [(section_name(t, c), texts[c]) for c in sections_of(visit.visit_type) if c in texts]
    # Text entered under a section the type does not ask for is still printed, never lost.
    shown = set(sections_of(visit.visit_type))
    out += [(section_name(t, c), text) for c, text in texts.items() if text and c not in shown]
    return out


def _rating_cell(t: Labels, crit) -> str:
    if crit is None:
        return ""
    if crit.rating:
        return sub_rating_label(crit.rating, t.lang)
    if crit.legacy_rating:
        return t("{rating} (legacy rating)", rating=crit.legacy_rating)
    return ""


def ratings_part(t: Labels, visit: Visit, width: float, level: int = 1) -> Iterator[Flowable]:
    """The criteria with their sub-ratings, the suggested overall rating and any warning; only
    where the visit's type requires ratings or some were given."""
    ref = reference()
    asks = dac_ratings_of(visit.visit_type)
    if asks != "required" and not visit.criteria and not visit.overall_rating:
        return
    yield from heading(t("Evaluation against the DAC criteria"), level)
    rows, long_notes = [], []
    dims = rated_as()
    for code, crit in ref.dac_criteria.items():
        r = visit.criteria.get(code)
        note = r.note if r else ""
        name = crit.label(t.lang)
        if len(note) > NOTE_IN_TABLE:
            long_notes.append((name, note))
            note = note[:200].rstrip() + t(" … (continued below the table)")
        label = name if t.ja else f"{crit.name}  {crit.name_ja}".strip()
        if dims.get(code, code) != code:
            label += t(" (rated with {other})", other=ref.dac_criteria[dims[code]].label(t.lang))
        rows.append([label, _rating_cell(t, r), note])
    yield grid(
        [t("Criterion"), t("Sub-rating"), t("Note")], rows, [44 * mm, 34 * mm, width - 78 * mm]
    )
    for name, note in long_notes:
        yield from heading(t("{name}: note", name=name), min(level + 1, 2))
        yield TextBlock(note, BODY)
    suggested = suggested_overall(visit)
    yield Spacer(1, 3)
    yield TextBlock(
        t(
            "Overall rating entered: {entered}; suggested from the sub-ratings by JICA's rule: "
            "{suggested}",
            entered=t.rating(visit.overall_rating) or EMPTY,
            suggested=t.rating(suggested) or EMPTY,
        ),  # fmt: skip
        CELL,
    )
    warning = overall_disagrees(visit)
    if warning:
        yield TextBlock(warning.render(t.lang), WARNING)
    if has_legacy_ratings(visit):
        yield TextBlock(
            t(
                "Ratings marked legacy were given A-D per criterion before sub-ratings; they are "
                "kept as entered and take no part in the suggestion."
            ),  # fmt: skip
            CELL,
        )


def _answer(t: Labels, answer: bool | None) -> str:
    return t("Yes") if answer is True else t("No") if answer is False else t("Not checked")


def checklist_part(t: Labels, visit: Visit, width: float, level: int = 1) -> Iterator[Flowable]:
    c = visit.checklist
    if c is None and "checklist" not in sections_of(visit.visit_type):
        return
    yield from heading(section_name(t, "checklist"), level)
    if c is None:
        yield TextBlock(t("Not filled in."), CELL)
        return
    rows = []
    for code, item in checklist_items().items():
        point = getattr(c, code)
        answer = _answer(t, point.answer)
        if code == "beneficiaries_reached" and c.beneficiaries_count is not None:
            answer += f" ({c.beneficiaries_count:,})"
        rows.append([item.label(t.lang), answer, point.note])
    no = [i for i, code in enumerate(checklist_items()) if getattr(c, code).answer is False]
    yield grid(
        [t("Item"), t("Answer"), t("Note")],
        rows,
        [70 * mm, 30 * mm, width - 100 * mm],
        highlight=no,
    )


def flags_part(t: Labels, flags: list[Flag]) -> Iterator[Flowable]:
    for f in flags:
        style = WARNING if f.open else CELL
        yield TextBlock("• " + f.message.render(t.lang), style)


def visit_extra(t: Labels, visit: Visit, width: float, level: int = 1) -> Iterator[Flowable]:
    """What the visit report prints after the project facts: ratings and checklist, and the
    visit's own flags (the disagreeing overall rating is warned under the ratings)."""
    yield from flags_part(t, [f for f in visit_flags(visit) if f.code != "overall_disagrees"])
    yield from ratings_part(t, visit, width, level)
    yield from checklist_part(t, visit, width, level)


def today_or(today: date | None) -> date:
    return today or date.today()
