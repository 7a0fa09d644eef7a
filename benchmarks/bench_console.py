"""HQ console benchmarks (issue #13).

1. An HQ with N generated records (default 1,000,000) of 200 posts, written straight into SQLite
   (records, the console's index and its trigram search table): the console's list and search
   pages (one page of 50 plus the capped count, through ``console.queries``) p50/p95, beside a raw
   SQL query for the same page in the same run. Target: p95 < 200 ms.
2. A cross-post brief of 1,000 meetings at HQ vs the laptop's digest of the same meetings (same
   run, medians of 3). Target: within 1.5x.

    uv run python benchmarks/bench_console.py [--records 1000000] [--runs 40] [--skip-brief]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldkit.core.reference import reference  # noqa: E402
from sync.server.console import queries as q  # noqa: E402
from sync.server.console import schema  # noqa: E402
from sync.server.console.db import Dialect, Handle  # noqa: E402
from sync.server.console.filters import ConsoleFilter, Scope  # noqa: E402
from sync.server.console.regions import REGIONS  # noqa: E402
from sync.server.storage import HQStore  # noqa: E402

TODAY = date(2026, 11, 20)
WORDS_EN = ["geothermal", "energy", "ministry", "cooperation", "digital", "hydrogen", "minerals", "lithium", "battery", "supply", "chain", "investment", "port", "railway", "training", "hospital", "water", "irrigation", "solar", "wind", "grid", "finance", "loan", "grant", "semiconductor", "automobile", "recycling", "copper", "cobalt"]  # fmt: skip
WORDS_JA = [
    "地熱",
    "発電",
    "協力",
    "面談",
    "大臣",
    "支援",
    "投資",
    "鉱物",
    "電池",
    "港湾",
    "鉄道",
    "研修",
    "病院",
    "水",
    "太陽光",
    "風力",
    "融資",
    "無償",
    "半導体",
    "自動車",
]


def generate(path: Path, n: int, posts: int = 200) -> None:
    """N records (80% meetings, 15% visits, 5% follow-ups) of ``posts`` posts, straight into
    SQLite, with the console's index rows and search text."""
    store = HQStore(path)
    db = Handle(store)
    schema.ensure(db)
    store.close()
    countries = sorted(reference().countries)[:posts]
    fields = list(reference().policy_fields)
    summits = list(reference().summits)
    levels = list(reference().classifications)
    rnd = random.Random(7)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("DROP TRIGGER console_records_added")  # the generator writes the index itself
    conn.execute("BEGIN")
    batch_r, batch_c, batch_f = [], [], []
    for i in range(1, n + 1):
        kind = "meeting" if i % 20 < 16 else ("visit" if i % 20 < 19 else "followup")
        cc = countries[rnd.randrange(len(countries))]
        day = (TODAY - timedelta(days=rnd.randrange(1500))).isoformat()
        words = rnd.sample(WORDS_EN, 6) + rnd.sample(WORDS_JA, 3)
        title = " ".join(words[:4]) + " " + "".join(words[6:8])
        body = " ".join(rnd.choices(WORDS_EN, k=25)) + " " + "".join(rnd.choices(WORDS_JA, k=8))
        pf = rnd.sample(fields, 2) if kind == "meeting" else []
        sm = [summits[rnd.randrange(len(summits))]] if kind == "meeting" and i % 7 == 0 else []
        cls = levels[rnd.randrange(len(levels))]
        rid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
        data = json.dumps({"id": rid, "kind": kind, "subject": title, "date": day, "country": cc,
                           "policy_fields": pf, "summits": sm, "classification": cls,
                           "key_points": body}, ensure_ascii=False)  # fmt: skip
        batch_r.append((i, rid, cc, kind, i, "gen", 0, None, 0, data))
        batch_c.append((i, rid, cc, kind, 0, cc, day, title, cls, levels.index(cls),
                        " " + " ".join(pf) + " " if pf else "", " " + " ".join(sm) + " " if sm else "",
                        "", "open" if kind == "followup" else None, None, None, day, "gen"))  # fmt: skip
        batch_f.append((i, title + "\n" + body))
        if len(batch_r) == 20_000 or i == n:
            conn.executemany("INSERT INTO records (rowid, id, embassy, kind, version, origin, deleted, "
                             "sha256, ck, data) VALUES (?,?,?,?,?,?,?,?,?,?)", batch_r)  # fmt: skip
            conn.executemany("INSERT INTO console_records VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             batch_c)  # fmt: skip
            conn.executemany("INSERT INTO console_fts (rowid, text) VALUES (?, ?)", batch_f)
            batch_r, batch_c, batch_f = [], [], []
            print(f"\r  generated {i:,} / {n:,}", end="", file=sys.stderr, flush=True)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'seq'", (str(n),))
    conn.execute("COMMIT")
    conn.execute("CREATE TRIGGER console_records_added AFTER INSERT ON records BEGIN "
                 "INSERT OR IGNORE INTO console_pending VALUES (new.rowid); END")  # fmt: skip
    conn.execute("INSERT INTO console_fts(console_fts) VALUES ('optimize')")
    conn.execute("ANALYZE")
    conn.close()
    print(file=sys.stderr)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench_lists(path: Path, runs: int) -> None:
    store = HQStore(path)
    db = Handle(store)
    africa = Scope((*REGIONS["africa"], "*"))
    everyone = Scope(None)
    cases = [
        ("list: meetings, Africa desk officer, newest first", africa,
         ConsoleFilter(kinds=("meeting",)), None),
        ("list: meetings, all posts, GX, one year", everyone,
         ConsoleFilter(kinds=("meeting",), policy_fields=("gx",),
                       date_from=TODAY - timedelta(days=365)), None),
        ("list: page 20 of all records, by date", everyone, ConsoleFilter(), 20),
        ("search: 'geothermal' (common word), all posts", everyone,
         ConsoleFilter(text="geothermal"), None),
        ("search: 'lithium battery' (two words), Africa desk", africa,
         ConsoleFilter(text="lithium battery"), None),
        ("search: '地熱' (2-char Japanese), all posts", everyone, ConsoleFilter(text="地熱"), None),
        ("search: 'quokka' (a word no record has), all posts", everyone,
         ConsoleFilter(text="quokka"), None),
        ("search: '\"cobalt copper\"' (phrase), all posts", everyone,
         ConsoleFilter(text='"cobalt copper"'), None),
    ]  # fmt: skip
    raw = sqlite3.connect(path)
    print(f"{'case':<58} {'p50 ms':>8} {'p95 ms':>8} {'raw p50':>8} {'raw p95':>8}  rows/count")
    for name, scope, f, page in cases:
        page = page or 1
        times, raw_times = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            with db.read() as c:
                plan = q.text_plan(c, Dialect.SQLITE, scope, f, "date")
                rows, _more = q.list_page(c, Dialect.SQLITE, scope, f, "date", page, 50, plan)
                total = q.count(c, Dialect.SQLITE, scope, f, plan=plan)
            times.append((time.perf_counter() - t0) * 1000)
            # The raw baseline: the same page as one hand-written query over the trigram index
            # (the laptop's plan), no count.
            cond, params = q.where(Dialect.SQLITE, scope, f)
            t0 = time.perf_counter()
            raw.execute(f"SELECT rowid, id, title FROM console_records cr WHERE {cond} "
                        "ORDER BY cr.date DESC, cr.rowid DESC LIMIT 50 OFFSET ?",
                        [*params, (page - 1) * 50]).fetchall()  # fmt: skip
            raw_times.append((time.perf_counter() - t0) * 1000)
        print(f"{name:<58} {pct(times, 50):8.1f} {pct(times, 95):8.1f} "
              f"{pct(raw_times, 50):8.1f} {pct(raw_times, 95):8.1f}  {len(rows)}/"
              f"{'(count stopped)' if total is None else total if total <= q.COUNT_CAP else str(q.COUNT_CAP) + '+'}"
                                                            + f" plan {plan}")  # fmt: skip
    raw.close()
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--skip-brief", action="store_true")
    ap.add_argument("--db", help="reuse a generated database")
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"({os.cpu_count()} CPUs)")  # fmt: skip
    with tempfile.TemporaryDirectory() as d:
        path = Path(args.db) if args.db else Path(d) / "hq.db"
        if not path.exists():
            t0 = time.perf_counter()
            generate(path, args.records)
            print(
                f"generated {args.records:,} records of 200 posts in "
                f"{time.perf_counter() - t0:.0f} s ({path.stat().st_size / 1e9:.2f} GB)"
            )
        bench_lists(path, args.runs)
        if not args.skip_brief:
            from bench_console_brief import run as brief

            brief(Path(d))
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
