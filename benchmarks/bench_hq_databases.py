"""HQ on SQLite and on PostgreSQL, same run, same machine (``fieldkit-hq serve`` subprocesses;
PostgreSQL is a throw-away cluster started here, as in the tests, with fsync on).

    uv run python benchmarks/bench_hq_databases.py [--laptops 200] [--each 50] [--bulk 10000]

1. Load: N laptops x M records at once (each: one push of its records encoded as the laptop
   does, then a pull of its embassy to the end; 5 laptops per embassy), against SQLite (1 worker)
   and PostgreSQL (1, 2, 4 workers): records/s, request p50/p95, errors (target 0).
2. Bulk: one laptop pushes 10,000 records, a second pulls them (real SyncClient, real stores), on
   SQLite and on PostgreSQL: PostgreSQL within 1.5x of SQLite (target).

Prints JSON with the load average at start and end: the machine is shared, so compare figures
within one run only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "sync"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("FIELDKIT_USER", "bench.user")
os.environ.setdefault("FIELDKIT_POST", "Embassy of Japan")

import httpx  # noqa: E402
from bench_sync import free_port, meetings  # noqa: E402
from pgcluster import Cluster  # noqa: E402

from fieldkit.core.store import Store  # noqa: E402
from sync import protocol as p  # noqa: E402
from sync.client import SyncClient, enroll  # noqa: E402
from sync.server.storage import HQStore  # noqa: E402


class HQ:
    def __init__(self, db: str, blobs: Path, workers: int = 1) -> None:
        self.db, self.blobs = db, blobs
        self.admin = HQStore(db, blobs)  # creates the schema before the workers start
        self.port = free_port()
        env = os.environ | {"PROMETHEUS_MULTIPROC_DIR": tempfile.mkdtemp(prefix="bench-prom-")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "serve", "--db", db, "--blobs", str(blobs),
             "--port", str(self.port), "--workers", str(workers)],
            cwd=ROOT, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("HQ did not start")
            time.sleep(0.2)
        time.sleep(2 if workers > 1 else 0)  # let every worker finish importing

    def stop(self) -> None:
        self.admin.close()
        self.proc.terminate()
        self.proc.wait(30)


def bench_load(hq: HQ, laptops: int, each: int) -> dict:
    from fieldkit.core.reference import reference

    countries = sorted(reference().countries)
    devices = []
    for i in range(laptops):
        info = hq.admin.add_device(countries[i // 5 % len(countries)], f"l{i}")
        r = httpx.post(f"{hq.url}/v1/enroll", json={"code": info["code"]},
                       headers={p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION)})  # fmt: skip
        recs = meetings(each, seed=100 + i)
        body, headers = p.encode_push(
            [([f"{i}-{k}"], None, r_.model_dump_json()) for k, r_ in enumerate(recs)], [], [],
            p.PullRequest(since=0, limit=p.PULL_PAGE_SIZE),
        )  # fmt: skip
        devices.append((r.json()["token"], body, headers))
    _warm_up(hq, countries)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(laptops)

    def timed(http: httpx.Client, method: str, path: str, **kw) -> httpx.Response:
        t = time.perf_counter()
        r = http.request(method, path, **kw)
        with lock:
            latencies.append(time.perf_counter() - t)
        if r.status_code != 200:
            raise RuntimeError(f"{r.status_code} {r.text[:100]}")
        return r

    def run(token: str, body: bytes, headers: dict) -> None:
        h = {p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}
        try:
            with httpx.Client(base_url=hq.url, headers=h, timeout=120) as http:
                barrier.wait(120)
                page = timed(http, "POST", "/v1/push", content=body, headers=headers).json()["pull"]
                while page["more"]:
                    page = timed(http, "GET", "/v1/pull", params={"since": page["cursor"]}).json()
        except Exception as exc:  # noqa: BLE001 - counted and reported
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")

    t = time.perf_counter()
    threads = [threading.Thread(target=run, args=d) for d in devices]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    lat = sorted(latencies)
    return {
        "records": laptops * each, "wall_seconds": round(wall, 2),
        "records_per_second": round(laptops * each / wall), "requests": len(lat),
        "p50_ms": round(statistics.median(lat) * 1000), "p95_ms": round(
            lat[int(len(lat) * 0.95) - 1] * 1000), "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }  # fmt: skip


def _warm_up(hq: HQ, countries: list[str]) -> None:
    """A few small pushes at once, so every worker has loaded its code before the clock runs."""

    def one(i: int) -> None:
        info = hq.admin.add_device(countries[-1 - i], f"warm{i}")
        tok = httpx.post(f"{hq.url}/v1/enroll", json={"code": info["code"]},
                         headers={p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION)}).json()["token"]  # fmt: skip
        body, headers = p.encode_push(
            [([f"w{i}"], None, meetings(1, seed=i)[0].model_dump_json())], [], [], None
        )
        httpx.post(
            f"{hq.url}/v1/push",
            content=body,
            timeout=60,
            headers=headers
            | {p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION), "Authorization": f"Bearer {tok}"},
        )

    threads = [threading.Thread(target=one, args=(i,)) for i in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


def bench_bulk(hq: HQ, root: Path, n: int) -> dict:
    a, b = Store.open(root / "a"), Store.open(root / "b")
    for s, name in ((a, "bulk-a"), (b, "bulk-b")):
        enroll(s, hq.url, hq.admin.add_device("KE", name)["code"], device_name=name)
    a.create_many(meetings(n, seed=1))
    with SyncClient(a) as c:
        t = time.perf_counter()
        pushed = c.sync().pushed
        push_s = time.perf_counter() - t
    with SyncClient(b) as c:
        t = time.perf_counter()
        rep = c.sync()
        pull_s = time.perf_counter() - t
    a.close()
    b.close()
    return {"push_seconds": round(push_s, 2), "pull_seconds": round(pull_s, 2),
            "pushed": pushed, "pulled": rep.pulled, "verified": rep.verified}  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--laptops", type=int, default=200)
    ap.add_argument("--each", type=int, default=50)
    ap.add_argument("--bulk", type=int, default=10_000)
    args = ap.parse_args()
    out: dict = {"load_average_start": os.getloadavg(), "cpus": os.cpu_count()}
    tmp = Path(tempfile.mkdtemp(prefix="bench-hq-"))
    cluster = Cluster(fsync=True)
    try:
        configs = [("sqlite", 1), ("postgresql", 1), ("postgresql", 2), ("postgresql", 4)]
        out["load"] = {}
        for n, (kind, workers) in enumerate(configs):
            db = str(tmp / f"load{n}.db") if kind == "sqlite" else cluster.create_database()
            hq = HQ(db, tmp / f"blobs{n}", workers)
            try:
                out["load"][f"{kind} x{workers}"] = bench_load(hq, args.laptops, args.each)
            finally:
                hq.stop()
            print(f"{kind} x{workers}: {out['load'][f'{kind} x{workers}']}", file=sys.stderr)
        out["bulk"] = {}
        for kind in ("sqlite", "postgresql"):
            db = str(tmp / "bulk.db") if kind == "sqlite" else cluster.create_database()
            hq = HQ(db, tmp / f"bulk-blobs-{kind}")
            try:
                out["bulk"][kind] = bench_bulk(hq, tmp / f"bulk-{kind}", args.bulk)
            finally:
                hq.stop()
            print(f"bulk {kind}: {out['bulk'][kind]}", file=sys.stderr)
        s, g = out["bulk"]["sqlite"], out["bulk"]["postgresql"]
        out["bulk"]["postgresql_vs_sqlite"] = {
            "push": round(g["push_seconds"] / s["push_seconds"], 2),
            "pull": round(g["pull_seconds"] / s["pull_seconds"], 2), "target": 1.5,
        }  # fmt: skip
    finally:
        cluster.stop()
    out["load_average_end"] = os.getloadavg()
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
