"""Two laptops and a real HQ on 127.0.0.1: merges, conflicts, retries, resumes, revocation."""

from __future__ import annotations

import json
import os
import stat
from datetime import date

import pytest
from netsim import LinkSimulator

from fieldkit.core.messages import restored
from fieldkit.core.models import Attachment, FollowUp, Meeting, Project
from sync import credentials
from sync import protocol as p
from sync.client import NotEnrolled, SyncClient, SyncError
from sync.state import SyncState


def meeting(subject="GX dialogue", **kw) -> Meeting:
    return Meeting(subject=subject, date=date(2026, 3, 2), country="KE", **kw)


def user_view(store) -> dict[str, dict]:
    """Every record (tombstones too) without the local-only envelope differences."""
    out = {}
    for rid in store.conn.execute("SELECT id FROM records").fetchall():
        rec = store.get(rid[0], include_deleted=True).model_dump(mode="json")
        out[rec["id"]] = rec
    return out


def hq_count(hq) -> int:
    with hq.store.read() as c:
        return c.execute("SELECT count(*) FROM records").fetchone()[0]


def hq_seq(hq) -> int:
    with hq.store.read() as c:
        return int(c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0])


def test_edits_to_different_fields_merge_and_laptops_converge(laptops, hq):
    a, b = laptops(2)
    m = a.store.create(meeting())
    a.sync()
    assert b.sync().pulled == 1
    a.store.update(m.id, {"place": "Ministry of Energy"})
    b.store.update(m.id, {"key_points": "Geothermal tariff"})
    a.sync()
    report = b.sync()
    assert report.merged == 1 and report.conflicts == 0
    a.sync()
    got_a, got_b = a.store.get(m.id), b.store.get(m.id)
    assert got_a.place == got_b.place == "Ministry of Energy"
    assert got_a.key_points == got_b.key_points == "Geothermal tariff"
    assert user_view(a.store) == user_view(b.store)
    assert a.store.outbox() == [] and b.store.outbox() == []
    assert report.verified


def test_same_field_on_both_sides_is_a_conflict_kept_until_resolved(laptops, hq):
    a, b = laptops(2)
    m = a.store.create(meeting())
    a.sync()
    b.sync()
    a.store.update(m.id, {"subject": "From A", "place": "Nairobi"})
    b.store.update(m.id, {"subject": "From B"})
    a.sync()
    report = b.sync()
    assert report.conflicts == 1
    state = SyncState(b.store)
    [k] = state.conflicts()
    assert k["fields"] == ["subject"]
    assert k["mine"]["subject"] == "From B" and k["theirs"]["subject"] == "From A"
    assert b.store.get(m.id).place == "Nairobi"  # the clean part merged anyway
    assert [c["id"] for c in hq.store.open_conflicts("KE")] == [k["id"]]

    state.resolve(k["id"], "mine")
    assert state.conflicts() == []
    b.sync()
    a.sync()
    assert a.store.get(m.id).subject == b.store.get(m.id).subject == "From B"
    assert hq.store.open_conflicts("KE") == []
    assert user_view(a.store) == user_view(b.store)


def test_keep_theirs_closes_the_conflict_on_hq(laptops, hq):
    a, b = laptops(2)
    m = a.store.create(meeting())
    a.sync(), b.sync()
    a.store.update(m.id, {"subject": "A"})
    b.store.update(m.id, {"subject": "B"})
    a.sync()
    b.sync()
    [k] = SyncState(b.store).conflicts()
    SyncState(b.store).resolve(k["id"][:6], "theirs")
    b.sync()
    assert hq.store.open_conflicts() == []
    assert b.store.get(m.id).subject == "A"


