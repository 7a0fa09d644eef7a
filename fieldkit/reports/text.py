"""Wrapped text that continues across pages, in any mix of English, Japanese and Arabic.

reportlab's Paragraph parses markup for every paragraph and cannot wrap reordered right-to-left text
(TECH-NOTES), so reports use ``TextBlock``: plain text is broken into lines by measured width (at
spaces for Latin text, between characters for Japanese, never before closing punctuation), and only
then are Arabic lines shaped and reordered for display. A block splits between lines at a page end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from reportlab.lib import colors
from reportlab.platypus import Flowable

from .fonts import (
    CJK_CHARS,
    GOTHIC,
    RTL_CHARS,
    _width_cache,
    font_runs,
    is_japanese_first,
    register_fonts,
    text_width,
)


@dataclass(frozen=True)
class TextStyle:
    size: float = 9.5
    leading: float = 13.0
    bold: bool = False
    color: colors.Color = colors.black
    align: str = "left"  # left, right, centre; Arabic paragraphs are right-aligned under "left"
    space_before: float = 0.0
    space_after: float = 4.0
    indent: float = 0.0

    def but(self, **changes) -> TextStyle:
        return replace(self, **changes)


# A Japanese date (2026年11月27日, 11月27日, 2026年11月), never broken across lines; a CJK
# character, with closing punctuation glued to it (kinsoku: no line starts with "、" or "）");
# a run of other non-space characters with its closing punctuation and trailing spaces; or spaces.
_TOKENS = re.compile(
    "[0-9]+[年月](?:[0-9]+[月日])+[、。）」]*"
    "|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][、。，．・：；？！）」』】〕〉》ーぁぃぅぇぉっゃゅょァィゥェォッャュョ…‥\uff09\uff0c\uff0e]*"
    "|[^\\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+[、。，．・：；？！）」』】〕〉》\uff09\uff0c\uff0e]*\\s*"
    "|\\s+"
)
_STRONG_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG_LTR = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u04ff\u3040-\u9fff]")


@dataclass(frozen=True)
class Line:
    runs: tuple[tuple[str, str], ...]  # (text, font) in display order
    rtl: bool  # a right-to-left paragraph: aligned right
    size: float
    bold: bool

    def width(self) -> float:
        # Measured only when needed (right, centred or Arabic lines): most lines are left-aligned.
        return sum(text_width(run, self.size, self.bold) for run, _ in self.runs)


@cache
def _reshaper():
    """arabic-reshaper without the ligatures DejaVu Sans cannot draw (e.g. ﷲ in "عبد الله",
    which came out as a box): the letters are joined one by one instead."""
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    from .fonts import SANS, _charmap

    register_fonts()
    drawable = _charmap(SANS)
    off = {
        name: False
        for name, (_, forms) in LIGATURES
        if any(form and any(ord(c) not in drawable for c in form) for form in forms)
    }
    return ArabicReshaper(configuration=off)


def _rtl_paragraph(text: str) -> bool:
    rtl = _STRONG_RTL.search(text)
    ltr = _STRONG_LTR.search(text)
    return bool(rtl) and (not ltr or rtl.start() < ltr.start())


def wrap_lines(text: str, width: float, size: float, bold: bool = False) -> list[Line]:
    """Break ``text`` into display lines no wider than ``width`` points."""
    lines: list[Line] = []
    for para in (text or "").replace("\r\n", "\n").replace("\t", "    ").split("\n"):
        has_rtl = bool(RTL_CHARS.search(para))
        rtl = False
        if has_rtl:
            # Shape before measuring (joined forms have their own widths); reorder after wrapping.
            para = _reshaper().reshape(para)
            rtl = _rtl_paragraph(para)
        if not para.strip():
            lines.append(Line((), False, size, bold))
            continue
        for logical in _break(para, width, size, bold):
            shown = logical
            if has_rtl:
                from bidi import get_display

                shown = get_display(logical, base_dir="R" if rtl else "L")
            lines.append(Line(tuple(font_runs(shown, bold)), rtl, size, bold))
    return lines


def _break(para: str, width: float, size: float, bold: bool) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    current_w = 0.0
    space = text_width(" ", size, bold)
    cache = _width_cache  # the hot loop of every report: look widths up without a call
    jp_first = is_japanese_first()
    for token in _TOKENS.findall(para):
        word = token.rstrip(" ")
        if word:
            word_w = cache.get((word, size, bold, jp_first))
            if word_w is None:
                word_w = text_width(word, size, bold)
        else:
            word_w = 0.0
        if current and current_w + word_w > width:
            out.append("".join(current).rstrip())
            current, current_w = [], 0.0
            if not word:
                continue  # spaces at a line break vanish
        if not current and word_w > width:
            # A word longer than the line (a URL, a 50,000-character string): cut it.
            piece = ""
            for ch in word:
                if piece and text_width(piece + ch, size, bold) > width:
                    out.append(piece)
                    piece = ""
                piece += ch
            current, current_w = [piece], text_width(piece, size, bold)
            continue
        current.append(token)
        current_w += word_w + space * (len(token) - len(word))
    if current:
        out.append("".join(current).rstrip())
    return out or [""]


class TextBlock(Flowable):
    """Plain text, wrapped to the frame and split between lines across pages."""

    def __init__(self, text: str, style: TextStyle = TextStyle(), *, lines=None) -> None:
        super().__init__()
        self.text = text or ""
        self.style = style
        self._lines: list[Line] | None = lines
        self._wrapped_for: float | None = None if lines is None else -1.0
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width = availWidth - self.style.indent
        if self._lines is None or (self._wrapped_for not in (-1.0, width)):
            self._lines = wrap_lines(self.text, max(width, 20.0), self.style.size, self.style.bold)
            self._wrapped_for = width
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines = self._lines or []
        fit = int(availHeight // self.style.leading)
        # No single line stranded at the foot or the head of a page when the block is long.
        if len(lines) >= 4:
            fit = min(fit, len(lines) - 2)
            if fit < 2:
                return []
        if fit <= 0 or fit >= len(lines):
            return []
        first = TextBlock(self.text, self.style.but(space_after=0), lines=lines[:fit])
        rest = TextBlock(self.text, self.style.but(space_before=0), lines=lines[fit:])
        first._wrapped_for = rest._wrapped_for = self._wrapped_for
        return [first, rest]

    def draw(self) -> None:
        draw_lines(self.canv, self._lines or [], self.style, 0, self.height, self.width)

    def draw_at(self, canv, x: float, top: float) -> None:
        """Draw with the first line's top at (x, top), without a graphics state of its own."""
        draw_lines(canv, self._lines or [], self.style, x, top, self.width, own_state=False)

    def plain_text(self) -> str:
        return self.text


