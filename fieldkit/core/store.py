"""The local store: records, their history, the sync outbox and drafts, in one SQLite file.

Library first: the CLI, the desktop app, reports and sync all call a ``Store``. Every mutation is
one transaction that writes the record, its search text, a history entry and an outbox entry
together, so a crash loses either the whole action or nothing, and sync never misses a change.

    store = Store.open(Path("~/fk").expanduser())
    meeting = store.create(Meeting(subject="GX dialogue", date=date(2026, 3, 2), country="KE"))
    store.update(meeting.id, {"place": "Ministry of Energy"})
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from .blobs import BlobStore
from .db import Transaction, connect, prepare_for_writing
from .envelope import ENVELOPE, KINDS, new_id, utcnow
from .errors import FieldKitError, NotFound, StoreError, ValidationProblem, problems_from_pydantic
from .paths import STORE_FILE
from .query import RecordFilter, order_clause, where_clause
from .reference import use_overrides

if TYPE_CHECKING:  # records and settings are pydantic: imported where used, not for `status`
    from .models import Record
    from .settings import Settings

BATCH = 500  # records per executemany in bulk loads
_HISTORY_INSERT = (
    "INSERT INTO history (record_id, revision, at, author, action, changes) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_OUTBOX_INSERT = (
    "INSERT INTO outbox (mutation_id, record_id, kind, op, revision, base_version, fields, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)

SUMMARY_COLUMNS = (
    "id, kind, revision, title, country, date, due, status, classification, post, parent_id, "
    "updated_at, updated_by, deleted_at"
)


@dataclass
class Changes:
    """What a committed action changed, so views refresh only that (Anki's OpChanges)."""

    kinds: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    source: object | None = None

    def add(self, record: Record) -> None:
        self.kinds.add(record.kind)
        self.ids.add(record.id)

    def __bool__(self) -> bool:
        return bool(self.ids)


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    record_id: str
    revision: int
    at: str
    author: str
    action: str
    changes: dict[str, list]


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list]:
    """Field -> [old, new] for every user field that differs (envelope fields excluded)."""
    out = {}
    for key in old.keys() | new.keys():
        if key in ENVELOPE or key == "deleted_at":
            continue
        if old.get(key) != new.get(key):
            out[key] = [old.get(key), new.get(key)]
    return out


