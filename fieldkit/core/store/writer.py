"""The one writer: every change to records goes through it (rows, search text, history, outbox).

Its methods run inside the caller's ``store.tx.write()`` and do not announce: the caller collects a
``Changes`` and calls ``announce`` once the transaction is committed. The store's own writes
(``Store.create``, ``update``, ``delete`` ...), imports and sync (``sync.state``) all use it, so a
change is never written without its history entry, nor (unless it came from HQ) its outbox entry.

Records are written with ``executemany`` on the raw connection, not sqlite-utils' ``insert_all``:
for the rows of 20,000 meetings raw took 0.67-0.79 s and insert_all 1.13-2.16 s, 1.7-2.7x as long
(benchmarks/bench_store.py, "records rows", 2026-12-02, load 4-7); and the rowids must be known
to fill the FTS index in the same batch. Tables without that hot path (drafts, audit, meta) are
written with sqlite-utils (``store.db``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..envelope import new_id, utcnow
from ..errors import FieldKitError, NotFound
from ..messages import Message
from ..schema import SERVER_VERSION
from .common import Changes, check_replaceable, diff, is_integrity_error, load_record

if TYPE_CHECKING:
    from ..models import Record

_HISTORY_INSERT = (
    "INSERT INTO history (record_id, revision, at, author, action, changes) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_OUTBOX_INSERT = (
    "INSERT INTO outbox (mutation_id, record_id, kind, op, revision, base_version, fields, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


class Writer:
    """Writes records for one store (``store.writer``)."""

    def __init__(self, store) -> None:
        self.store = store

    def announce(self, changes: Changes) -> None:
        """Tell the store's listeners what a committed transaction changed."""
        if changes:
            for listener in list(self.store._listeners):
                listener(changes)

    def create_one(self, record: Record, action: str, keep_envelope: bool = False) -> Record:
        from ..approval import guard_new

        guard_new(record)  # a new meeting or visit starts as a draft: no approval by creation
        author = self.store.author
        rec = self.stamp_new(
            record, utcnow(), author, self.store.settings.post_name(), keep_envelope
        )
        self.insert([rec], action, author)
        return rec

    @staticmethod
    def stamp_new(
        record: Record, now: datetime, author: str, post: str, keep_envelope: bool
    ) -> Record:
        """A new record with its envelope set: revision 1, created now by the current user.

        ``keep_envelope`` (imports) keeps the times, authors and revision the record came with.
        """
        stamp: dict[str, Any] = {"revision": max(record.revision, 1) if keep_envelope else 1}
        if not (keep_envelope and record.created_at):
            stamp.update(created_at=now, created_by=author)
        if not (keep_envelope and record.updated_at):
            stamp.update(updated_at=now, updated_by=author)
        if not record.post:
            stamp["post"] = post
        return record.model_copy(update=stamp)

    def insert(self, recs: list[Record], action: str, author: str, *, outbox: bool = True) -> None:
        """Write new records: rows, search text, a history entry and an outbox entry each.

        Four ``executemany`` statements for the lot: per-row calls were most of the cost of a
        100,000-record load. One record (``_create``) takes the same path. ``outbox=False`` is
        for records that came from HQ (sync): they are not local changes to send back.
        """
        if not recs:
            return
        from ..indexing import index_record

        conn = self.store.conn
        first = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM records").fetchone()[0]
        rows, texts, history, queued = [], [], [], []
        for rowid, rec in enumerate(recs, first):
            row, text = index_record(rec)
            rows.append((rowid, *row.values()))
            if not rec.deleted:
                texts.append((rowid, text))
            at = (rec.updated_at or utcnow()).isoformat()
            history.append((rec.id, rec.revision, at, author, action, "{}"))
            if outbox:
                fields = json.dumps(sorted(rec.model_fields_set | {"id"}))
                op = "delete" if rec.deleted else "upsert"
                queued.append((new_id(), rec.id, rec.kind, op, rec.revision, None, fields, at))
        cols = ",".join(["rowid", *row])
        try:
            conn.executemany(
                f"INSERT INTO records ({cols}) VALUES ({','.join('?' * (len(row) + 1))})", rows
            )
        except Exception as exc:  # sqlite3's or sqlcipher3's IntegrityError
            if not is_integrity_error(exc):
                raise
            # executemany stopped at the offending row: the rows before it are in (for now).
            done = conn.execute(
                "SELECT count(*) FROM records WHERE rowid >= ?", (first,)
            ).fetchone()
            dup = recs[done[0]].id
            raise FieldKitError(Message("store.id_exists", id=dup)) from None
        conn.executemany("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", texts)
        conn.executemany(_HISTORY_INSERT, history)
        if outbox:
            conn.executemany(_OUTBOX_INSERT, queued)

    def replace(
        self, old: Record, new: Record, action: str, allow_deleted: bool = False,
        workflow: bool = False,
    ) -> Record:  # fmt: skip
        """``workflow``: a step of the approval workflow (fieldkit.core.approval), which alone may
        change a record's approval; every other change passes the approval lock first."""
        check_replaceable(new, old.kind, old.deleted and not allow_deleted)
        old_data = old.model_dump(mode="json")
        new_data = new.model_dump(mode="json")
        changed = diff(old_data, new_data)
        if changed and not workflow:
            from ..approval import guard_edit

            guarded = guard_edit(old, new)
            if guarded is not new:
                new, new_data = guarded, guarded.model_dump(mode="json")
                changed = diff(old_data, new_data)
        tomb_changed = bool(old.deleted_at) != bool(new.deleted_at)
        if not changed and not tomb_changed:
            return old
        now = utcnow()
        author = self.store.author
        rec = self.next_revision(new, old.revision, old.created_at, old.created_by, now)
        self.write_row(rec, insert=False)
        if tomb_changed:
            changed["deleted"] = [old.deleted, rec.deleted]
        self.log(rec, action, changed, now, author)
        self.queue(rec, "delete" if rec.deleted else "upsert", sorted(changed))
        return rec

    def next_revision(
        self, new: Record, revision: int, created_at: datetime | None, created_by: str,
        now: datetime,
    ) -> Record:  # fmt: skip
        """``new`` as the stored record's next revision: creation kept, this edit stamped."""
        return new.model_copy(
            update={
                "revision": revision + 1,
                "created_at": created_at,
                "created_by": created_by,
                "updated_at": now,
                "updated_by": self.store.author,
                "deleted_at": (new.deleted_at or now) if new.deleted_at else None,
            }
        )

    def set_deleted(self, old: Record, when: datetime | None) -> Record:
        now = utcnow()
        rec = old.model_copy(
            update={
                "deleted_at": when,
                "revision": old.revision + 1,
                "updated_at": now,
                "updated_by": self.store.author,
            }
        )
        self.write_row(rec, insert=False)
        action = "delete" if when else "restore"
        self.log(rec, action, {"deleted": [old.deleted, rec.deleted]}, now, self.store.author)
        self.queue(rec, "delete" if when else "upsert", ["deleted_at"])
        return rec

    def children_of(self, parent_id: str, deleted: bool = False) -> list[Record]:
        rows = self.store.conn.execute(
            "SELECT data FROM records WHERE parent_id = ? AND kind IN ('followup', 'attachment') "
            f"AND deleted_at IS {'NOT ' if deleted else ''}NULL",
            (parent_id,),
        ).fetchall()
        return [load_record(d) for (d,) in rows]

    def write_row(self, rec: Record, insert: bool) -> None:
        from ..indexing import index_record

        row, text = index_record(rec)
        conn = self.store.conn
        cols = list(row)
        if insert:
            try:
                cur = conn.execute(
                    f"INSERT INTO records ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                    list(row.values()),
                )
            except Exception as exc:  # sqlite3's or sqlcipher3's IntegrityError
                if not is_integrity_error(exc):
                    raise
                raise FieldKitError(Message("store.id_exists", id=rec.id)) from None
            rowid = cur.lastrowid
        else:
            sets = ",".join(f"{c} = ?" for c in cols)
            rowid = conn.execute(
                f"UPDATE records SET {sets} WHERE id = ? RETURNING rowid", [*row.values(), rec.id]
            ).fetchone()[0]
            conn.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
        if not rec.deleted:
            conn.execute("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", (rowid, text))

    def log(self, rec: Record, action: str, changes: dict, at: datetime, author: str) -> None:
        self.store.conn.execute(
            _HISTORY_INSERT,
            (
                rec.id,
                rec.revision,
                at.isoformat(),
                author,
                action,
                json.dumps(changes, ensure_ascii=False, default=str),
            ),
        )

    def queue(
        self, rec: Record, op: str, fields: list[str], base_version: int | None | bool = False
    ) -> None:
        """Add an outbox entry; ``base_version`` False means "look up the record's server version"."""
        if base_version is False:
            row = self.store.conn.execute(
                "SELECT version FROM server_versions WHERE id = ?", (rec.id,)
            ).fetchone()
            base_version = row[0] if row else None
        self.store.conn.execute(
            _OUTBOX_INSERT,
            (
                new_id(),
                rec.id,
                rec.kind,
                op,
                rec.revision,
                base_version,
                json.dumps(fields),
                utcnow().isoformat(),
            ),
        )

    def replace_many(self, batch: list[Record], action: str, author: str) -> tuple[list, int]:
        """Replace stored records by the ones in ``batch`` (same ids); returns (saved, unchanged).

        One ``executemany`` per table for the batch. A record whose fields did not change is left
        alone; an id not in the store, another kind, or a record in the trash raises.
        """
        from ..indexing import index_record

        conn = self.store.conn
        ids = [r.id for r in batch]
        marks = ",".join("?" * len(ids))
        stored = {
            row[0]: row[1:]
            for row in conn.execute(
                f"SELECT r.id, r.rowid, r.data, sv.version FROM records r {SERVER_VERSION} "
                f"WHERE r.id IN ({marks})",
                ids,
            )
        }
        now = utcnow()
        at = now.isoformat()
        saved, unchanged = [], 0
        rows, gone, texts, history, queued = [], [], [], [], []
        cols: list[str] = []
        for new in batch:
            if new.id not in stored:
                raise NotFound(Message("store.not_found", id=new.id))
            rowid, data, server_version = stored[new.id]
            old = json.loads(data)
            check_replaceable(new, old["kind"], bool(old.get("deleted_at")))
            changed = diff(old, new.model_dump(mode="json"))
            if not changed and not new.deleted_at:
                unchanged += 1
                continue
            created = old.get("created_at")
            rec = self.next_revision(
                new,
                old["revision"],
                datetime.fromisoformat(created) if created else None,
                old.get("created_by", ""),
                now,
            )
            if rec.deleted:
                changed["deleted"] = [False, True]
            row, text = index_record(rec)
            cols = list(row)
            rows.append((*row.values(), rowid))
            gone.append((rowid,))
            if not rec.deleted:
                texts.append((rowid, text))
            history.append(
                (rec.id, rec.revision, at, author, action,
                 json.dumps(changed, ensure_ascii=False, default=str))
            )  # fmt: skip
            op = "delete" if rec.deleted else "upsert"
            queued.append(
                (new_id(), rec.id, rec.kind, op, rec.revision, server_version,
                 json.dumps(sorted(changed)), at)
            )  # fmt: skip
            saved.append(rec)
        if rows:
            sets = ",".join(f"{c} = ?" for c in cols)
            conn.executemany(f"UPDATE records SET {sets} WHERE rowid = ?", rows)
            conn.executemany("DELETE FROM records_fts WHERE rowid = ?", gone)
            conn.executemany("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", texts)
            conn.executemany(_HISTORY_INSERT, history)
            conn.executemany(_OUTBOX_INSERT, queued)
        return saved, unchanged

    # ---- sync bookkeeping: which HQ version each record and each queued change is based on ----
    def set_server_versions(self, stamps: list[tuple[int | None, str]]) -> None:
        """(version, record id) pairs: the HQ version each local copy now matches (None: none).

        A narrow table of their own: setting a column of ``records`` rewrote each whole row (its
        text too), and sync stamps every record it pushes or pulls."""
        conn = self.store.conn
        conn.executemany(
            "INSERT OR REPLACE INTO server_versions (id, version) VALUES (?, ?)",
            [(rid, v) for v, rid in stamps if v is not None],
        )
        conn.executemany(
            "DELETE FROM server_versions WHERE id = ?", [(rid,) for v, rid in stamps if v is None]
        )

    def acknowledge(self, mutation_ids: list[str]) -> None:
        """Outbox entries HQ has stored: they are not sent again."""
        self.store.conn.executemany(
            "DELETE FROM outbox WHERE mutation_id = ?", [(m,) for m in mutation_ids]
        )

    def rebase_queued(self, bases: list[tuple[int, str]]) -> None:
        """(version, record id) pairs: edits still queued for a record are now based on ``version``."""
        self.store.conn.executemany("UPDATE outbox SET base_version = ? WHERE record_id = ?", bases)

    def requeue(self, record_id: str, kind: str, revision: int) -> None:
        """Queue a record for HQ again as new (HQ does not have it): no base version."""
        self.set_server_versions([(None, record_id)])
        self.store.conn.execute(
            _OUTBOX_INSERT,
            (new_id(), record_id, kind, "upsert", revision, None, '["id"]', utcnow().isoformat()),
        )
