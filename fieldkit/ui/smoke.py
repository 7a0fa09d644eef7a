"""``fieldkit smoke``: open the real desktop window on the real store, wait for the page it opens on
(the last page used) to show its data, and close: a list's first rows, the follow-ups, the
dashboard's figures or the sync status. IT runs it after installing (does the app start here, on this
store?), and benchmarks/bench_bundle.py times it for the bundle beside the source tree.

Unlike ``--selftest`` (a temporary folder, every subsystem), this is the user's start: their data
folder, their settings and language, the same window and the same background query.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from fieldkit.ui import i18n, ops


@dataclass
class SmokeResult:
    window_ms: float  # from this call to the window being shown
    rows_ms: float | None  # from this call to the page showing its data (None: timed out)
    rows: (
        int  # rows on screen (list pages, follow-ups), records counted (dashboard), pending (sync)
    )
    total_ms: float
    error: str = ""  # what failed in the background (a query of the window), if anything
    page: str = "meeting"  # the page the window opened on


POLL_MS = 15


def _watch(page_name: str, page: QWidget, shown: Callable[[int], None]) -> None:
    """Call ``shown(n)`` once ``page`` shows what it loads in the background.

    List pages and the follow-ups say so by signal; the dashboard and the sync page keep what
    they loaded (``data``, the sync status), which a timer looks at."""
    from fieldkit.ui.lists.page import ListPage

    if isinstance(page, ListPage):
        model = page.model
        model.first_rows.connect(shown)
        model.refreshed.connect(shown)
        if model.loaded:  # already there (a tiny store answered before we listened)
            shown(model.rowCount())
        return
    if page_name == "followups":
        page.model.modelReset.connect(lambda: shown(page.model.rowCount()))
        return
    if page_name == "dashboard":
        shown_when(
            page, lambda: page.data is not None, lambda: sum(page.data.counts.values()), shown
        )
    elif page_name == "sync" and hasattr(page, "_status"):
        shown_when(page, lambda: bool(page._status), lambda: page._status.get("pending", 0), shown)
    else:  # a page with nothing to load ("not part of this build")
        shown(0)


def shown_when(page: QWidget, ready: Callable[[], bool], count: Callable[[], int], shown) -> None:
    """Poll ``ready`` (the page keeps what it loaded, with no signal for it)."""
    timer = QTimer(page)

    def poll() -> None:
        if ready():
            timer.stop()
            shown(count())

    timer.timeout.connect(poll)
    timer.start(POLL_MS)


def run_smoke(store, timeout_s: float = 60.0) -> SmokeResult:
    """Show the main window on ``store`` and return once the page it opens on shows its data."""
    from fieldkit.core.settings import load_settings
    from fieldkit.ui.app import make_application
    from fieldkit.ui.main_window import MainWindow

    start = time.perf_counter()
    app = make_application()
    i18n.apply_language(load_settings(store.data_dir).language)
    failures: list[str] = []

    def failed(_parent, exc: BaseException, _details: str) -> None:
        failures.append(f"{type(exc).__name__}: {exc}")
        QTimer.singleShot(0, app.quit)

    ops.configure(lambda: store, failed)
    window = MainWindow(store)
    window.show()
    shown = time.perf_counter()
    seen: dict[str, float | int] = {}
    page_name = window.current_page_name()

    def listed(rows: int) -> None:
        if "at" not in seen:
            seen.update(at=time.perf_counter(), rows=rows)
            QTimer.singleShot(0, app.quit)

    _watch(page_name, window.pages[page_name], listed)
    QTimer.singleShot(int(timeout_s * 1000), app.quit)
    try:
        app.exec()
    finally:
        window.close()
        ops.wait_all(10_000)
        window.deleteLater()
    end = time.perf_counter()
    at = None if failures else seen.get("at")
    return SmokeResult(
        window_ms=(shown - start) * 1000,
        rows_ms=None if at is None else (at - start) * 1000,
        rows=int(seen.get("rows", 0)),
        total_ms=(end - start) * 1000,
        error=failures[0] if failures else "",
        page=page_name,
    )
