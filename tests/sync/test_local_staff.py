"""Issue 14, HQ side: a laptop enrolled for local staff never holds NOT FOR LOCAL STAFF records,
their follow-ups or their photos; crafted requests for them with its token are answered as for
records that do not exist, and its pushes of them are refused. Real HQ on 127.0.0.1, real stores;
the migration that adds the marking columns on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
from datetime import date

import httpx
import pytest
from hqserver import raw_post

from fieldkit.core.models import Attachment, FollowUp, Meeting
from fieldkit.core.store import Store
from sync import credentials
from sync import protocol as p
from sync.client import SyncClient, enroll
from sync.server.cli import main as hq_cli

NLS = ["NO_LOCAL_STAFF"]


class Lap:
    def __init__(self, hq, folder, name: str, role: str = "staff", embassy: str = "KE") -> None:
        self.data_dir = folder / name.replace(" ", "-")
        self.store = Store.open(self.data_dir)
        code = hq.store.add_device(embassy, name, role=role)["code"]
        self.device_id = enroll(self.store, hq.url, code, device_name=name)["device_id"]
        self.token = credentials.load_token(self.data_dir, self.device_id)

    def sync(self):
        with SyncClient(self.store) as client:
            return client.sync()

    def ids(self) -> set[str]:
        with self.store.tx.read() as c:
            return {r[0] for r in c.execute("SELECT id FROM records")}


@pytest.fixture
def lap(hq, tmp_path):
    made: list[Lap] = []

    def make(name: str, role: str = "staff") -> Lap:
        made.append(Lap(hq, tmp_path, name, role))
        return made[-1]

    yield make
    for m in made:
        m.store.close()


def _meeting_with_photo(store, subject: str, caveats: list[str]) -> dict[str, str]:
    m = store.create(Meeting(subject=subject, date=date(2026, 3, 1), country="KE", caveats=caveats))
    f = store.create(FollowUp(parent_id=m.id, text=f"send the note on {subject}"))
    content = os.urandom(20_000)
    sha = store.blobs.put(content)
    a = store.create(Attachment(parent_id=m.id, sha256=sha, size=len(content), filename="p.jpg"))
    return {"meeting": m.id, "followup": f.id, "photo": a.id, "sha": sha}


@pytest.fixture
def embassy(lap):
    """A staff laptop that filed one restricted and one open meeting, each with a follow-up and
    a photo; and a local-staff laptop of the same embassy, synced."""
    staff = lap("chancery")
    secret = _meeting_with_photo(staff.store, "Talks on the loan", NLS)
    open_ = _meeting_with_photo(staff.store, "Courtesy call", [])
    rep = staff.sync()
    assert rep.pushed == 6 and rep.files_sent == 2 and rep.rejected == 0
    local = lap("reception", role="local-staff")
    rep = local.sync()
    assert rep.verified and rep.files_received == 1
    return staff, local, secret, open_


def _h(token: str) -> dict:
    return {p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}


def test_a_local_staff_laptop_holds_none_of_them(embassy):
    staff, local, secret, open_ = embassy
    held = local.ids()
    assert {open_["meeting"], open_["followup"], open_["photo"]} <= held
    assert not held & {secret["meeting"], secret["followup"], secret["photo"]}
    assert local.store.blobs.has(open_["sha"]) and not local.store.blobs.has(secret["sha"])
    from sync.client import status  # the role and ceiling HQ gave are kept and shown

    st = status(local.store)
    assert st["role"] == "local-staff" and st["ceiling"] == "CONFIDENTIAL"
    assert status(staff.store)["role"] == "staff"
    # A second sync finds nothing to do and stays in step.
    rep = local.sync()
    assert rep.verified and rep.pulled == 0 and rep.withdrawn == 0


def test_crafted_requests_with_its_token_see_nothing(hq, embassy):
    staff, local, secret, open_ = embassy
    h = _h(local.token)
    hidden = [secret["meeting"], secret["followup"], secret["photo"]]
    page = httpx.get(f"{hq.url}/v1/pull", params={"since": 0, "limit": 1000}, headers=h).json()
    sent = {r["id"] for r in page["records"]}
    assert open_["meeting"] in sent and not sent & set(hidden)
    assert page["role"] == "local-staff" and page["ceiling"] == "CONFIDENTIAL"
    # The per-kind summary counts only what it may hold: nothing tells that more exist.
    assert page["summary"]["meeting"]["count"] == 1
    for kind in ("meeting", "followup", "attachment"):
        v = httpx.get(f"{hq.url}/v1/versions/{kind}", headers=h).json()
        assert not set(v["ids"]) & set(hidden)
    body = p.FetchRequest(ids=[*hidden, open_["meeting"]]).model_dump_json().encode()
    got = raw_post(hq.url, "/v1/fetch", local.token, body).json()
    assert [r["id"] for r in got["records"]] == [open_["meeting"]]

    unknown = "c" * 64
    blob = httpx.get(f"{hq.url}/v1/blobs/{secret['sha']}", headers=h)
    none = httpx.get(f"{hq.url}/v1/blobs/{unknown}", headers=h)
    assert blob.status_code == none.status_code == 404
    assert blob.json()["error"].replace(secret["sha"][:12], "X") == none.json()["error"].replace(
        unknown[:12], "X"
    )
    assert httpx.get(f"{hq.url}/v1/blobs/{open_['sha']}", headers=h).status_code == 200
    body = p.BlobStatusRequest(sha256=[secret["sha"], unknown, open_["sha"]]).model_dump_json()
    st = raw_post(hq.url, "/v1/blobs/status", local.token, body.encode()).json()["received"]
    assert st == {secret["sha"]: 0, unknown: 0, open_["sha"]: -1}
    put = httpx.put(f"{hq.url}/v1/blobs/{secret['sha']}", content=b"x", headers=h)
    put_none = httpx.put(f"{hq.url}/v1/blobs/{unknown}", content=b"x", headers=h)
    assert put.status_code == put_none.status_code == 404
    # The staff laptop's token still gets everything.
    assert (
        httpx.get(f"{hq.url}/v1/blobs/{secret['sha']}", headers=_h(staff.token)).status_code == 200
    )


def test_its_pushes_of_restricted_records_are_refused(hq, embassy):
    staff, local, secret, open_ = embassy
    # The laptop itself refuses to save one (the rule in the core: CLI, app, imports alike) ...
    from fieldkit.core.errors import FieldKitError
    from fieldkit.core.operations.records import create_record

    data = {"kind": "meeting", "subject": "Visitor list", "date": "2026-03-02", "country": "KE"}
    with pytest.raises(FieldKitError, match="enrolled for local staff and may not hold it"):
        create_record(local.store, {**data, "caveats": NLS})
    assert create_record(staff.store, {**data, "caveats": NLS}).caveats == NLS
    # ... and HQ refuses one all the same (made by older code, or written round the rule).
    mine = local.store.create(
        Meeting(subject="Visitor list", date=date(2026, 3, 2), country="KE", caveats=NLS)
    )
    rep = local.sync()
    assert rep.rejected == 1 and rep.pushed == 0
    assert "NOT FOR LOCAL STAFF" in rep.rejections[0]["reason"]
    with hq.store.read() as c:
        assert c.execute("SELECT count(*) FROM records WHERE id = ?", (mine.id,)).fetchone()[0] == 0
    # Crafted: a follow-up of the restricted meeting, and an edit of that meeting by its id.
    child = FollowUp(parent_id=secret["meeting"], text="what was agreed?").model_dump(mode="json")
    theirs = Meeting(id=secret["meeting"], subject="x", date=date(2026, 3, 1), country="KE")
    req = p.PushRequest(mutations=[
        p.Mutation(ids=["m-1"], record=child),
        p.Mutation(ids=["m-2"], record=theirs.model_dump(mode="json")),
    ])  # fmt: skip
    out = raw_post(hq.url, "/v1/push", local.token, req.model_dump_json().encode()).json()
    assert out["versions"] == [0, 0]
    assert [o["status"] for o in out["outcomes"]] == ["rejected", "rejected"]
    assert all(o["record"] is None and o["version"] is None for o in out["outcomes"])
    assert out["outcomes"][0]["message"]["code"] == "hq.refused_local_staff"
    with hq.store.read() as c:
        data = c.execute("SELECT data FROM records WHERE id = ?", (secret["meeting"],)).fetchone()
    assert json.loads(data[0])["subject"] == "Talks on the loan"  # unchanged


def test_a_role_change_removes_what_it_may_no_longer_hold(hq, embassy, lap):
    staff, local, secret, open_ = embassy
    other = lap("deputy")
    assert other.sync().verified and secret["meeting"] in other.ids()
    assert other.store.blobs.has(secret["sha"])
    db = str(hq.db)
    assert hq_cli(["--db", db, "device", "set-role", other.device_id, "local-staff"]) == 0
    rep = other.sync()
    assert rep.withdrawn == 3 and rep.verified
    assert not other.ids() & {secret["meeting"], secret["followup"], secret["photo"]}
    assert not other.store.blobs.has(secret["sha"])
    with other.store.tx.read() as c:  # nothing of it left behind: history, search text
        assert c.execute("SELECT count(*) FROM history WHERE record_id = ?",
                         (secret["meeting"],)).fetchone()[0] == 0  # fmt: skip
    assert other.store.pending_changes() == 0  # a removal, not a deletion to sync


def test_a_meeting_marked_later_leaves_the_local_staff_laptop_with_its_follow_ups(embassy):
    staff, local, secret, open_ = embassy
    from fieldkit.core.operations.records import update_record

    update_record(staff.store, open_["meeting"], {"caveats": NLS})
    assert staff.sync().pushed == 1
    rep = local.sync()
    assert rep.withdrawn == 3 and rep.verified  # the meeting, its follow-up and its photo
    assert not local.ids() & {open_["meeting"], open_["followup"], open_["photo"]}
    # And back: the caveat lifted, the three return.
    update_record(staff.store, open_["meeting"], {"caveats": []})
    staff.sync()
    rep = local.sync()
    assert rep.verified
    assert {open_["meeting"], open_["followup"], open_["photo"]} <= local.ids()


def test_device_add_and_list_show_role_and_ceiling(hq, capsys):
    db = str(hq.db)
    assert hq_cli(["--db", db, "device", "add", "--embassy", "KE", "--name", "front desk",
                   "--role", "local-staff"]) == 0  # fmt: skip
    assert "local staff" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        hq_cli(["--db", db, "device", "add", "--embassy", "KE", "--name", "x", "--role", "guest"])
    assert exit_.value.code == 2
    assert "invalid choice: 'guest'" in capsys.readouterr().err
    assert hq_cli(["--db", db, "device", "list"]) == 0
    out = capsys.readouterr().out
    assert "front desk" in out and "local-staff" in out and "ceiling CONFIDENTIAL (embassy)" in out


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_migration_fills_the_marking_columns_from_the_records(backend, tmp_path, request):
    """A database at core step 2 with a restricted meeting, its follow-up and photo, and a SECRET
    visit: step 3 fills restricted_local and classification_rank (children from their parent)."""
    from sync.server import migrations
    from sync.server.db import Database
    from sync.server.storage import HQStore

    if backend == "sqlite":
        url = str(tmp_path / "hq.db")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
    m = Meeting(subject="s", date=date(2026, 1, 1), country="KE", caveats=NLS)
    f = FollowUp(parent_id=m.id, text="t")
    a = Attachment(parent_id=f.id, sha256="a" * 64, size=1)  # a photo of the follow-up
    v = Meeting(subject="v", date=date(2026, 1, 1), country="KE", classification="SECRET")
    db = Database.open(url)
    try:
        migrations.migrate(db, None, upto={"core": 2})
        with db.write() as c:
            for n, rec in enumerate((a, f, m, v), 1):  # children first: order must not matter
                c.execute(
                    "INSERT INTO records (id, embassy, kind, version, origin, ck, data) "
                    "VALUES (?, 'KE', ?, ?, 'd1', 7, ?)",
                    (rec.id, rec.kind, n, rec.model_dump_json()),
                )
    finally:
        db.close()
    assert hq_cli(["--db", url, "migrate"]) == 0
    store = HQStore(url, tmp_path / "blobs")
    try:
        with store.read() as c:
            got = dict(
                (r[0], (r[1], r[2], r[3]))
                for r in c.execute(
                    "SELECT id, restricted_local, classification_rank, parent_id FROM records"
                ).fetchall()
            )
    finally:
        store.close()
        if backend == "postgresql":
            cluster.drop_database(url)
    assert got == {
        m.id: (1, 1, None), f.id: (1, 1, m.id), a.id: (1, 1, f.id), v.id: (0, 3, None),
    }  # fmt: skip


def test_a_follow_up_sent_before_its_meeting_takes_the_meetings_marking(hq, embassy):
    staff, local, _secret, _open = embassy
    m = Meeting(subject="Later", date=date(2026, 3, 9), country="KE", caveats=NLS,
                classification="CONFIDENTIAL")  # fmt: skip
    f = FollowUp(parent_id=m.id, text="first")
    g = FollowUp(parent_id=m.id, text="second, in a request of its own")
    for ids, recs in ((["g-1"], [g]), (["f-1", "m-1"], [f, m])):  # children first
        muts = [
            p.Mutation(ids=[i], record=r.model_dump(mode="json"))
            for i, r in zip(ids, recs, strict=True)
        ]
        req = p.PushRequest(mutations=muts)
        out = raw_post(hq.url, "/v1/push", staff.token, req.model_dump_json().encode()).json()
        assert all(out["versions"])
    with hq.store.read() as c:
        got = dict(
            (r[0], (r[1], r[2]))
            for r in c.execute(
                "SELECT id, restricted_local, classification_rank FROM records WHERE id IN "
                "(?, ?, ?)", (m.id, f.id, g.id)
            ).fetchall()
        )  # fmt: skip
    assert got == {m.id: (1, 2), f.id: (1, 2), g.id: (1, 2)}
    rep = local.sync()
    assert rep.verified and not local.ids() & {m.id, f.id, g.id}


def test_the_same_on_postgresql(pg_cluster, tmp_path):
    """The marking columns, the filtered reads, the children's marking and the removal at the
    next sync, on a PostgreSQL HQ (the other tests here run on SQLite)."""
    from hqserver import HQServer

    url = pg_cluster.create_database()
    hq = HQServer(url, blobs=tmp_path / "blobs").start()
    made: list[Lap] = []
    try:
        staff = Lap(hq, tmp_path, "chancery")
        made.append(staff)
        secret = _meeting_with_photo(staff.store, "Talks on the loan", NLS)
        open_ = _meeting_with_photo(staff.store, "Courtesy call", [])
        assert staff.sync().pushed == 6
        local = Lap(hq, tmp_path, "reception", role="local-staff")
        deputy = Lap(hq, tmp_path, "deputy")
        made += [local, deputy]
        assert local.sync().verified and deputy.sync().verified
        hidden = {secret["meeting"], secret["followup"], secret["photo"]}
        assert not local.ids() & hidden and hidden <= deputy.ids()
        body = p.FetchRequest(ids=sorted(hidden)).model_dump_json().encode()
        assert raw_post(hq.url, "/v1/fetch", local.token, body).json()["records"] == []
        hq.store.set_role(deputy.device_id, "local-staff")
        rep = deputy.sync()
        assert rep.withdrawn == 3 and rep.verified and not deputy.ids() & hidden
        from fieldkit.core.operations.records import update_record

        update_record(staff.store, open_["meeting"], {"caveats": NLS})
        staff.sync()
        assert local.sync().withdrawn == 3
        assert not local.ids() & {open_["meeting"], open_["followup"], open_["photo"]}
    finally:
        for m in made:
            m.store.close()
        hq.stop()
        pg_cluster.drop_database(url)
