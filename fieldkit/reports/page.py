"""The page: paper size, margins, and the markings every page carries.

Top and bottom of every page: the classification marking (coloured by level) and the handling
caveats; above the footer: the post, when the document was generated and by whom, and "Page x of y".
The total page count is a PDF form drawn once at the end and referenced from every page, so a
document is laid out in one pass however long it is.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from fieldkit.core.reference import reference

from .fonts import GOTHIC, SANS, japanese_first, register_fonts, text_width
from .labels import labels
from .text import TextStyle, draw_lines, wrap_lines

PAPER = {"A4": A4, "Letter": LETTER}
MARGIN_X = 20 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 27 * mm
TOTAL_FORM = "fk_total_pages"

# Marking colours as posts use them on paper: green, blue-grey, blue, red by rising level.
_LEVEL_COLOURS = [
    colors.HexColor("#1b6e2d"),
    colors.HexColor("#35507a"),
    colors.HexColor("#1f3fb0"),
    colors.HexColor("#b3121b"),
]
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#9aa3ad")


@dataclass
class Marking:
    """What a document's pages say about its handling."""

    classification: str
    caveats: list[str] = field(default_factory=list)

    def text(self) -> str:
        level = reference().classifications.get(self.classification)
        if level is None:
            return self.classification
        ja = f"  {level.name_ja}" if level.name_ja else ""
        return f"{level.name.upper()}{ja}"

    def caveat_text(self, japanese: bool = True) -> str:
        names = []
        for code in self.caveats:
            c = reference().caveats.get(code)
            if c is None:
                names.append(code)
            else:
                ja = f" ({c.name_ja})" if japanese and c.name_ja else ""
                names.append(f"{c.name.upper()}{ja}")
        return "  ·  ".join(names)

    def colour(self) -> colors.Color:
        rank = max(reference().classification_rank(self.classification), 0)
        return _LEVEL_COLOURS[min(rank, len(_LEVEL_COLOURS) - 1)]

    @classmethod
    def of(cls, records: Iterable) -> Marking:
        """The highest classification among ``records`` and the union of their caveats."""
        codes, caveats = set(), {}
        for r in records:
            codes.add(r.classification)
            for c in r.caveats:
                caveats[c] = None
        return cls(reference().highest_classification(codes), list(caveats))


@dataclass
class PageInfo:
    title: str
    marking: Marking
    author: str
    post: str
    generated_at: datetime
    paper: str = "A4"
    landscape: bool = False
    lang: str = "en"  # the language of the footer's words (the marking bands are bilingual)
    zone: str | None = None  # the post's time zone: moments print in it (None: UTC)
    watermark: str = ""  # across every page, e.g. "DRAFT  案" until a record is approved

    def pagesize(self) -> tuple[float, float]:
        size = PAPER.get(self.paper, A4)
        return landscape(size) if self.landscape else size


class _Flated:
    """A stream filter for content that is already compressed (see _Canvas.showPage)."""

    pdfname = "FlateDecode"

    def encode(self, data: bytes) -> bytes:
        return data


_FLATED = _Flated()


class _Canvas(Canvas):
    """Defines the "page total" form when the document is saved, and remembers the count.

    reportlab keeps every page's drawing operators as text until the document is saved; a
    900-page digest holds ~10 MB of them. Compressing each page as it is finished keeps a
    quarter of that, so memory grows with the compressed file, not with the operators.
    """

    pages = 0

    def showPage(self) -> None:
        super().showPage()
        from reportlab.pdfbase.pdfdoc import PDFStream

        page = self._doc.Pages.pages[-1]
        if getattr(page, "stream", None) and not page.Contents:
            stream = PDFStream()
            stream.filters = [_FLATED]
            stream.content = zlib.compress(page.stream.encode("utf8"))  # as reportlab does
            stream.__Comment__ = "page stream"
            page.Contents = stream
            page.stream = None

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        self.pages = self._pageNumber - 1
        self.beginForm(TOTAL_FORM)
        self.setFont(SANS, 7.5)
        self.setFillColor(GREY)
        self.drawString(0, 0, str(self.pages))
        self.endForm()
        super().save()


def fit_line(text: str, width: float, size: float) -> str:
    """``text`` cut with an ellipsis to fit one line of ``width`` points."""
    text = " ".join(text.split())
    if text_width(text, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid].rstrip() + "…", size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _watermark(canv: Canvas, text: str, width: float, height: float) -> None:
    """Large, pale and diagonal, under the page's content (onPage draws before the frame)."""
    canv.saveState()
    canv.setFillColor(colors.HexColor("#b3121b"))
    canv.setFillAlpha(0.13)
    canv.translate(width / 2, height / 2)
    canv.rotate(40)
    # IPAexGothic: the one face with both the Latin and the Japanese of "DRAFT  案".
    diagonal = (width**2 + height**2) ** 0.5
    size = min(110.0, 0.7 * diagonal / max(canv.stringWidth(text, GOTHIC, 1), 1))
    canv.setFont(GOTHIC, size)
    canv.drawCentredString(0, -size / 3, text)
    canv.restoreState()


