"""Approval (#14) benchmarks: the "Waiting for my approval" query the window runs after every
change, and the store upgrade that files the meetings and visits saved before approvals.

    uv run python benchmarks/bench_approval.py [--meetings 20000] [--visits 2000]

Compared in the same run, on the same store:
- waiting: ``approval.waiting_rows`` (the approver read from the JSON in SQL) vs parsing every
  submitted record into its model and comparing there (what a naive query would do), and vs a
  plain ``store.count`` of the meetings as the floor;
- upgrade: the ``_approval_filed`` step on every meeting and visit (JSON rewritten in SQL), in a
  transaction rolled back each time.
Medians; the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path


def median_ms(fn, n: int = 7) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--meetings", type=int, default=20000)
    ap.add_argument("--visits", type=int, default=2000)
    opts = ap.parse_args()
    os.environ["FIELDKIT_USER"] = "Ambassador Tanaka Hiroshi"  # the demo's approver
    from fieldkit.core import approval
    from fieldkit.core.demo import generate
    from fieldkit.core.query import RecordFilter
    from fieldkit.core.store import Store

    folder = Path(tempfile.mkdtemp())
    store = Store.open(folder)
    generate(store, meetings=opts.meetings, visits=opts.visits, projects=200, seed=5)
    me = store.author

    def naive() -> list:
        ids = store.ids(RecordFilter(kinds=approval.KINDS, statuses=(approval.SUBMITTED,)))
        return [r for r in store.get_many(ids) if approval.same_person(r.approver, me)]

    rows = approval.waiting_rows(store)
    fast = median_ms(lambda: approval.waiting_rows(store))
    slow = median_ms(naive, 3)
    floor = median_ms(lambda: store.count(RecordFilter(kinds=("meeting",))))
    print(f"waiting for my approval: {len(rows)} of {opts.meetings + opts.visits} records")
    print(f"  waiting_rows {fast:.0f} ms | parsing the models {slow:.0f} ms "
          f"({slow / fast:.1f}x) | count(meetings) {floor:.1f} ms")  # fmt: skip
    store.close()

    conn = sqlite3.connect(folder / "fieldkit.db")
    conn.execute(
        "UPDATE records SET data = json_remove(data, '$.approval'), status = NULL "
        "WHERE kind IN ('meeting', 'visit')"
    )
    conn.commit()
    steps = []
    for _ in range(3):
        conn.execute("BEGIN")
        t = time.perf_counter()
        approval.upgrade_filed(conn)
        steps.append(time.perf_counter() - t)
        conn.execute("ROLLBACK")
    print(f"upgrade step (file {opts.meetings + opts.visits} meetings and visits): "
          f"{statistics.median(steps):.2f} s")  # fmt: skip
    print("load average", " ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
