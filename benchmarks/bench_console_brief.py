"""Cross-post brief of 1,000 meetings at HQ vs the laptop's digest of the same meetings.

The same demo meetings go into a laptop store and, through HQ's push API, into an HQ database;
the laptop prints its digest, the console prints the brief grouped by country over all of them.
Medians of 3, same run. Target: brief within 1.5x of the digest.

    uv run python benchmarks/bench_console_brief.py
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldkit.core import demo  # noqa: E402
from fieldkit.core.store import Store  # noqa: E402
from fieldkit.reports import DigestQuery, digest_report  # noqa: E402
from sync import protocol as p  # noqa: E402
from sync.server.console import auth, indexer, schema  # noqa: E402
from sync.server.console.brief import brief_report  # noqa: E402
from sync.server.console.db import Handle  # noqa: E402
from sync.server.console.filters import ConsoleFilter  # noqa: E402
from sync.server.console.printing import SelectionSource  # noqa: E402
from sync.server.storage import Device, HQStore  # noqa: E402

TODAY = date(2026, 11, 20)


def run(tmp: Path, runs: int = 3) -> None:
    laptop = Store.open(tmp / "laptop")
    demo.generate(laptop, meetings=1000, visits=0, projects=10, seed=4, today=TODAY)
    meetings = [r.model_dump(mode="json") for r in laptop.iter_records()
                if r.kind in ("meeting", "followup", "project", "organisation", "person")]  # fmt: skip
    hq = HQStore(tmp / "hq.db")
    db = Handle(hq)
    schema.ensure(db)
    by_country: dict[str, list[dict]] = {}
    country = {r["id"]: r.get("country") for r in meetings}
    for r in meetings:
        cc = r.get("country") or country.get(r.get("parent_id") or "") or "KE"
        by_country.setdefault(cc, []).append(r)
    for cc, recs in by_country.items():
        info = hq.add_device(cc, f"{cc} laptop")
        hq.enroll(info["code"])
        dev = Device(info["device_id"], cc, info["name"])
        for i in range(0, len(recs), 1000):
            hq.push(dev, p.PushRequest(mutations=[
                p.Mutation(ids=[f"m-{r['id']}"], record=r) for r in recs[i : i + 1000]]))  # fmt: skip
    indexer.catch_up(db)
    auth.add_user(db, "bench", "admin", "benchmark password")
    user = auth.User(1, "bench", "admin", (), "", "en")
    query = DigestQuery()
    src = SelectionSource(db, user, ConsoleFilter(kinds=("meeting",)), "en")

    def digest():
        return digest_report(laptop, query, io.BytesIO(), today=TODAY, lang="en", event=None)

    def brief():
        return brief_report(src, query, io.BytesIO(), lang="en", today=TODAY)

    times: dict[str, list[float]] = {"digest": [], "brief": []}
    pages = {}
    for _ in range(runs):
        for name, fn in (("digest", digest), ("brief", brief)):
            t0 = time.perf_counter()
            res = fn()
            times[name].append(time.perf_counter() - t0)
            pages[name] = (res.pages, res.records)
    d, b = statistics.median(times["digest"]), statistics.median(times["brief"])
    print(f"laptop digest of 1,000 meetings: {d:.2f} s (pages, records {pages['digest']})")
    print(
        f"HQ cross-post brief, same meetings by country: {b:.2f} s "
        f"(pages, records {pages['brief']})  ratio {b / d:.2f}x (target 1.5x)"
    )
    hq.close()
    laptop.close()


if __name__ == "__main__":
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as d:
        run(Path(d))
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
