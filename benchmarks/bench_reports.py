"""Report benchmarks (issue 4): visit report with photos, digest time, digest memory.

    uv run python benchmarks/bench_reports.py [--runs 5]

Reports are made in English and again in Japanese (labels, dates and reference names in
Japanese; the same text otherwise), against the same baseline.

- visit: `visit_report` of a visit with 4 phone photos (2560x1920 JPEG, as FieldKit stores
  them); target at most 0.5 s. Baseline: a bare reportlab canvas that draws the same four JPEGs
  and the visit's text lines, with no layout, in the same run.
- digest: `digest_report` of 1,000 meetings; target at most 10 s and within 3x of a bare reportlab
  canvas that reads the same records (and their follow-ups) the same way and draws the same text
  one string per line, chopped at a fixed number of characters (no measuring, wrapping, tables,
  charts or markings), in the same embedded fonts.
- memory: peak Python allocation (tracemalloc) of `digest_report` at 1,000 and 5,000 records
  (80% meetings, 20% visits), after a warm-up; it should grow far less than the record count.
Medians of --runs runs; ours and the baseline alternate so machine noise hits both. Times are
wall clock and, for the ratios, CPU time of this process (time.process_time): on a shared machine
the wall clock of a single-threaded job mostly measures the other jobs.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fieldkit.core import demo  # noqa: E402
from fieldkit.core.attachments import add_attachment  # noqa: E402
from fieldkit.core.query import RecordFilter  # noqa: E402
from fieldkit.core.store import Store  # noqa: E402
from fieldkit.reports import DigestQuery, digest_report, fonts, visit_report  # noqa: E402
from fieldkit.reports.digest import _excerpt, _tally, records_with_followups  # noqa: E402
from fieldkit.reports.fonts import GOTHIC, register_fonts  # noqa: E402

TODAY = date(2026, 6, 1)


def median_time(fn, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runs`` calls."""
    wall, cpu = [], []
    for _ in range(runs):
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def phone_photo(path: Path, seed: int) -> Path:
    """A 2560x1920 JPEG that compresses like a phone photo (gradients, shapes, sensor noise)."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    size = (2560, 1920)
    r = Image.linear_gradient("L").resize(size)
    g = Image.radial_gradient("L").resize(size)
    b = Image.linear_gradient("L").rotate(90).resize(size)
    img = Image.merge("RGB", (r, g, b))
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rnd.randrange(size[0]), rnd.randrange(size[1])
        w, h = rnd.randrange(50, 600), rnd.randrange(50, 400)
        draw.rectangle((x, y, x + w, y + h), fill=tuple(rnd.randrange(256) for _ in range(3)))
    img = img.filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(size, 25).convert("RGB")
    Image.blend(img, noise, 0.12).save(path, "JPEG", quality=85)
    return path


def baseline_canvas(pages_text, images=()) -> bytes:
    """reportlab with no layout logic: one drawString per line, a new page when full; the photos
    placed full size, one per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1)
    y = 800
    for image_path in images:
        # A JPEG file name: reportlab copies the JPEG into the PDF as it is (no decoding).
        c.drawImage(str(image_path), 60, 420, 230, 172)
        c.showPage()
    for line in pages_text:
        if y < 60:
            c.showPage()
            y = 800
        c.setFont(GOTHIC, 9)
        c.drawString(50, y, line)
        y -= 12
    c.save()
    return out.getvalue()


def chop(text: str, width: int = 95):
    for para in (text or "").split("\n"):
        for i in range(0, max(len(para), 1), width):
            yield para[i : i + width]


def digest_lines(store, query: DigestQuery):
    """The same text the digest prints for each record, read the same way (the same two passes
    over the store), so the ratio measures layout and markings, not data access."""
    totals = _tally(store, query, TODAY)
    for kind in query.kinds():
        for rec, followups in records_with_followups(store, totals.ids[kind], totals.followups):
            yield f"{rec.date} {rec.country} [{rec.classification}]"
            yield rec.title_text()
            if rec.kind == "meeting":
                texts = (rec.place, rec.key_points, *(turn.text for turn in rec.turns))
            else:
                texts = (rec.site, rec.findings, rec.issues, rec.recommendations)
            for t in texts:
                yield from chop(_excerpt(t))
            for f in followups:
                yield from chop(f"▸ {f.text} ({f.owner}) {f.due}")