def test_edit_against_delete_is_a_conflict_and_nothing_is_lost(laptops, hq):
    a, b = laptops(2)
    m = a.store.create(meeting())
    a.sync(), b.sync()
    a.store.delete(m.id)
    b.store.update(m.id, {"key_points": "important"})
    a.sync()
    assert b.sync().conflicts == 1
    [k] = SyncState(b.store).conflicts()
    assert k["fields"] == ["deleted"]
    assert k["mine"]["key_points"] == "important"
    assert b.store.get(m.id, include_deleted=True).deleted  # HQ kept the delete for now
    SyncState(b.store).resolve(k["id"], "mine")
    b.sync()
    a.sync()
    for lap in (a, b):
        rec = lap.store.get(m.id)
        assert not rec.deleted and rec.key_points == "important"


def test_deletes_are_tombstones_that_sync(laptops, hq):
    a, b = laptops(2)
    m = a.store.create(meeting())
    f = a.store.create(FollowUp(parent_id=m.id, text="send the tariff study"))
    a.sync(), b.sync()
    a.store.delete(m.id)
    a.sync()
    b.sync()
    assert b.store.get(m.id, include_deleted=True).deleted
    assert b.store.get(f.id, include_deleted=True).deleted
    assert b.store.count() == 0


def test_retried_push_never_applies_twice(laptops, hq):
    (a,) = laptops(1)
    for i in range(5):
        a.store.create(meeting(f"m{i}"))
    st = SyncState(a.store)
    batch = st.pending()
    req = p.PushRequest(
        mutations=[p.Mutation(ids=b.ids, base=b.base, record=b.data) for b in batch]
    )
    body, headers = p.encode(req)
    token = credentials.load_token(a.data_dir, a.device_id)
    from hqserver import raw_post

    first = raw_post(hq.url, "/v1/push", token, body, headers)
    seq = hq_seq(hq)
    again = raw_post(hq.url, "/v1/push", token, body, headers)
    assert first.status_code == again.status_code == 200
    answer = p.PushResponse.model_validate_json(again.content)
    assert {o.status for o in answer.outcomes} == {"duplicate"}
    assert answer.versions == p.PushResponse.model_validate_json(first.content).versions
    assert hq_seq(hq) == seq and hq_count(hq) == 5
    # The laptop, having lost the first answer, syncs: still five records, outbox empty.
    a.sync()
    assert hq_count(hq) == 5 and a.store.outbox() == []


def test_response_lost_mid_push_is_retried_without_duplicates(laptops, hq):
    (a,) = laptops(1)
    for i in range(300):
        a.store.create(meeting(f"m{i}"))
    # The first connection dies after the request went up and part of the answer came back.
    with LinkSimulator(
        hq.port, cut=lambda n: 200 if n == 1 else None, cut_direction="down"
    ) as link:
        report = a.sync(url=link.url, backoff=0.01)
        assert link.cuts == 1
    assert report.retries >= 1
    assert hq_count(hq) == 300
    with hq.store.read() as c:
        # Written once each: no superseded version (the current ones are the records' rows).
        assert c.execute("SELECT count(*) FROM versions").fetchone()[0] == 0
        assert c.execute("SELECT max(version) FROM records").fetchone()[0] == 300
    assert a.store.outbox() == [] and report.verified


def test_dropped_connection_mid_pull_resumes_from_the_cursor(laptops, hq):
    a, b = laptops(2)
    a.store.create_many(meeting(f"m{i}") for i in range(1600))
    a.sync()
    # B's link dies after about two pages, and B gives up instead of retrying.
    with (
        LinkSimulator(
            hq.port, cut=lambda n: 25_000 if n == 1 else None, cut_direction="down"
        ) as link,
        pytest.raises(SyncError, match="connection was cut|sync stopped"),
    ):
        b.sync(url=link.url, retries=0, pull_page_size=400)
    state = SyncState(b.store)
    got = b.store.count()
    assert 0 < got < 1600
    assert state.cursor > 0
    report = b.sync()
    assert report.pulled == 1600 - got  # the rest only, not from zero
    assert b.store.count() == 1600 and report.verified


