"""What the handling rules (#14) cost HQ: push and pull of one embassy's records with the marking
columns filled at push and every read filtered on them, against the code before them.

    uv run python benchmarks/bench_handling.py [--records 20000] [--runs 3] [--baseline REV]

HQ in process on SQLite (HQStore: the same code the server runs), one embassy, meetings of which
a fifth are NOT FOR LOCAL STAFF, each with a follow-up. Per run: push them all (pages of 1,000, as
a laptop does) and walk a full pull (pages of 1,000) as a staff and as a local-staff device. The
baseline is the same script run on a checkout of REV (default: the commit before the handling
rules) in a git worktree, interleaved with this tree's runs. Prints medians, ratios and the load
average: the machine is shared, so compare figures within one run only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "43a4100"  # the commit before the handling rules (dd36edc)


def one_run(records: int) -> dict:
    """In the code tree this process imports: push then pull, timed."""
    from datetime import date

    from fieldkit.core.models import FollowUp, Meeting
    from sync import protocol as p
    from sync.server.storage import HQStore

    folder = Path(tempfile.mkdtemp(prefix="bench-handling-"))
    hq = HQStore(folder / "hq.db")
    staff = hq.authenticate(hq.enroll(hq.add_device("KE", "chancery")["code"]).token)
    try:
        local_code = hq.add_device("KE", "reception", role="local-staff")["code"]
        local = hq.authenticate(hq.enroll(local_code).token)
    except TypeError:  # the baseline has no roles: its one kind of device
        local = None
    recs = []
    for i in range(records // 2):
        m = Meeting(subject=f"Talks {i}", date=date(2026, 1, 1 + i % 28), country="KE",
                    caveats=["NO_LOCAL_STAFF"] if i % 5 == 0 else [])  # fmt: skip
        recs += [m, FollowUp(parent_id=m.id, text=f"note {i}")]
    bodies = [r.model_dump(mode="json") for r in recs]
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(bodies), 1000):
        req = p.PushRequest(mutations=[
            p.Mutation(ids=[f"m{i + j}"], record=b) for j, b in enumerate(bodies[i : i + 1000])
        ])  # fmt: skip
        resp = hq.push(staff, req)
        assert all(resp.versions), "a record was refused"
    push_s = time.perf_counter() - started
    push_cpu_s = time.process_time() - cpu  # less at the mercy of a shared machine than wall time

    def walk_once(dev) -> tuple[float, int]:
        started = time.perf_counter()
        since, n = 0, 0
        while True:
            page = json.loads(hq.pull_json(dev, since, 1000))
            n += len(page["records"])
            since = page["cursor"]
            if not page["more"]:
                return time.perf_counter() - started, n

    def walk(dev) -> tuple[float, int]:
        walk_once(dev)  # warm: the first walk reads the file into the page cache
        times = [walk_once(dev) for _ in range(3)]
        return statistics.median(t for t, _ in times), times[0][1]

    # The pushing device's own records are not sent back to it: pull as another staff laptop.
    other = hq.authenticate(hq.enroll(hq.add_device("KE", "deputy")["code"]).token)
    pull_s, pulled = walk(other)
    out = {"push_s": push_s, "push_cpu_s": push_cpu_s, "pull_staff_s": pull_s,
           "pulled_staff": pulled}  # fmt: skip
    if local is not None:
        out["pull_local_s"], out["pulled_local"] = walk(local)
    hq.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--child", help=argparse.SUPPRESS)  # a code tree to run one_run in
    args = ap.parse_args()
    if args.child:
        sys.path.insert(0, args.child)
        os.chdir(args.child)
        print(json.dumps(one_run(args.records)))
        return 0
    tree = Path(tempfile.mkdtemp(prefix="bench-handling-base-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.baseline],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    load = [os.getloadavg()[0]]
    runs: dict[str, list[dict]] = {"baseline": [], "now": []}
    try:
        for _ in range(args.runs):
            for name, root in (("baseline", tree), ("now", ROOT)):
                done = subprocess.run(
                    [sys.executable, __file__, "--records", str(args.records), "--child",
                     str(root)],
                    capture_output=True, text=True, check=True, env=os.environ | {
                        "PYTHONPATH": str(root)},
                )  # fmt: skip
                runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT,
                       capture_output=True)  # fmt: skip
    load.append(os.getloadavg()[0])

    def med(name: str, key: str) -> float | None:
        vals = [r[key] for r in runs[name] if key in r]
        return round(statistics.median(vals), 3) if vals else None

    report = {
        "records": args.records, "runs": args.runs, "baseline": args.baseline,
        "load_average": load,
        "push_s": {"baseline": med("baseline", "push_s"), "now": med("now", "push_s")},
        "push_cpu_s": {"baseline": med("baseline", "push_cpu_s"), "now": med("now", "push_cpu_s")},
        "pull_staff_s": {"baseline": med("baseline", "pull_staff_s"),
                         "now": med("now", "pull_staff_s")},
        "pull_local_staff_s": med("now", "pull_local_s"),
        "pulled": {"staff": runs["now"][0]["pulled_staff"],
                   "local_staff": runs["now"][0].get("pulled_local")},
    }  # fmt: skip
    for key in ("push_s", "push_cpu_s", "pull_staff_s"):
        b, n = report[key]["baseline"], report[key]["now"]
        report[key]["ratio"] = round(n / b, 2) if b else None
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
