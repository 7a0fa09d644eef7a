"""What the dashboard's running totals (fieldkit.core.dashboard_totals) cost bulk writes.

    uv run python benchmarks/bench_dashboard_totals.py [--meetings 4500] [--runs 7]

Writes the demo's records (--meetings meetings with their follow-ups, contacts, some visits and
projects: about 9,500 records at 4,500) into a new store, with the totals' triggers and without
them (as the store was before their step: the change counter's own triggers, no totals),
alternating so both see the same machine load: once with ``Store.create_many`` (demo data, bulk
loads), once as a first sync pull with sync's ``SyncState.apply_page`` in pages of 500. Then marks
--edits open follow-ups done and trashes a third as many meetings, one ``Store.update`` or
``Store.delete`` each, on the store just written. Reports medians of wall and CPU time, the
ratios with/without (budget: under 1.03 on a bulk write), and the load average.

On a shared machine a whole bulk write varies by more than the triggers cost (2.0-3.4 s of CPU
for the same create_many), so the triggers are also timed alone: the store writer's INSERT of the
same rows, with and without them, many times in transactions rolled back; their cost over
create_many's is the overhead the budget is about.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from fieldkit.core import demo
from fieldkit.core.dashboard_totals import TRIGGERS
from fieldkit.core.indexing import index_record
from fieldkit.core.store import Store

PAGE = 500


def fresh_store(folder: Path, totals: bool) -> Store:
    """A new store; without totals, as the step before them left it: the change counter kept by
    triggers of its own on insert and delete too (dashboard_cache), no totals."""
    store = Store.open(folder, create=True)
    if not totals:
        with store.tx.write() as conn:
            drop_totals(conn)
    return store


def drop_totals(conn) -> None:
    """The triggers as before the totals: the change counter only."""
    for name in TRIGGERS:
        conn.execute(f"DROP TRIGGER {name}")
    for event in ("INSERT", "DELETE"):
        conn.execute(
            f"CREATE TRIGGER records_changed_{event.lower()} AFTER {event} ON records "
            "BEGIN UPDATE records_changes SET n = n + 1; END"
        )


def timed(fn, *args) -> tuple[float, float]:
    """(wall, CPU) seconds of ``fn(*args)``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def create_many(store: Store, records: list) -> None:
    store.create_many(records, action="demo")


def apply_pages(store: Store, rows: list[dict]) -> None:
    from sync.state import SyncState

    state = SyncState(store)
    for i in range(0, len(rows), PAGE):
        page = rows[i : i + PAGE]
        state.apply_page(page, [i + k + 1 for k in range(len(page))], i + len(page))


def edits(store: Store, actions: list[str], trashed: list[str]) -> None:
    for rid in actions:
        store.update(rid, {"status": "done"})
    for rid in trashed:
        store.delete(rid)


def rows_alone(records: list, folder: Path, runs: int) -> dict[bool, list[float]]:
    """CPU seconds of the records' rows inserted (the statement the writer runs, and the
    triggers it fires), with and without the totals, in transactions rolled back."""
    store = fresh_store(folder, True)
    rows = []
    for rowid, rec in enumerate(records, 1):
        row, _text = index_record(rec)
        rows.append((rowid, *row.values()))
    cols = ",".join(["rowid", *row])
    sql = f"INSERT INTO records ({cols}) VALUES ({','.join('?' * len(rows[0]))})"
    took: dict[bool, list[float]] = {True: [], False: []}
    conn = store.conn
    with store.tx.lock:
        for run in range(-1, runs):
            for totals in (run % 2 == 0, run % 2 != 0):
                conn.execute("BEGIN")
                if not totals:  # as in fresh_store(..., False), undone by the rollback
                    drop_totals(conn)
                start = time.process_time()
                conn.executemany(sql, rows)
                if run >= 0:
                    took[totals].append(time.process_time() - start)
                conn.execute("ROLLBACK")
    store.close()
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=4500)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--edits", type=int, default=300, help="follow-ups marked done, one each")
    args = parser.parse_args()
    records, counts = demo.build(
        meetings=args.meetings, visits=args.meetings // 20, projects=args.meetings // 80, seed=18
    )
    rows = [r.model_dump(mode="json") for r in records]
    actions = [r.id for r in records if r.kind == "followup" and r.status == "open"][: args.edits]
    trashed = [r.id for r in records if r.kind == "meeting"][-args.edits // 3 :]
    print(f"{len(records):,} records ({counts}), {args.runs} runs alternating")
    times: dict[str, list[tuple[float, float]]] = {}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(-1, args.runs):  # run -1 warms up (imports, caches): not counted
            for totals in (run % 2 == 0, run % 2 != 0):  # who goes first alternates too
                label = "with totals" if totals else "without"
                folder = Path(tmp) / f"{run}-{label}"
                store = fresh_store(folder / "create", totals)
                measured = {"create_many": timed(create_many, store, records)}
                measured["edits"] = timed(edits, store, actions, trashed)
                store.close()
                store = fresh_store(folder / "pull", totals)
                measured["apply_page"] = timed(apply_pages, store, rows)
                store.close()
                if run >= 0:
                    for what, took in measured.items():
                        times.setdefault(f"{what} {label}", []).append(took)
        alone = rows_alone(records, Path(tmp) / "rows", args.runs * 4)
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.1f} / {load_before[1]:.1f}, "
          f"after {load_after[0]:.1f} / {load_after[1]:.1f}")  # fmt: skip
    for what in ("create_many", "apply_page", "edits"):
        line = f"{what:12}"
        for i, clock in enumerate(("wall", "CPU")):
            with_, without = (
                statistics.median(t[i] for t in times[f"{what} {x}"])
                for x in ("with totals", "without")
            )
            line += f"  {clock} {with_:6.3f} s against {without:6.3f} s: x{with_ / without:.3f}"
        print(line)
    with_, without = (statistics.median(alone[x]) for x in (True, False))
    extra = with_ - without
    create = statistics.median(t[1] for t in times["create_many without"])
    print(
        f"rows alone   CPU {with_ * 1000:.0f} ms against {without * 1000:.0f} ms (medians of "
        f"{len(alone[True])}): the triggers {extra * 1000:.0f} ms, "
        f"{extra / len(records) * 1e6:.1f} us a record, x{(create + extra) / create:.3f} on "
        "create_many's CPU"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
