"""Pushed pages read on reader processes (sync.server.readers) and a laptop's two pages in flight.

A reader gives what HQ's own process would (the same records, the same refusals, in the same
words), uses the reference lists HQ has published, and a real HQ with a reader, through the test
proxy, takes a laptop's push whole, in any order its two pages in flight arrive in.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
import time
from datetime import date

import httpx
import pytest
from hqserver import HQServer, Laptop
from netsim import LinkSimulator

from fieldkit.core import reference as ref
from fieldkit.core.models import FollowUp, Meeting
from sync import protocol as p
from sync.push_pages import PUSH_IN_FLIGHT
from sync.server import push_body
from sync.server import reference as hq_reference
from sync.server.common import Refused
from sync.server.readers import SMALL, Readers, astuple
from sync.server.storage import HQStore

NEW_SUMMIT = {
    "code": "ticad_ministerial_2027", "name": "TICAD Ministerial Meeting 2027",
    "name_ja": "TICAD閣僚会合（2027年）", "start": "2027-09-01", "end": "2027-09-02",
    "participants": ["africa"],
}  # fmt: skip


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    """One reader process for the module (starting one takes about a second)."""
    store = HQStore(tmp_path_factory.mktemp("hq") / "hq.db")
    readers = Readers(store.db, 1)
    yield readers, store
    readers.close()
    store.close()


def page(records: list[dict], pad: int = 0) -> bytes:
    """A PushRequest body (zstd) of ``records``, ``pad`` bytes of noise beside them."""
    body = {"mutations": [{"ids": [f"m{i}"], "base": None, "record": r}
                          for i, r in enumerate(records)]}  # fmt: skip
    if pad:
        body["padding"] = os.urandom(pad).hex()  # unknown fields are ignored; it does not compress
    data, _ = p.compress(json.dumps(body).encode(), "zstd")
    return data


def meetings(n: int, **fields) -> list[dict]:
    return [
        json.loads(
            Meeting(subject=f"Grid tariff review {i}", date=date(2026, 5, 1 + i % 28),
                    country="KE", key_points=f"Point {i} " * 20, **fields).model_dump_json()
        )
        for i in range(n)
    ]  # fmt: skip


def read(readers: Readers, data: bytes) -> push_body.PushPage:
    assert readers.processes and len(data) >= SMALL  # the reader's way, not HQ's own
    return asyncio.run(readers.read(data, "zstd"))


def test_a_reader_reads_a_page_as_hq_itself_does(pool):
    readers, _ = pool
    records = meetings(300)
    records[7]["date"] = "not a date"  # refused alone; the rest of the page stands
    old = dict(records[9], partner_requests="A second grid study, please")  # before turns
    records[9] = old
    data = page(records)
    got = read(readers, data)
    here = push_body.read(push_body.decoded(data, "zstd"))
    assert [astuple(m) for m in got.mutations] == [astuple(m) for m in here.mutations]
    assert sum(m.valid for m in got.mutations) == 299
    assert got.mutations[7].error.startswith("meeting.date: ")
    assert got.mutations[7].rid == records[7]["id"]
    turns = json.loads(got.mutations[9].text)["turns"]
    assert turns[-1]["text"] == "A second grid study, please"  # read as the app reads it


def test_a_readers_refusals_are_hqs_own_sentences(pool):
    readers, _ = pool
    bad = {"padding": os.urandom(20_000).hex(), "mutations": 5}
    data, _ = p.compress(json.dumps(bad).encode(), "zstd")
    with pytest.raises(Refused) as there:
        read(readers, data)
    with pytest.raises(Refused) as here:
        push_body.read(push_body.decoded(data, "zstd"))
    assert (there.value.status, str(there.value), there.value.code) == (
        here.value.status, str(here.value), here.value.code,
    )  # fmt: skip
    assert there.value.status == 422 and "mutations" in str(there.value)

    cut = page(meetings(50), pad=20_000)[:-3000]  # a body cut short on the way
    with pytest.raises(Refused) as there:
        read(readers, cut)
    assert there.value.status == 400 and "truncated" in str(there.value)


def test_a_reader_checks_codes_against_the_lists_hq_published(pool, monkeypatch):
    readers, store = pool
    monkeypatch.setattr(ref, "_default", ref.reference())  # put back after the test
    records = meetings(200, summits=[])
    records[3]["summits"] = [NEW_SUMMIT["code"]]
    first = read(readers, page(records))
    assert not first.mutations[3].valid and "summits" in first.mutations[3].error
    summits = ref.shipped("summits") + [NEW_SUMMIT]
    assert hq_reference.publish(store.db, {"summits": summits})["version"] == 1
    after = read(readers, page(records))
    assert all(m.valid for m in after.mutations)


def test_a_reader_that_dies_is_replaced_and_its_page_still_read(tmp_path):
    store = HQStore(tmp_path / "hq.db")
    readers = Readers(store.db, 1)
    try:
        (first,) = readers._pool._processes  # the pool's own record of its processes
        os.kill(first, signal.SIGKILL)  # killed (out of memory, by an operator)
        time.sleep(0.5)
        records = meetings(120)
        got = read(readers, page(records, pad=10_000))  # read here; the readers start again
        assert [m.rid for m in got.mutations] == [r["id"] for r in records]
        (second,) = readers._pool._processes
        assert second != first
        again = read(readers, page(records, pad=10_000))  # the new reader reads the next one
        assert all(m.valid for m in again.mutations)
    finally:
        readers.close()
        store.close()


class Watch(httpx.HTTPTransport):
    """Counts the laptop's push requests on their way at once, and notes the one asking for
    the pull page (the last), with how many others were on their way when it left."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.now = self.most = 0
        self.last_alone: list[bool] = []

    def handle_request(self, request):
        push = request.url.path == "/v1/push"
        if push:
            body = p.decompress(request.read(), request.headers.get("content-encoding", ""))
            with self.lock:
                if b'"pull":null' not in body:
                    self.last_alone.append(self.now == 0)
                self.now += 1
                self.most = max(self.most, self.now)
        try:
            resp = super().handle_request(request)
            resp.read()
            return resp
        finally:
            if push:
                with self.lock:
                    self.now -= 1


def test_a_push_in_pages_two_at_a_time_lands_whole_through_a_reader(tmp_path, hq_db):
    db, blobs = hq_db
    hq = HQServer(db, blobs=blobs, readers=1).start()
    try:
        lap = Laptop(hq, tmp_path / "laptop", "KE", "laptop")
        # Meetings not for local staff first, their follow-ups after: a follow-up may reach HQ
        # in the page after its meeting's, or before it (two pages on their way at once).
        made = [lap.store.create(m) for m in map(Meeting.model_validate, meetings(
            150, caveats=["NO_LOCAL_STAFF"]))]  # fmt: skip
        for i, m in enumerate(made):
            lap.store.create(FollowUp(parent_id=m.id, text=f"Send the tariff study ({i})"))
        watch = Watch()
        with LinkSimulator(hq.port, rtt=0.02) as link:
            rep = lap.sync(url=link.url, transport=watch, page_size=40)
        assert rep.pushed == 300 and rep.rejected == 0 and rep.verified
        assert watch.most == PUSH_IN_FLIGHT  # two on their way, never more
        assert watch.last_alone == [True]  # the pull-asking page went alone, once
        with hq.store.read() as c:
            rows = c.execute(
                "SELECT kind, restricted_local FROM records WHERE embassy = 'KE'"
            ).fetchall()
        assert len(rows) == 300
        assert all(restricted == 1 for _, restricted in rows)  # follow-ups took the caveat
        lap.close()
    finally:
        hq.stop()