def bench_visit(tmp: Path, runs: int) -> None:
    store = Store.open(tmp / "visit")
    demo.generate(store, meetings=0, visits=5, projects=3, seed=2, today=TODAY)
    visit = store.query(RecordFilter(kinds=("visit",)))[0]
    photos = []
    for i in range(4):
        att = add_attachment(store, visit.id, phone_photo(tmp / f"photo{i}.jpg", i),
                             caption=f"Photo {i + 1}: the site")  # fmt: skip
        photos.append(att)
    out = tmp / "visit.pdf"
    t = time.perf_counter()
    visit_report(store, visit.id, out, today=TODAY, lang="en")  # first call: fonts load here
    cold = time.perf_counter() - t
    outs = {lang: tmp / f"visit-{lang}.pdf" for lang in ("en", "ja")}
    timed = {
        lang: median_time(
            lambda lang=lang: visit_report(store, visit.id, outs[lang], today=TODAY, lang=lang),
            runs,
        )
        for lang in ("en", "ja")
    }
    lines = [visit.title_text(), visit.site]
    for text in (visit.progress, visit.facilities_use, visit.findings, visit.issues,
                 visit.recommendations):  # fmt: skip
        lines += list(chop(text))
    blobs = [store.blobs.get(a.sha256) for a in photos]
    files = []
    for i, content in enumerate(blobs):
        files.append(tmp / f"stored{i}.jpg")
        files[-1].write_bytes(content)
    base, base_cpu = median_time(lambda: baseline_canvas(lines, files), runs)
    print(f"visit report, 4 photos ({sum(len(b) for b in blobs) // 1024} kB of JPEG): "
          f"first call {cold:.3f} s; baseline {base:.3f} s / {base_cpu:.3f} s CPU")  # fmt: skip
    for lang, (ours, ours_cpu) in timed.items():
        print(f"  {lang}: ours {ours:.3f} s wall / {ours_cpu:.3f} s CPU, "
              f"CPU ratio {ours_cpu / base_cpu:.1f}x, PDF {os.path.getsize(outs[lang]) // 1024} kB; "
              f"target <= 0.5 s: {'OK' if ours <= 0.5 else 'MISSED'}")  # fmt: skip
    store.close()


def bench_digest(tmp: Path, runs: int) -> None:
    store = Store.open(tmp / "digest")
    demo.generate(store, meetings=1000, visits=0, projects=10, seed=4, today=TODAY)
    query = DigestQuery(date(2000, 1, 1), date(2100, 1, 1))
    out = tmp / "digest.pdf"
    pages = {lang: digest_report(store, query, out, today=TODAY, lang=lang).pages
             for lang in ("en", "ja")}  # fmt: skip
    ours_wall = {"en": [], "ja": []}
    ours_cpu = {"en": [], "ja": []}
    base_wall, base_cpu = [], []
    for _ in range(runs):
        for lang in ("en", "ja"):
            w, c = median_time(
                lambda lang=lang: digest_report(store, query, out, today=TODAY, lang=lang), 1
            )
            ours_wall[lang].append(w)
            ours_cpu[lang].append(c)
        w, c = median_time(lambda: baseline_canvas(digest_lines(store, query)), 1)
        base_wall.append(w)
        base_cpu.append(c)
    med = statistics.median
    print(f"digest of 1000 meetings: baseline {med(base_wall):.2f} s wall / "
          f"{med(base_cpu):.2f} s CPU")  # fmt: skip
    for lang in ("en", "ja"):
        wall, cpu = med(ours_wall[lang]), med(ours_cpu[lang])
        ratio = cpu / med(base_cpu)
        print(f"  {lang} ({pages[lang]} pages): ours {wall:.2f} s wall / {cpu:.2f} s CPU, "
              f"CPU ratio {ratio:.2f}x (wall {wall / med(base_wall):.2f}x); "
              f"targets <= 10 s: {'OK' if wall <= 10 else 'MISSED'}, "
              f"<= 3x: {'OK' if ratio <= 3 else 'MISSED'}")  # fmt: skip
    store.close()


def bench_memory(tmp: Path) -> None:
    peaks = {}
    for n in (1000, 5000):
        store = Store.open(tmp / f"mem{n}")
        demo.generate(store, meetings=n * 4 // 5, visits=n // 5, projects=40, seed=5, today=TODAY)
        query = DigestQuery(date(2000, 1, 1), date(2100, 1, 1))
        # Warm up on one month first, so one-time set-up (font tables, caches of the reference
        # data) is not counted against the first size only; then start from an empty width cache.
        digest_report(store, DigestQuery(date(2026, 1, 1), date(2026, 1, 31)), io.BytesIO())
        fonts._width_cache.clear()
        gc.collect()
        tracemalloc.start()
        result = digest_report(store, query, tmp / f"mem{n}.pdf", today=TODAY)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peaks[n] = peak
        size = os.path.getsize(tmp / f"mem{n}.pdf")
        print(f"digest of {result.records} records: {result.pages} pages, PDF {size / 1e6:.1f} MB, "
              f"peak Python memory {peak / 1e6:.1f} MB")  # fmt: skip
        store.close()
    print(f"memory growth 1,000 -> 5,000 records: {peaks[5000] / peaks[1000]:.2f}x "
          f"for 5x the records")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("FIELDKIT_USER", "bench")
    register_fonts()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bench_visit(tmp, args.runs)
        bench_digest(tmp, max(3, args.runs // 2))
        if not args.skip_memory:
            bench_memory(tmp)


if __name__ == "__main__":
    main()