def test_revoked_device_is_refused_at_its_next_request(laptops, hq):
    a, b = laptops(2)
    a.sync()
    assert hq.store.revoke(a.device_id)
    a.store.create(meeting())
    with pytest.raises(NotEnrolled, match="revoked"):
        a.sync()
    assert len(a.store.outbox()) == 1  # kept for when the laptop is enrolled again
    b.sync()  # others are not affected


def test_other_embassy_sees_nothing_and_cannot_write(laptops, hq):
    (ke,) = laptops(1, "KE")
    (tz,) = laptops(1, "TZ")
    m = ke.store.create(meeting())
    ke.sync()
    assert tz.sync().pulled == 0 and tz.store.count() == 0
    # TZ forges an edit of KE's record. Record ids are HQ-unique per embassy: TZ's push is
    # answered exactly as for a new id (no oracle for KE's ids) and becomes TZ's own record;
    # KE's record, its version and HQ's history of it are untouched.
    forged = m.model_dump(mode="json") | {"subject": "hijack", "revision": 9}
    tz.store.import_records([Meeting.model_validate(forged)])
    with hq.store.read() as c:
        ke_before = c.execute(
            "SELECT version, data FROM records WHERE id = ? AND embassy = 'KE'", (m.id,)
        ).fetchone()
    report = tz.sync()
    assert report.rejected == 0 and report.pushed == 1 and report.merged == 0
    with hq.store.read() as c:
        rows = c.execute(
            "SELECT embassy, version, data FROM records WHERE id = ? ORDER BY embassy", (m.id,)
        ).fetchall()
    assert [r[0] for r in rows] == ["KE", "TZ"]
    assert (rows[0][1], rows[0][2]) == (ke_before[0], ke_before[1])
    assert json.loads(rows[1][2])["subject"] == "hijack"
    assert ke.sync().pulled == 0
    assert ke.store.get(m.id).subject == "GX dialogue"


def test_one_invalid_record_does_not_block_the_rest(laptops, hq):
    (a,) = laptops(1)
    good = [a.store.create(meeting(f"ok {i}")) for i in range(3)]
    bad = a.store.create(meeting("will be corrupted"))
    # A record HQ cannot accept (as from a newer or damaged laptop): a field that does not exist.
    data = json.loads(
        a.store.conn.execute("SELECT data FROM records WHERE id=?", (bad.id,)).fetchone()[0]
    )
    data["no_such_field"] = 1
    a.store.conn.execute("UPDATE records SET data=? WHERE id=?", (json.dumps(data), bad.id))
    report = a.sync()
    assert report.rejected == 1 and report.pushed == 3
    assert "no_such_field" in report.rejections[0]["reason"]
    assert hq_count(hq) == 3
    assert {g.id for g in good} <= {r["id"] for r in hq.store.export()}


def test_audit_log_reaches_hq_once(laptops, hq):
    (a,) = laptops(1)
    a.store.audit("export", None, format="jsonl", records=3)
    a.store.audit("print", None, classification="SECRET")
    assert a.sync().audit_sent == 2
    assert all(e["synced_at"] for e in a.store.audit_events())
    a.store.conn.execute("UPDATE audit_log SET synced_at = NULL")  # as if the answer was lost
    a.sync()
    events = hq.store.audit_events()
    assert sorted(e["event"] for e in events) == ["export", "print"]
    assert events[0]["embassy"] == "KE"


def test_attachments_travel_and_resume_after_cuts(laptops, hq):
    a, b = laptops(2)
    m = a.store.create(meeting())
    content = os.urandom(700_000)
    sha = a.store.blobs.put(content)
    a.store.create(Attachment(parent_id=m.id, sha256=sha, size=len(content), filename="x.bin"))
    # Cut each connection after ~300 kB: the upload resumes from what HQ acknowledged.
    with LinkSimulator(hq.port, cut=lambda n: 300_000) as link:
        report = a.sync(url=link.url, backoff=0.01)
        assert link.cuts >= 2
    assert report.files_sent == 1
    assert hq.store.blob_path(sha).read_bytes() == content
    assert link.bytes_up < len(content) + 2 * p.CHUNK_SIZE + 50_000
    report = b.sync()
    assert report.files_received == 1
    assert b.store.blobs.get(sha) == content


