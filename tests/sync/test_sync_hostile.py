"""Bad input to HQ: every one gets a 4xx with a one-sentence error, HQ keeps serving, and nothing
is written."""

from __future__ import annotations

import gzip
import json
from datetime import date

import httpx
import pytest
import zstandard
from hqserver import raw_post

from fieldkit.core.models import Meeting
from sync import credentials
from sync import protocol as p


def _snapshot(hq) -> tuple:
    with hq.store.read() as c:
        return tuple(
            c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("records", "versions", "mutations", "audit", "conflicts")
        ) + (c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0],)


@pytest.fixture
def ke(laptops):
    (lap,) = laptops(1, "KE")
    return lap, credentials.load_token(lap.data_dir, lap.device_id)


def _record() -> dict:
    return Meeting(subject="x", date=date(2026, 1, 1), country="KE").model_dump(mode="json")


BOMB = gzip.compress(b"[" + b" " * (p.MAX_DECOMPRESSED + 1024) + b"]")
ZSTD_BOMB = zstandard.ZstdCompressor().compress(b"[" + b" " * (p.MAX_DECOMPRESSED + 1024) + b"]")
ZSTD_BODY = zstandard.ZstdCompressor().compress(b'{"mutations": []}' + b" " * 600)
UNSIZED = zstandard.ZstdCompressor(write_content_size=False).compress(b'{"mutations": []}')


@pytest.mark.parametrize(
    ("name", "body", "headers", "status", "words"),
    [
        ("malformed JSON", b"{not json", {}, 400, "not valid JSON"),
        ("wrong types", b'{"mutations": "lots"}', {}, 422, "mutations"),
        ("wrong nested type", json.dumps({"mutations": [{"ids": [], "record": {}}]}).encode(),
         {}, 422, "mutations.0.ids"),
        ("not gzip", b"\x1f\x8bnonsense", {"Content-Encoding": "gzip"}, 400, "gzip"),
        ("unknown encoding", b"{}", {"Content-Encoding": "br"}, 400, "Content-Encoding"),
        ("decompression bomb", BOMB, {"Content-Encoding": "gzip"}, 413, "decompression"),
        ("not zstd", b"(\xb5/\xfdnonsense", {"Content-Encoding": "zstd"}, 400, "zstd"),
        ("zstd bomb", ZSTD_BOMB, {"Content-Encoding": "zstd"}, 413, "decompression"),
        ("truncated zstd", ZSTD_BODY[:-8], {"Content-Encoding": "zstd"}, 400, "truncated zstd"),
        ("two zstd frames", ZSTD_BODY * 2, {"Content-Encoding": "zstd"}, 400, "one frame"),
        ("zstd of no stated size", UNSIZED, {"Content-Encoding": "zstd"}, 400, "its size"),
        ("oversized body", b"[" + b" " * (p.MAX_BODY + 10) + b"]", {}, 413, "too large"),
        ("too many mutations", json.dumps({"mutations": [
            {"ids": [str(i)], "record": {}} for i in range(p.MAX_PAGE_SIZE + 1)]}).encode(),
         {}, 422, "mutations"),
    ],
)  # fmt: skip
def test_bad_bodies_are_refused_and_nothing_is_written(hq, ke, name, body, headers, status, words):
    lap, token = ke
    before = _snapshot(hq)
    r = raw_post(hq.url, "/v1/push", token, body, headers)
    assert r.status_code == status, (name, r.text)
    assert words in r.json()["error"], r.json()
    assert _snapshot(hq) == before
    assert httpx.get(f"{hq.url}/health").json()["ok"]  # still serving


@pytest.mark.parametrize(
    ("token", "words"),
    [(None, "no device token"), ("forged-token", "not enrolled")],
)
def test_missing_or_forged_token(hq, ke, token, words):
    before = _snapshot(hq)
    body = p.PushRequest(mutations=[p.Mutation(ids=["m1"], record=_record())]).model_dump_json()
    r = raw_post(hq.url, "/v1/push", token, body.encode())
    assert r.status_code == 401 and words in r.json()["error"]
    assert _snapshot(hq) == before


def test_revoked_token_is_refused(hq, ke):
    lap, token = ke
    hq.store.revoke(lap.device_id)
    r = httpx.get(f"{hq.url}/v1/pull", headers={p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
                                                "Authorization": f"Bearer {token}"})  # fmt: skip
    assert r.status_code == 401 and "revoked" in r.json()["error"]


def test_missing_protocol_header(hq, ke):
    r = httpx.get(f"{hq.url}/v1/pull")
    assert r.status_code == 400 and "X-FieldKit-Protocol" in r.json()["error"]


def test_invalid_record_is_rejected_per_record(hq, ke):
    lap, token = ke
    bad = _record() | {"country": "XX"}
    body = p.PushRequest(
        mutations=[p.Mutation(ids=["a1"], record=bad), p.Mutation(ids=["a2"], record=_record())]
    ).model_dump_json()
    r = raw_post(hq.url, "/v1/push", token, body.encode())
    assert r.status_code == 200
    resp = p.PushResponse.model_validate(r.json())
    assert resp.versions[0] == 0 and resp.versions[1] > 0
    assert resp.outcomes[0].status == "rejected" and "country" in resp.outcomes[0].reason


def test_blob_upload_without_a_record_and_with_a_wrong_hash(hq, ke):
    lap, token = ke
    h = {p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}
    sha = "a" * 64
    r = httpx.put(f"{hq.url}/v1/blobs/{sha}", params={"offset": 0}, content=b"xx", headers=h)
    assert r.status_code == 404 and "no attachment record" in r.json()["error"]
    r = httpx.put(f"{hq.url}/v1/blobs/../../etc", content=b"xx", headers=h)
    assert r.status_code in (404, 422)
    # A record naming a file, then bytes that do not match its hash.
    from fieldkit.core.models import Attachment

    att = Attachment(sha256=sha, size=4).model_dump(mode="json")
    body = p.PushRequest(mutations=[p.Mutation(ids=["b1"], record=att)]).model_dump_json()
    assert raw_post(hq.url, "/v1/push", token, body.encode()).status_code == 200
    r = httpx.put(f"{hq.url}/v1/blobs/{sha}", params={"offset": 0}, content=b"abcd", headers=h)
    assert r.status_code == 422 and "damaged" in r.json()["error"]
    assert not hq.store.blob_path(sha).exists()
    r = httpx.put(f"{hq.url}/v1/blobs/{sha}", params={"offset": 7}, content=b"abcd", headers=h)
    assert r.status_code == 409 and r.json()["code"] == "offset:0"


def test_other_embassy_cannot_fetch_files_or_records(hq, laptops):
    (ke,) = laptops(1, "KE")
    (tz,) = laptops(1, "TZ")
    m = ke.store.create(Meeting(subject="s", date=date(2026, 1, 1), country="KE"))
    ke.sync()
    token = credentials.load_token(tz.data_dir, tz.device_id)
    body = p.FetchRequest(ids=[m.id]).model_dump_json().encode()
    r = raw_post(hq.url, "/v1/fetch", token, body)
    assert r.status_code == 200 and r.json()["records"] == []
    h = {p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}
    assert httpx.get(f"{hq.url}/v1/versions/meeting", headers=h).json()["ids"] == []


def test_openapi_schema_lists_the_protocol(hq):
    spec = httpx.get(f"{hq.url}/openapi.json").json()
    assert {"/v1/push", "/v1/pull", "/v1/enroll", "/v1/blobs/{sha}"} <= set(spec["paths"])
