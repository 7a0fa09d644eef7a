"""The embedded fonts, and splitting text into runs that each font can draw.

DejaVu Sans draws Latin, Greek, Cyrillic and Arabic (including the presentation forms that
arabic-reshaper produces); IPAexGothic draws kana, kanji and full-width forms. A run of text goes to
the first font whose character map has the character, so mixed English/Japanese/Arabic lines come
out right without markup. Both are TrueType fonts embedded as subsets (TECH-NOTES: the built-in CID
fonts are not embedded and show blank in poppler).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from fieldkit.core.resources import resource_path

SANS = "FK-Sans"
SANS_BOLD = "FK-Sans-Bold"
GOTHIC = "FK-Gothic"  # Japanese; has no bold face, so bold Japanese is drawn with a thin outline

_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf", GOTHIC: "ipaexg.ttf"}
_lock = threading.Lock()
_registered = False

# Arabic letters and presentation forms, Hebrew: lines holding these need shaping and reordering.
RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Characters a line may break before or after (Japanese has no spaces between words).
CJK_CHARS = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def register_fonts() -> None:
    """Register the shipped fonts with reportlab once per process (thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        # Binary streams: reportlab's ASCII85 encoder is pure Python without its C accelerator
        # and spends ~1 s per phone photo; PDFs are 20% smaller without it, too.
        rl_config.useA85 = 0
        for name, filename in _FILES.items():
            path = resource_path("fonts", filename)
            if not path.is_file():
                from fieldkit.core.errors import FieldKitError

                raise FieldKitError(f"the report font {path} is missing; reinstall FieldKit")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        _registered = True


@cache
def _charmap(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


@cache
def _outside(name: str) -> re.Pattern:
    """Matches a character the font lacks: a line without one needs no per-character look-up."""
    codes = sorted(c for c in _charmap(name) if c < 0x110000)
    ranges, start, prev = [], codes[0], codes[0]
    for c in codes[1:]:
        if c != prev + 1:
            ranges.append((start, prev))
            start = c
        prev = c
    ranges.append((start, prev))
    cls = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[^{cls}]")


_japanese_first: ContextVar[bool] = ContextVar("fieldkit_japanese_first", default=False)


@contextmanager
def japanese_first(on: bool = True) -> Iterator[None]:
    """Inside this block (in this thread), text is set in IPAexGothic wherever it has the glyph,
    Latin letters included, and in DejaVu Sans only for the rest: a Japanese document is set in
    one Japanese font. It also keeps lines in one run, where switching fonts at every Latin
    word made Japanese digests a third slower to draw."""
    token = _japanese_first.set(on)
    try:
        yield
    finally:
        _japanese_first.reset(token)


def is_japanese_first() -> bool:
    return _japanese_first.get()


def font_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` as (run, font name) pairs, each run drawable by its font."""
    register_fonts()
    base = SANS_BOLD if bold else SANS
    if not text:
        return []
    if _japanese_first.get():
        if not _outside(GOTHIC).search(text):
            return [(text, GOTHIC)]
        return _runs(text, GOTHIC, base)
    if text.isascii() or not _outside(base).search(text):
        return [(text, base)]
    return _runs(text, base, GOTHIC)


def _runs(text: str, first: str, second: str) -> list[tuple[str, str]]:
    """Runs in ``first`` where it has the glyph, else in ``second`` where that has it."""
    first_map = _charmap(first)
    second_map = _charmap(second)
    runs: list[tuple[str, str]] = []
    start = 0
    current = None
    for i, ch in enumerate(text):
        code = ord(ch)
        if current == GOTHIC and code in _NEUTRAL:
            continue  # digits and spaces inside Japanese stay in its font: 2026年11月27日 is one run
        font = first if code in first_map or code not in second_map else second
        if font != current:
            if current is not None:
                runs.append((text[start:i], current))
            current, start = font, i
    if current is not None:
        runs.append((text[start:], current))
    return runs


# Characters both fonts draw that read as part of the text around them. Keeping them in a
# Japanese run spares a font switch (and a text operator) for every digit of a Japanese date,
# which made Japanese digests a third slower to draw.
_NEUTRAL = frozenset(map(ord, "0123456789 .,:/-%()[]·"))

# (text, size, bold, Japanese first) -> width in points
_width_cache: dict[tuple[str, float, bool, bool], float] = {}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` drawn with the fallback fonts."""
    key = (text, size, bold, _japanese_first.get())
    width = _width_cache.get(key)
    if width is None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        width = sum(stringWidth(run, font, size) for run, font in font_runs(text, bold))
        if len(_width_cache) > 10_000:  # bounded: a 5,000-record digest must not grow it forever
            _width_cache.clear()
        _width_cache[key] = width
    return width
