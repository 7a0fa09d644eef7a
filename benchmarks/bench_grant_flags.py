"""Grant-monitoring flags on the dashboard (#15): what they add to the dashboard's details step.

    uv run python benchmarks/bench_grant_flags.py [--projects 400] [--visits 2000] [--runs 7]

A demo store (2,000 meetings, the projects and visits asked for, generated photos) is made in a
temporary folder. Measured, alternating so machine noise hits both, medians of --runs:
- flag_counts as shipped (the few fields the flags read, from the JSON) against the same flags
  from every project and visit read as full models (store.query), the obvious way;
- the dashboard's load_details with the counts against load_details without them (the figures
  step, what start-up waits for, does not compute them).
CPU time of this process (time.process_time) beside the wall clock: on a shared machine the wall
clock mostly measures the other jobs. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fieldkit.core import demo, grant_flags  # noqa: E402
from fieldkit.core.dashboard import load_details, load_figures  # noqa: E402
from fieldkit.core.query import RecordFilter  # noqa: E402
from fieldkit.core.store import Store  # noqa: E402


def full_models(store, today: date) -> dict[str, int]:
    from collections import Counter

    visits = store.query(RecordFilter(kinds=("visit",)))
    by: dict[str, list] = {}
    counts: Counter[str] = Counter()
    for v in visits:
        if v.project_id:
            by.setdefault(v.project_id, []).append(v)
        counts.update({f.code for f in grant_flags.visit_flags(v)})
    for p in store.query(RecordFilter(kinds=("project",))):
        counts.update({f.code for f in grant_flags.project_flags(p, by.get(p.id, []), today)})
    return dict(counts)


def timed(fn) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--projects", type=int, default=400)
    ap.add_argument("--visits", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp)) as store:
        demo.generate(store, meetings=2000, visits=args.visits, projects=args.projects, seed=2)
        shipped = grant_flags.flag_counts
        assert shipped(store, today) == full_models(store, today)
        results: dict[str, list[tuple[float, float]]] = {
            k: [] for k in ("ours", "models", "with", "without")
        }
        for _ in range(args.runs):
            results["ours"].append(timed(lambda: shipped(store, today)))
            results["models"].append(timed(lambda: full_models(store, today)))
            figures = load_figures(store, today)
            grant_flags.flag_counts = shipped
            results["with"].append(timed(lambda f=figures: load_details(store, f)))
            grant_flags.flag_counts = lambda store, today: {}
            results["without"].append(timed(lambda f=figures: load_details(store, f)))
            grant_flags.flag_counts = shipped
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in results.items()}  # fmt: skip
    print(f"{args.projects} projects, {args.visits} visits, 2,000 meetings; medians of {args.runs}")
    for k, label in (("ours", "flag_counts (fields from JSON)"), ("models", "full models"),
                     ("with", "load_details with counts"), ("without", "load_details without")):  # fmt: skip
        print(f"  {label:34s} wall {med[k][0]:.3f} s  cpu {med[k][1]:.3f} s")
    print(f"  flag_counts / full models (cpu): {med['ours'][1] / med['models'][1]:.2f}x")
    print(f"  details with / without (cpu): +{med['with'][1] - med['without'][1]:.3f} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
