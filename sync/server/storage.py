"""HQ's storage: one SQLite file with every embassy's records, their versions, devices, conflicts,
the audit trail laptops send, and attachment bytes in a folder beside it.

Every write takes the next number of one global sequence under one lock, so versions are the
order in which HQ accepted changes, and a pull cursor that walks them never misses one.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fieldkit.core.messages import Message
from sync import protocol as p
from sync.merge import merge, same_content

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
    id TEXT PRIMARY KEY,
    embassy TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    created_at TEXT NOT NULL,
    enrolled_at TEXT,
    revoked_at TEXT,
    last_sync TEXT,
    app_version TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS enrol_codes (
    code_hash TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices(id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);
-- The latest copy of each record. `version` is the HQ sequence number of its last change.
CREATE TABLE IF NOT EXISTS records (
    rowid INTEGER PRIMARY KEY,      -- rowid table: random UUID keys with ~1 kB rows insert
    id TEXT NOT NULL UNIQUE,        -- 10x faster than a WITHOUT ROWID clustered on the UUID
    embassy TEXT NOT NULL,          -- country code of the embassy; '*' = HQ registry, all read
    kind TEXT NOT NULL,
    version INTEGER NOT NULL UNIQUE,
    origin TEXT NOT NULL,           -- device id (or 'hq') that wrote this version
    deleted INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT,                    -- attachments: the file they name
    ck INTEGER NOT NULL,            -- this version's share of the per-kind checksum
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_feed ON records(embassy, version);
CREATE INDEX IF NOT EXISTS records_sha ON records(sha256) WHERE sha256 IS NOT NULL;
-- Every version ever accepted: the base of three-way merges, and HQ's history.
CREATE TABLE IF NOT EXISTS versions (
    version INTEGER PRIMARY KEY,    -- the HQ sequence number: one version per number
    id TEXT NOT NULL,
    origin TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_record ON versions(id);
-- Mutation ids already applied, per device: a retried push is recognised, never applied twice.
CREATE TABLE IF NOT EXISTS mutations (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    conflict_id TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conflicts (
    id TEXT PRIMARY KEY,
    embassy TEXT NOT NULL,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    device_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    mine TEXT NOT NULL,
    theirs TEXT NOT NULL,
    created_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT
);
CREATE INDEX IF NOT EXISTS conflicts_open ON conflicts(embassy) WHERE resolved_at IS NULL;
CREATE TABLE IF NOT EXISTS audit (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    embassy TEXT NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    event TEXT NOT NULL,
    record_id TEXT,
    detail TEXT NOT NULL,
    received_at TEXT NOT NULL
) WITHOUT ROWID;
"""

HQ_SCHEMA = 1  # PRAGMA user_version of the HQ database; upgrades go step by step from here
REGISTRY = "*"  # the embassy of HQ-published records every laptop reads
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over a phone line


class Refused(Exception):
    """A request HQ will not serve: HTTP ``status`` and a sentence for the user (a coded Message
    where the laptop shows it in its user's language)."""

    def __init__(self, status: int, message: str, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message if isinstance(message, Message) else None


@dataclass(frozen=True)
class Device:
    id: str
    embassy: str
    name: str


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _hash(secret: str) -> str:
    # Tokens and codes are random (>= 60 bits): a plain SHA-256 is enough to keep them unusable
    # if the database leaks, and costs nothing per request.
    return hashlib.sha256(secret.encode()).hexdigest()


def _normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


class _Batch:
    """One push request's view of HQ: rows and applied mutation ids fetched in a few queries,
    the sequence counted in memory, history and mutation ids written in bulk at the end."""

    def __init__(self, c: sqlite3.Connection, dev: Device | None, mutations: list) -> None:
        self.c = c
        self.dev = dev
        self.seq = int(c.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])
        self.known: dict[str, tuple[int, str | None]] = {}
        self.rows: dict[str, tuple] = {}
        self.versions: list[tuple] = []
        self.mutations: list[tuple] = []
        ids = [mid for m in mutations for mid in m.ids]
        rids = [str(m.record.get("id", "")) for m in mutations]
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for mid, version, cid in c.execute(
                f"SELECT id, version, conflict_id FROM mutations "
                f"WHERE device_id = ? AND id IN ({marks})",
                [dev.id if dev else "", *chunk],
            ):
                self.known[mid] = (version, cid)
        for chunk in _chunks(rids, 500):
            marks = ",".join("?" * len(chunk))
            for row in c.execute(
                f"SELECT id, embassy, kind, version, data FROM records WHERE id IN ({marks})", chunk
            ):
                self.rows[row[0]] = row[1:]

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def remember(self, ids: list[str], rid: str, version: int, cid: str | None) -> None:
        dev_id = self.dev.id if self.dev else "hq"
        for mid in ids:
            self.mutations.append((mid, dev_id, rid, version, cid))
            self.known[mid] = (version, cid)

    def flush(self) -> None:
        self.c.execute("UPDATE meta SET value = ? WHERE key = 'seq'", (str(self.seq),))
        self.c.executemany(
            "INSERT OR REPLACE INTO versions (id, version, origin, data) VALUES (?, ?, ?, ?)",
            self.versions,
        )
        self.c.executemany("INSERT OR IGNORE INTO mutations VALUES (?, ?, ?, ?, ?)", self.mutations)
        self.versions.clear()
        self.mutations.clear()


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


