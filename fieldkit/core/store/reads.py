"""Reading the store: records, id lists for lazy views, summaries, search, history, status.

Every read takes the store's lock (``tx.read``): one connection is shared by the worker threads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .. import schema
from ..envelope import KINDS
from ..errors import FieldKitError, NotFound
from ..messages import Message
from ..query import RecordFilter, order_clause, where_clause
from .common import SUMMARY_COLUMNS, HistoryEntry, chunks, load_record, summary_row

if TYPE_CHECKING:
    from ..models import Record


class Reads:
    """The read side of ``Store`` (a mixin: the connection and lock are the store's)."""

    def get(self, record_id: str, *, include_deleted: bool = False) -> Record:
        with self.tx.read() as conn:
            row = conn.execute(
                "SELECT data, deleted_at FROM records WHERE id = ?", (record_id,)
            ).fetchone()
        if row is None or (row[1] and not include_deleted):
            code = "store.not_found_in_trash" if row else "store.not_found"
            raise NotFound(Message(code, id=record_id))
        return load_record(row[0])

    def find(self, prefix: str, *, include_deleted: bool = True) -> Record:
        """A record by its id or an unambiguous id prefix of at least 6 characters (for the CLI)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 6:
            raise FieldKitError(Message("store.id_too_short", id=prefix, n=6))
        with self.tx.read() as conn:
            rows = conn.execute(
                "SELECT data FROM records WHERE id >= ? AND id < ? LIMIT 2",
                (prefix, prefix + "\uffff"),
            ).fetchall()
        if not rows:
            raise NotFound(Message("store.not_found", id=prefix))
        if len(rows) > 1:
            raise FieldKitError(Message("store.id_ambiguous", id=prefix))
        record = load_record(rows[0][0])
        if record.deleted and not include_deleted:
            raise NotFound(Message("store.is_in_trash", id=record.id))
        return record

    def get_many(self, ids: Iterable[str]) -> list[Record]:
        ids = list(ids)
        out: dict[str, Record] = {}
        with self.tx.read() as conn:
            for chunk in chunks(ids, 500):
                marks = ",".join("?" * len(chunk))
                for (data,) in conn.execute(
                    f"SELECT data FROM records WHERE id IN ({marks})", chunk
                ):
                    rec = load_record(data)
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
            return [load_record(d) for (d,) in conn.execute(sql, params)]

    def iter_records(
        self, flt: RecordFilter = RecordFilter(), *, sort: str = "date", batch: int = 1000
    ) -> Iterator[Record]:
        """Like ``query`` but streams, for exports and reports over large stores."""
        for ids in chunks(self.ids(flt, sort=sort), batch):
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
            for chunk in chunks(ids, 500):
                marks = ",".join("?" * len(chunk))
                cur.execute(f"SELECT {SUMMARY_COLUMNS} FROM records WHERE id IN ({marks})", chunk)
                names = [d[0] for d in cur.description]
                for row in cur.fetchall():
                    out[row[0]] = summary_row(names, row)
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
            return [summary_row(names, row) for row in cur.fetchall()]

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

    def pending_changes(self) -> int:
        """Changes saved here and not yet accepted by HQ (the sync outbox)."""
        with self.tx.read() as conn:
            return conn.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def not_accepted_changes(self) -> int:
        """Changes HQ refused: no longer pending (nothing sends them again), and not filed."""
        with self.tx.read() as conn:
            return conn.execute("SELECT count(*) FROM sync_rejected").fetchone()[0]

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
            pending = self.pending_changes()
            # Changes HQ refused are not pending (nothing will send them) and not filed either.
            refused = conn.execute("SELECT count(*) FROM sync_rejected").fetchone()[0]
            drafts = conn.execute("SELECT count(*) FROM drafts").fetchone()[0]
            version = schema.user_version(conn)
        return {
            "data_dir": str(self.data_dir),
            "store": str(self.path),
            "schema_version": version,
            "counts": counts,
            "deleted": trash,
            "pending_changes": pending,
            "not_accepted_by_hq": refused,
            "drafts": drafts,
            "device_id": self.device_id,
        }