def _decorate(info: PageInfo):
    marking_style = TextStyle(size=10, leading=12, bold=True, color=info.marking.colour())
    caveat_style = TextStyle(size=7, leading=9, bold=True, color=info.marking.colour())
    caveat_text = info.marking.caveat_text()
    small = TextStyle(size=7.5, leading=9, color=GREY)
    marking_lines = None
    t = labels(info.lang)
    at = t.moment(info.generated_at, info.zone)
    stamp = (
        t("Generated {at} by {author}", at=at, author=info.author)
        if info.author
        else t("Generated {at}", at=at)
    )
    stamp_lines: list = []

    def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
        nonlocal marking_lines, stamp_lines
        width, height = doc.pagesize
        inner = width - 2 * MARGIN_X
        if marking_lines is None:
            # Every caveat must show: drop the Japanese names, then shrink, then use more lines.
            nonlocal caveat_style, caveat_text
            # The marking bands look the same in English and Japanese reports.
            with japanese_first(False):
                if text_width(caveat_text, caveat_style.size, True) > inner:
                    caveat_text = info.marking.caveat_text(japanese=False)
                while (
                    len(wrap_lines(caveat_text, inner, caveat_style.size, True)) > 2
                    and caveat_style.size > 4.5
                ):
                    size = caveat_style.size - 0.5
                    caveat_style = caveat_style.but(size=size, leading=size * 1.25)
                bands = (
                    wrap_lines(info.marking.text(), inner, marking_style.size, True),
                    wrap_lines(caveat_text, inner, caveat_style.size, True),
                )
            stamp_lines = wrap_lines(fit_line(stamp, inner * 0.7, small.size), inner, small.size)
            marking_lines = (
                *bands,
                wrap_lines(fit_line(info.title, inner * 0.62, small.size), inner, small.size),
                wrap_lines(fit_line(info.post, inner * 0.36, small.size), inner, small.size),
            )
        mark, caveats, title, post = marking_lines
        if info.watermark:
            _watermark(canv, info.watermark, width, height)
        centred = marking_style.but(align="centre")
        caveat_centred = caveat_style.but(align="centre")
        # Top: marking, caveats, then the running title and post above a rule.
        draw_lines(canv, mark[:1], centred, MARGIN_X, height - 7 * mm, inner)
        if info.marking.caveats:
            draw_lines(canv, caveats, caveat_centred, MARGIN_X, height - 11.5 * mm, inner)
        if len(caveats) <= 2:  # three lines of caveats take the running title's place
            draw_lines(canv, title[:1], small, MARGIN_X, height - 17 * mm, inner)
            draw_lines(canv, post[:1], small.but(align="right"), MARGIN_X, height - 17 * mm, inner)
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, height - 20.5 * mm, width - MARGIN_X, height - 20.5 * mm)
        canv.line(MARGIN_X, 20.5 * mm, width - MARGIN_X, 20.5 * mm)
        canv.restoreState()
        # Bottom: who generated it and when, page x of y; then caveats and the marking.
        draw_lines(canv, stamp_lines, small, MARGIN_X, 19.5 * mm, inner)
        # "Page 3 of " (or "頁 3 / ") ends where the total, a form filled in at the end, begins.
        right = width - MARGIN_X - canv.stringWidth("0000", SANS, 7.5)
        label = wrap_lines(t("Page {page} of ", page=doc.page), inner, small.size)
        space = text_width(" ", small.size)
        draw_lines(
            canv, label, small.but(align="right"), MARGIN_X, 19.5 * mm, right - MARGIN_X - space
        )
        canv.saveState()
        canv.translate(right, 19.5 * mm - 6.6)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()
        if info.marking.caveats:
            top = 9.8 * mm + len(caveats) * caveat_style.leading
            draw_lines(canv, caveats, caveat_centred, MARGIN_X, top, inner)
        draw_lines(canv, mark[:1], centred, MARGIN_X, 9 * mm, inner)

    return on_page


class ReportDoc(BaseDocTemplate):
    """One frame per page, decorated with the markings; builds from a stream of flowables."""

    def __init__(self, target, info: PageInfo, subject: str = "") -> None:
        register_fonts()
        pagesize = info.pagesize()
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=info.title,
            author=info.author,
            subject=subject or info.title,
            creator="FieldKit",
            pageCompression=1,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            pagesize[0] - 2 * MARGIN_X,
            pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_decorate(info))])
        self.pages = 0

    def build_stream(self, flowables: Iterable[Flowable], lookahead: int = 64) -> int:
        """Lay out flowables as they are produced, holding only ``lookahead`` of them at a time.

        BaseDocTemplate.build wants the whole story as a list; for a digest of thousands of
        records that list would hold every paragraph at once. This is its loop over a refilled
        buffer (keep-with-next groups look ahead at most a few flowables). Returns the page count.
        """
        source = iter(flowables)
        buffer: list[Flowable] = []
        self._startBuild(None, _Canvas)
        canv = self.canv
        saved_info = canv._doc.info
        try:
            canv._doctemplate = self
            while True:
                while len(buffer) < lookahead:
                    nxt = next(source, None)
                    if nxt is None:
                        break
                    buffer.append(nxt)
                if not buffer:
                    break
                self.clean_hanging()
                self.handle_flowable(buffer)
        finally:
            del canv._doctemplate
        canv._doc.info = saved_info
        self._endBuild()
        self.pages = canv.pages
        return self.pages
