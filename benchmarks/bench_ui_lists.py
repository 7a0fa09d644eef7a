"""Desktop list benchmarks (issue 3): the lazy list model with 100,000 meetings.

    uv run python benchmarks/bench_ui_lists.py [--meetings 100000] [--runs 7] [--store DIR]

Each figure is compared with a baseline measured in the same run on the same store:
- first rows: RecordListModel.set_filter -> first page shown (ids + 200 summaries, on a worker
  thread, delivered to the main thread) vs a raw ``store.ids(filter)`` call on the main thread;
- re-filter: the same for a typed search (English, Japanese, two-character) and a country filter;
- sort: a click on the Subject header (store-side ORDER BY) vs raw ``store.ids(sort="title")``;
- typing: a word typed into a real ListPage search box, one key every 60 ms; the time from the
  last keystroke until the list shows the result (target 100 ms);
- scroll to the end: the view scrolled to its last row page by page; rows exposed, summaries
  cached (the cache is bounded), and resident memory of the process (target < 300 MB).
Medians of --runs runs; ours and the baseline alternate so machine noise hits both.
``--store DIR`` keeps the generated store between runs (it is rebuilt if it has too few meetings).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fieldkit.core import demo  # noqa: E402
from fieldkit.core.query import RecordFilter  # noqa: E402
from fieldkit.core.store import Store  # noqa: E402
from fieldkit.ui import errors, ops  # noqa: E402
from fieldkit.ui.app import guard_none_refcount  # noqa: E402
from fieldkit.ui.lists.columns import columns_for  # noqa: E402
from fieldkit.ui.lists.model import CACHE_ROWS, PAGE, RecordListModel  # noqa: E402
from fieldkit.ui.lists.page import ListPage  # noqa: E402

MEETINGS = RecordFilter(kinds=("meeting",))
SEARCHES = ["geothermal", "地熱", "Ministry of Energy", "EV", "鉱物"]
TYPED = "geothermal"


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def generate(path: Path, n: int) -> None:
    """Child process: add meetings until the store at ``path`` has ``n``."""
    store = Store.open(path)
    have = store.count(MEETINGS)
    if have < n:
        records, _counts = demo.build(meetings=n - have, visits=0, projects=0, seed=7 + have)
        store.create_many([r for r in records if r.kind == "meeting"], action="demo")
    store.close()


def prepare(path: Path, n: int) -> Store:
    # Generated in a child process, so this process's memory is the app's, not the generator's.
    t = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--generate", str(path), str(n)], check=True)
    print(f"(store ready in {time.perf_counter() - t:.0f} s)")
    return Store.open(path)


def wait_signal(signal, timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


FIRST: list[float] = []  # time to the first rows of the latest time_refresh


def time_refresh(model: RecordListModel, action) -> float:
    """Seconds until every id is known; FIRST gets the seconds until the first rows showed."""
    loop = QEventLoop()
    t = time.perf_counter()
    first: list[float] = []

    def on_first(_n: int) -> None:
        if not first:
            first.append(time.perf_counter() - t)

    model.first_rows.connect(on_first)
    model.refreshed.connect(on_first)
    model.refreshed.connect(loop.quit)
    action()
    loop.exec()
    elapsed = time.perf_counter() - t
    model.refreshed.disconnect(loop.quit)
    model.refreshed.disconnect(on_first)
    model.first_rows.disconnect(on_first)
    FIRST.append(first[0] if first else elapsed)
    return elapsed


def pause(ms: int) -> None:
    """Let the event loop run for ``ms`` like the app's own loop does (it releases the GIL while
    idle; QTest.qWait does not, which would starve the worker threads and distort the figure)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def raw(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def compare(label: str, ours: list[float], base: list[float], target: str = "") -> None:
    mo, mb = statistics.median(ours) * 1000, statistics.median(base) * 1000
    print(
        f"  {label:<44} ours {mo:7.1f} ms   baseline {mb:7.1f} ms   ratio {mo / mb:5.2f}x {target}"
    )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--generate":
        generate(Path(sys.argv[2]), int(sys.argv[3]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--meetings", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--store", type=Path, default=None)
    args = ap.parse_args()

    guard_none_refcount()  # as the app does (PySide6 6.12 reference bug; see its docstring)
    app = QApplication.instance() or QApplication([])
    folder = args.store or Path(tempfile.mkdtemp(prefix="fk-bench-ui-"))
    store = prepare(folder, args.meetings)
    ops.configure(lambda: store, errors.report)
    n = store.count(MEETINGS)
    print(
        f"list model over {n:,} meetings ({store.count():,} records), medians of {args.runs} runs"
    )
    print(f"resident memory after opening the store: {rss_mb():.0f} MB")

    model = RecordListModel(columns_for("meeting"))
    ours, base = [], []
    FIRST.clear()
    for _ in range(args.runs):
        base.append(raw(lambda: store.ids(MEETINGS)))
        model.set_filter(RecordFilter(kinds=("meeting",), countries=("ZZ",)))  # empty, to reset
        wait_signal(model.refreshed)
        ours.append(time_refresh(model, lambda: model.set_filter(MEETINGS)))
    assert model.rowCount() == min(PAGE, n) and model.total() == n
    print("all meetings, newest first (baseline: a raw store.ids call, no rows)")
    compare("set_filter -> first page shown", FIRST, base)
    compare("set_filter -> every id known", ours, base)

    print("re-filter")
    for text in [*SEARCHES, None]:
        flt = replace(MEETINGS, countries=("KE",)) if text is None else replace(MEETINGS, text=text)
        ours, base = [], []
        FIRST.clear()
        for _ in range(args.runs):
            base.append(raw(lambda f=flt: store.ids(f)))
            model.set_filter(MEETINGS)
            wait_signal(model.refreshed)
            ours.append(time_refresh(model, lambda f=flt: model.set_filter(f)))
        label = f"{text!r}" if text else "country KE"
        label += f" ({model.total():,} rows)"
        compare(f"{label}: first page", FIRST, base)
        compare(f"{label}: every id", ours, base)

    print("sort")
    model.set_filter(MEETINGS)
    wait_signal(model.refreshed)
    ours, base, back = [], [], []
    for _ in range(args.runs):
        base.append(raw(lambda: store.ids(MEETINGS, sort="title")))
        ours.append(time_refresh(model, lambda: model.sort(1, Qt.SortOrder.AscendingOrder)))
        FIRST.clear()
        time_refresh(model, lambda: model.sort(0, Qt.SortOrder.DescendingOrder))
        back.append(FIRST[0])
    compare("Subject header click: rows shown", ours, base)
    compare("Date header click: first page shown", back, base)

    print(f"typing {TYPED!r} into the search box, one key every 60 ms")
    page = ListPage("meeting")
    page.resize(1300, 800)
    page.show()
    wait_signal(page.model.refreshed)
    lags, base = [], []
    for _ in range(args.runs):
        base.append(raw(lambda: store.ids(replace(MEETINGS, text=TYPED))))
        page.filter_bar.search.clear()
        wait_signal(page.model.refreshed)
        done: list[float] = []
        last_key = [0.0]

        def on_refreshed(_total: int, done=done) -> None:
            if page.model.filter.text == TYPED:
                done.append(time.perf_counter())

        page.model.refreshed.connect(on_refreshed)
        page.model.first_rows.connect(on_refreshed)
        for ch in TYPED:
            QTest.keyClick(page.filter_bar.search, ch)
            last_key[0] = time.perf_counter()
            pause(60)
        deadline = time.perf_counter() + 10
        while not done and time.perf_counter() < deadline:
            pause(5)
        page.model.refreshed.disconnect(on_refreshed)
        page.model.first_rows.disconnect(on_refreshed)
        lags.append(done[0] - last_key[0])
    compare("last keystroke -> new rows shown", lags, base, "(target <= 100 ms)")

    print("scrolling to the end of all meetings")
    page.filter_bar.search.clear()
    wait_signal(page.model.refreshed)
    view, m = page.table, page.model
    t = time.perf_counter()
    steps, most_cached = 0, 0
    while m.canFetchMore() and steps < 10_000:
        view.scrollToBottom()
        app.processEvents()
        steps += 1
        most_cached = max(most_cached, len(m._cache))
    ops.wait_all()
    app.processEvents()
    elapsed = time.perf_counter() - t
    print(
        f"  {m.rowCount():,} rows exposed in {steps:,} fetchMore steps of {PAGE}, {elapsed:.1f} s"
    )
    print(
        f"  summaries cached at most {most_cached:,} (bound {CACHE_ROWS:,}); never all {n:,} at once"
    )
    print(f"  resident memory at the end: {rss_mb():.0f} MB (target < 300 MB)")
    page.close()
    ops.wait_all()
    store.close()


if __name__ == "__main__":
    main()
