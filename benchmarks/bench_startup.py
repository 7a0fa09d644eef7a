"""Start-up at 100,000 records: `fieldkit smoke` beside a bare PySide6 window, in one run.

    uv run python benchmarks/bench_startup.py [--runs 5] [--records 100000] [--visits 0]
        [--pages meeting,dashboard,followups] [--baseline-rev REV[,REV...]]

Builds once (cached in /tmp, reused by later runs) a store of --records meetings with their
follow-ups (``fieldkit demo-data``; with --visits N also N rated visits and N/4 projects, which the
dashboard's grant flags read), by the oldest code compared (the first --baseline-rev, which may not
open a store a newer schema upgraded), and gives each tree its own copy, opened once untimed (so
a schema upgrade is not timed, and the file is in the page cache for every contender). Compiles
bytecode for the app and its site-packages (this machine sets PYTHONDONTWRITEBYTECODE, and a
user's install is compiled), then alternates, --runs times, so every contender sees the same
machine load:

- bare: a new Python process showing a QMainWindow with a QTableView over a 50-row model, until
  the table is painted; the floor any Qt app pays;
- smoke PAGE: ``fieldkit smoke --json`` on that store with the window last closed on PAGE (the
  window opens on it), until the page shows its data: a list's first rows, the follow-ups, the
  dashboard's figures, charts and lists. "smoke dashboard" counts them (the figures kept in the
  store are forgotten first, as a change to a record or a new day does; counted from the store's
  running totals, or from its indexes by a revision before them); "smoke dashboard kept"
  is the next start with no change since, which shows the figures kept by the one before;
- with --baseline-rev, the same smoke from each of those git revisions (exported with ``git
  archive`` into /tmp, run by the same interpreter and on the same store): before and after in
  the same run (e.g. ``--baseline-rev 5acfa80,HEAD`` times the work tree beside its last commit
  and an older one).

Reports medians of whole-process wall time and peak RSS (wait4's ru_maxrss), the ratios to the
bare window (targets: at most 3x the wall, at most 2.5x the memory), the time from the window
being shown to the page's data (the dashboard's figures: at most 1 s), "to data": the wall less
what smoke spends after the data is on screen (closing the window and waiting for reads still
running, such as a list's remaining ids), and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WALL_TARGET = 3.0
RSS_TARGET = 2.5
FIGURES_TARGET_MS = 1000

BARE_WINDOW = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication(sys.argv)
model = QStandardItemModel(50, 6)
for r in range(50):
    for c in range(6):
        model.setItem(r, c, QStandardItem(f"row {r} column {c}"))
window = QMainWindow()
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1360, 840)


class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False


painted = Painted()
table.viewport().installEventFilter(painted)
window.show()
QTimer.singleShot(30000, app.quit)
app.exec()
"""


# The dashboard's two moments, which smoke (it waits for the whole page) does not tell apart: the
# headline figures (cards) and everything, in ms after the window is shown, and what a card said
# meanwhile. A revision without the two steps shows its cards with the rest.
DASHBOARD_PROBE = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from fieldkit.core.settings import load_settings
from fieldkit.core.store import Store
from fieldkit.ui import i18n, ops
from fieldkit.ui.app import make_application
from fieldkit.ui.main_window import MainWindow

store = Store.open(Path(sys.argv[1]), create=False)
app = make_application()
i18n.apply_language(load_settings(store.data_dir).language)
ops.configure(lambda: store, lambda *_a: app.quit())
window = MainWindow(store)
window.navigate("dashboard")  # window.ini says so too
page = window.pages["dashboard"]
window.show()
shown = time.perf_counter()
seen = {"meanwhile": page.cards["meeting"].value.text()}


def poll():
    now = time.perf_counter()
    if getattr(page, "figures", page.data) is not None and "figures" not in seen:
        seen["figures"] = (now - shown) * 1000
    if page.data is not None:
        seen["data"] = (now - shown) * 1000
        app.quit()


timer = QTimer()
timer.timeout.connect(poll)
timer.start(5)
QTimer.singleShot(60000, app.quit)
app.exec()
window.close()
ops.wait_all(10000)
print(json.dumps(seen, ensure_ascii=False))
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONPATH", None)
    return env


def run_child(
    command: list[str], env: dict[str, str], cwd: Path | None = None
) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one child process, from spawn to exit."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{stdout}{stderr}")
    return elapsed, usage.ru_maxrss / 1024, stdout


