"""IATI import of a generated 50 MB activity file: activities/s and peak memory, against a bare
``lxml.etree.iterparse`` pass over the same file in the same run.

    uv run python benchmarks/bench_iati.py [--mb 50] [--runs 3]

The file is generated into a temporary folder (never committed): JICA-like activities with
narratives in English, Japanese and French, organisations, countries, DAC sectors, locations,
budgets, transactions and results (which the registry does not keep, but a real file carries).
Each measurement runs in its own process, so peak memory is that mode's alone (with the reader
process it starts, see ``MemoryWatch``); the modes are interleaved so all see the same machine load.
Reported: medians, and ratios to baseline.

- ``baseline``: ``iterparse(events=("end",), tag="iati-activity")``, clearing each activity;
- ``parse``: FieldKit's hardened streaming reader, in-process, giving each activity's project
  fields (``read_activities``), without validation or store;
- ``import``: the whole import into a fresh store (one transaction, history, outbox, search),
  the file parsed by a second process (``iati_worker``) as for any file of 4 MB or more;
- ``import-1p``: the same, all in one process (``worker=False``: how the frozen app imports);
- ``reimport``: the same file again into the store ``import`` made (every activity unchanged).

"cpu s" is this process's CPU time, "reader" the reader process's: on a busy machine the wall
time of the two-process modes suffers most, so both are shown.

    uv run python benchmarks/bench_iati.py --memory 24,72,143 [--runs 3] [--before TREE]

measures instead peak memory (app + reader process) and speed of the import (both modes) against
the file's size: files of 24, 72 and 143 MB generated in a temporary folder. ``--before TREE``
runs the same measurements, interleaved, with the code of another checkout (e.g. ``git worktree
add /tmp/before HEAD~3``): the figures before and after a change, in the same run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEMORY_LIMIT_MB = 200
RATIO_TARGET = 2.0
MODES = ("baseline", "parse", "import-1p", "import", "reimport")
COUNTRIES = ["KE", "TZ", "UG", "ET", "GH", "NG", "SN", "ZM", "MZ", "RW", "VN", "KH", "LA", "BD"]


def generate(path: Path, target_mb: int, seed: int = 1) -> int:
    """Write an IATI 2.03 file of about ``target_mb`` MB; returns the number of activities."""
    from fieldkit.core.reference import reference

    rng = random.Random(seed)
    sectors = sorted(reference().sectors)
    target = target_mb * 1024 * 1024
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        fh.write('<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">\n')
        while fh.tell() < target:
            n += 1
            fh.write(_activity(rng, n, sectors))
        fh.write("</iati-activities>\n")
    return n


def _activity(rng: random.Random, n: int, sectors: list[str]) -> str:
    country = rng.choice(COUNTRIES)
    other = rng.choice([c for c in COUNTRIES if c != country])
    share = rng.choice([100, 80, 60])
    year = rng.randint(2012, 2025)
    picked = rng.sample(sectors, 2)
    words = " ".join(rng.choice(["rural", "water", "energy", "health", "roads", "schools",
                                 "capacity", "geothermal", "port", "digital"]) for _ in range(40))  # fmt: skip
    transactions = "".join(
        f'<transaction><transaction-type code="{t}"/><transaction-date iso-date="{year + i}-06-30"/>'
        f'<value currency="JPY" value-date="{year + i}-06-30">{rng.randint(10, 900) * 1_000_000}'
        f"</value><description><narrative>Disbursement {i}</narrative></description>"
        f'<provider-org ref="XM-DAC-701-8" type="10"><narrative>JICA</narrative></provider-org>'
        f"<receiver-org><narrative>Ministry of Finance</narrative></receiver-org></transaction>\n"
        for i, t in enumerate(rng.choices(["2", "3", "4"], k=rng.randint(4, 10)))
    )
    budgets = "".join(
        f'<budget type="1" status="2"><period-start iso-date="{year + i}-04-01"/>'
        f'<period-end iso-date="{year + i + 1}-03-31"/><value currency="JPY" '
        f'value-date="{year + i}-04-01">{rng.randint(100, 5000) * 1_000_000}</value></budget>\n'
        for i in range(rng.randint(1, 4))
    )
    return f"""<iati-activity xml:lang="en" default-currency="JPY" last-updated-datetime="2026-01-01T00:00:00Z">
