"""Changing records: create, update, save, delete, restore, bulk loads and imports.

Each public method is one transaction through the store's one writer (``store.writer``) and
announces what it changed once committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..envelope import ENVELOPE, utcnow
from ..errors import FieldKitError, NotFound
from ..messages import Message
from .common import BATCH, Changes, batches, validate_record

if TYPE_CHECKING:
    from ..models import Record


class Writes:
    """The write side of ``Store`` (a mixin over ``store.writer``)."""

    def create(self, record: Record, *, source: object | None = None) -> Record:
        """Store a new record: revision 1, stamped with now and the current user."""
        changes = Changes(source=source)
        with self.tx.write():
            created = self.writer.create_one(record, "create")
            changes.add(created)
        self.writer.announce(changes)
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
            for batch in batches(records, BATCH):
                now = utcnow()
                stamped = [self.writer.stamp_new(r, now, author, post, False) for r in batch]
                self.writer.insert(stamped, action, author)
                for rec in stamped:
                    changes.add(rec)
                n += len(stamped)
        self.writer.announce(changes)
        return n

    def update(
        self, record_id: str, values: dict[str, Any], *, source: object | None = None
    ) -> Record:
        """Change some fields of a record; validated as a whole before anything is written."""
        bad = sorted(set(values) & ENVELOPE)
        if bad:
            raise FieldKitError(Message("store.envelope_field", fields=", ".join(bad)))
        changes = Changes(source=source)
        with self.tx.write():
            old = self.get(record_id)
            data = old.model_dump(mode="json")
            data.update(values)
            new = validate_record(data, context=f"record {record_id}")
            saved = self.writer.replace(old, new, "update")
            changes.add(saved)
        self.writer.announce(changes)
        return saved

    def save(self, record: Record, *, source: object | None = None) -> Record:
        """Create or update from a whole model (what an editor form holds)."""
        changes = Changes(source=source)
        with self.tx.write():
            try:
                old = self.get(record.id)
            except NotFound:
                saved = self.writer.create_one(record, "create")
            else:
                saved = self.writer.replace(old, record, "update")
            changes.add(saved)
        self.writer.announce(changes)
        return saved

    def delete(self, record_id: str, *, source: object | None = None) -> Record:
        """Move a record (and its follow-ups and attachments) to the trash: a tombstone that syncs."""
        changes = Changes(source=source)
        with self.tx.write():
            old = self.get(record_id)
            now = utcnow()
            for rec in [old, *self.writer.children_of(old.id)]:
                changes.add(self.writer.set_deleted(rec, now))
        self.writer.announce(changes)
        return self.get(record_id, include_deleted=True)

    def restore(self, record_id: str, *, source: object | None = None) -> Record:
        """Bring a record back from the trash, with the children deleted together with it."""
        changes = Changes(source=source)
        with self.tx.write():
            old = self.get(record_id, include_deleted=True)
            if not old.deleted:
                raise FieldKitError(Message("store.not_in_trash", id=record_id))
            deleted_with = [
                c
                for c in self.writer.children_of(old.id, deleted=True)
                if c.deleted_at == old.deleted_at
            ]
            for rec in [old, *deleted_with]:
                changes.add(self.writer.set_deleted(rec, None))
        self.writer.announce(changes)
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
            for batch in batches(records, BATCH):
                ids = [r.id for r in batch]
                marks = ",".join("?" * len(ids))
                existing = {
                    i for (i,) in conn.execute(f"SELECT id FROM records WHERE id IN ({marks})", ids)
                }
                now = utcnow()
                new = [
                    self.writer.stamp_new(r, now, author, post, True)
                    for r in batch
                    if r.id not in existing
                ]
                self.writer.insert(new, action, author)
                counts["created"] += len(new)
                for rec in new:
                    changes.add(rec)
                for incoming in batch:
                    if incoming.id not in existing:
                        continue
                    old = self.get(incoming.id, include_deleted=True)
                    rec = self.writer.replace(old, incoming, action, allow_deleted=True)
                    if rec.revision == old.revision:
                        counts["unchanged"] += 1
                    else:
                        counts["updated"] += 1
                        changes.add(rec)
            if before_commit:
                before_commit()
        self.writer.announce(changes)
        return counts

    def update_many(self, records: Iterable[Record], *, action: str = "update") -> dict[str, int]:
        """Replace many existing records in one transaction, as ``save`` does one (bulk re-imports).

        Each record replaces the stored one with its id. One whose fields did not change is left
        alone (no revision, history or outbox entry); the others get the next revision, new search
        text, a history entry naming the fields changed and an outbox entry, written with one
        ``executemany`` per table for each batch. An id not in the store, another kind, or a record
        in the trash raises (and, the transaction being one, nothing of the call is kept).
        """
        counts = {"updated": 0, "unchanged": 0}
        changes = Changes()
        author = self.author
        with self.tx.write():
            for batch in batches(records, BATCH):
                saved, unchanged = self.writer.replace_many(batch, action, author)
                counts["unchanged"] += unchanged
                counts["updated"] += len(saved)
                for rec in saved:
                    changes.add(rec)
        self.writer.announce(changes)
        return counts