def test_registry_is_published_read_only(laptops, hq, tmp_path):
    a, tz = laptops(1, "KE")[0], laptops(1, "TZ")[0]
    ke_project = Project(title="Olkaria geothermal", country="KE")
    shared = Project(title="Regional programme")
    counts = hq.store.import_registry(
        [ke_project.model_dump(mode="json"), shared.model_dump(mode="json")]
    )
    assert counts["created"] == 2
    a.sync()
    tz.sync()
    assert {r.title for r in a.store.query()} == {"Olkaria geothermal", "Regional programme"}
    assert {r.title for r in tz.store.query()} == {"Regional programme"}
    a.store.update(shared.id, {"notes": "local note"})
    a.store.update(ke_project.id, {"notes": "site visit planned"})
    report = a.sync()
    assert report.rejected == 1 and "registry" in report.rejections[0]["reason"]
    assert a.store.get(shared.id).notes == ""  # back to HQ's copy; the edit is kept as rejected
    assert SyncState(a.store).rejected()[0]["data"]["notes"] == "local note"
    again = hq.store.import_registry([ke_project.model_dump(mode="json")])
    assert again == {"created": 0, "updated": 1, "unchanged": 0} or again["updated"] == 1


def test_old_client_is_told_to_update(hq):
    from hqserver import raw_post

    r = raw_post(hq.url, "/v1/push", "x", b"{}", {p.HEADER_PROTOCOL: "0"})
    assert r.status_code == 426
    assert "update FieldKit" in r.json()["error"]
    # A laptop from before approvals and turns would drop the records HQ sends it: told to update.
    r = raw_post(hq.url, "/v1/pull", "x", b"{}", {p.HEADER_PROTOCOL: "1"})
    assert r.status_code == 426
    assert r.json()["error"] == (
        "this FieldKit is too old for HQ (sync protocol 1, HQ needs 2 or newer): "
        "update FieldKit, then sync again"
    )


def test_enrolment_codes_are_single_use_and_expire(hq, tmp_path):
    from fieldkit.core.store import Store
    from sync.client import enroll

    code = hq.enrol_code("KE", "one")
    with Store.open(tmp_path / "x") as s1, Store.open(tmp_path / "y") as s2:
        enroll(s1, hq.url, code.lower())  # typed in lower case: still fine
        with pytest.raises(SyncError, match="already used"):
            enroll(s2, hq.url, code)
        expired = hq.store.add_device("KE", "two", hours=-1)["code"]
        with pytest.raises(SyncError, match="expired"):
            enroll(s2, hq.url, expired)
        with pytest.raises(SyncError, match="unknown enrolment code"):
            enroll(s2, hq.url, "AAAA-BBBB-CCCC")
    with hq.store.read() as c:
        tokens = [
            r[0] for r in c.execute("SELECT token_hash FROM devices WHERE token_hash IS NOT NULL")
        ]
    assert len(tokens) == 1 and len(tokens[0]) == 64  # stored hashed


def test_credential_file_is_private_without_a_keyring(laptops):
    (a,) = laptops(1)
    path = a.data_dir / credentials.TOKEN_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert SyncState(a.store).get("token_store") == "file"