<iati-identifier>XM-DAC-701-8-{country}-{n:07d}</iati-identifier>
<reporting-org ref="XM-DAC-701-8" type="10"><narrative>Japan International Cooperation Agency</narrative><narrative xml:lang="ja">独立行政法人国際協力機構</narrative></reporting-org>
<title><narrative>Project {n} for {words[:60]}</narrative><narrative xml:lang="ja">案件{n}（{country}）地熱・給水・保健</narrative><narrative xml:lang="fr">Projet {n}</narrative></title>
<description type="1"><narrative>{words}</narrative><narrative xml:lang="ja">本案件は{country}における基礎インフラ整備と人材育成を支援するものである。</narrative></description>
<description type="2"><narrative>Objectives: {words[:120]}</narrative></description>
<participating-org ref="XM-DAC-701-8" role="1" type="10"><narrative>JICA</narrative></participating-org>
<participating-org role="4" type="10"><narrative>Ministry of Energy of {country}</narrative></participating-org>
<activity-status code="{rng.choice("1234")}"/>
<activity-date iso-date="{year}-04-01" type="1"/><activity-date iso-date="{year}-05-15" type="2"/>
<activity-date iso-date="{year + 4}-03-31" type="3"/>
<contact-info type="1"><organisation><narrative>JICA {country} Office</narrative></organisation><email>info@example.org</email></contact-info>
<recipient-country code="{country}" percentage="{share}"/>{f'<recipient-country code="{other}" percentage="{100 - share}"/>' if share < 100 else ""}
<location><name><narrative>Site {n}</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>{rng.uniform(-30, 30):.5f} {rng.uniform(-20, 110):.5f}</pos></point></location>
<sector vocabulary="1" code="{picked[0]}" percentage="70"/><sector vocabulary="1" code="{picked[1]}" percentage="30"/>
<sector vocabulary="99" code="GX"><narrative>Green transformation</narrative></sector>
<default-flow-type code="10"/><default-finance-type code="{rng.choice(["110", "421"])}"/><default-aid-type code="{rng.choice(["C01", "D02"])}"/>
{budgets}{transactions}<related-activity ref="XM-DAC-701-8-{country}-{max(n - 1, 1):07d}" type="3"/>
<result type="1"><title><narrative>Capacity added</narrative></title><indicator measure="1"><title><narrative>MW installed</narrative></title><baseline year="{year}" value="0"/></indicator></result>
</iati-activity>
"""


# ---- one measurement per process ---------------------------------------------------------------
class MemoryWatch:
    """Peak resident memory of this process plus its child processes (the import's reader).

    ``ru_maxrss`` alone misses the reader process, and RUSAGE_CHILDREN overstates it: a child's
    high-water mark includes the parent's pages it shared between fork and exec. So a thread samples
    VmRSS of this process and its children every 10 ms, and the result is the larger of that sum
    and this process's own high-water mark.
    """

    def __init__(self) -> None:
        import threading

        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            self.peak_kb = max(self.peak_kb, self.sample())

    @staticmethod
    def sample() -> int:
        total = _rss_kb("self")
        for children in Path("/proc/self/task").glob("*/children"):
            for pid in children.read_text().split():
                total += _rss_kb(pid)
        return total

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return max(self.peak_kb, own) / 1024


def _rss_kb(pid: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass  # the process has just ended
    return 0


def child(mode: str, path: Path, work: Path) -> dict:
    # Modules are loaded before the clock starts: what is timed is the work on the file.
    from lxml import etree

    if mode != "baseline":
        from fieldkit.core.store import Store
        from fieldkit.interop.iati_import import ImportReport, import_iati, read_activities
    watch = MemoryWatch()
    if mode == "reimport":  # the store the "import" run of the same round made
        store = Store.open(work.with_name(work.name.replace("reimport", "import")))
    elif mode.startswith("import"):
        store = Store.open(work)
    started = time.perf_counter()
    cpu = time.process_time()
    if mode == "baseline":
        count = 0
        for _, el in etree.iterparse(str(path), events=("end",), tag="iati-activity"):
            count += 1  # noqa: SIM113 - the bare loop is the point of the baseline
            el.clear()
            parent = el.getparent()
            while el.getprevious() is not None:
                del parent[0]
    elif mode == "parse":
        report = ImportReport()
        count = sum(1 for _ in read_activities(path, report))
    else:
        report = import_iati(store, path, worker=False if mode == "import-1p" else None)
        count = report.activities
        expected = (0, count) if mode == "reimport" else (count, 0)
        if (report.created, report.unchanged) != expected:
            raise SystemExit(f"{mode}: unexpected outcome: {report.summary()}")
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    reader = resource.getrusage(resource.RUSAGE_CHILDREN)  # the reader process, once ended
    reader_cpu = reader.ru_utime + reader.ru_stime
    if mode not in ("baseline", "parse"):
        store.close()
    peak_mb = watch.stop()
    return {
        "mode": mode,
        "seconds": seconds,
        "cpu": cpu,
        "reader_cpu": reader_cpu,
        "activities": count,
        "peak_mb": peak_mb,
    }


def _load() -> str:
    """The machine's load average (1 min): what else was running, for the record."""
    return Path("/proc/loadavg").read_text().split()[0]


def run_child(mode: str, path: Path, work: Path, tree: Path | None = None) -> dict:
    script = tree / "benchmarks" / "bench_iati.py" if tree else Path(__file__)
    out = subprocess.run(
        [sys.executable, str(script), "--child", mode, str(path), str(work)],
        cwd=tree or ROOT,  # the reader process imports fieldkit from there too
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--child", nargs=3, metavar=("MODE", "FILE", "WORK"), help=argparse.SUPPRESS
    )
    parser.add_argument("--memory", metavar="MB,MB,...", help="the memory series instead")
    parser.add_argument("--before", metavar="TREE", help="also measure this source tree")
    args = parser.parse_args()
    if args.child:
        mode, file, work = args.child
        print(json.dumps(child(mode, Path(file), Path(work))))
        return 0
    if args.memory:
        sizes = [int(x) for x in args.memory.split(",")]
        return memory_series(sizes, args.runs, Path(args.before) if args.before else None)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "activities.xml"
        t = time.perf_counter()
        n = generate(path, args.mb)
        size_mb = path.stat().st_size / 1024 / 1024
        print(f"generated {size_mb:.1f} MB, {n:,} activities in {time.perf_counter() - t:.1f} s")
        results: dict[str, list[dict]] = {m: [] for m in MODES}
        load_before = _load()
        for run in range(args.runs):
            for mode in results:
                work = tmp / f"store-{mode}-{run}"
                results[mode].append(run_child(mode, path, work))
        base = statistics.median(r["seconds"] for r in results["baseline"])
        print(
            f"\n{'mode':<10}{'median s':>10}{'cpu s':>7}{'reader':>7}{'activities/s':>14}{'MB/s':>7}"
            f"{'peak MB':>9}{'x baseline':>12}"
        )
        summary = {}
        for mode, rows in results.items():
            secs = statistics.median(r["seconds"] for r in rows)
            cpu = statistics.median(r["cpu"] for r in rows)
            reader = statistics.median(r["reader_cpu"] for r in rows)
            peak = max(r["peak_mb"] for r in rows)
            count = rows[0]["activities"]
            summary[mode] = {"seconds": secs, "peak_mb": peak, "rate": count / secs}
            print(f"{mode:<10}{secs:>10.2f}{cpu:>7.2f}{reader:>7.2f}{count / secs:>14,.0f}{size_mb / secs:>7.1f}"
                  f"{peak:>9.0f}{secs / base:>12.2f}")  # fmt: skip
        ratios = {m: summary[m]["seconds"] / base for m in MODES[1:]}
        peak = max(summary[m]["peak_mb"] for m in MODES[2:])
        print(
            f"\nmedians of {args.runs} runs; parse {ratios['parse']:.2f}x, import "
            f"{ratios['import']:.2f}x (in one process {ratios['import-1p']:.2f}x), re-import "
            f"{ratios['reimport']:.2f}x a bare iterparse pass "
            f"(target {RATIO_TARGET:.0f}x); peak memory (with the reader process) {peak:.0f} MB "
            f"(limit {MEMORY_LIMIT_MB} MB: {'ok' if peak < MEMORY_LIMIT_MB else 'OVER'}); "
            f"load average before/after: {load_before} / {_load()}"
        )
    return 0


MEMORY_MODES = ("import", "import-1p")


def memory_series(sizes: list[int], runs: int, before: Path | None) -> int:
    """Peak memory (app + reader process) and speed of the import against the file's size, for
    this tree and, with ``--before``, another one (the code before a change), interleaved."""
    trees = {"now": None} if before is None else {"before": before, "now": None}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for mb in sizes:
            path = tmp / f"activities-{mb}.xml"
            n = generate(path, mb)
            size_mb = path.stat().st_size / 1024 / 1024
            load = _load()
            got: dict[tuple[str, str], list[dict]] = {}
            for run in range(runs):
                for name, tree in trees.items():
                    for mode in MEMORY_MODES:
                        work = tmp / f"store-{mb}-{name}-{mode}-{run}"
                        got.setdefault((name, mode), []).append(run_child(mode, path, work, tree))
            for (name, mode), results in got.items():
                secs = statistics.median(r["seconds"] for r in results)
                cpu = statistics.median(r["cpu"] + r["reader_cpu"] for r in results)
                peak = max(r["peak_mb"] for r in results)
                rows.append((size_mb, n, name, mode, secs, cpu, n / secs, peak, load))
            path.unlink()
    print(f"\n{'file MB':>8}{'activities':>11} {'code':<7}{'mode':<10}{'median s':>9}"
          f"{'cpu s':>7}{'act/s':>8}{'peak MB':>8}  load")  # fmt: skip
    for size_mb, n, name, mode, secs, cpu, rate, peak, load in rows:
        flag = "" if peak < MEMORY_LIMIT_MB else "  OVER"
        print(f"{size_mb:>8.0f}{n:>11,} {name:<7}{mode:<10}{secs:>9.2f}{cpu:>7.2f}{rate:>8,.0f}"
              f"{peak:>8.0f}  {load}{flag}")  # fmt: skip
    print(
        f"\nmedians of {runs} runs (peak: the highest; cpu s: app + reader process); limit "
        f"{MEMORY_LIMIT_MB} MB; "
        f"load average at the end {_load()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