def draw_lines(
    canv,
    lines: list[Line],
    style: TextStyle,
    x0: float,
    top: float,
    width: float,
    own_state: bool = True,
) -> None:
    """Draw wrapped lines with the first line's top at ``top``.

    ``own_state`` False: the caller saves and restores the graphics state (the colours set here
    would otherwise leak), so a stack of blocks does it once.
    """
    text = canv.beginText()
    if own_state:
        canv.saveState()
    canv.setFillColor(style.color)
    if style.bold and any(font == GOTHIC for line in lines for _, font in line.runs):
        canv.setStrokeColor(style.color)
        canv.setLineWidth(style.size * 0.035)
    left = x0 + style.indent
    avail = width - style.indent
    # Baseline inside the line box: leave room for descenders below.
    drop = style.leading - (style.leading - style.size) / 2 - style.size * 0.22
    # Fonts, render modes and line starts are emitted only when they change, and lines move
    # relative to the previous one: a digest draws tens of thousands of lines.
    font = mode = None
    prev_x = prev_y = 0.0
    first = True
    for i, line in enumerate(lines):
        if not line.runs:
            continue
        if style.align == "centre":
            x = left + (avail - line.width()) / 2
        elif style.align == "right" or line.rtl:
            x = left + avail - line.width()
        else:
            x = left
        y = top - i * style.leading - drop
        if first:
            text.setTextOrigin(x, y)
            first = False
        else:
            text.moveCursor(x - prev_x, prev_y - y)
        prev_x, prev_y = x, y
        for run, run_font in line.runs:
            if run_font != font:
                text.setFont(run_font, style.size)
                font = run_font
            # IPAexGothic has no bold face: outline the glyphs thinly instead.
            run_mode = 2 if style.bold and run_font == GOTHIC else 0
            if run_mode != mode:
                text.setTextRenderMode(run_mode)
                mode = run_mode
            text.textOut(run)
    if mode:
        # The render mode is graphics state and outlives the text object: without this, text
        # drawn after a bold Japanese line in the same state (a Stack) comes out outlined too.
        text.setTextRenderMode(0)
    canv.drawText(text)
    if own_state:
        canv.restoreState()