class Store:
    """One open FieldKit store. Thread-safe: all access to the connection is serialised."""

    def __init__(
        self,
        conn,
        path: Path,
        data_dir: Path,
        settings: Settings | None = None,
        blobs: BlobStore | None = None,
    ) -> None:
        self.conn = conn
        self.path = path
        self.data_dir = data_dir
        self._settings = settings
        self.tx = Transaction(conn)
        self.blobs = blobs or BlobStore(data_dir / "attachments")
        self._listeners: list[Callable[[Changes], None]] = []

    # ---- opening -------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        key: str | bytes | None = None,
        create: bool = True,
        settings: Settings | None = None,
    ) -> Store:
        """Open (and create or upgrade) the store in ``data_dir``.

        ``key`` opens an encrypted (SQLCipher) store: a passphrase, or the raw key derived from it
        (``fieldkit.core.opening.open_store`` adds conversion, back-off and auditing). Raises
        StoreError for a file that is not a FieldKit store and NewerStoreError for one from a newer
        FieldKit; neither is modified.
        """
        data_dir = Path(data_dir)
        path = data_dir / STORE_FILE
        if not path.exists():
            if not create:
                raise StoreError(f"no FieldKit store in {data_dir}")
            data_dir.mkdir(parents=True, exist_ok=True)
        elif path.is_dir():
            raise StoreError(f"{path} is a folder, not a FieldKit store")
        if path.exists():
            _check_header(path, encrypted=key is not None)
        if isinstance(key, str):  # a passphrase: stretch it as every keyed store is (Argon2id)
            from .security.kdf import key_for_file

            key = key_for_file(path, key).raw
        conn = connect(path, key=key)
        blobs = None
        try:
            schema.check_openable(conn, str(path))
            prepare_for_writing(conn)
            schema.upgrade(conn, str(path))
            if conn.execute("SELECT count(*) FROM meta WHERE key='device_id'").fetchone()[0] == 0:
                conn.execute("INSERT INTO meta VALUES ('device_id', ?)", (new_id(),))
            if key is not None:  # a keyed store keeps its attachments encrypted too
                from .security.blobs import encrypted_blobs

                blobs = encrypted_blobs(conn, data_dir)
        except BaseException:
            conn.close()
            raise
        use_overrides(data_dir)
        return cls(conn, path, data_dir, settings, blobs=blobs)

    def close(self) -> None:
        with self.tx.lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def settings(self) -> Settings:
        """The user's settings, read on first use (status and other reads never need them)."""
        if self._settings is None:
            from .settings import load_settings

            self._settings = load_settings(self.data_dir)
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    @property
    def author(self) -> str:
        return self.settings.author()

    @property
    def device_id(self) -> str:
        return self.meta("device_id") or ""

    def meta(self, key: str) -> str | None:
        with self.tx.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.tx.write() as conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # ---- change notification -------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changes], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _announce(self, changes: Changes) -> None:
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    # ---- reading -------------------------------------------------------------------------------
    def get(self, record_id: str, *, include_deleted: bool = False) -> Record:
        with self.tx.read() as conn:
            row = conn.execute(
                "SELECT data, deleted_at FROM records WHERE id = ?", (record_id,)
            ).fetchone()
        if row is None or (row[1] and not include_deleted):
            raise NotFound(
                f"no record with id {record_id}" + (" (it is in the trash)" if row else "")
            )
        return _load(row[0])

    def find(self, prefix: str, *, include_deleted: bool = True) -> Record:
        """A record by its id or an unambiguous id prefix of at least 6 characters (for the CLI)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 6:
            raise FieldKitError(f"id {prefix!r} is too short: give at least 6 characters")
        with self.tx.read() as conn:
            rows = conn.execute(
                "SELECT data FROM records WHERE id >= ? AND id < ? LIMIT 2",
                (prefix, prefix + "\uffff"),
            ).fetchall()
        if not rows:
            raise NotFound(f"no record with id {prefix}")
        if len(rows) > 1:
            raise FieldKitError(f"id {prefix} matches several records; give more characters")
        record = _load(rows[0][0])
        if record.deleted and not include_deleted:
            raise NotFound(f"record {record.id} is in the trash")
        return record

    def get_many(self, ids: Iterable[str]) -> list[Record]:
        ids = list(ids)
        out: dict[str, Record] = {}
        with self.tx.read() as conn:
            for chunk in _chunks(ids, 500):
                marks = ",".join("?" * len(chunk))
                for (data,) in conn.execute(
                    f"SELECT data FROM records WHERE id IN ({marks})", chunk
                ):
                    rec = _load(data)
                    out[rec.id] = rec
        return [out[i] for i in ids if i in out]

    def query(
        self,
        flt: RecordFilter = RecordFilter(),
        *,
        sort: str = "date",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Record]:
        """Full records matching a filter, in ``sort`` order."""
        where, params = where_clause(flt)
        sql = f"SELECT data FROM records r WHERE {where} ORDER BY {order_clause(sort)}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        with self.tx.read() as conn:
            return [_load(d) for (d,) in conn.execute(sql, params)]

    def iter_records(
        self, flt: RecordFilter = RecordFilter(), *, sort: str = "date", batch: int = 1000
    ) -> Iterator[Record]:
        """Like ``query`` but streams, for exports and reports over large stores."""
        for ids in _chunks(self.ids(flt, sort=sort), batch):
            yield from self.get_many(ids)

    def ids(self, flt: RecordFilter = RecordFilter(), *, sort: str = "date") -> list[str]:
        """Only the ids, in order: what a lazy list view holds."""
        where, params = where_clause(flt)
        with self.tx.read() as conn:
            return [
                i
                for (i,) in conn.execute(
                    f"SELECT r.id FROM records r WHERE {where} ORDER BY {order_clause(sort)}",
                    params,
                )
            ]

    def count(self, flt: RecordFilter = RecordFilter()) -> int:
        where, params = where_clause(flt)
        with self.tx.read() as conn:
            return conn.execute(f"SELECT count(*) FROM records r WHERE {where}", params).fetchone()[
                0
            ]

    def summaries(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Light rows (no record body) for list views, in the order of ``ids``."""
        ids = list(ids)
        out: dict[str, dict] = {}
        with self.tx.read() as conn:
            cur = conn.cursor()
            for chunk in _chunks(ids, 500):
                marks = ",".join("?" * len(chunk))
                cur.execute(f"SELECT {SUMMARY_COLUMNS} FROM records WHERE id IN ({marks})", chunk)
                names = [d[0] for d in cur.description]
                for row in cur.fetchall():
                    out[row[0]] = dict(zip(names, row, strict=True))
        return [out[i] for i in ids if i in out]

    def search(
        self, text: str, flt: RecordFilter = RecordFilter(), *, limit: int = 50, sort: str = "date"
    ) -> list[dict[str, Any]]:
        """Summaries of records whose text matches every term of ``text`` (any language)."""
        from dataclasses import replace

        flt = replace(flt, text=text)
        where, params = where_clause(flt)
        sql = (
            f"SELECT {SUMMARY_COLUMNS.replace('id,', 'r.id,', 1)} FROM records r WHERE {where} "
            f"ORDER BY {order_clause(sort)} LIMIT ?"
        )
        with self.tx.read() as conn:
            cur = conn.execute(sql, [*params, limit])
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def children(self, parent_id: str, kind: str | None = None) -> list[Record]:
        flt = RecordFilter(parent_id=parent_id, kinds=(kind,) if kind else ())
        return self.query(flt, sort="date_asc")

    def history(self, record_id: str) -> list[HistoryEntry]:
        with self.tx.read() as conn:
            rows = conn.execute(
                "SELECT seq, record_id, revision, at, author, action, changes FROM history "
                "WHERE record_id = ? ORDER BY seq",
                (record_id,),
            ).fetchall()
        return [HistoryEntry(*r[:6], json.loads(r[6])) for r in rows]

    def status(self) -> dict[str, Any]:
        with self.tx.read() as conn:
            counts = dict.fromkeys(KINDS, 0)
            counts.update(
                conn.execute(
                    "SELECT kind, count(*) FROM records WHERE deleted_at IS NULL GROUP BY kind"
                ).fetchall()
            )
            trash = conn.execute(
                "SELECT count(*) FROM records WHERE deleted_at IS NOT NULL"
            ).fetchone()[0]
            pending = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
            drafts = conn.execute("SELECT count(*) FROM drafts").fetchone()[0]
            version = schema.user_version(conn)
        return {
            "data_dir": str(self.data_dir),
            "store": str(self.path),
            "schema_version": version,
            "counts": counts,
            "deleted": trash,
            "pending_changes": pending,
            "drafts": drafts,
            "device_id": self.device_id,
        }

    # ---- writing -------------------------------------------------------------------------------
    def create(self, record: Record, *, source: object | None = None) -> Record:
        """Store a new record: revision 1, stamped with now and the current user."""
        changes = Changes(source=source)
        with self.tx.write():
            created = self._create(record, "create")
            changes.add(created)
        self._announce(changes)
        return created

    def create_many(self, records: Iterable[Record], *, action: str = "create") -> int:
        """Store many new records in one transaction (demo data, bulk loads).

        Records are written in batches with ``executemany``: per-row statement calls were most of
        the cost of a 100,000-record load (benchmarks/bench_store.py).
        """
        changes = Changes()
        author = self.author
        post = self.settings.post_name()
        n = 0
        with self.tx.write():
            for batch in _batches(records, BATCH):
                now = utcnow()
                stamped = [self._stamp_new(r, now, author, post, False) for r in batch]
                self._insert_batch(stamped, action, author)
                for rec in stamped:
                    changes.add(rec)
                n += len(stamped)
        self._announce(changes)
        return n

    def update(
        self, record_id: str, values: dict[str, Any], *, source: object | None = None
    ) -> Record:
        """Change some fields of a record; validated as a whole before anything is written."""
        bad = sorted(set(values) & ENVELOPE)
        if bad:
            raise FieldKitError(f"{', '.join(bad)} cannot be set directly")
        changes = Changes(source=source)
        with self.tx.write():
            old = self.get(record_id)
            data = old.model_dump(mode="json")
            data.update(values)
            new = validate_record(data, context=f"record {record_id}")
            saved = self._replace(old, new, "update")
            changes.add(saved)
        self._announce(changes)
        return saved

    def save(self, record: Record, *, source: object | None = None) -> Record:
        """Create or update from a whole model (what an editor form holds)."""
        changes = Changes(source=source)
        with self.tx.write():
            try:
                old = self.get(record.id)
            except NotFound:
                saved = self._create(record, "create")
            else:
                saved = self._replace(old, record, "update")
            changes.add(saved)
        self._announce(changes)
        return saved

    def delete(self, record_id: str, *, source: object | None = None) -> Record:
        """Move a record (and its follow-ups and attachments) to the trash: a tombstone that syncs."""
        changes = Changes(source=source)
        with self.tx.write():
            old = self.get(record_id)
            now = utcnow()
            for rec in [old, *self._children(old.id)]:
                changes.add(self._set_deleted(rec, now))
        self._announce(changes)
        return self.get(record_id, include_deleted=True)

    def restore(self, record_id: str, *, source: object | None = None) -> Record:
        """Bring a record back from the trash, with the children deleted together with it."""
        changes = Changes(source=source)
        with self.tx.write():
            old = self.get(record_id, include_deleted=True)
            if not old.deleted:
                raise FieldKitError(f"record {record_id} is not in the trash")
            deleted_with = [
                c for c in self._children(old.id, deleted=True) if c.deleted_at == old.deleted_at
            ]
            for rec in [old, *deleted_with]:
                changes.add(self._set_deleted(rec, None))
        self._announce(changes)
        return self.get(record_id)

    def import_records(
        self,
        records: Iterable[Record],
        *,
        action: str = "import",
        before_commit: Callable[[], None] | None = None,
    ) -> dict[str, int]:
        """Upsert by id in one transaction: new ids are created, changed ones get a revision.

        New records keep the envelope they came with (times, authors, revision). ``records`` may be
        a generator, read batch by batch; ``before_commit`` may raise to roll the whole import
        back, e.g. when a later line of the file turned out to be invalid.
        """
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        changes = Changes()
        author = self.author
        post = self.settings.post_name()
        with self.tx.write() as conn:
            for batch in _batches(records, BATCH):
                ids = [r.id for r in batch]
                marks = ",".join("?" * len(ids))
                existing = {
                    i for (i,) in conn.execute(f"SELECT id FROM records WHERE id IN ({marks})", ids)
                }
                now = utcnow()
                new = [
                    self._stamp_new(r, now, author, post, True)
                    for r in batch
                    if r.id not in existing
                ]
                self._insert_batch(new, action, author)
                counts["created"] += len(new)
                for rec in new:
                    changes.add(rec)
                for incoming in batch:
                    if incoming.id not in existing:
                        continue
                    old = self.get(incoming.id, include_deleted=True)
                    rec = self._replace(old, incoming, action, allow_deleted=True)
                    if rec.revision == old.revision:
                        counts["unchanged"] += 1
                    else:
                        counts["updated"] += 1
                        changes.add(rec)
            if before_commit:
                before_commit()
        self._announce(changes)
        return counts

    def update_many(self, records: Iterable[Record], *, action: str = "update") -> dict[str, int]:
        """Replace many existing records in one transaction, as ``save`` does one (bulk re-imports).

        Each record replaces the stored one with its id. One whose fields did not change is left
        alone (no revision, history or outbox entry); the others get the next revision, new search
        text, a history entry naming the fields changed and an outbox entry, written with one
        ``executemany`` per table for each batch. An id not in the store, another kind, or a record
        in the trash raises (and, the transaction being one, nothing of the call is kept).
        """
        from .indexing import index_record

        counts = {"updated": 0, "unchanged": 0}
        changes = Changes()
        author = self.author
        with self.tx.write() as conn:
            for batch in _batches(records, BATCH):
                ids = [r.id for r in batch]
                marks = ",".join("?" * len(ids))
                stored = {
                    row[0]: row[1:]
                    for row in conn.execute(
                        f"SELECT id, rowid, data, server_version FROM records WHERE id IN ({marks})",
                        ids,
                    )
                }
                now = utcnow()
                at = now.isoformat()
                rows, gone, texts, history, queued = [], [], [], [], []
                cols: list[str] = []
                for new in batch:
                    if new.id not in stored:
                        raise NotFound(f"no record with id {new.id}")
                    rowid, data, server_version = stored[new.id]
                    old = json.loads(data)
                    _check_replaceable(new, old["kind"], bool(old.get("deleted_at")))
                    changed = diff(old, new.model_dump(mode="json"))
                    if not changed and not new.deleted_at:
                        counts["unchanged"] += 1
                        continue
                    created = old.get("created_at")
                    rec = self._next_revision(
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
                    counts["updated"] += 1
                    changes.add(rec)
                if not rows:
                    continue
                sets = ",".join(f"{c} = ?" for c in cols)
                conn.executemany(f"UPDATE records SET {sets} WHERE rowid = ?", rows)
                conn.executemany("DELETE FROM records_fts WHERE rowid = ?", gone)
                conn.executemany("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", texts)
                conn.executemany(_HISTORY_INSERT, history)
                conn.executemany(_OUTBOX_INSERT, queued)
        self._announce(changes)
        return counts

    # ---- drafts --------------------------------------------------------------------------------
    def save_draft(
        self, key: str, kind: str, data: dict[str, Any], record_id: str | None = None
    ) -> None:
        """Keep an unsaved edit; the editor calls this every few seconds."""
        with self.tx.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?)",
                (
                    key,
                    kind,
                    record_id,
                    json.dumps(data, ensure_ascii=False, default=str),
                    utcnow().isoformat(),
                ),
            )

    def drafts(self) -> list[dict[str, Any]]:
        with self.tx.read() as conn:
            rows = conn.execute(
                "SELECT key, kind, record_id, data, saved_at FROM drafts ORDER BY saved_at"
            ).fetchall()
        return [
            {"key": k, "kind": kind, "record_id": rid, "data": json.loads(d), "saved_at": at}
            for k, kind, rid, d, at in rows
        ]

    def discard_draft(self, key: str) -> None:
        with self.tx.write() as conn:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))

    # ---- audit trail ---------------------------------------------------------------------------
    def audit(self, event: str, record_id: str | None = None, **detail: Any) -> None:
        """Record a security event (e.g. "export", "print", "unlock_failed", "passphrase_changed")."""
        with self.tx.write() as conn:
            conn.execute(
                "INSERT INTO audit_log (id, at, author, event, record_id, detail) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    new_id(),
                    utcnow().isoformat(),
                    self.author,
                    event,
                    record_id,
                    json.dumps(detail, ensure_ascii=False, default=str),
                ),
            )

    def audit_events(self, limit: int = 1000) -> list[dict[str, Any]]:
        with self.tx.read() as conn:
            cur = conn.execute(
                "SELECT seq, id, at, author, event, record_id, detail, synced_at FROM audit_log "
                "ORDER BY seq DESC LIMIT ?",
                (limit,),
            )
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        for r in rows:
            r["detail"] = json.loads(r["detail"])
        return rows

    # ---- outbox (read by sync) -----------------------------------------------------------------
    def outbox(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT seq, mutation_id, record_id, kind, op, revision, base_version, fields, "
            "created_at FROM outbox ORDER BY seq"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self.tx.read() as conn:
            cur = conn.execute(sql)
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        for r in rows:
            r["fields"] = json.loads(r["fields"])
        return rows

    # ---- internals -----------------------------------------------------------------------------
    def _create(self, record: Record, action: str, keep_envelope: bool = False) -> Record:
        author = self.author
        rec = self._stamp_new(record, utcnow(), author, self.settings.post_name(), keep_envelope)
        self._insert_batch([rec], action, author)
        return rec

    @staticmethod
    def _stamp_new(
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

    def _insert_batch(
        self, recs: list[Record], action: str, author: str, *, outbox: bool = True
    ) -> None:
        """Write new records: rows, search text, a history entry and an outbox entry each.

        Four ``executemany`` statements for the lot: per-row calls were most of the cost of a
        100,000-record load. One record (``_create``) takes the same path. ``outbox=False`` is
        for records that came from HQ (sync): they are not local changes to send back.
        """
        if not recs:
            return
        from .indexing import index_record

        conn = self.conn
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
            if not _is_integrity_error(exc):
                raise
            # executemany stopped at the offending row: the rows before it are in (for now).
            done = conn.execute(
                "SELECT count(*) FROM records WHERE rowid >= ?", (first,)
            ).fetchone()
            dup = recs[done[0]].id
            raise FieldKitError(f"a record with id {dup} already exists") from None
        conn.executemany("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", texts)
        conn.executemany(_HISTORY_INSERT, history)
        if outbox:
            conn.executemany(_OUTBOX_INSERT, queued)

    def _replace(
        self, old: Record, new: Record, action: str, allow_deleted: bool = False
    ) -> Record:
        _check_replaceable(new, old.kind, old.deleted and not allow_deleted)
        old_data = old.model_dump(mode="json")
        new_data = new.model_dump(mode="json")
        changed = diff(old_data, new_data)
        tomb_changed = bool(old.deleted_at) != bool(new.deleted_at)
        if not changed and not tomb_changed:
            return old
        now = utcnow()
        author = self.author
        rec = self._next_revision(new, old.revision, old.created_at, old.created_by, now)
        self._write_row(rec, insert=False)
        if tomb_changed:
            changed["deleted"] = [old.deleted, rec.deleted]
        self._log(rec, action, changed, now, author)
        self._queue(rec, "delete" if rec.deleted else "upsert", sorted(changed))
        return rec

    def _next_revision(
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
                "updated_by": self.author,
                "deleted_at": (new.deleted_at or now) if new.deleted_at else None,
            }
        )

    def _set_deleted(self, old: Record, when: datetime | None) -> Record:
        now = utcnow()
        rec = old.model_copy(
            update={
                "deleted_at": when,
                "revision": old.revision + 1,
                "updated_at": now,
                "updated_by": self.author,
            }
        )
        self._write_row(rec, insert=False)
        action = "delete" if when else "restore"
        self._log(rec, action, {"deleted": [old.deleted, rec.deleted]}, now, self.author)
        self._queue(rec, "delete" if when else "upsert", ["deleted_at"])
        return rec

    def _children(self, parent_id: str, deleted: bool = False) -> list[Record]:
        rows = self.conn.execute(
            "SELECT data FROM records WHERE parent_id = ? AND kind IN ('followup', 'attachment') "
            f"AND deleted_at IS {'NOT ' if deleted else ''}NULL",
            (parent_id,),
        ).fetchall()
        return [_load(d) for (d,) in rows]

    def _write_row(self, rec: Record, insert: bool) -> None:
        from .indexing import index_record

        row, text = index_record(rec)
        conn = self.conn
        cols = list(row)
        if insert:
            try:
                cur = conn.execute(
                    f"INSERT INTO records ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                    list(row.values()),
                )
            except Exception as exc:  # sqlite3's or sqlcipher3's IntegrityError
                if not _is_integrity_error(exc):
                    raise
                raise FieldKitError(f"a record with id {rec.id} already exists") from None
            rowid = cur.lastrowid
        else:
            sets = ",".join(f"{c} = ?" for c in cols)
            rowid = conn.execute(
                f"UPDATE records SET {sets} WHERE id = ? RETURNING rowid", [*row.values(), rec.id]
            ).fetchone()[0]
            conn.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
        if not rec.deleted:
            conn.execute("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", (rowid, text))

    def _log(self, rec: Record, action: str, changes: dict, at: datetime, author: str) -> None:
        self.conn.execute(
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

    def _queue(
        self, rec: Record, op: str, fields: list[str], base_version: int | None | bool = False
    ) -> None:
        """Add an outbox entry; ``base_version`` False means "look up the record's server version"."""
        if base_version is False:
            row = self.conn.execute(
                "SELECT server_version FROM records WHERE id = ?", (rec.id,)
            ).fetchone()
            base_version = row[0] if row else None
        self.conn.execute(
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


def _load(data: str) -> Record:
    from .models import parse_record

    # Stored JSON was validated on the way in; re-validating keeps the types exact (dates, enums).
    return parse_record(json.loads(data))


def validate_record(data: dict[str, Any], context: str = "") -> Record:
    """A record from plain data, or a ValidationProblem naming every bad field."""
    from pydantic import ValidationError

    from .models import parse_record

    try:
        return parse_record(data)
    except ValidationError as exc:
        raise ValidationProblem(problems_from_pydantic(exc), context) from None


def _is_integrity_error(exc: BaseException) -> bool:
    # An encrypted store's connection (sqlcipher3) raises its own IntegrityError class.
    return isinstance(exc, sqlite3.IntegrityError) or type(exc).__name__ == "IntegrityError"


def _check_replaceable(new: Record, stored_kind: str, in_trash: bool) -> None:
    """An edit may not change a record's kind, nor touch one in the trash."""
    if new.kind != stored_kind:
        raise FieldKitError(f"record {new.id} is a {stored_kind}, not a {new.kind}")
    if in_trash:
        raise FieldKitError(f"record {new.id} is in the trash; restore it before editing")


def _batches(items: Iterable[Any], size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _check_header(path: Path, encrypted: bool) -> None:
    """Refuse a file that is plainly not SQLite before SQLite touches it (and maybe writes a WAL)."""
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head:
        return  # an empty file: SQLite makes a store of it
    if not encrypted and head != b"SQLite format 3\x00":
        raise StoreError(
            f"{path} is not a FieldKit store (not an SQLite file); it was left untouched"
        )
