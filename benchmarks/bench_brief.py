"""Summit brief and the turns upgrade (issue 16), against baselines in the same run.

    uv run python benchmarks/bench_brief.py [--meetings 20000] [--runs 5]

- brief: `brief_report` for TICAD 9 over every taking-part country of a demo store, beside
  `digest_report` of the same countries and period (the report the brief replaces for a summit).
- upgrade: the store step that rewrites every meeting as turns and rebuilds every record's search
  text (fieldkit.core.turns.upgrade_store), run inside a transaction that is rolled back, beside
  the same records written by `create_many` into an empty store (what a fresh import costs).
- search text: bytes of search text per meeting with the names of its codes, against without.
Medians of --runs; CPU time of this process (time.process_time) for the ratios, and the load
average at the start, as the other benchmarks report them.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fieldkit.core import demo  # noqa: E402
from fieldkit.core.query import RecordFilter  # noqa: E402
from fieldkit.core.reference import reference  # noqa: E402
from fieldkit.core.store import Store  # noqa: E402

TODAY = date(2025, 7, 21)


def timed(fn) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def median(xs):
    return statistics.median(xs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--meetings", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=5)
    opts = ap.parse_args()
    from fieldkit.reports import DigestQuery, digest_report
    from fieldkit.reports.brief import brief_report

    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "a")
        demo.generate(store, meetings=opts.meetings, visits=0, projects=200, seed=6, today=TODAY)
        africa = sorted(
            {m for (m,) in store.conn.execute("SELECT DISTINCT country FROM records")}
            & reference().summit_countries("ticad9")
        )
        start, _ = reference().summit_dates("ticad9")
        since = min(start, TODAY) - timedelta(days=365)
        query = DigestQuery(date_from=since, date_to=TODAY, countries=tuple(africa))
        n = store.count(RecordFilter(kinds=("meeting",), countries=tuple(africa), date_from=since))
        print(f"{opts.meetings} meetings; TICAD 9 countries in the store: {', '.join(africa)}; "
              f"{n} of their meetings since {since}")  # fmt: skip

        brief, digest = [], []
        for _ in range(opts.runs):
            brief.append(timed(lambda: brief_report(store, io.BytesIO(), summit="ticad9",
                                                    event=None, today=TODAY)))  # fmt: skip
            digest.append(timed(lambda: digest_report(store, query, io.BytesIO(), event=None)))
        bw, bc = median([x[0] for x in brief]), median([x[1] for x in brief])
        dw, dc = median([x[0] for x in digest]), median([x[1] for x in digest])
        print(f"brief  {bw:.2f} s wall, {bc:.2f} s CPU | digest of the same countries and period "
              f"{dw:.2f} s wall, {dc:.2f} s CPU | CPU ratio {bc / dc:.2f}x")  # fmt: skip

        from fieldkit.core.indexing import search_text
        from fieldkit.core.turns import upgrade_store

        records = list(store.iter_records(RecordFilter()))
        up, fresh = [], []
        for i in range(opts.runs):

            def upgrade():
                store.conn.execute("BEGIN")
                try:
                    upgrade_store(store.conn)
                finally:
                    store.conn.execute("ROLLBACK")

            up.append(timed(upgrade))
            with Store.open(Path(tmp) / f"b{i}") as other:
                fresh.append(timed(lambda o=other: o.create_many(records)))
        uw, uc = median([x[0] for x in up]), median([x[1] for x in up])
        fw, fc = median([x[0] for x in fresh]), median([x[1] for x in fresh])
        print(f"upgrade step over {len(records)} records {uw:.2f} s wall, {uc:.2f} s CPU | "
              f"create_many of the same records {fw:.2f} s wall, {fc:.2f} s CPU | "
              f"CPU ratio {uc / fc:.2f}x")  # fmt: skip

        import fieldkit.core.indexing as indexing

        meetings = [r for r in records if r.kind == "meeting"]
        with_names = sum(len(search_text(m).encode()) for m in meetings) / len(meetings)
        saved = indexing._CODE_TABLES
        indexing._CODE_TABLES = ()
        try:
            without = sum(len(search_text(m).encode()) for m in meetings) / len(meetings)
        finally:
            indexing._CODE_TABLES = saved
        print(f"search text per meeting: {with_names:.0f} bytes with code names, {without:.0f} "
              f"without ({with_names / without:.2f}x)")  # fmt: skip
        store.close()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
