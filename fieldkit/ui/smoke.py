"""``fieldkit smoke``: open the real desktop window on the real store, wait for the meetings list
to show its first rows, and close. IT runs it after installing (does the app start here, on this
store?), and benchmarks/bench_bundle.py times it for the bundle beside the source tree.

Unlike ``--selftest`` (a temporary folder, every subsystem), this is the user's start: their data
folder, their settings and language, the same window and the same background query.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QTimer

from fieldkit.ui import i18n, ops


@dataclass
class SmokeResult:
    window_ms: float  # from this call to the window being shown
    rows_ms: float | None  # from this call to the meetings list showing rows (None: timed out)
    rows: int
    total_ms: float
    error: str = ""  # what failed in the background (a query of the window), if anything


def run_smoke(store, timeout_s: float = 60.0) -> SmokeResult:
    """Show the main window on ``store`` and return once its meetings list shows rows."""
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
    model = window.pages["meeting"].model

    def listed(rows: int) -> None:
        if "at" not in seen:
            seen.update(at=time.perf_counter(), rows=rows)
            QTimer.singleShot(0, app.quit)

    model.first_rows.connect(listed)
    model.refreshed.connect(listed)
    if model.loaded:  # already there (a tiny store answered before we listened)
        listed(model.rowCount())
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
    )