def build_store(records: int, folder: Path, tree: Path, visits: int = 0) -> Path:
    """The store of ``records`` meetings (and their follow-ups) made by the code in ``tree``, once,
    kept in /tmp and never opened again (each tree times its own copy, ``tree_copy``)."""
    done = folder / "complete"
    store = folder / "store"
    if done.exists():
        return store
    if folder.exists():
        subprocess.run(["rm", "-rf", str(folder)], check=True)
    folder.mkdir(parents=True)
    print(f"building a store of {records:,} meetings in {store} (once)...", flush=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "fieldkit", "--data-dir", str(store), "demo-data",
         "--meetings", str(records), "--visits", str(visits), "--projects", str(visits // 4),
         "--seed", "18"],
        check=True, cwd=tree, env=child_env(), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    done.write_text(f"{records}\n")
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)
    return store


def tree_copy(store: Path, label: str, tree: Path) -> Path:
    """A fresh copy of ``store`` for one tree, opened once by it (upgrading its schema if the
    tree's is newer) before anything is timed."""
    copy = store.parent / f"copy-{label.replace(' ', '-')}"
    subprocess.run(["rm", "-rf", str(copy)], check=True)
    subprocess.run(["cp", "-r", "--reflink=auto", str(store), str(copy)], check=True)
    subprocess.run(
        [sys.executable, "-m", "fieldkit", "--data-dir", str(copy), "status"],
        check=True, cwd=tree, env=child_env(), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return copy


def compile_bytecode(folders: list[Path]) -> None:
    """What a user's install has: every module compiled (skips files already up to date)."""
    paths = [str(p) for p in folders] + [sysconfig.get_paths()["purelib"]]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", *paths],
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def export_revision(rev: str) -> Path:
    """The app as it was at ``rev``, unpacked once into /tmp (no change to the work tree)."""
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    folder = Path(tempfile.gettempdir()) / f"fieldkit-startup-rev-{sha[:12]}"
    if not (folder / "fieldkit").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", sha, "fieldkit", "resources"],
            cwd=ROOT, capture_output=True, check=True,
        ).stdout  # fmt: skip
        with tempfile.TemporaryFile() as fh:
            fh.write(archive)
            fh.seek(0)
            with tarfile.open(fileobj=fh) as tar:
                tar.extractall(folder, filter="data")
    return folder


def set_last_page(store: Path, page: str) -> None:
    # The window opens on the page it was closed on, kept in window.ini (QSettings, INI format).
    (store / "window.ini").write_text(f"[General]\npage={page}\n")


def forget_kept_figures(store: Path) -> None:
    """The dashboard counts again at its next start, as after a change to a record or on a new
    day (fieldkit.core.dashboard_cache; a revision without it always counts)."""
    conn = sqlite3.connect(store / "fieldkit.db")
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'dashboard_cache'").fetchone():
            with conn:
                conn.execute("DELETE FROM dashboard_cache")
    finally:
        conn.close()


