"""HQ with several worker processes on PostgreSQL (``fieldkit-hq serve --workers 4``): laptops of
three embassies push while others pull; every laptop converges, no version is skipped by a pull
cursor and none is sent twice; a worker killed with SIGKILL in the middle of a push leaves nothing
half-applied and the laptop's retry completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
import pytest
from hqserver import free_port
from netsim import LinkSimulator

from fieldkit.core.models import Meeting
from fieldkit.core.store import Store
from sync import credentials
from sync import protocol as p
from sync.client import SyncClient, enroll
from sync.server.storage import HQStore

EMBASSIES = ("KE", "TZ", "VN")


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.fixture(scope="module")
def served(pg_cluster, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("served")
    url = pg_cluster.create_database()
    blobs = tmp_path / "blobs"
    port = free_port()
    env = os.environ | {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    (tmp_path / "metrics").mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server.cli", "serve", "--db", url, "--blobs", str(blobs),
         "--port", str(port), "--workers", "4"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 4 or not _healthy(base):
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read1(4000)
        time.sleep(0.1)
    yield base, url, blobs, proc
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    pg_cluster.drop_database(url)


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _laptops(base: str, url: str, blobs: Path, tmp_path: Path, n: int) -> list[tuple]:
    store = HQStore(url, blobs)
    made = []
    try:
        for i in range(n):
            embassy = EMBASSIES[i % len(EMBASSIES)]
            lap = Store.open(tmp_path / f"lap{i}")
            info = enroll(lap, base, store.add_device(embassy, f"lap {i}")["code"])
            made.append((embassy, lap, info["device_id"]))
    finally:
        store.close()
    return made


def _pull_all(base: str, token: str, since: int, seen: list[int]) -> int:
    h = {p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}
    while True:
        page = httpx.get(f"{base}/v1/pull", params={"since": since, "limit": 37}, headers=h,
                         timeout=30).json()  # fmt: skip
        seen.extend(page["versions"])
        since = page["cursor"]
        if not page["more"]:
            return since


def test_four_workers_pushes_and_pulls_converge_without_gaps(served, tmp_path):
    base, url, blobs, _ = served
    laps = _laptops(base, url, blobs, tmp_path, 12)
    watchers = _laptops(base, url, blobs, tmp_path / "w", 3)  # one puller per embassy
    for i, (embassy, lap, _) in enumerate(laps):
        for k in range(25):
            lap.create(Meeting(subject=f"{embassy} {i}.{k}", date=date(2026, 1, 1 + k % 27),
                               country=embassy))  # fmt: skip
    done = threading.Event()
    seen: dict[str, list[int]] = {e: [] for e, _, _ in watchers}
    cursors: dict[str, int] = {}

    def watch(embassy: str, lap: Store, device: str) -> None:
        token = credentials.load_token(lap.data_dir, device)
        since = 0
        while not done.is_set():
            since = _pull_all(base, token, since, seen[embassy])
        cursors[embassy] = _pull_all(base, token, since, seen[embassy])

    def push(lap: Store) -> None:
        # Many small transactions, interleaving across workers.
        with SyncClient(lap, page_size=7) as client:
            client.sync()

    with ThreadPoolExecutor(16) as pool:
        watching = [pool.submit(watch, *w) for w in watchers]
        list(pool.map(push, [lap for _, lap, _ in laps]))
        done.set()
        for w in watching:
            w.result()
    store = HQStore(url, blobs)
    try:
        with store.read() as c:
            for embassy in seen:
                want = sorted(
                    r[0] for r in c.execute(
                        "SELECT version FROM records WHERE embassy = ?", (embassy,)
                    ).fetchall()
                )  # fmt: skip
                assert len(want) == 4 * 25
                # Every version exactly once: none skipped by a cursor, none sent twice.
                assert sorted(seen[embassy]) == want, embassy
    finally:
        store.close()
    for _, lap, _ in laps:
        with SyncClient(lap) as client:
            assert client.sync().verified
    for embassy in EMBASSIES:
        views = [sorted(lap.ids()) for e, lap, _ in laps if e == embassy]
        assert all(v == views[0] for v in views) and len(views[0]) == 100
    # /metrics adds up every worker's counters, whichever worker answers the scrape.
    pushed = [
        float(line.split()[-1])
        for line in httpx.get(f"{base}/metrics").text.splitlines()
        if line.startswith("fieldkit_hq_records_pushed_total")
    ]
    assert pushed == [300.0]
    for _, lap, _ in laps + watchers:
        lap.close()


def test_a_worker_killed_mid_push_leaves_nothing_half_applied(served, tmp_path):
    base, url, blobs, proc = served
    ((embassy, lap, device),) = _laptops(base, url, blobs, tmp_path, 1)
    ids = [
        lap.create(Meeting(subject=f"m {k}", date=date(2026, 2, 1), country=embassy,
                           key_points="x" * 2000)).id
        for k in range(1200)
    ]  # fmt: skip
    failed = []

    port = int(base.rsplit(":", 1)[1])

    def sync_once() -> None:
        # A 100 ms link: the sync's 12 pages take long enough to be caught in the middle.
        try:
            with (
                LinkSimulator(port, rtt=0.1) as link,
                SyncClient(lap, server=link.url, retries=0, page_size=100) as client,
            ):
                client.sync()
        except Exception as exc:  # the worker dies under it: the sync fails, as on a real link
            failed.append(exc)

    store = HQStore(url, blobs)

    def committed() -> tuple[int, int, int]:
        with store.read() as c:
            mine = (device,)
            return (
                c.execute("SELECT count(*) FROM records WHERE origin = ?", mine).fetchone()[0],
                c.execute("SELECT count(*) FROM versions WHERE origin = ?", mine).fetchone()[0],
                c.execute("SELECT count(*) FROM mutations WHERE device_id = ?", mine).fetchone()[0],
            )

    try:
        t = threading.Thread(target=sync_once)
        t.start()
        deadline = time.monotonic() + 60
        while committed()[0] == 0:  # the first pages are in: the sync is under way
            assert time.monotonic() < deadline and t.is_alive()
            time.sleep(0.005)
        for pid in _children(proc.pid):
            os.kill(pid, signal.SIGKILL)  # every worker: the one serving the push among them
        at_kill = committed()[0]
        assert 0 < at_kill < 1200  # killed in the middle of the sync
        t.join(60)
        # The sync failed with the link, or (the port is the supervisor's) waited for the new
        # workers; either way: every record with its mutation ids, nothing half (and no
        # superseded version: each record written once, its row its one version).
        n, v, mids = committed()
        assert v == 0 and mids == n and (failed or n == 1200), (n, v, mids, failed)
        deadline = time.monotonic() + 60  # uvicorn starts new workers
        while len(_children(proc.pid)) < 4 or not _healthy(base):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        with SyncClient(lap) as client:
            report = client.sync()
        assert report.verified and lap.outbox() == []
        with store.read() as c:
            rows = c.execute("SELECT id FROM records WHERE origin = ?", (device,)).fetchall()
        assert sorted(r[0] for r in rows) == sorted(ids)  # all of them, once each
    finally:
        store.close()
        lap.close()
