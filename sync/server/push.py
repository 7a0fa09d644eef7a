"""Push: a laptop's changes applied in one transaction, merged three-way, conflicts kept.

Every write takes the next number of one global sequence whose row stays locked until commit, so
versions commit in the order they are numbered and a pull cursor never skips one that commits
later (on SQLite the single writer gives the same order).
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime

from pydantic import ValidationError

from fieldkit.core.messages import Message
from sync import protocol as p
from sync.merge import merge, same_content

from . import push_body
from .common import REGISTRY, Device, Refused, chunks, marks, now_iso
from .db import Database
from .handling import effective, levels, may_hold, parent_of, raised, rank, refresh_children
from .push_body import Incoming, PushPage

RECORD_COLUMNS = ("id", "embassy", "kind", "version", "origin", "deleted", "sha256", "ck", "data",
                  "restricted_local", "classification_rank", "parent_id")  # fmt: skip
MAX_AUDIT_DETAIL = 16 * 1024  # bytes of JSON per audit event's detail
MAX_AUDIT_DEPTH = 8


def _rank(dev: Device, embassy: str) -> int:
    return 0 if embassy == REGISTRY else 1 if embassy == dev.embassy else 2


class Batch:
    """One push request's view of HQ: rows and applied mutation ids fetched in a few queries,
    the sequence counted in memory, new records and mutation ids written in bulk."""

    def __init__(self, c, db: Database, dev: Device | None, mutations: list) -> None:
        self.c = c
        self.db = db
        self.dev = dev
        # Taken first: on PostgreSQL this row lock serialises writers until commit.
        self.seq = int(c.execute(db.sql("lock_seq")).fetchone()[0])
        self.start = self.seq
        self.known: dict[str, tuple[int, str | None]] = {}
        self.rows: dict[str, tuple] = {}
        self.mutations: list[tuple] = []
        self.inserts: list[tuple] = []  # new records, written in bulk (one round trip on PG)
        # Effective markings (handling.py) of records written or read here, by id: the parents
        # a follow-up or photo inherits from; and the records whose children must follow them.
        self.marks: dict[str, tuple[int, int]] = {}
        self.remarked: dict[str, dict[str, tuple[int, int]]] = {}  # by embassy
        self.created: set[str] = set()  # records first written by this batch
        if dev is None:
            return
        ids = [mid for m in mutations for mid in m.ids]
        rids = [m.rid for m in mutations]
        for chunk in chunks(ids, 500):
            among, params = db.in_list(chunk)
            for mid, version, cid in c.execute(
                f"SELECT id, version, conflict_id FROM mutations WHERE device_id = ? AND id {among}",
                [dev.id, *params],
            ).fetchall():
                self.known[mid] = (version, cid)
        for chunk in chunks(rids, 500):
            among, params = db.in_list(chunk)
            for row in c.execute(
                f"SELECT id, embassy, kind, version, data, restricted_local, classification_rank "
                f"FROM records WHERE embassy IN ({marks(len(dev.readable))}) AND id {among}",
                [*dev.readable, *params],
            ).fetchall():
                # The registry's copy rules when several exist (HQ published the id meanwhile),
                # then the embassy's own, then another country of its post (ids are per embassy).
                if row[0] not in self.rows or _rank(dev, row[1]) < _rank(dev, self.rows[row[0]][0]):
                    self.rows[row[0]] = tuple(row[1:])
                    self.marks[row[0]] = (row[5], row[6])
        pids = {m.parent_id for m in mutations} - {None} - set(self.marks)
        for chunk in chunks(sorted(pids), 500):  # type: ignore[arg-type]
            among, params = db.in_list(chunk)
            for rid, restricted, level in c.execute(
                f"SELECT id, restricted_local, classification_rank FROM records "
                f"WHERE embassy IN ({marks(len(dev.readable))}) AND id {among}",
                [*dev.readable, *params],
            ).fetchall():
                self.marks[rid] = (restricted, level)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def remember(self, ids: list[str], rid: str, version: int, cid: str | None) -> None:
        dev_id = self.dev.id if self.dev else "hq"
        for mid in ids:
            self.mutations.append((mid, dev_id, rid, version, cid))
            self.known[mid] = (version, cid)

    def flush_inserts(self) -> None:
        if self.inserts:
            self.db.insert_many(self.c, "records", RECORD_COLUMNS, self.inserts)
            self.inserts.clear()

    def flush(self) -> None:
        c, db = self.c, self.db
        self.flush_inserts()
        for embassy, parents in self.remarked.items():
            refresh_children(c, embassy, parents, self.created)
        self.remarked.clear()
        self.created.clear()
        if self.seq != self.start:
            c.execute("UPDATE meta SET value = ? WHERE key = 'seq'", (str(self.seq),))
            self.start = self.seq
        db.insert_many(c, "mutations", ("id", "device_id", "record_id", "version", "conflict_id"),
                       self.mutations, ignore=True)  # fmt: skip
        self.mutations.clear()


def check_audit(events: list[p.AuditEvent]) -> None:
    """Audit events are kept for years: each must be what a laptop writes (a date, a bounded
    detail), or the whole push is refused before anything is written."""
    for n, e in enumerate(events):
        where = f"audit.{n}"
        try:
            at = datetime.fromisoformat(e.at)
        except ValueError:
            raise Refused(422, f"invalid PushRequest: {where}.at: not a date and time "
                          f"({e.at[:40]!r})", "invalid") from None  # fmt: skip
        if not 1990 <= at.year <= 2200:
            raise Refused(422, f"invalid PushRequest: {where}.at: year {at.year} is out of range",
                          "invalid")  # fmt: skip
        if not e.event.strip():
            raise Refused(422, f"invalid PushRequest: {where}.event: empty", "invalid")
        if _depth(e.detail) > MAX_AUDIT_DEPTH:
            raise Refused(422, f"invalid PushRequest: {where}.detail: nested deeper than "
                          f"{MAX_AUDIT_DEPTH} levels", "invalid")  # fmt: skip
        size = len(json.dumps(e.detail, ensure_ascii=False).encode())
        if size > MAX_AUDIT_DETAIL:
            raise Refused(422, f"invalid PushRequest: {where}.detail: {size} bytes (at most "
                          f"{MAX_AUDIT_DETAIL})", "invalid")  # fmt: skip


def _depth(value, level: int = 0) -> int:
    if level > MAX_AUDIT_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def push(db: Database, dev: Device, req: PushPage | p.PushRequest) -> p.PushResponse:
    # Validation is most of a push's work: done before the transaction (push_body), so the
    # sequence lock (which serialises writers) is held only for the database work.
    if isinstance(req, p.PushRequest):
        req = push_body.from_request(req)
    check_audit(req.audit)
    versions: list[int] = []
    outcomes: list[p.Outcome] = []
    with db.write() as c:
        batch = Batch(c, db, dev, req.mutations)
        for i, m in enumerate(req.mutations):
            version, outcome = _apply(batch, dev, m, i)
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
        audit_ids = _store_audit(c, db, dev, req.audit)
        c.execute("UPDATE devices SET last_sync = ? WHERE id = ?", (now_iso(), dev.id))
    # A pull asked for with the push (req.pull) is answered by the caller, after this
    # transaction: see pull.pull_json.
    return p.PushResponse(versions=versions, outcomes=outcomes, audit_ids=audit_ids)


def _apply(batch: Batch, dev: Device, m: Incoming, i: int) -> tuple[int, p.Outcome | None]:
    from fieldkit.core.models import parse_record

    c = batch.c
    rid = m.rid
    known = [batch.known[mid] for mid in set(m.ids) if mid in batch.known]
    row = batch.rows.get(rid)

    def reject(reason: str) -> tuple[int, p.Outcome]:
        return 0, p.Outcome(
            i=i, status="rejected", reason=reason,
            message=reason.to_dict() if isinstance(reason, Message) else None,
            version=row[2] if row else None, record=json.loads(row[3]) if row else None,
        )  # fmt: skip

    def unchanged() -> tuple[int, p.Outcome]:
        # What HQ holds already (e.g. the laptop imported the same IATI file HQ published):
        # nothing to write; the laptop takes HQ's copy and version.
        batch.remember(m.ids, rid, row[2], None)
        return row[2], p.Outcome(i=i, status="duplicate", version=row[2], record=json.loads(row[3]))

    def refused(marking: tuple[int, int]) -> tuple[int, p.Outcome] | None:
        if may_hold(marking, dev.role, dev.ceiling_rank):
            return None
        if marking[1] > dev.ceiling_rank:
            level = next((x for x in levels() if rank(x) == marking[1]), str(marking[1]))
            return reject(Message("hq.refused_above_ceiling", id=rid[:64], level=level,
                                  ceiling=dev.ceiling))  # fmt: skip
        return reject(Message("hq.refused_local_staff", id=rid[:64]))

    # A record this device may not hold is, for it, as if it were not there: no copy goes back.
    if row is not None and not may_hold((row[4], row[5]), dev.role, dev.ceiling_rank):
        row = None
        return reject(Message("hq.refused_not_permitted", id=rid[:64]))
    # Rows of other embassies are never loaded: an id another embassy uses is, for this one, a
    # new id like any other (record ids are unique per embassy), so nothing tells it exists.
    if row is not None and row[0] == REGISTRY:
        if same_content(m.data(), json.loads(row[3])):
            return unchanged()
        return reject(Message("hq.refused_registry_project"))
    if known and len(known) == len(set(m.ids)):
        if row is None:
            return reject(Message("hq.refused_gone", id=rid[:64]))
        cid = next((k[1] for k in known if k[1]), None)
        conflict = _conflict(c, cid, dev.embassy) if cid else None
        return row[2], p.Outcome(
            i=i, status="duplicate", version=row[2], record=json.loads(row[3]), conflict=conflict
        )
    if not m.valid:
        return reject(f"invalid record {rid[:64] or '(no id)'}: {m.error}")
    pid = m.parent_id
    marking = raised(m.own, batch.marks.get(pid) if pid else None)
    denied = refused(marking)
    if denied is not None:
        return denied
    base = max((k[0] for k in known), default=m.base)
    mine = m.data() if row is not None else None
    if row is not None and base is None and same_content(mine, json.loads(row[3])):
        return unchanged()  # made here and on HQ alike (same derived id, same content)
    if row is None:
        seq = batch.next_seq()
        _write(batch, dev.embassy, m.kind, seq, dev.id, m.text, m.deleted, m.sha, rid,
               insert=True, marking=marking, parent_id=pid)  # fmt: skip
        batch.remember(m.ids, rid, seq, None)
        return seq, None
    if row[1] != m.kind:
        kinds = {"kind": Message(f"kind.{row[1]}"), "kind_mine": Message(f"kind.{m.kind}")}
        return reject(Message("hq.refused_kind", id=rid, **kinds))
    theirs = json.loads(row[3])
    if base == row[2]:
        merged, conflicts = mine, []
    else:
        base_row = (
            c.execute(
                "SELECT data FROM versions WHERE id = ? AND version = ? AND embassy = ?",
                (rid, base, row[0]),  # the record's embassy: another country of the post's
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
            marking = effective(merged, batch.marks.get(parent_of(merged) or ""))
            denied = refused(marking)  # the merge with another laptop's edit raised it
            if denied is not None:
                return denied
            version = batch.next_seq()
            text = json.dumps(merged, ensure_ascii=False, separators=(",", ":"))
            _write(batch, row[0], m.kind, version, dev.id, text,
                   bool(merged.get("deleted_at")), merged.get("sha256"), rid,
                   insert=False, marking=marking, parent_id=parent_of(merged))  # fmt: skip
    conflict = None
    if conflicts:
        conflict = p.Conflict(
            id=secrets.token_hex(8), record_id=rid, kind=m.kind, fields=conflicts,
            mine=mine, theirs=merged, created_seq=version,
        )  # fmt: skip
        _store_conflict(c, dev, conflict)
    batch.remember(m.ids, rid, version, conflict.id if conflict else None)
    if conflict is not None:
        return version, p.Outcome(
            i=i, status="conflict", version=version, record=merged, conflict=conflict
        )
    if merged != mine:
        return version, p.Outcome(i=i, status="merged", version=version, record=merged)
    return version, None


def _write(
    batch: Batch, embassy: str, kind: str, seq: int, origin: str, text: str,
    deleted: bool, sha: str | None, rid: str, insert: bool,
    marking: tuple[int, int] | None = None, parent_id: str | None = None,
) -> None:  # fmt: skip
    if marking is None:  # HQ's own writes (registry import): worked out from the record
        data = json.loads(text)
        parent_id = parent_of(data)
        marking = effective(data, batch.marks.get(parent_id or ""))
    sha = sha if kind == "attachment" else None
    ck = p.record_checksum(rid, seq)
    if insert:
        batch.inserts.append((rid, embassy, kind, seq, origin, int(deleted), sha, ck, text,
                              *marking, parent_id))  # fmt: skip
    else:
        batch.flush_inserts()  # an update may follow an insert of the same page
        # The version this one supersedes goes to the history; the current one is the row in
        # records (history reads both), so a record is not stored twice. An HQ from before
        # this kept every version there already, hence "ignore".
        batch.c.execute(
            batch.db.sql("insert_ignore") + " versions (id, version, origin, data, embassy) "
            "SELECT id, version, origin, data, embassy FROM records WHERE id = ? AND embassy = ?"
            + batch.db.sql("on_conflict_ignore"),
            (rid, embassy),
        )
        batch.c.execute(
            "UPDATE records SET version = ?, origin = ?, deleted = ?, sha256 = ?, ck = ?, "
            "data = ?, restricted_local = ?, classification_rank = ?, parent_id = ? "
            "WHERE id = ? AND embassy = ?",
            (seq, origin, int(deleted), sha, ck, text, *marking, parent_id, rid, embassy),
        )
    if kind != "attachment" and batch.marks.get(rid) != marking:
        batch.remarked.setdefault(embassy, {})[rid] = marking  # its children follow at flush
    if insert:
        batch.created.add(rid)
    batch.marks[rid] = marking
    batch.rows[rid] = (embassy, kind, seq, text, *marking)


def _store_conflict(c, dev: Device, k: p.Conflict) -> None:
    c.execute(
        "INSERT INTO conflicts (id, embassy, record_id, kind, device_id, fields, mine, theirs, "
        "created_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (k.id, dev.embassy, k.record_id, k.kind, dev.id, json.dumps(k.fields),
         json.dumps(k.mine), json.dumps(k.theirs), k.created_seq, now_iso()),
    )  # fmt: skip


def _conflict(c, cid: str, embassy: str) -> p.Conflict | None:
    row = c.execute(
        "SELECT id, record_id, kind, fields, mine, theirs, created_seq FROM conflicts "
        "WHERE id = ? AND embassy = ?",
        (cid, embassy),
    ).fetchone()
    if row is None:
        return None
    return p.Conflict(
        id=row[0], record_id=row[1], kind=row[2], fields=json.loads(row[3]),
        mine=json.loads(row[4]), theirs=json.loads(row[5]), created_seq=row[6],
    )  # fmt: skip


def _store_audit(c, db: Database, dev: Device, events: list[p.AuditEvent]) -> list[str]:
    if not events:
        return []
    received = now_iso()
    c.executemany(
        db.sql("insert_ignore") + " audit (id, device_id, embassy, at, author, event, record_id, "
        "detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" + db.sql("on_conflict_ignore"),
        [
            (e.id, dev.id, dev.embassy, e.at, e.author, e.event, e.record_id,
             json.dumps(e.detail, ensure_ascii=False), received)
            for e in events
        ],
    )  # fmt: skip
    return [e.id for e in events]