def smoke_command(store: Path) -> list[str]:
    return [sys.executable, "-m", "fieldkit", "--data-dir", str(store), "smoke", "--json"]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument(
        "--visits", type=int, default=0, help="rated visits (and visits/4 projects)"
    )
    parser.add_argument("--pages", default="meeting,dashboard,followups")
    parser.add_argument(
        "--baseline-rev", default="", help="also time smoke from these revisions (comma-separated)"
    )
    parser.add_argument("--json", type=Path, help="write every sample here as JSON")
    args = parser.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]

    trees = {"current": ROOT}
    builder, built_by = ROOT, "current"
    for i, rev in enumerate(r.strip() for r in args.baseline_rev.split(",") if r.strip()):
        trees[f"rev {rev}"] = export_revision(rev)
        if i == 0:  # the first (oldest) builds the store
            builder = trees[f"rev {rev}"]
            built_by = builder.name.rsplit("-", 1)[-1]  # the revision's sha
    compile_bytecode([tree / "fieldkit" for tree in trees.values()])
    size = f"{args.records}" + (f"-v{args.visits}" if args.visits else "")
    cache = Path(tempfile.gettempdir()) / f"fieldkit-bench-startup-{size}-{built_by}"
    pristine = build_store(args.records, cache, builder, args.visits)
    stores = {label: tree_copy(pristine, label, tree) for label, tree in trees.items()}
    env = child_env()

    samples: dict[str, list[dict]] = {}
    probes: dict[str, list[dict]] = {}
    load_before = os.getloadavg()
    for run in range(args.runs):
        wall, rss, _ = run_child([sys.executable, "-c", BARE_WINDOW], env)
        samples.setdefault("bare window", []).append({"wall": wall, "rss": rss})
        for label, tree in trees.items():
            store = stores[label]
            for page in [p for p in pages for p in (p, f"{p} kept" if p == "dashboard" else "")]:
                if not page:
                    continue
                if page == "dashboard":  # counted: as after a change, or on a new day
                    forget_kept_figures(store)
                set_last_page(store, page.split()[0])
                wall, rss, out = run_child(smoke_command(store), env, cwd=tree)
                result = json.loads(out)
                if not result.get("ok") or result.get("page") != page.split()[0]:
                    raise SystemExit(f"smoke ({label}, {page}) did not show its page: {out}")
                samples.setdefault(f"{label}: smoke {page}", []).append(
                    {"wall": wall, "rss": rss, "window_ms": result["window_ms"],
                     "data_ms": result["rows_ms"], "rows": result["rows"],
                     # spawn to the page's data: the wall less what smoke spent after it
                     # (closing, waiting for reads still running); exit itself stays in
                     "to_data": wall - (result["total_ms"] - result["rows_ms"]) / 1000}
                )  # fmt: skip
            if "dashboard" in pages:
                forget_kept_figures(store)
                set_last_page(store, "dashboard")
                _w, _r, out = run_child(
                    [sys.executable, "-c", DASHBOARD_PROBE, str(store)], env, cwd=tree
                )
                probes.setdefault(label, []).append(json.loads(out.strip().splitlines()[-1]))
        print(f"run {run + 1}/{args.runs} done, load {os.getloadavg()[0]:.1f}", flush=True)
    load_after = os.getloadavg()

    bare = samples["bare window"]
    bare_wall = median([s["wall"] for s in bare])
    bare_rss = median([s["rss"] for s in bare])
    print()
    print(f"{args.records:,} meetings, {args.runs} runs alternating; medians")
    print(f"load average before {load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f}"
          f", after {load_after[0]:.1f} / {load_after[1]:.1f} / {load_after[2]:.1f}")  # fmt: skip
    print(
        f"{'':34} {'wall s':>7} {'x bare':>7} {'RSS MiB':>8} {'x bare':>7} {'data after window':>18}"
        f" {'to data s':>9} {'x bare':>7}"
    )
    print(f"{'bare window':34} {bare_wall:7.2f} {'':>7} {bare_rss:8.0f}")
    verdicts = []
    for name, rows in samples.items():
        if name == "bare window":
            continue
        wall = median([s["wall"] for s in rows])
        rss = median([s["rss"] for s in rows])
        after = median([s["data_ms"] - s["window_ms"] for s in rows])
        to_data = median([s["to_data"] for s in rows])
        print(
            f"{name:34} {wall:7.2f} {wall / bare_wall:7.2f} {rss:8.0f} {rss / bare_rss:7.2f}"
            f" {after:15.0f} ms {to_data:9.2f} {to_data / bare_wall:7.2f}"
        )
        if name.startswith("current"):
            verdicts.append(wall / bare_wall <= WALL_TARGET and rss / bare_rss <= RSS_TARGET)
    for label, rows in probes.items():
        figures = median([p["figures"] for p in rows if "figures" in p])
        data = median([p["data"] for p in rows if "data" in p])
        meanwhile = sorted({p["meanwhile"] for p in rows})
        print(
            f"{label}: dashboard figures {figures:.0f} ms after the window, everything "
            f"{data:.0f} ms; the cards said {meanwhile} meanwhile"
        )
        if label == "current":
            verdicts.append(figures <= FIGURES_TARGET_MS)
    print()
    print(
        f"targets: wall <= {WALL_TARGET}x bare, RSS <= {RSS_TARGET}x bare, dashboard figures "
        f"<= {FIGURES_TARGET_MS} ms after the window: {'met' if all(verdicts) else 'NOT met'}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "load_before": load_before,
                    "load_after": load_after,
                    "samples": samples,
                    "dashboard": probes,
                },
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
