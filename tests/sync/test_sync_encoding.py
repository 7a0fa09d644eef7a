"""Bodies travel zstd-compressed between a laptop and an HQ of protocol 3, gzip with an older HQ.

Both through a real HQ on 127.0.0.1 and the test proxy, which sees the bytes on the wire."""

from __future__ import annotations

from datetime import date

import httpx
from hqserver import raw_post
from netsim import LinkSimulator

from fieldkit.core.models import Meeting
from sync import credentials
from sync import protocol as p
from sync.client import SyncClient
from sync.state import SyncState


def _meetings(store, n: int) -> None:
    store.create_many(
        [Meeting(subject=f"Geothermal tariff talk {i}", date=date(2026, 3, 1), country="KE")
         for i in range(n)]
    )  # fmt: skip


class _Seen(httpx.HTTPTransport):
    """The Content-Encoding of every request the laptop sends and of every answer it gets."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []
        self.answered: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.sent.append(request.headers.get("content-encoding", ""))
        self.answered.append(response.headers.get("content-encoding", ""))
        return response


def test_a_laptop_sends_and_receives_zstd_once_hq_names_protocol_3(hq, laptops):
    (laptop,) = laptops(1, "KE")
    lap = laptop.store
    assert SyncState(lap).get("hq_protocol") == str(p.PROTOCOL_VERSION)  # named at enrolment
    _meetings(lap, 1200)
    seen = _Seen()
    with SyncClient(lap, transport=seen) as client:
        report = client.sync()
    assert report.pushed == 1200 and report.verified
    assert set(seen.sent) - {""} == {"zstd"}  # every compressed request
    assert "zstd" in seen.answered  # the pull page riding on the last push
    assert len([r for r in hq.store.export() if r["kind"] == "meeting"]) == 1200


def test_a_laptop_falls_back_to_gzip_for_an_hq_that_names_no_protocol(hq, laptops):
    """An HQ before protocol 3 names none: zstd bodies would be refused there."""
    (laptop,) = laptops(1, "KE")
    lap = laptop.store
    SyncState(lap).set("hq_protocol", None)
    _meetings(lap, 600)
    with LinkSimulator(hq.port) as link:
        seen = _Seen()
        with SyncClient(lap, server=link.url, transport=seen) as client:
            client.hq_protocol = None
            first = client.encoding
            report = client.sync()
    assert first == "gzip" and seen.sent[0] == "gzip"
    assert report.pushed == 600 and report.verified
    # HQ named protocol 3 in its first answer: the laptop remembers it for the next sync.
    assert SyncState(lap).get("hq_protocol") == str(p.PROTOCOL_VERSION)


def test_hq_answers_gzip_or_plain_to_a_laptop_that_does_not_take_zstd(hq, laptops):
    writer, reader = laptops(2, "KE")
    token = credentials.load_token(reader.data_dir, reader.device_id)  # pulls what writer pushed
    _meetings(writer.store, 30)
    writer.sync()
    for accept, expected in (("gzip", "gzip"), ("identity", None), ("zstd, gzip", "zstd")):
        r = httpx.get(
            f"{hq.url}/v1/pull?since=0", headers={
                p.HEADER_PROTOCOL: "2", "Authorization": f"Bearer {token}",
                "Accept-Encoding": accept,
            },
        )  # fmt: skip
        assert r.status_code == 200, r.text
        assert r.headers.get("content-encoding") == expected
        assert len(r.json()["records"]) == 30
        assert r.headers[p.HEADER_PROTOCOL] == str(p.PROTOCOL_VERSION)


def test_a_protocol_2_laptop_still_pushes_gzip(hq, laptops):
    (laptop,) = laptops(1, "KE")
    token = credentials.load_token(laptop.data_dir, laptop.device_id)
    record = Meeting(subject="from an older laptop", date=date(2026, 1, 1), country="KE")
    body, headers = p.encode_push([([record.id + ":1"], None, record.model_dump_json())], [], [],
                                  None, compress_with="gzip")  # fmt: skip
    r = raw_post(hq.url, "/v1/push", token, body, {**headers, p.HEADER_PROTOCOL: "2"})
    assert r.status_code == 200, r.text
    assert r.json()["versions"][0] > 0
