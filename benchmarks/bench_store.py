"""Store benchmarks for the foundation issue: load, search, status.

    uv run python benchmarks/bench_store.py [--meetings 100000] [--visits 20000]

Each figure is compared with a baseline measured in the same run on the same machine:
- load: Store.create_many of N meetings (validation done, history, outbox, FTS, list columns) and
  `fieldkit import` of the same records as JSON lines, vs sqlite-utils insert_all of the same rows
  into a bare table;
- search: median over typical queries of Store.search (filters, date order, top 50) vs a raw FTS5
  MATCH (top 50 by rank) on the same database;
- status: `fieldkit status` as a whole process vs `python -c pass`;
- records rows: the store writer's raw executemany vs sqlite-utils insert_all on the same
  connection; small writes (a draft, an audit event, a setting): milliseconds per call.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlite_utils

from fieldkit.core import demo
from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Store
from fieldkit.core.transfer import export_jsonl, import_jsonl

QUERIES = [
    "geothermal", "地熱", "Ministry of Energy", "TICAD", "EV assembly", "海底ケーブル",
    "procurement", "radiographer", "Kenya", "ケニア", "feasibility study", "本省", "Toyota",
    "grid stability", "重要鉱物", "customs", "ab", "日本", "JBIC", "maintenance plan",
]  # fmt: skip


def timed(fn, *args, **kw):
    t = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - t, result


def bench_load(meetings, tmp: Path) -> None:
    rows = [m.model_dump(mode="json") for m in meetings]
    base_db = sqlite_utils.Database(tmp / "bare.db")
    base_db.conn.execute("PRAGMA journal_mode = WAL")
    t_base, _ = timed(lambda: base_db["meetings"].insert_all(rows, batch_size=1000))
    base_db.close()

    store = Store.open(tmp / "load")
    t_ours, _ = timed(store.create_many, meetings)
    store.close()

    src = Store.open(tmp / "load")
    jsonl = tmp / "meetings.jsonl"
    with open(jsonl, "w", encoding="utf-8") as fh:
        export_jsonl(src.iter_records(RecordFilter(kinds=("meeting",))), fh)
    src.close()
    target = Store.open(tmp / "import")
    t_import, _ = timed(import_jsonl, target, jsonl)
    target.close()
    n = len(meetings)
    print(f"load {n:,} meetings")
    print(f"  baseline sqlite-utils insert_all, bare table: {t_base:7.2f} s")
    print(
        f"  Store.create_many:                            {t_ours:7.2f} s  ratio {t_ours / t_base:.2f}x (target <= 3x)"
    )
    print(
        f"  fieldkit import (read + validate + store):    {t_import:7.2f} s  ratio {t_import / t_base:.2f}x"
    )


def bench_rows(meetings, tmp: Path, rounds: int = 3) -> None:
    """The records rows alone, on a store's own connection in one transaction: the raw
    ``executemany`` the store's writer uses vs sqlite-utils ``insert_all`` (why the writer keeps
    raw SQL for records)."""
    from fieldkit.core.indexing import index_record

    rows = [{"rowid": i, **index_record(m)[0]} for i, m in enumerate(meetings, 1)]
    cols = list(rows[0])
    sql = f"INSERT INTO records ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})"
    tuples = [tuple(r.values()) for r in rows]
    raw, su = [], []
    for i in range(rounds):
        store = Store.open(tmp / f"rows-raw-{i}")
        store.conn.execute("BEGIN IMMEDIATE")
        raw.append(timed(store.conn.executemany, sql, tuples)[0])
        store.conn.execute("COMMIT")
        store.close()
        store = Store.open(tmp / f"rows-su-{i}")
        db = sqlite_utils.Database(store.conn, recursive_triggers=False, execute_plugins=False)
        store.conn.execute("BEGIN IMMEDIATE")
        su.append(timed(lambda db=db: db["records"].insert_all(rows, batch_size=500))[0])
        store.conn.execute("COMMIT")
        store.close()
    mr, ms = statistics.median(raw), statistics.median(su)
    print(f"records rows, {len(rows):,} meetings, median of {rounds}")
    print(f"  raw executemany (the writer):  {mr:6.2f} s")
    print(f"  sqlite-utils insert_all:       {ms:6.2f} s  ({ms / mr:.2f}x the raw time)")


def bench_small_writes(store: Store, n: int = 300) -> None:
    """One-row writes outside the records: a draft kept, an audit event, a setting (per call)."""
    data = {"subject": "GX dialogue", "key_points": "地熱 " * 200}
    figures = {
        "save_draft": [timed(store.save_draft, f"meeting:{i % 20}", "meeting", data)[0]
                       for i in range(n)],
        "audit": [timed(store.audit, "export", None, rows=i)[0] for i in range(n)],
        "set_meta": [timed(store.set_meta, f"bench.{i % 20}", str(i))[0] for i in range(n)],
    }  # fmt: skip
    print(f"small writes, median of {n} calls each (one transaction each, synchronous=FULL)")
    for name, times in figures.items():
        print(f"  {name:<11} {statistics.median(times) * 1000:6.2f} ms")


def bench_search(store: Store, rounds: int = 5) -> None:
    ours, raw, bare = [], [], []
    conn = store.conn
    for q in QUERIES:
        for _ in range(rounds):
            t, hits = timed(store.search, q, limit=50)
            ours.append(t)
            if len(q) >= 3:
                expr = '"' + q.replace('"', '""') + '"'
                t, _ = timed(
                    lambda e=expr: conn.execute(
                        "SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT 50", (e,)
                    ).fetchall()
                )
                bare.append(t)
                t, _ = timed(
                    lambda e=expr: conn.execute(
                        "SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rank LIMIT 50",
                        (e,),
                    ).fetchall()
                )
            else:
                t, _ = timed(
                    lambda q=q: conn.execute(
                        "SELECT rowid FROM records_fts WHERE text LIKE ? LIMIT 50", (f"%{q}%",)
                    ).fetchall()
                )
            raw.append(t)
    flt = RecordFilter(kinds=("meeting",), countries=("KE",), policy_fields=("gx",))
    filtered = [timed(store.search, q, flt, limit=50)[0] for q in QUERIES for _ in range(rounds)]
    mo, mr, mf, mb = (statistics.median(x) * 1000 for x in (ours, raw, filtered, bare))
    print(f"search over {store.count():,} records, {len(QUERIES)} queries x {rounds}")
    print(f"  baseline raw FTS5 MATCH (top 50 by rank): median {mr:6.2f} ms")
    print(f"  raw FTS5 MATCH, first 50 in any order:    median {mb:6.2f} ms (3+ character queries)")
    print(
        f"  Store.search (top 50 newest):             median {mo:6.2f} ms  ratio {mo / mr:.2f}x (target <= 20 ms, <= 2x)"
    )
    print(f"  Store.search + kind/country/field filter: median {mf:6.2f} ms")
    print(f"  slowest Store.search: {max(ours) * 1000:.1f} ms")


def bench_status(data_dir: Path, rounds: int = 5) -> None:
    env = dict(os.environ, FIELDKIT_DATA_DIR=str(data_dir))
    exe = [sys.executable, "-m", "fieldkit", "status"]
    base = [
        timed(subprocess.run, [sys.executable, "-c", "pass"], check=True)[0] for _ in range(rounds)
    ]
    ours = [
        timed(subprocess.run, exe, env=env, check=True, capture_output=True)[0]
        for _ in range(rounds)
    ]
    mb, mo = statistics.median(base) * 1000, statistics.median(ours) * 1000
    print("fieldkit status as a whole process")
    print(f"  baseline python -c pass: median {mb:6.0f} ms")
    print(
        f"  fieldkit status:         median {mo:6.0f} ms  (target <= 500 ms; {mo / mb:.1f}x bare interpreter)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--meetings", type=int, default=100_000)
    ap.add_argument("--visits", type=int, default=20_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        t, (records, counts) = timed(
            demo.build, meetings=args.meetings, visits=args.visits, projects=500, seed=7
        )
        print(f"built {counts} in {t:.1f} s")
        meetings = [r for r in records if r.kind == "meeting"]
        bench_load(meetings, tmp)
        bench_rows(meetings, tmp)
        store = Store.open(tmp / "load")
        rest = [r for r in records if r.kind != "meeting"]
        t, _ = timed(store.create_many, rest)
        print(
            f"added {len(rest):,} other records (visits, follow-ups, projects, contacts) in {t:.1f} s"
        )
        bench_search(store)
        bench_small_writes(store)
        store.close()
        bench_status(tmp / "load")


if __name__ == "__main__":
    main()
