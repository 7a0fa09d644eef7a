"""Building blocks shared by the documents: title block, headings, field tables, grids, photos."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from .labels import Labels
from .text import TextBlock, TextStyle, draw_lines, wrap_lines

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#5a5a5a")
LINE = colors.HexColor("#b8c0c8")
SHADE = colors.HexColor("#eef1f5")
ALERT = colors.HexColor("#b3121b")

BODY = TextStyle(size=9.5, leading=13.2, color=INK)
SMALL = TextStyle(size=8, leading=10.5, color=INK, space_after=0)
CELL = TextStyle(size=8.5, leading=11, color=INK, space_after=0)
CELL_BOLD = CELL.but(bold=True)
LABEL = TextStyle(size=8, leading=11, bold=True, color=MUTED, space_after=0)
EMPTY = "—"
# A table column holding a date: ISO in English, "2026年11月27日" in Japanese.
DATE_COLUMN = {"en": 22 * mm, "ja": 27 * mm}


def fmt_money(amount, currency: str, lang: str | None = None) -> str:
    """An amount as every report prints it (fieldkit.core.amounts): 5,990万円 in Japanese,
    USD 12,000 / JPY 59,900,000 otherwise. ``lang`` None: the language of the report being laid
    out (its story runs inside ``fonts.japanese_first``)."""
    from fieldkit.core.amounts import format_amount

    from .fonts import is_japanese_first

    if lang is None:
        lang = "ja" if is_japanese_first() else "en"
    return format_amount(amount, currency, lang)


class Rule(Flowable):
    """A horizontal line across the frame."""

    def __init__(self, colour=LINE, width: float = 0.6, space: float = 3) -> None:
        super().__init__()
        self.colour, self.line_width = colour, width
        self.spaceBefore = self.spaceAfter = space

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.line_width

    def draw(self):
        self.draw_at(self.canv, 0, self.line_width)

    def draw_at(self, canv, x: float, top: float) -> None:
        canv.setStrokeColor(self.colour)
        canv.setLineWidth(self.line_width)
        canv.line(x, top - self.line_width, x + self.width, top - self.line_width)


class Heading(Flowable):
    """A section heading with a rule under it; never left alone at the foot of a page."""

    def __init__(self, text: str, level: int = 1) -> None:
        super().__init__()
        self.text = text
        self.level = level
        self.style = (
            TextStyle(size=11, leading=14, bold=True, color=ACCENT)
            if level == 1
            else TextStyle(size=9.5, leading=12.5, bold=True, color=INK)
        )
        self.spaceBefore = 10 if level == 1 else 6
        self.spaceAfter = 4 if level == 1 else 2
        # No keepWithNext: it would glue the heading to a whole table and push both to the next
        # page; heading() asks for room with CondPageBreak instead.

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self._lines = wrap_lines(self.text, availWidth, self.style.size, True)
        self.height = len(self._lines) * self.style.leading + (3 if self.level == 1 else 0)
        return availWidth, self.height

    def draw(self):
        draw_lines(self.canv, self._lines, self.style, 0, self.height, self.width)
        if self.level == 1:
            self.canv.setStrokeColor(ACCENT)
            self.canv.setLineWidth(0.8)
            self.canv.line(0, 0.5, self.width, 0.5)


def heading(text: str, level: int = 1) -> list[Flowable]:
    # Ask for room for the heading plus a few lines, so a heading never ends a page.
    return [CondPageBreak(40 * mm if level == 1 else 25 * mm), Heading(text, level)]


def title_block(t: Labels, kind_en: str, title: str, post: str, ref_line: str) -> list[Flowable]:
    """The document's head: post, document type in both languages (the report's language first),
    its title, its reference."""
    out: list[Flowable] = []
    if post:
        out.append(TextBlock(post, TextStyle(size=9, leading=12, color=MUTED, align="right")))
    first, second = t.kind(kind_en)
    out.append(
        TextBlock(
            f"{first}    {second}",
            TextStyle(size=9, leading=12, bold=True, color=ACCENT, space_after=2),
        )
    )
    out.append(
        TextBlock(title, TextStyle(size=15, leading=19, bold=True, color=INK, space_after=3))
    )
    if ref_line:
        out.append(TextBlock(ref_line, TextStyle(size=7.5, leading=10, color=MUTED)))
    out.append(Rule(ACCENT, 1.2, 4))
    return out


def paragraph(t: Labels, text: str, style: TextStyle = BODY) -> TextBlock:
    """``text``, or "None recorded." in grey when it is empty."""
    if text and text.strip():
        return TextBlock(text.strip(), style)
    return TextBlock(t("None recorded."), style.but(color=MUTED))


def text_section(t: Labels, title: str, text: str) -> list[Flowable]:
    """A level-2 heading (already in the report's language) and its text."""
    return [*heading(title, 2), paragraph(t, text)]


def field_table(
    rows: Sequence[tuple[str, str]],
    width: float,
    label_width: float = 38 * mm,
    *,
    highlight: Sequence[int] = (),
):
    """Label / value pairs as a two-column table; an empty value shows a dash; ``highlight``
    rows in red ink (label and value)."""
    hl = set(highlight)
    data = [
        [
            TextBlock(label, LABEL.but(color=ALERT) if i in hl else LABEL),
            TextBlock(value if value else EMPTY, CELL.but(color=ALERT) if i in hl else CELL),
        ]
        for i, (label, value) in enumerate(rows)
    ]
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    widths: Sequence[float],
    *,
    highlight: Sequence[int] = (),
) -> Table:
    """A table with a shaded header repeated on every page; ``highlight`` rows in red ink."""
    red = CELL.but(color=ALERT)
    data: list[list] = [[TextBlock(h, CELL_BOLD) for h in header]]
    hl = set(highlight)
    for i, row in enumerate(rows):
        style = red if i in hl else CELL
        data.append(
            [c if isinstance(c, Flowable) else TextBlock(c if c else EMPTY, style) for c in row]
        )
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    table.setStyle(TableStyle(commands))
    return table


