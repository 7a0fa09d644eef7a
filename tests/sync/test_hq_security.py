"""Issue 19, HQ half: what an attack as another embassy's laptop found, each over real HTTP with
two embassies' real tokens, and a fuzz test over push bodies."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
from datetime import date

import httpx
import pytest
from hqserver import raw_post
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.core.models import Attachment, Meeting
from sync import credentials
from sync import protocol as p
from sync.server.cli import main as hq_cli

BIG = 2**63


def _token(lap) -> str:
    return credentials.load_token(lap.data_dir, lap.device_id)


def _h(token: str) -> dict:
    return {p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}


def _snapshot(hq) -> tuple:
    with hq.store.read() as c:
        return tuple(
            c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("records", "versions", "mutations", "audit", "conflicts", "blob_owners")
        ) + (c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0],)


@pytest.fixture
def ke_vn(laptops):
    (ke,) = laptops(1, "KE")
    (vn,) = laptops(1, "VN")
    return ke, vn


def _vn_photo(vn) -> tuple[str, bytes]:
    content = os.urandom(50_000)
    sha = vn.store.blobs.put(content)
    m = vn.store.create(Meeting(subject="VN talks", date=date(2026, 1, 1), country="VN"))
    vn.store.create(Attachment(parent_id=m.id, sha256=sha, size=len(content), filename="p.jpg"))
    assert vn.sync().files_sent == 1
    return sha, content


def _claim(hq, token: str, sha: str, size: int) -> httpx.Response:
    att = Attachment(sha256=sha, size=size, filename="mine.jpg").model_dump(mode="json")
    body = p.PushRequest(mutations=[p.Mutation(ids=["claim-1"], record=att)]).model_dump_json()
    return raw_post(hq.url, "/v1/push", token, body.encode())


def test_knowing_a_hash_does_not_give_another_embassys_file(hq, ke_vn, laptops):
    ke, vn = ke_vn
    sha, content = _vn_photo(vn)
    token = _token(ke)
    # KE's record naming VN's file is accepted like any record (refusing it would tell KE that
    # HQ holds the file) but gives KE nothing.
    r = _claim(hq, token, sha, len(content))
    assert r.status_code == 200 and r.json()["versions"][0] > 0
    got = httpx.get(f"{hq.url}/v1/blobs/{sha}", headers=_h(token))
    unknown = httpx.get(f"{hq.url}/v1/blobs/{'b' * 64}", headers=_h(token))
    assert got.status_code == unknown.status_code == 404
    assert got.json()["error"].replace(sha[:12], "X") == unknown.json()["error"].replace(
        "b" * 12, "X"
    )
    status = raw_post(
        hq.url, "/v1/blobs/status", token, json.dumps({"sha256": [sha]}).encode()
    ).json()
    assert status["received"] == {sha: 0}  # as if HQ had never seen it
    # A real KE laptop syncing afterwards gets the record, not VN's bytes.
    (ke2,) = laptops(1, "KE")
    report = ke2.sync()
    assert report.files_received == 0 and not ke2.store.blobs.has(sha)
    # VN's own laptops still get it.
    (vn2,) = laptops(1, "VN")
    assert vn2.sync().files_received == 1 and vn2.store.blobs.get(sha) == content


def test_an_embassy_that_really_has_the_bytes_may_upload_them_and_then_read_them(hq, ke_vn):
    ke, vn = ke_vn
    sha, content = _vn_photo(vn)
    token = _token(ke)
    assert _claim(hq, token, sha, len(content)).status_code == 200
    r = httpx.put(f"{hq.url}/v1/blobs/{sha}", params={"offset": 0}, content=content,
                  headers=_h(token))  # fmt: skip
    assert r.status_code == 200 and r.json()["complete"] is True
    assert httpx.get(f"{hq.url}/v1/blobs/{sha}", headers=_h(token)).content == content


def test_blob_status_leaks_no_partial_size_of_another_embassy(hq, ke_vn):
    ke, vn = ke_vn
    content = os.urandom(10_000)
    sha = hashlib.sha256(content).hexdigest()
    vn_token, ke_token = _token(vn), _token(ke)
    assert _claim(hq, vn_token, sha, len(content)).status_code == 200
    r = httpx.put(f"{hq.url}/v1/blobs/{sha}", params={"offset": 0}, content=content[:4000],
                  headers=_h(vn_token))  # fmt: skip
    assert r.status_code == 200 and r.json()["received"] == 4000
    ask = json.dumps({"sha256": [sha]}).encode()
    assert raw_post(hq.url, "/v1/blobs/status", vn_token, ask).json()["received"] == {sha: 4000}
    assert raw_post(hq.url, "/v1/blobs/status", ke_token, ask).json()["received"] == {sha: 0}


def test_another_embassys_id_is_answered_as_any_new_id(hq, ke_vn):
    ke, vn = ke_vn
    m = vn.store.create(Meeting(subject="VN only", date=date(2026, 1, 1), country="VN"))
    vn.sync()
    token = _token(ke)

    def push(rid: str, mid: str) -> dict:
        rec = Meeting(id=rid, subject="x", date=date(2026, 1, 1), country="KE")
        body = p.PushRequest(mutations=[p.Mutation(ids=[mid], record=rec.model_dump(mode="json"))])
        r = raw_post(hq.url, "/v1/push", token, body.model_dump_json().encode())
        assert r.status_code == 200
        return r.json()

    existing, fresh = push(m.id, "m-1"), push("0f0e0d0c-0000-4000-8000-000000000001", "m-2")
    assert existing["outcomes"] == fresh["outcomes"] == []
    assert existing["versions"][0] > 0 and fresh["versions"][0] > 0
    assert vn.sync().pulled == 0
    assert vn.store.get(m.id).subject == "VN only"


@pytest.mark.parametrize(
    ("name", "event", "words"),
    [
        ("huge detail", {"detail": {"x": "y" * 100_000}}, "detail"),
        ("not a date", {"at": "x"}, "at"),
        ("deep detail", {"detail": json.loads("[" * 30 + "]" * 30) and {"a": json.loads(
            "{\"b\":" * 20 + "1" + "}" * 20)}}, "nested"),
        ("empty event", {"event": "   "}, "event"),
        ("long author", {"author": "a" * 501}, "author"),
        ("long id", {"id": "i" * 65}, "id"),
    ],
)  # fmt: skip
def test_audit_events_are_validated_and_bounded(hq, ke_vn, name, event, words):
    ke, _ = ke_vn
    good = {"id": "a1", "at": "2026-01-01T10:00:00+00:00", "event": "export", "detail": {}}
    before = _snapshot(hq)
    body = json.dumps({"audit": [good | event]}).encode()
    r = raw_post(hq.url, "/v1/push", _token(ke), body)
    assert r.status_code == 422, (name, r.text)
    assert words in r.json()["error"] and "\n" not in r.json()["error"]
    assert _snapshot(hq) == before


@pytest.mark.parametrize(
    ("method", "path", "params", "body"),
    [
        ("GET", "/v1/pull", {"since": BIG}, None),
        ("GET", "/v1/pull", {"since": 10**30}, None),
        ("GET", "/v1/pull", {"limit": 10**30}, None),
        ("POST", "/v1/push", None, {"pull": {"since": BIG}}),
        ("POST", "/v1/push", None, {"mutations": [{"ids": ["x"], "base": BIG, "record": {}}]}),
        ("PUT", f"/v1/blobs/{'a' * 64}", {"offset": BIG}, None),
    ],
)
def test_integers_beyond_64_bits_are_refused_with_422(hq, ke_vn, method, path, params, body):
    ke, _ = ke_vn
    before = _snapshot(hq)
    r = httpx.request(
        method, f"{hq.url}{path}", params=params, headers=_h(_token(ke)),
        content=json.dumps(body).encode() if body is not None else b"",
    )  # fmt: skip
    assert r.status_code == 422, r.text
    assert r.json()["error"]
    assert _snapshot(hq) == before


def test_a_link_dropping_mid_upload_is_one_log_line(hq, ke_vn, caplog):
    ke, _ = ke_vn
    caplog.set_level(logging.WARNING)
    with socket.create_connection(("127.0.0.1", hq.port)) as s:
        head = (
            f"POST /v1/push HTTP/1.1\r\nHost: x\r\n{p.HEADER_PROTOCOL}: {p.PROTOCOL_VERSION}\r\n"
            f"Authorization: Bearer {_token(ke)}\r\nContent-Length: 100000\r\n\r\n"
        )
        s.sendall(head.encode() + b'{"mutations": [')
        time.sleep(0.3)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not any(
        "disconnected" in r.getMessage() for r in caplog.records
    ):
        time.sleep(0.05)
    lines = [r for r in caplog.records if "disconnected" in r.getMessage()]
    assert len(lines) == 1 and "/v1/push" in lines[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)
    assert not any("Traceback" in r.getMessage() for r in caplog.records)


def test_openapi_lists_error_answers_and_limit_bounds_and_405_says_allow(hq, ke_vn):
    spec = httpx.get(f"{hq.url}/openapi.json").json()
    for path in ("/v1/push", "/v1/pull", "/v1/fetch", "/v1/blobs/{sha}"):
        for op in spec["paths"][path].values():
            assert {"400", "404", "413", "422"} <= set(op["responses"]), path
    params = {q["name"]: q["schema"] for q in spec["paths"]["/v1/pull"]["get"]["parameters"]}
    assert params["limit"]["minimum"] == 1 and params["limit"]["maximum"] == p.MAX_PAGE_SIZE
    assert params["since"]["maximum"] == BIG - 1
    r = httpx.delete(f"{hq.url}/v1/push", headers=_h(_token(ke_vn[0])))
    assert r.status_code == 405 and r.headers["allow"] == "POST" and r.json()["error"]


def _hq(capsys, *argv) -> tuple[int, str]:
    code = hq_cli(list(argv))
    out, err = capsys.readouterr()
    return code, err


@pytest.mark.parametrize("hours", ["1e12", "nan", "inf", "-1", "0"])
def test_hq_cli_refuses_absurd_hours_in_one_line(tmp_path, capsys, hours):
    db = str(tmp_path / "hq.db")
    code, err = _hq(capsys, "--db", db, "device", "add", "--embassy", "KE", "--name", "x",
                    "--hours", hours)  # fmt: skip
    assert code == 2 and "--hours" in err and err.count("\n") == 1 and "Traceback" not in err
    assert hq_cli(["--db", db, "device", "list"]) == 0
    assert "no devices" in capsys.readouterr().out  # nothing was created


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"kind": "project", "title": "ok"}\n{"kind": "pro\xffject"}\n', "2: not UTF-8"),
        (b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    ],
)
def test_registry_import_of_bad_files_is_one_line(tmp_path, capsys, content, words):
    f = tmp_path / "bad.jsonl"
    f.write_bytes(content)
    code, err = _hq(capsys, "--db", str(tmp_path / "hq.db"), "registry", "import", str(f))
    assert code == 2 and words in err and err.count("\n") == 1


def test_db_that_is_not_sqlite_is_one_line(tmp_path, capsys):
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"this is not a database, just text " * 200)
    code, err = _hq(capsys, "--db", str(junk), "stats")
    assert code == 2 and "not a FieldKit HQ database" in err and err.count("\n") == 1
    assert junk.read_bytes() == b"this is not a database, just text " * 200


# ---- fuzz: push bodies ---------------------------------------------------------------------------
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=80), st.floats(allow_nan=False),
)  # fmt: skip
_json = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                         inner, max_size=4),
    max_leaves=12,
)  # fmt: skip
_record = st.fixed_dictionaries(
    {"kind": st.sampled_from(["meeting", "visit", "project", "x", ""]),
     "id": st.one_of(st.uuids().map(str), st.text(max_size=70))},
    optional={"subject": _json, "date": st.one_of(st.just("2026-01-01"), _json),
              "country": st.one_of(st.just("KE"), _json), "revision": _json, "size": _json,
              "sha256": st.one_of(st.just("c" * 64), _json)},
)  # fmt: skip
_mutation = st.fixed_dictionaries(
    {"ids": st.one_of(st.lists(st.text(min_size=1, max_size=70), max_size=3), _json),
     "record": st.one_of(_record, _json)},
    optional={"base": st.one_of(st.integers(min_value=-5, max_value=2**64), _json),
              "resolves": _json},
)  # fmt: skip
_audit = st.fixed_dictionaries(
    {"id": st.text(max_size=70), "at": st.one_of(st.just("2026-01-01T00:00:00"), _json),
     "event": st.text(max_size=20)},
    optional={"detail": _json, "author": _json, "record_id": _json},
)  # fmt: skip
_push = st.fixed_dictionaries(
    {},
    optional={"mutations": st.one_of(st.lists(_mutation, max_size=3), _json),
              "audit": st.one_of(st.lists(_audit, max_size=2), _json),
              "resolutions": _json,
              "pull": st.one_of(st.fixed_dictionaries({"since": _json, "limit": _json}), _json)},
)  # fmt: skip


def test_fuzzed_push_bodies_never_fail_and_refusals_write_nothing(hq, ke_vn):
    ke, _ = ke_vn
    token = _token(ke)
    client = httpx.Client(base_url=hq.url, headers=_h(token) | {"Content-Type": "application/json"})

    @settings(max_examples=120, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(body=_push)
    def check(body):
        before = _snapshot(hq)
        r = client.post("/v1/push", content=json.dumps(body).encode())
        assert r.status_code < 500, r.text
        if r.status_code >= 400:
            assert r.json()["error"] and _snapshot(hq) == before

    try:
        check()
    finally:
        client.close()