def has_cjk(text: str) -> bool:
    return bool(CJK_CHARS.search(text or ""))


def _line_count(flowables: list[Flowable]) -> int:
    """Text lines in ``flowables`` as last wrapped (rules and spacers have none)."""
    return sum(len(getattr(f, "_lines", None) or []) for f in flowables)


class Stack(Flowable):
    """Several text blocks (and rules) laid out as one flowable, split between lines at a page end.

    A digest summarises thousands of records in a handful of blocks each; handing platypus one
    flowable per record instead of one per block makes the layout several times cheaper. The
    first ``keep`` children (a record's date line and title) never end a page on their own.
    """

    def __init__(self, children: list[Flowable], keep: int = 0) -> None:
        super().__init__()
        self.children = [c for c in children if c is not None]
        self.keep = keep
        self.spaceBefore = getattr(self.children[0], "spaceBefore", 0) if self.children else 0
        self.spaceAfter = getattr(self.children[-1], "spaceAfter", 0) if self.children else 0
        self._layout: list[tuple[Flowable, float, float]] = []

    def _gap(self, i: int) -> float:
        """Space between child i-1 and child i."""
        if i == 0:
            return 0.0
        return max(getattr(self.children[i - 1], "spaceAfter", 0),
                   getattr(self.children[i], "spaceBefore", 0))  # fmt: skip

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        y = 0.0
        self._layout = []
        for i, child in enumerate(self.children):
            y += self._gap(i)
            _, h = child.wrap(availWidth, availHeight)
            self._layout.append((child, y, h))
            y += h
        self.width, self.height = availWidth, y
        return availWidth, y

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        for i, (child, top, h) in enumerate(self._layout):
            if top + h <= availHeight:
                continue
            room = availHeight - top
            # A block of two or three lines moves whole: split, it would leave one line alone
            # (a TextBlock of four or more keeps two lines on each side).
            splittable = room > 0 and i >= self.keep - 1 and _line_count([child]) >= 4
            parts = child.split(availWidth, room) if splittable else []
            if len(parts) == 2:
                head, tail = self.children[:i] + [parts[0]], [parts[1]] + self.children[i + 1 :]
                return [Stack(head), Stack(tail)]
            # Between blocks, with at least two lines of the record going over to the next page
            # (one action line and the closing rule alone there read as a stray line).
            j = i
            while j > 0 and _line_count(self.children[j:]) < 2:
                j -= 1
            if j < self.keep or j == 0:
                return []  # the whole record goes to the next page
            return [Stack(self.children[:j]), Stack(self.children[j:])]
        return [self]

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        for child, top, h in self._layout:
            if hasattr(child, "draw_at"):
                child.draw_at(canv, 0, self.height - top)
            else:
                child.drawOn(canv, 0, self.height - top - h)
        canv.restoreState()