def people_rows(attendees) -> list[list[str]]:
    return [[a.name, a.title, a.organisation] for a in attendees]


def boxed_row(cells: list, col_widths: Sequence[float]) -> Table:
    """Cells side by side in ruled boxes (the approval and signature block, 決裁欄)."""
    table = Table([cells], colWidths=list(col_widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, LINE),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    # A table of one row never splits; no KeepTogether here, so callers can nest it in theirs
    # (reportlab's KeepTogether reports a huge height to force a split, which breaks nesting).
    return table


PHOTO_DPI = 200

# ---- photos ---------------------------------------------------------------------------------------


class Photo(Flowable):
    """A photo scaled into a box, upright from EXIF, with its caption; or a marked placeholder."""

    def __init__(
        self,
        t: Labels,
        content: bytes | None,
        caption: str,
        box_w: float,
        box_h: float,
        missing: str = "",
    ) -> None:
        super().__init__()
        self.t = t
        self.caption = caption
        self.box_w, self.box_h = box_w, box_h
        self.missing = missing
        self.image = None
        self.img_w = self.img_h = 0.0
        if content is not None:
            self._load(content)

    def _load(self, content: bytes) -> None:
        from PIL import Image, ImageOps, UnidentifiedImageError
        from reportlab.lib.utils import ImageReader

        try:
            img = Image.open(io.BytesIO(content))
            # 200 dpi at the printed size is plenty for an office printer. JPEG "draft" decodes
            # straight at 1/2, 1/4 or 1/8 scale, which is most of the saving on a 2560 px photo.
            target = int(max(self.box_w, self.box_h) / 72 * PHOTO_DPI)
            w, h = img.size
            img.draft("RGB", (target * w // max(w, h, 1), target * h // max(w, h, 1)))
            ImageOps.exif_transpose(img, in_place=True)
            if max(img.size) > target * 1.5:
                img.thumbnail((target, target), Image.Resampling.BILINEAR, reducing_gap=2.0)
            if img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            self.missing = self.t("The attached file is not an image FieldKit can read.")
            return
        out = io.BytesIO()
        img.save(out, "JPEG", quality=85)  # reportlab embeds JPEG bytes as they are
        out.seek(0)
        self.image = ImageReader(out)
        scale = min(self.box_w / img.width, self.box_h / img.height)
        self.img_w, self.img_h = img.width * scale, img.height * scale

    def wrap(self, availWidth, availHeight):
        self._caption = wrap_lines(self.caption or self.t("(no caption)"), self.box_w, 8)
        self.height = self.box_h + 3 + len(self._caption) * 10.5
        self.width = self.box_w
        return self.box_w, self.height

    def draw(self):
        c = self.canv
        top = self.height
        if self.image is not None:
            x = (self.box_w - self.img_w) / 2
            y = top - self.box_h + (self.box_h - self.img_h) / 2
            c.drawImage(self.image, x, y, self.img_w, self.img_h)
            c.setStrokeColor(LINE)
            c.setLineWidth(0.4)
            c.rect(x, y, self.img_w, self.img_h)
        else:
            c.saveState()
            c.setFillColor(SHADE)
            c.setStrokeColor(ALERT)
            c.setDash(3, 2)
            c.rect(0, top - self.box_h, self.box_w, self.box_h, fill=1)
            c.restoreState()
            msg = wrap_lines(f"{self.t('PHOTO MISSING')}\n{self.missing}", self.box_w - 10, 8, True)
            draw_lines(
                c,
                msg,
                SMALL.but(bold=True, color=ALERT, align="centre"),
                5,
                top - self.box_h / 2 + len(msg) * 5,
                self.box_w - 10,
            )
        style = SMALL.but(color=MUTED, align="centre")
        draw_lines(c, self._caption, style, 0, top - self.box_h - 3, self.box_w)


def photo_grid(photos: Sequence[Photo], width: float, columns: int = 2) -> Table:
    rows = [list(photos[i : i + columns]) for i in range(0, len(photos), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width / columns] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def photos_for(t: Labels, store, attachments, width: float) -> list[Flowable]:
    """Photos among ``attachments`` (in their order) as captioned images, two per row."""
    box_w = width / 2 - 8 * mm
    box_h = box_w * 0.72
    out = []
    for att in sorted(attachments, key=lambda a: (a.position, a.created_at or datetime.min)):
        if not att.media_type.startswith("image/"):
            continue
        caption = att.caption or att.filename
        if att.taken_at:
            caption += t(" ({text})", text=t.stamp(att.taken_at))
        try:
            content = store.blobs.get(att.sha256)
        except Exception as exc:  # noqa: BLE001 - a missing or damaged file: placeholder, not failure
            out.append(Photo(t, None, caption, box_w, box_h, missing=f"{att.filename}: {exc}"))
            continue
        out.append(Photo(t, content, caption, box_w, box_h))
    return out


def documents_list(t: Labels, attachments) -> list[list[str]]:
    return [
        [a.filename or a.sha256[:12], a.caption, a.media_type, t("{n} bytes", n=f"{a.size:,}")]
        for a in attachments
        if not a.media_type.startswith("image/")
    ]