def test_credential_goes_to_the_keyring_when_there_is_one(tmp_path, monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    # Before the class exists: keyring's first look picks the best backend class defined so far,
    # and would otherwise keep this one for the rest of the process.
    previous = keyring.get_keyring()

    class Memory(KeyringBackend):
        priority = 1
        secrets: dict = {}

        def set_password(self, service, username, password):
            self.secrets[(service, username)] = password

        def get_password(self, service, username):
            return self.secrets.get((service, username))

        def delete_password(self, service, username):
            self.secrets.pop((service, username), None)

    keyring.set_keyring(Memory())
    try:
        saved = credentials.save_token(tmp_path, "dev1", "secret-token")
        assert saved.where == "keyring" and "keyring" in saved.describe()
        assert not (tmp_path / credentials.TOKEN_FILE).exists()
        assert credentials.load_token(tmp_path, "dev1") == "secret-token"
    finally:
        keyring.set_keyring(previous)


def test_not_enrolled_laptop_gets_a_plain_message(store):
    with pytest.raises(NotEnrolled, match="fieldkit enroll"):
        SyncClient(store, server="http://127.0.0.1:9")


def test_unreachable_server_is_reported_in_plain_words(laptops, hq):
    (a,) = laptops(1)
    from hqserver import free_port

    with pytest.raises(SyncError, match="no connection"):
        a.sync(url=f"http://127.0.0.1:{free_port()}", retries=1, backoff=0.01)
    assert "no connection" in str(restored(SyncState(a.store).get("last_error")))


def test_hq_killed_and_restarted_mid_sync(laptops, hq):
    a, b = laptops(2)
    a.store.create_many(meeting(f"m{i}") for i in range(1200))
    import threading

    stopped = threading.Event()

    def progress(what, done, total):
        if what == "push" and done >= 500 and not stopped.is_set():
            stopped.set()
            hq.restart()  # HQ dies between two pages and comes back

    report = a.sync(progress=progress, backoff=0.05)
    assert stopped.is_set()
    assert hq_count(hq) == 1200 and a.store.outbox() == [] and report.verified
    assert b.sync().pulled == 1200


def test_checksum_mismatch_triggers_a_targeted_repull(laptops, hq):
    a, b = laptops(2)
    ids = [a.store.create(meeting(f"m{i}")).id for i in range(30)]
    a.sync()
    b.sync()
    # B loses one record and holds a stale copy of another (as after restoring an old backup);
    # its cursor says it has seen everything, so only the checksum comparison can notice.
    b.store.conn.execute("DELETE FROM records WHERE id = ?", (ids[0],))
    b.store.conn.execute("UPDATE server_versions SET version = 1 WHERE id = ?", (ids[1],))
    report = b.sync()
    assert report.pulled == 0 and report.repulled == 2 and report.verified
    assert report.requests <= 4  # the pull, one versions list, one fetch
    assert b.store.get(ids[0]).subject == "m0"


def test_edits_made_while_a_sync_runs_are_kept_and_sent_next(laptops, hq):
    a, b = laptops(2)
    ids = [r.id for r in [a.store.create(meeting(f"m{i}")) for i in range(1200)]]
    edited = []

    def progress(what, done, total):
        if what == "push" and done == 500 and not edited:
            # Page 1 is acknowledged, page 2 is on its way, page 3 not read yet.
            for rid in (ids[0], ids[600], ids[1100]):
                a.store.update(rid, {"place": "edited during sync"})
                edited.append(rid)

    a.sync(progress=progress)
    assert edited
    a.sync()
    b.sync()
    for rid in edited:
        assert b.store.get(rid).place == "edited during sync"
    assert a.store.outbox() == [] and hq_count(hq) == 1200
    assert user_view(a.store) == user_view(b.store)


def test_hq_keeps_each_version_once_and_the_console_shows_them_all(laptops, hq):
    """The current version is the record's row; only superseded ones go to ``versions``. The
    console's history shows every version, each once, with the laptop that wrote it."""
    from sync.server.console import queries

    (a,) = laptops(1)
    m = a.store.create(meeting("Tariff review"))
    a.sync()
    for subject in ("Tariff review (2)", "Tariff review (3)"):
        a.store.update(m.id, {"subject": subject})
        a.sync()
    with hq.store.read() as c:
        assert c.execute("SELECT count(*) FROM versions").fetchone()[0] == 2
        history = queries.history(c, m.id)
    assert [json.loads(h["data"])["subject"] for h in history] == [
        "Tariff review", "Tariff review (2)", "Tariff review (3)",
    ]  # fmt: skip
    assert len({h["version"] for h in history}) == 3
    assert {h["device_name"] for h in history} == {"laptop 1"}