class HQStore:
    """HQ's database. Thread-safe: writes are serialised; reads use per-thread connections."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.blob_dir = self.path.with_name(self.path.name + ".blobs")
        (self.blob_dir / "partial").mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._w = self._connect()
        version = self._w.execute("PRAGMA user_version").fetchone()[0]
        if version > HQ_SCHEMA:
            self._w.close()
            raise Refused(500, f"{self.path} was written by a newer FieldKit HQ (schema "
                          f"{version}); update fieldkit-hq")  # fmt: skip
        # Idempotent (IF NOT EXISTS); executescript commits as it goes, which is fine for DDL.
        self._w.executescript(SCHEMA)
        self._w.execute(f"PRAGMA user_version = {HQ_SCHEMA}")
        with self.write() as c:
            c.execute("INSERT OR IGNORE INTO meta VALUES ('seq', '0')")

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def close(self) -> None:
        with self._lock:
            self._w.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._w.execute("BEGIN IMMEDIATE")
            try:
                yield self._w
            except BaseException:
                self._w.execute("ROLLBACK")
                raise
            self._w.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        conn.execute("BEGIN")  # one snapshot for the whole read
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    # ---- devices -----------------------------------------------------------------------------
    def add_device(self, embassy: str, name: str, hours: float = 72) -> dict[str, Any]:
        """A device waiting for enrolment, and its one-time code (shown once, stored hashed)."""
        embassy = embassy.strip().upper()
        if not (len(embassy) == 2 and embassy.isalpha()):
            raise Refused(400, f"embassy must be a 2-letter country code, got {embassy!r}")
        if not name.strip():
            raise Refused(400, "device name is empty")
        device_id = secrets.token_hex(8)
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        expires = (datetime.now(UTC) + timedelta(hours=hours)).isoformat(timespec="seconds")
        with self.write() as c:
            c.execute(
                "INSERT INTO devices (id, embassy, name, created_at) VALUES (?, ?, ?, ?)",
                (device_id, embassy, name.strip(), now_iso()),
            )
            c.execute(
                "INSERT INTO enrol_codes VALUES (?, ?, ?, NULL)",
                (_hash(_normalise_code(code)), device_id, expires),
            )
        return {"device_id": device_id, "embassy": embassy, "name": name.strip(), "code": code,
                "expires_at": expires}  # fmt: skip

    def enroll(self, code: str, app_version: str = "") -> p.EnrollResponse:
        """Trade a one-time code for a device token. A used, expired or unknown code is refused."""
        h = _hash(_normalise_code(code))
        token = secrets.token_urlsafe(32)
        with self.write() as c:
            row = c.execute(
                "SELECT e.device_id, e.expires_at, e.used_at, d.embassy, d.name, d.revoked_at "
                "FROM enrol_codes e JOIN devices d ON d.id = e.device_id WHERE e.code_hash = ?",
                (h,),
            ).fetchone()
            if row is None:
                raise Refused(403, Message("hq.enrol_code_unknown"), "bad_code")
            device_id, expires, used, embassy, name, revoked = row
            if used:
                raise Refused(403, Message("hq.enrol_code_used"), "code_used")
            if revoked:
                raise Refused(403, Message("hq.device_revoked"), "revoked")
            if expires < datetime.now(UTC).isoformat(timespec="seconds"):
                raise Refused(403, Message("hq.enrol_code_expired"), "code_expired")
            c.execute("UPDATE enrol_codes SET used_at = ? WHERE code_hash = ?", (now_iso(), h))
            c.execute(
                "UPDATE devices SET token_hash = ?, enrolled_at = ?, app_version = ? WHERE id = ?",
                (_hash(token), now_iso(), app_version[:40], device_id),
            )
        return p.EnrollResponse(device_id=device_id, token=token, embassy=embassy, device_name=name)

    def authenticate(self, token: str) -> Device:
        with self.read() as c:
            row = c.execute(
                "SELECT id, embassy, name, revoked_at FROM devices WHERE token_hash = ?",
                (_hash(token),),
            ).fetchone()
        if row is None:
            raise Refused(401, Message("hq.token_unknown"), "bad_token")
        if row[3]:
            raise Refused(401, Message("hq.token_revoked"), "revoked")
        return Device(row[0], row[1], row[2])

    def revoke(self, device_id: str) -> bool:
        with self.write() as c:
            cur = c.execute(
                # The token hash stays so the laptop is told it was revoked, not "unknown".
                "UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (now_iso(), device_id),
            )
            return cur.rowcount == 1

    def devices(self) -> list[dict[str, Any]]:
        with self.read() as c:
            cur = c.execute(
                "SELECT id, embassy, name, created_at, enrolled_at, revoked_at, last_sync, "
                "app_version FROM devices ORDER BY embassy, name"
            )
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    # ---- push --------------------------------------------------------------------------------
    def push(self, dev: Device, req: p.PushRequest) -> p.PushResponse:
        versions: list[int] = []
        outcomes: list[p.Outcome] = []
        with self.write() as c:
            batch = _Batch(c, dev, req.mutations)
            for i, m in enumerate(req.mutations):
                version, outcome = self._apply(batch, dev, m, i)
                versions.append(version)
                if outcome is not None:
                    outcomes.append(outcome)
            batch.flush()
            for r in req.resolutions:
                c.execute(
                    "UPDATE conflicts SET resolved_at = ?, resolution = ? "
                    "WHERE id = ? AND embassy = ? AND resolved_at IS NULL",
                    (now_iso(), r.keep, r.conflict_id, dev.embassy),
                )
            audit_ids = self._store_audit(c, dev, req.audit)
            c.execute("UPDATE devices SET last_sync = ? WHERE id = ?", (now_iso(), dev.id))
        # A pull asked for with the push (req.pull) is answered by the caller, after this
        # transaction: see pull_json.
        return p.PushResponse(versions=versions, outcomes=outcomes, audit_ids=audit_ids)

    def _apply(
        self, batch: _Batch, dev: Device, m: p.Mutation, i: int
    ) -> tuple[int, p.Outcome | None]:
        from fieldkit.core.models import parse_record

        c = batch.c
        rid = str(m.record.get("id", ""))
        known = [batch.known[mid] for mid in set(m.ids) if mid in batch.known]
        row = batch.rows.get(rid)

        def reject(reason: str) -> tuple[int, p.Outcome]:
            # HQ's copy goes back only to a laptop that may read it.
            mine_row = row if row and row[0] in (dev.embassy, REGISTRY) else None
            return 0, p.Outcome(
                i=i,
                status="rejected",
                reason=reason,
                message=reason.to_dict() if isinstance(reason, Message) else None,
                version=mine_row[2] if mine_row else None,
                record=json.loads(mine_row[3]) if mine_row else None,
            )

        def unchanged() -> tuple[int, p.Outcome]:
            # What HQ holds already (e.g. the laptop imported the same IATI file HQ published):
            # nothing to write; the laptop takes HQ's copy and version.
            batch.remember(m.ids, rid, row[2], None)
            return row[2], p.Outcome(
                i=i, status="duplicate", version=row[2], record=json.loads(row[3])
            )

        if row is not None and row[0] != dev.embassy:
            if row[0] == REGISTRY:
                if same_content(m.record, json.loads(row[3])):
                    return unchanged()
                return reject(Message("hq.refused_registry_project"))
            # The same answer whatever the content, so that it tells nothing about the record.
            if row[1] == "project":
                return reject(Message("hq.refused_other_embassy_project"))
            return reject(Message("hq.refused_other_embassy", id=rid))
        if known and len(known) == len(set(m.ids)):
            if row is None:
                return reject(Message("hq.refused_gone", id=rid))
            cid = next((k[1] for k in known if k[1]), None)
            conflict = self._conflict(c, cid) if cid else None
            return row[2], p.Outcome(
                i=i, status="duplicate", version=row[2], record=json.loads(row[3]),
                conflict=conflict,
            )  # fmt: skip
        try:
            rec = parse_record(m.record)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(x) for x in first.get("loc", ())) or "record"
            return reject(f"invalid record {rid or '(no id)'}: {where}: {first.get('msg')}")
        rid = rec.id
        base = max((k[0] for k in known), default=m.base)
        if row is not None and base is None and same_content(m.record, json.loads(row[3])):
            return unchanged()  # made here and on HQ alike (same derived id, same content)
        if row is None:
            seq = batch.next_seq()
            text = rec.model_dump_json()
            self._write(batch, dev.embassy, rec.kind, seq, dev.id, text, rec.deleted,
                        getattr(rec, "sha256", None), rid, insert=True)  # fmt: skip
            batch.remember(m.ids, rid, seq, None)
            return seq, None
        mine = rec.model_dump(mode="json")
        if row[1] != rec.kind:
            kinds = {"kind": Message(f"kind.{row[1]}"), "kind_mine": Message(f"kind.{rec.kind}")}
            return reject(Message("hq.refused_kind", id=rid, **kinds))
        theirs = json.loads(row[3])
        if base == row[2]:
            merged, conflicts = mine, []
        else:
            base_row = (
                c.execute(
                    "SELECT data FROM versions WHERE id = ? AND version = ?", (rid, base)
                ).fetchone()
                if base is not None
                else None
            )
            merged, conflicts = merge(json.loads(base_row[0]) if base_row else None, theirs, mine)
        if m.resolves:
            c.execute(
                "UPDATE conflicts SET resolved_at = ?, resolution = 'edit' "
                "WHERE id = ? AND embassy = ? AND resolved_at IS NULL",
                (now_iso(), m.resolves, dev.embassy),
            )
        if merged == theirs:
            # Nothing new to store (same values, or a pure conflict): the version stays.
            version = row[2]
        else:
            try:
                parse_record(merged)  # a merge of two valid records must itself be valid
            except ValidationError:
                conflicts = conflicts or sorted(set(mine) - {"id"})
                merged = theirs
                version = row[2]
            else:
                version = batch.next_seq()
                text = json.dumps(merged, ensure_ascii=False, separators=(",", ":"))
                self._write(batch, dev.embassy, rec.kind, version, dev.id, text,
                            bool(merged.get("deleted_at")), merged.get("sha256"), rid,
                            insert=False)  # fmt: skip
        conflict = None
        if conflicts:
            conflict = p.Conflict(
                id=secrets.token_hex(8), record_id=rid, kind=rec.kind, fields=conflicts,
                mine=mine, theirs=merged, created_seq=version,
            )  # fmt: skip
            self._store_conflict(c, dev, conflict)
        batch.remember(m.ids, rid, version, conflict.id if conflict else None)
        if conflict is not None:
            return version, p.Outcome(
                i=i, status="conflict", version=version, record=merged, conflict=conflict
            )
        if merged != mine:
            return version, p.Outcome(i=i, status="merged", version=version, record=merged)
        return version, None

    def _write(
        self, batch: _Batch, embassy: str, kind: str, seq: int, origin: str, text: str,
        deleted: bool, sha: str | None, rid: str, insert: bool,
    ) -> None:  # fmt: skip
        sha = sha if kind == "attachment" else None
        ck = p.record_checksum(rid, seq)
        if insert:
            batch.c.execute(
                "INSERT INTO records (id, embassy, kind, version, origin, deleted, sha256, ck, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rid, embassy, kind, seq, origin, int(deleted), sha, ck, text),
            )
        else:
            batch.c.execute(
                "UPDATE records SET version = ?, origin = ?, deleted = ?, sha256 = ?, ck = ?, "
                "data = ? WHERE id = ?",
                (seq, origin, int(deleted), sha, ck, text, rid),
            )
        batch.rows[rid] = (embassy, kind, seq, text)
        batch.versions.append((rid, seq, origin, text))

    def _store_conflict(self, c, dev: Device, k: p.Conflict) -> None:
        c.execute(
            "INSERT INTO conflicts (id, embassy, record_id, kind, device_id, fields, mine, theirs, "
            "created_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (k.id, dev.embassy, k.record_id, k.kind, dev.id, json.dumps(k.fields),
             json.dumps(k.mine), json.dumps(k.theirs), k.created_seq, now_iso()),
        )  # fmt: skip

    def _open_conflicts(self, c, embassy: str) -> list[p.Conflict]:
        return [
            p.Conflict(
                id=r[0], record_id=r[1], kind=r[2], fields=json.loads(r[3]),
                mine=json.loads(r[4]), theirs=json.loads(r[5]), created_seq=r[6],
                device_id=r[7], device_name=r[8] or "",
            )
            for r in c.execute(
                "SELECT k.id, k.record_id, k.kind, k.fields, k.mine, k.theirs, k.created_seq, "
                "k.device_id, d.name FROM conflicts k LEFT JOIN devices d ON d.id = k.device_id "
                "WHERE k.embassy = ? AND k.resolved_at IS NULL ORDER BY k.created_seq, k.id",
                (embassy,),
            )
        ]  # fmt: skip

    def _conflict(self, c, cid: str) -> p.Conflict | None:
        row = c.execute(
            "SELECT id, record_id, kind, fields, mine, theirs, created_seq FROM conflicts "
            "WHERE id = ?",
            (cid,),
        ).fetchone()
        if row is None:
            return None
        return p.Conflict(
            id=row[0], record_id=row[1], kind=row[2], fields=json.loads(row[3]),
            mine=json.loads(row[4]), theirs=json.loads(row[5]), created_seq=row[6],
        )  # fmt: skip

    def _store_audit(self, c, dev: Device, events: list[p.AuditEvent]) -> list[str]:
        received = now_iso()
        c.executemany(
            "INSERT OR IGNORE INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (e.id, dev.id, dev.embassy, e.at, e.author, e.event, e.record_id,
                 json.dumps(e.detail, ensure_ascii=False), received)
                for e in events
            ],
        )  # fmt: skip
        return [e.id for e in events]

    # ---- pull --------------------------------------------------------------------------------
    def pull(self, dev: Device, since: int, limit: int) -> p.PullPage:
        """Changes after ``since`` that this device may read and did not write itself."""
        return p.PullPage.model_validate_json(self.pull_json(dev, since, limit))

    def pull_json(self, dev: Device, since: int, limit: int) -> str:
        """``pull`` as the JSON text sent to the laptop, assembled from the stored records."""
        with self.read() as c:
            rows = c.execute(
                "SELECT version, data FROM records WHERE embassy IN (?, ?) AND version > ? "
                "AND origin != ? ORDER BY version LIMIT ?",
                (dev.embassy, REGISTRY, since, dev.id, limit + 1),
            ).fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            if more:
                cursor = rows[-1][0]
                summary, conflicts = None, None
            else:
                # The end: everything up to HQ's current sequence has been seen.
                cursor = max(
                    since, int(c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0])
                )
                summary = self._summary(c, dev)
                conflicts = self._open_conflicts(c, dev.embassy)
        page = p.encode_pull_page(
            [r[1] for r in rows], [r[0] for r in rows], cursor, more, summary, conflicts
        )
        if not more:
            with self.write() as w:
                w.execute("UPDATE devices SET last_sync = ? WHERE id = ?", (now_iso(), dev.id))
        return page

    def _summary(self, c, dev: Device) -> dict[str, p.KindSummary]:
        return {
            kind: p.KindSummary(count=n, checksum=ck)
            for kind, n, ck in c.execute(
                "SELECT kind, count(*), total(ck) FROM records WHERE embassy IN (?, ?) "
                "GROUP BY kind",
                (dev.embassy, REGISTRY),
            ).fetchall()
        }

    def versions(self, dev: Device, kind: str) -> p.VersionsResponse:
        with self.read() as c:
            rows = c.execute(
                "SELECT id, version FROM records WHERE embassy IN (?, ?) AND kind = ? ORDER BY id",
                (dev.embassy, REGISTRY, kind),
            ).fetchall()
        return p.VersionsResponse(
            kind=kind, ids=[r[0] for r in rows], versions=[r[1] for r in rows]
        )

    def fetch(self, dev: Device, ids: list[str]) -> p.FetchResponse:
        if not ids:
            return p.FetchResponse(records=[], versions=[])
        marks = ",".join("?" * len(ids))
        with self.read() as c:
            rows = c.execute(
                f"SELECT version, data FROM records WHERE embassy IN (?, ?) AND id IN ({marks})",
                [dev.embassy, REGISTRY, *ids],
            ).fetchall()
        return p.FetchResponse(
            records=[json.loads(r[1]) for r in rows], versions=[r[0] for r in rows]
        )

    def open_conflicts(self, embassy: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, embassy, record_id, kind, device_id, fields, created_at FROM conflicts "
        sql += "WHERE resolved_at IS NULL" + (" AND embassy = ?" if embassy else "")
        with self.read() as c:
            cur = c.execute(sql, (embassy,) if embassy else ())
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        for r in rows:
            r["fields"] = json.loads(r["fields"])
        return rows

    # ---- attachments -------------------------------------------------------------------------
    def blob_path(self, sha: str) -> Path:
        return self.blob_dir / sha[:2] / sha

    def _partial(self, sha: str) -> Path:
        return self.blob_dir / "partial" / sha

    def _attachment_size(self, dev: Device, sha: str) -> int | None:
        """The size an attachment record of this embassy gives the file, or None if no record
        the device may read names it (so nobody uploads or fetches files HQ has no record of)."""
        with self.read() as c:
            row = c.execute(
                "SELECT data FROM records WHERE sha256 = ? AND embassy IN (?, ?) LIMIT 1",
                (sha, dev.embassy, REGISTRY),
            ).fetchone()
        return int(json.loads(row[0]).get("size", 0)) if row else None

    def blob_status(self, dev: Device, shas: list[str]) -> dict[str, int]:
        out = {}
        for sha in shas:
            if self.blob_path(sha).is_file():
                out[sha] = -1
            else:
                part = self._partial(sha)
                out[sha] = part.stat().st_size if part.is_file() else 0
        return out

    def put_chunk(self, dev: Device, sha: str, offset: int, chunk: bytes) -> p.BlobAck:
        size = self._attachment_size(dev, sha)
        if size is None:
            raise Refused(404, f"no attachment record of your embassy names file {sha[:12]}...; "
                          "sync the records first", "no_record")  # fmt: skip
        if size > p.MAX_BLOB:
            raise Refused(413, f"attachment {sha[:12]}... is larger than HQ accepts")
        final = self.blob_path(sha)
        if final.is_file():
            return p.BlobAck(sha256=sha, received=size, complete=True)
        with self._lock:  # one writer per partial file
            part = self._partial(sha)
            have = part.stat().st_size if part.is_file() else 0
            if offset != have:
                raise Refused(409, f"upload of {sha[:12]}... must continue at byte {have}",
                              f"offset:{have}")  # fmt: skip
            if have + len(chunk) > size:
                raise Refused(422, f"attachment {sha[:12]}... is longer than its record says")
            with open(part, "ab") as fh:
                fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            have += len(chunk)
            if have < size:
                return p.BlobAck(sha256=sha, received=have, complete=False)
            digest = hashlib.sha256()
            with open(part, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            if digest.hexdigest() != sha:
                part.unlink()
                raise Refused(422, f"attachment {sha[:12]}... arrived damaged (checksum "
                              "mismatch); it will be sent again", "bad_hash")  # fmt: skip
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, final)
        return p.BlobAck(sha256=sha, received=size, complete=True)

    def blob_for(self, dev: Device, sha: str) -> Path:
        if self._attachment_size(dev, sha) is None or not self.blob_path(sha).is_file():
            raise Refused(404, f"HQ has no attachment {sha[:12]}... for your embassy", "no_blob")
        return self.blob_path(sha)

    # ---- HQ administration -------------------------------------------------------------------
    def import_registry(self, records: list[dict], embassy: str | None = None) -> dict[str, int]:
        """Publish records from HQ: to ``embassy``, else to the embassy of each record's country
        (projects without one go to every laptop, read-only). Re-importing changes only what
        changed, with a new version, so laptops pull just that."""
        from fieldkit.core.models import parse_record

        counts = {"created": 0, "updated": 0, "unchanged": 0}
        with self.write() as c:
            for n, data in enumerate(records, 1):
                try:
                    rec = parse_record(data)
                except ValidationError as exc:
                    first = exc.errors(include_url=False)[0]
                    where = ".".join(str(x) for x in first.get("loc", ()))
                    raise Refused(400, f"line {n}: {where}: {first.get('msg')}") from None
                target = (embassy or getattr(rec, "country", None) or REGISTRY).upper()
                doc = rec.model_dump(mode="json")
                row = c.execute(
                    "SELECT embassy, data FROM records WHERE id = ?", (rec.id,)
                ).fetchone()
                if row is not None:
                    old = json.loads(row[1])
                    if row[0] != target:
                        raise Refused(400, f"line {n}: record {rec.id} belongs to {row[0]}")
                    if {k: v for k, v in old.items() if k != "revision"} == {
                        k: v for k, v in doc.items() if k != "revision"
                    }:
                        counts["unchanged"] += 1
                        continue
                    doc["revision"] = max(int(old.get("revision", 0)), rec.revision) + 1
                batch = _Batch(c, None, [])
                seq = batch.next_seq()
                text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                self._write(batch, target, rec.kind, seq, "hq", text, rec.deleted,
                            doc.get("sha256"), rec.id, insert=row is None)  # fmt: skip
                batch.flush()
                counts["updated" if row else "created"] += 1
        return counts

    def stats(self) -> dict[str, Any]:
        with self.read() as c:
            per: dict[str, Any] = {}
            for embassy, kind, n, dead in c.execute(
                "SELECT embassy, kind, count(*), sum(deleted) FROM records GROUP BY embassy, kind"
            ):
                e = per.setdefault(embassy, {"records": {}, "deleted": 0, "devices": []})
                e["records"][kind] = n - dead
                e["deleted"] += dead
            for d in c.execute(
                "SELECT id, embassy, name, last_sync, revoked_at FROM devices ORDER BY name"
            ):
                e = per.setdefault(d[1], {"records": {}, "deleted": 0, "devices": []})
                e["devices"].append(
                    {"id": d[0], "name": d[2], "last_sync": d[3], "revoked": bool(d[4])}
                )
            conflicts = dict(
                c.execute(
                    "SELECT embassy, count(*) FROM conflicts WHERE resolved_at IS NULL "
                    "GROUP BY embassy"
                ).fetchall()
            )
            audit = c.execute("SELECT count(*) FROM audit").fetchone()[0]
            seq = int(c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0])
        for embassy, e in per.items():
            e["open_conflicts"] = conflicts.get(embassy, 0)
        return {"embassies": per, "audit_events": audit, "sequence": seq}

    def export(self) -> Iterator[dict[str, Any]]:
        with self.read() as c:
            for embassy, version, data in c.execute(
                "SELECT embassy, version, data FROM records ORDER BY version"
            ):
                rec = json.loads(data)
                rec["_hq"] = {"embassy": embassy, "version": version}
                yield rec

    def audit_events(self) -> list[dict[str, Any]]:
        with self.read() as c:
            cur = c.execute("SELECT * FROM audit ORDER BY at")
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
