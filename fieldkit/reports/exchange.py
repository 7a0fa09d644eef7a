"""The exchange of a record of conversation as printed: each turn in order, under the side that
spoke (先方 / 当方), a partner's request marked as one."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from .components import ACCENT, BODY, paragraph
from .labels import N_, Labels
from .text import TextBlock, TextStyle

SIDE_WORDS = {"partner": N_("Partner"), "ours": N_("Japan")}  # 先方 / 当方
SPEAKER = TextStyle(size=8.5, leading=11, bold=True, color=ACCENT, space_after=1, space_before=3)
SAID = BODY.but(indent=6 * mm)


def side_word(t: Labels, side: str) -> str:
    return t(SIDE_WORDS[side]) if side in SIDE_WORDS else side


def speaker(t: Labels, side: str, request: bool = False) -> str:
    """``先方 — 要望`` / ``Partner — request``."""
    word = side_word(t, side)
    if request:
        word += t(" — request")
    return word


def exchange(t: Labels, meeting) -> list[Flowable]:
    """The turns in order; "None recorded." when there are none."""
    if not meeting.turns:
        return [paragraph(t, "")]
    out: list[Flowable] = []
    for turn in meeting.turns:
        # Room for the speaker and two lines: a speaker never ends a page alone.
        out.append(CondPageBreak(12 * mm))
        out.append(TextBlock(speaker(t, turn.side, turn.request), SPEAKER))
        out.append(paragraph(t, turn.text, SAID))
    return out
