"""Make the application icon files in resources/icons/app/ from one source image.

    uv run python tools/make_icons.py            # .ico, .icns and .png from fieldkit-1024.png
    uv run python tools/make_icons.py --redraw   # first redraw the source image itself

The source, ``fieldkit-1024.png``, is drawn here with Pillow (a field notebook with a map pin on
an indigo tile) so that it can be changed and regenerated without a graphics program. Every other
icon file is made from that one image, so the platforms never disagree about what the app looks like:

- ``fieldkit.ico``  Windows (the .exe and its taskbar button): 16-256 px in one file
- ``fieldkit.icns`` macOS (the .app bundle): 16-1024 px
- ``fieldkit.png``  Linux window icon and .desktop entry: 256 px
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app"
SOURCE = OUT / "fieldkit-1024.png"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]
PNG_SIZE = 256

INDIGO_TOP = (38, 70, 125)
INDIGO_BOTTOM = (18, 38, 78)
PAPER = (250, 248, 242)
PAPER_SHADE = (222, 217, 204)
INK = (120, 134, 160)
VERMILION = (214, 69, 54)


def draw_source(size: int = 1024) -> Image.Image:
    """The master image, drawn 4x larger and scaled down so every edge is anti-aliased."""
    s = size * 4
    u = s / 64  # one unit of a 64-unit design grid

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return round(x0 * u), round(y0 * u), round(x1 * u), round(y1 * u)

    # Tile: a vertical indigo gradient inside macOS-like rounded-square margins.
    gradient = Image.new("RGB", (1, s))
    for y in range(s):
        t = y / (s - 1)
        gradient.putpixel(
            (0, y),
            tuple(round(a + (b - a) * t) for a, b in zip(INDIGO_TOP, INDIGO_BOTTOM, strict=True)),
        )
    gradient = gradient.resize((s, s))
    tile_mask = Image.new("L", (s, s), 0)
    ImageDraw.Draw(tile_mask).rounded_rectangle(box(4, 4, 60, 60), radius=round(12.5 * u), fill=255)
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    img.paste(gradient, (0, 0), tile_mask)

    # Soft shadow under the notebook, then the notebook page with a folded corner.
    shadow = Image.new("L", (s, s), 0)
    ImageDraw.Draw(shadow).rounded_rectangle(box(17, 13, 45, 53), radius=round(2.5 * u), fill=110)
    shadow = shadow.filter(ImageFilter.GaussianBlur(radius=1.6 * u))
    img.paste((6, 14, 32, 255), (0, 0), Image.composite(shadow, Image.new("L", (s, s)), tile_mask))

    d = ImageDraw.Draw(img)
    fold = 8
    page = [
        (16 * u, 12 * u),
        ((44 - fold) * u, 12 * u),
        (44 * u, (12 + fold) * u),
        (44 * u, 51 * u),
    ]
    page += [(16 * u, 51 * u)]
    d.polygon(page, fill=PAPER)
    d.polygon(
        [((44 - fold) * u, 12 * u), ((44 - fold) * u, (12 + fold) * u), (44 * u, (12 + fold) * u)],
        fill=PAPER_SHADE,
    )
    # Binding on the left edge, and ruled lines: the record of conversation.
    d.rectangle(box(16, 12, 19.5, 51), fill=VERMILION)
    for i, y in enumerate((24, 29.5, 35, 40.5)):
        right = 39 if i % 2 == 0 else 35
        d.rounded_rectangle(box(23, y, right, y + 2.2), radius=round(1.1 * u), fill=INK)
    d.rounded_rectangle(box(23, 16, 31, 19.2), radius=round(1.2 * u), fill=INDIGO_TOP)

    # A map pin over the lower right corner: field visits, offline, anywhere.
    cx, cy, r = 44.5 * u, 39 * u, 8.5 * u
    pin = [(cx - r * 0.86, cy + r * 0.5), (cx, cy + r * 2.05), (cx + r * 0.86, cy + r * 0.5)]
    ring = 1.3 * u
    d.ellipse((cx - r - ring, cy - r - ring, cx + r + ring, cy + r + ring), fill=PAPER)
    d.polygon([(x, y + ring * 0.6) for x, y in pin], fill=PAPER)
    d.polygon([(pin[0][0] - ring, pin[0][1]), pin[1], (pin[2][0] + ring, pin[2][1])], fill=PAPER)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=VERMILION)
    d.polygon(pin, fill=VERMILION)
    hole = r * 0.42
    d.ellipse((cx - hole, cy - hole, cx + hole, cy + hole), fill=PAPER)

    return img.resize((size, size), Image.Resampling.LANCZOS)


def make_icons(source: Path = SOURCE, out: Path = OUT) -> list[Path]:
    master = Image.open(source).convert("RGBA")
    if master.size != (1024, 1024):
        raise SystemExit(
            f"{source}: expected a 1024x1024 image, got {master.size[0]}x{master.size[1]}"
        )
    out.mkdir(parents=True, exist_ok=True)
    written = []

    ico = out / "fieldkit.ico"
    master.save(ico, format="ICO", sizes=[(n, n) for n in ICO_SIZES])
    written.append(ico)

    icns = out / "fieldkit.icns"
    master.save(icns, format="ICNS", sizes=[(n, n) for n in ICNS_SIZES])
    written.append(icns)

    png = out / "fieldkit.png"
    master.resize((PNG_SIZE, PNG_SIZE), Image.Resampling.LANCZOS).save(png, optimize=True)
    written.append(png)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--redraw", action="store_true", help="redraw the 1024 px source image first"
    )
    args = parser.parse_args(argv)
    if args.redraw or not SOURCE.exists():
        SOURCE.parent.mkdir(parents=True, exist_ok=True)
        draw_source().save(SOURCE, optimize=True)
        print(f"drew {SOURCE}")
    for path in make_icons():
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
