"""Sync over links that cut every connection after a few kilobytes (satellite, mobile).

A real HQ (SQLite: what is tested here is the laptop's side) behind the test proxy, which drops
each connection after N bytes in both directions together. Before, every 33 kB push page was cut
and retried at the same size for ever: three syncs moved nothing.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from hqserver import HQServer, Laptop
from netsim import LinkSimulator

from fieldkit.core.models import Attachment, FollowUp, Meeting
from sync.client import SyncError
from sync.state import SyncState

RECORDS = 300


@pytest.fixture
def short_hq(tmp_path):
    server = HQServer(tmp_path / "hq" / "hq.db").start()
    yield server
    server.stop()


def _laptop(hq: HQServer, tmp_path, n: int) -> Laptop:
    return Laptop(hq, tmp_path / f"laptop{n}", "KE", f"laptop {n}")


def _meetings(store, n: int) -> list[str]:
    made = [
        Meeting(
            subject=f"Geothermal dialogue {i}: Olkaria IV expansion and grid access",
            date=date(2026, 3, 1 + i % 28),
            country="KE",
            place=f"Ministry of Energy, room {i}",
            # Notes differ from record to record, so pages do not compress to nothing.
            key_points=f"Discussed tariffs and the Suswa line; ref {os.urandom(40).hex()}",
        )
        for i in range(n)
    ]
    store.create_many(made)
    return [m.id for m in made]


def _pending(store) -> int:
    return len({o["record_id"] for o in store.outbox()})


def _hq_count(hq: HQServer) -> int:
    with hq.store.read() as c:
        return c.execute("SELECT count(*) FROM records WHERE kind = 'meeting'").fetchone()[0]


@pytest.mark.parametrize("cut", [20_000, 5_000])
def test_every_connection_cut_after_a_few_kb_still_syncs_everything(short_hq, tmp_path, cut):
    a, b = _laptop(short_hq, tmp_path, 1), _laptop(short_hq, tmp_path, 2)
    try:
        ids = _meetings(a.store, RECORDS)
        a.store.create(
            FollowUp(parent_id=ids[0], text="Send the tariff note", due=date(2026, 4, 1))
        )
        photo = os.urandom(12_000)  # bigger than what one connection carries at 5 kB
        sha = a.store.blobs.put(photo)
        a.store.create(Attachment(parent_id=ids[1], sha256=sha, size=len(photo), filename="p"))
        with LinkSimulator(short_hq.port, cut=lambda n: cut) as link:
            runs = 0
            while a.store.outbox() or runs == 0:
                runs += 1
                assert runs <= 2, f"not done after {runs - 1} runs"
                report = a.sync(url=link.url, backoff=0.01)
            assert link.cuts >= 3  # the link did cut, many times
            assert report.cuts >= 1
            assert _hq_count(short_hq) == RECORDS
            assert short_hq.store.blob_path(sha).read_bytes() == photo
            assert report.verified and report.pending == 0
            # Another laptop of the embassy pulls it all (pages and the photo) over the same link.
            link.reset_counters()
            got = b.sync(url=link.url, backoff=0.01)
            assert link.cuts >= 1
        assert got.pulled == RECORDS + 2 == b.store.count()  # meetings, follow-up, attachment
        assert got.verified and got.files_received == 1
        assert b.store.blobs.get(sha) == photo
        # What the link allows is remembered, so the next sync does not start by being cut.
        assert int(SyncState(a.store).get("link_push")) < 500
    finally:
        a.close()
        b.close()


def test_sizes_grow_back_once_the_link_is_good(short_hq, tmp_path):
    a = _laptop(short_hq, tmp_path, 1)
    try:
        _meetings(a.store, 40)
        with LinkSimulator(short_hq.port, cut=lambda n: 5_000) as link:
            a.sync(url=link.url, backoff=0.01)
        small = int(SyncState(a.store).get("link_push"))
        _meetings(a.store, 1500)
        report = a.sync()  # straight to HQ: no cuts, pages grow by a quarter per answer
        assert report.cuts == 0 and report.pushed == 1500
        learned = SyncState(a.store).get("link_push")
        assert learned is None or int(learned) > small * 4
    finally:
        a.close()


def test_a_link_that_carries_nothing_says_nothing_was_sent(short_hq, tmp_path):
    a = _laptop(short_hq, tmp_path, 1)
    try:
        _meetings(a.store, 30)
        # 300 bytes: not even one request's headers get through.
        with (
            LinkSimulator(short_hq.port, cut=lambda n: 300) as link,
            pytest.raises(SyncError) as err,
        ):
            a.sync(url=link.url, backoff=0.001, retries=2)
        text = str(err.value)
        assert "nothing got through" in text and "30 changes wait" in text
        assert "what was sent is kept" not in text
        assert _hq_count(short_hq) == 0 and _pending(a.store) == 30
        assert SyncState(a.store).get("last_error")
    finally:
        a.close()


def test_a_link_that_dies_part_way_says_what_got_through(short_hq, tmp_path):
    a = _laptop(short_hq, tmp_path, 1)
    try:
        _meetings(a.store, 400)
        # The first 3 connections carry 20 kB (about half of the 400 records); then nothing
        # passes any more.
        with (
            LinkSimulator(short_hq.port, cut=lambda n: 20_000 if n <= 3 else 100) as link,
            pytest.raises(SyncError) as err,
        ):
            a.sync(url=link.url, backoff=0.001, retries=2)
        text = str(err.value)
        sent = 400 - _pending(a.store)
        # HQ may hold a page more: one it applied whose answer the link cut (sent again later,
        # as a duplicate). The message counts only what HQ acknowledged.
        assert 0 < sent < 400 and sent <= _hq_count(short_hq)
        assert f"sent {sent} changes" in text and f"{400 - sent} changes wait" in text
    finally:
        a.close()


def test_an_unreachable_hq_does_not_shrink_the_pages(short_hq, tmp_path):
    from hqserver import free_port

    a = _laptop(short_hq, tmp_path, 1)
    try:
        _meetings(a.store, 5)
        with pytest.raises(SyncError) as err:  # nothing listens there: no connection at all
            a.sync(url=f"http://127.0.0.1:{free_port()}", backoff=0.001, retries=1)
        assert "nothing got through" in str(err.value) and "5 changes wait" in str(err.value)
        assert SyncState(a.store).get("link_push") is None  # the next sync starts at full size
    finally:
        a.close()
