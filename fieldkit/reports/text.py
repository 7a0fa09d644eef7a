"""Wrapped text that continues across pages, in any mix of English, Japanese and Arabic.

reportlab's Paragraph parses markup for every paragraph and cannot wrap reordered right-to-left text
(TECH-NOTES), so reports use ``TextBlock``: plain text is broken into lines by measured width (at
spaces for Latin text, between characters for Japanese, never before closing punctuation), and only
then are Arabic lines shaped and reordered for display. A block splits between lines at a page end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.platypus import Flowable

from .fonts import CJK_CHARS, GOTHIC, RTL_CHARS, font_runs, text_width


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


# A CJK character, with closing punctuation glued to it (kinsoku: no line starts with "、" or "）");
# a run of other non-space characters with its trailing spaces; or bare spaces.
_TOKENS = re.compile(
    "[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][、。，．・：；？！）」』】〕〉》ーぁぃぅぇぉっゃゅょァィゥェォッャュョ…‥\uff09\uff0c\uff0e]*"
    "|[^\\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\\s*"
    "|\\s+"
)
_STRONG_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG_LTR = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u04ff\u3040-\u9fff]")


@dataclass(frozen=True)
class Line:
    runs: tuple[tuple[str, str], ...]  # (text, font) in display order
    width: float
    rtl: bool  # a right-to-left paragraph: aligned right


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
            import arabic_reshaper

            # Shape before measuring (joined forms have their own widths); reorder after wrapping.
            para = arabic_reshaper.reshape(para)
            rtl = _rtl_paragraph(para)
        if not para.strip():
            lines.append(Line((), 0.0, False))
            continue
        for logical in _break(para, width, size, bold):
            shown = logical
            if has_rtl:
                from bidi import get_display

                shown = get_display(logical, base_dir="R" if rtl else "L")
            lines.append(Line(tuple(font_runs(shown, bold)), text_width(shown, size, bold), rtl))
    return lines


def _break(para: str, width: float, size: float, bold: bool) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    current_w = 0.0
    for token in _TOKENS.findall(para):
        w = text_width(token, size, bold)
        if current and current_w + text_width(token.rstrip(), size, bold) > width:
            out.append("".join(current).rstrip())
            current, current_w = [], 0.0
            if not token.strip():
                continue  # spaces at a line break vanish
        if not current and text_width(token.rstrip(), size, bold) > width:
            # A word longer than the line (a URL, a 50,000-character string): cut it.
            piece = ""
            for ch in token.rstrip():
                if piece and text_width(piece + ch, size, bold) > width:
                    out.append(piece)
                    piece = ""
                piece += ch
            current, current_w = [piece], text_width(piece, size, bold)
            continue
        current.append(token)
        current_w += w
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

    def plain_text(self) -> str:
        return self.text


def draw_lines(canv, lines: list[Line], style: TextStyle, x0: float, top: float, width: float):
    """Draw wrapped lines with the first line's top at ``top``."""
    text = canv.beginText()
    canv.saveState()
    canv.setFillColor(style.color)
    canv.setStrokeColor(style.color)
    canv.setLineWidth(style.size * 0.035)
    left = x0 + style.indent
    avail = width - style.indent
    # Baseline inside the line box: leave room for descenders below.
    drop = style.leading - (style.leading - style.size) / 2 - style.size * 0.22
    for i, line in enumerate(lines):
        if not line.runs:
            continue
        if style.align == "centre":
            x = left + (avail - line.width) / 2
        elif style.align == "right" or line.rtl:
            x = left + avail - line.width
        else:
            x = left
        text.setTextOrigin(x, top - i * style.leading - drop)
        for run, font in line.runs:
            text.setFont(font, style.size)
            # IPAexGothic has no bold face: outline the glyphs thinly instead.
            text.setTextRenderMode(2 if style.bold and font == GOTHIC else 0)
            text.textOut(run)
    canv.drawText(text)
    canv.restoreState()


def has_cjk(text: str) -> bool:
    return bool(CJK_CHARS.search(text or ""))
