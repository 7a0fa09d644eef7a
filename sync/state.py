"""The laptop's side of sync, kept in the store: what to push, applying what HQ sends, conflicts.

No network here (that is ``sync.client``) and no Qt. Records are written only through the
store's public writer (``store.writer``), inside ``store.tx.write()``, as every other change is;
the sync tables (``sync_state``, ``sync_conflicts``, ``sync_rejected``, ``sync_blobs``) are this
module's own. Every step is one store transaction:
a pulled page is applied together with the new cursor, a push answer removes exactly the outbox
entries HQ acknowledged, so an interrupted sync resumes where it stopped and never applies, sends
or loses a change twice. Records HQ sends are written without outbox entries (they are not local
changes) and stamped with HQ's version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from fieldkit.core.envelope import ENVELOPE, utcnow
from fieldkit.core.gcpause import paused_gc
from fieldkit.core.schema import SERVER_VERSION
from fieldkit.core.store import Changes, Store, diff
from sync.conflicts import Conflicts, _get
from sync.protocol import record_checksum

if TYPE_CHECKING:
    from fieldkit.core.models import Record


def parse_record(data: dict[str, Any]) -> Record:
    # The models are imported by the first page that brings records, not by every sync
    # command: a push alone never builds them (start-up).
    from fieldkit.core.models import parse_record as parse

    return parse(data)


@dataclass
class Pending:
    """One record's outbox entries folded into one push: its current data and HQ base version."""

    record_id: str
    kind: str
    ids: list[str]
    base: int | None
    raw: bytes  # the record's stored JSON (UTF-8), sent as it is
    last_seq: int
    _data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self.raw)
        return self._data


@dataclass
class Applied:
    """What applying a batch from HQ did, for the summary and the UI."""

    applied: int = 0
    skipped: int = 0  # pending local edits win until pushed; HQ merges them
    invalid: list[str] = field(default_factory=list)
    conflicts: int = 0
    rejected: int = 0
    changes: Changes = field(default_factory=lambda: Changes(source="sync"))


class SyncState(Conflicts):
    """Sync bookkeeping for one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- small state -------------------------------------------------------------------------
    def get(self, key: str, default: str | None = None) -> str | None:
        with self.store.tx.read() as c:
            row = c.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str | None) -> None:
        with self.store.tx.write() as c:
            if value is None:
                c.execute("DELETE FROM sync_state WHERE key = ?", (key,))
            else:
                c.execute("INSERT OR REPLACE INTO sync_state VALUES (?, ?)", (key, value))

    @property
    def cursor(self) -> int:
        return int(self.get("cursor", "0") or 0)

    def reset_cursor(self) -> None:
        self.set("cursor", "0")

    # ---- push --------------------------------------------------------------------------------
    def pending_count(self) -> int:
        with self.store.tx.read() as c:
            return c.execute("SELECT count(DISTINCT record_id) FROM outbox").fetchone()[0]

    def pending(
        self, limit: int = 500, exclude: set[str] | frozenset = frozenset()
    ) -> list[Pending]:
        """The oldest ``limit`` changed records, each with every outbox id that changed it.

        ``exclude`` skips records already in a request that is still on its way.
        """
        groups: dict[str, Pending] = {}
        with self.store.tx.read() as c:
            # Walk the outbox in order only as far as needed to find ``limit`` records...
            cur = c.execute("SELECT record_id FROM outbox ORDER BY seq")
            while len(groups) < limit:
                rows = cur.fetchmany(1000)
                if not rows:
                    break
                for (rid,) in rows:
                    if rid not in groups and rid not in exclude and len(groups) < limit:
                        groups[rid] = Pending(rid, "", [], None, b"", 0)
            cur.close()
            ids = list(groups)
            found: set[str] = set()
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                # ...then every entry of those records, wherever it is in the outbox.
                for seq, mid, rid, kind, base in c.execute(
                    "SELECT seq, mutation_id, record_id, kind, base_version FROM outbox "
                    f"WHERE record_id IN ({marks}) ORDER BY seq",
                    chunk,
                ):
                    g = groups[rid]
                    if not g.ids:
                        g.kind, g.base = kind, base
                    g.ids.append(mid)
                    g.last_seq = seq
                # As bytes: the request is bytes, and decoding the text only to encode it
                # again was a tenth of the laptop's work in a push.
                for rid, raw in c.execute(
                    f"SELECT id, CAST(data AS BLOB) FROM records WHERE id IN ({marks})", chunk
                ):
                    groups[rid].raw = raw
                    found.add(rid)
        # A record that is gone (never happens through the Store API) cannot be sent.
        return [g for rid, g in groups.items() if rid in found]

    def record_pushed(self, batch: list[Pending], versions: list[int], outcomes: list) -> Applied:
        """Apply HQ's answer to a push, in one transaction.

        ``outcomes`` are protocol Outcome objects (or dicts) for the mutations that were not a
        plain fast-forward. Edits made on this laptop while the push was in flight stay queued,
        rebased onto what HQ answered, so they are neither lost nor reported as conflicts.
        """
        by_index = {int(_get(o, "i")): o for o in outcomes}
        result = Applied()
        with self.store.tx.write() as c:
            self.store.writer.acknowledge([mid for item in batch for mid in item.ids])
            rids = [item.record_id for item in batch]
            newer: set[str] = set()
            for i in range(0, len(rids), 500):
                chunk = rids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                newer.update(
                    r for (r,) in c.execute(
                        f"SELECT DISTINCT record_id FROM outbox WHERE record_id IN ({marks})", chunk
                    )
                )  # fmt: skip
            plain: list[tuple[int, str]] = []
            for i, item in enumerate(batch):
                outcome = by_index.get(i)
                version = versions[i] if i < len(versions) else 0
                if outcome is None:
                    plain.append((version, item.record_id))
                    continue
                self._settle(c, item, outcome, version, item.record_id in newer, result)
            self.store.writer.set_server_versions(plain)
            self.store.writer.rebase_queued([(v, r) for v, r in plain if r in newer])
            c.executemany("DELETE FROM sync_rejected WHERE record_id = ?", [(r,) for _, r in plain])
        self.store.writer.announce(result.changes)
        return result

    def _settle(self, c, item: Pending, outcome, version: int, newer: bool, result: Applied):
        """A mutation HQ did more with than a fast-forward: merged, conflict, duplicate, refused."""
        status = _get(outcome, "status")
        hq_record = _get(outcome, "record")
        if status == "rejected":
            result.rejected += 1
            # One entry per record: its latest refused version, with HQ's latest reason.
            c.execute("DELETE FROM sync_rejected WHERE record_id = ?", (item.record_id,))
            c.execute(
                "INSERT OR REPLACE INTO sync_rejected VALUES (?, ?, ?, ?, ?, ?)",
                (item.ids[0], item.record_id, item.kind, _get(outcome, "reason") or "",
                 json.dumps(item.data, ensure_ascii=False), utcnow().isoformat()),
            )  # fmt: skip
            hq_version = _get(outcome, "version")
            if hq_record and hq_version and not newer:
                # The refused data is kept above; show what HQ holds so the laptop converges.
                self._apply_one(c, hq_record, int(hq_version), result, force=True)
            return
        c.execute("DELETE FROM sync_rejected WHERE record_id = ?", (item.record_id,))
        conflict = _get(outcome, "conflict")
        if conflict:
            result.conflicts += 1
            self._keep_conflict(c, conflict)
        if hq_record is not None and hq_record != item.data:
            if newer:
                self._rebase(c, item, hq_record, version, result)
            else:
                self._apply_one(c, hq_record, version, result, force=True)
        else:
            self.store.writer.set_server_versions([(version, item.record_id)])
        if newer:
            # Later edits were made on top of what HQ now holds as ``version``.
            self.store.writer.rebase_queued([(version, item.record_id)])

    def _rebase(self, c, item: Pending, hq: dict, version: int, result: Applied) -> None:
        """HQ merged other laptops' fields into a record edited again here meanwhile: keep the
        new local edits on top of HQ's merge (still queued for the next push)."""
        local = json.loads(
            c.execute("SELECT data FROM records WHERE id = ?", (item.record_id,)).fetchone()[0]
        )
        merged = dict(hq)
        for key in set(local) | set(item.data):
            if key in ENVELOPE:
                continue
            if local.get(key) != item.data.get(key):
                merged[key] = local.get(key)
        if bool(local.get("deleted_at")) != bool(item.data.get("deleted_at")):
            merged["deleted_at"] = local.get("deleted_at")
        merged["revision"] = max(int(hq.get("revision", 0)), int(local.get("revision", 0))) + 1
        self._apply_one(c, merged, version, result, force=True)

    def _keep_conflict(self, c, conflict) -> None:
        c.execute(
            "INSERT OR IGNORE INTO sync_conflicts (id, record_id, kind, fields, mine, theirs, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                _get(conflict, "id"),
                _get(conflict, "record_id"),
                _get(conflict, "kind"),
                json.dumps(_get(conflict, "fields")),
                json.dumps(_get(conflict, "mine"), ensure_ascii=False),
                json.dumps(_get(conflict, "theirs"), ensure_ascii=False),
                utcnow().isoformat(),
            ),
        )

    # ---- pull --------------------------------------------------------------------------------
    @paused_gc()  # a page is bounded (pull_page_size records): see gcpause
    def apply_page(
        self, records: list[dict[str, Any]], versions: list[int], cursor: int | None
    ) -> Applied:
        """Write records from HQ and move the cursor, all in one transaction.

        Records this laptop does not have yet (most of a first pull) are written together, a few
        statements for the page, the way bulk loads are; known ones go one by one (compared,
        merged with pending edits, their changes logged).
        """
        result = Applied()
        with self.store.tx.write() as c:
            ids = [str(d.get("id", "")) for d in records]
            known: dict[str, tuple] = {}
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for rid, data, sv, pending in c.execute(
                    f"SELECT r.id, r.data, sv.version, EXISTS (SELECT 1 FROM outbox o "
                    f"WHERE o.record_id = r.id) FROM records r {SERVER_VERSION} "
                    f"WHERE r.id IN ({marks})",
                    chunk,
                ):
                    known[rid] = (data, sv, pending)
            stamps: list[tuple[int, str]] = []
            fresh: dict[str, tuple[Record, int]] = {}
            for data, version, rid in zip(records, versions, ids, strict=True):
                row = known.get(rid)
                if row is not None:
                    self._apply_one(c, data, version, result, row=row, stamps=stamps)
                    continue
                try:
                    rec = parse_record(data)
                except ValidationError:
                    result.invalid.append(rid)
                    continue
                if rid not in fresh or fresh[rid][1] < version:
                    fresh[rid] = (rec, version)  # an id twice in one page: the later version
            self._insert_new(c, list(fresh.values()), result)
            stamps += [(version, rec.id) for rec, version in fresh.values()]
            self.store.writer.set_server_versions(stamps)
            if cursor is not None:
                c.execute("INSERT OR REPLACE INTO sync_state VALUES ('cursor', ?)", (str(cursor),))
        self.store.writer.announce(result.changes)
        return result

    def _insert_new(self, c, fresh: list[tuple[Record, int]], result: Applied) -> None:
        """Records new to this laptop, written in batches without outbox entries (they came from
        HQ and must not be pushed back). History names each record's author, as HQ sent it."""
        by_author: dict[str, list[Record]] = {}
        for rec, _version in fresh:
            by_author.setdefault(rec.updated_by or "HQ", []).append(rec)
        for author, recs in by_author.items():
            self.store.writer.insert(recs, "sync", author, outbox=False)
        for rec, _version in fresh:
            result.applied += 1
            result.changes.add(rec)
        self._want_photos(c, [rec for rec, _version in fresh])

    def _want_photos(self, c, recs: list[Record]) -> None:
        """Mark for download the files of live attachment records whose bytes this laptop lacks."""
        now = utcnow().isoformat()
        wanted = [
            (rec.sha256, now)  # type: ignore[attr-defined]
            for rec in recs
            if rec.kind == "attachment" and not rec.deleted
            and not self.store.blobs.has(rec.sha256)  # type: ignore[attr-defined]
        ]  # fmt: skip
        c.executemany("INSERT OR IGNORE INTO sync_blobs VALUES (?, 'wanted', ?)", wanted)

    def _apply_one(
        self, c, data: dict[str, Any], version: int, result: Applied, force: bool = False,
        row: Any = None, stamps: list[tuple[int, str]] | None = None,
    ) -> None:  # fmt: skip
        """One record from HQ over what this laptop holds (``row``; looked up when None)."""
        rid = str(data.get("id", ""))
        if row is None:
            row = c.execute(
                "SELECT r.data, sv.version, (SELECT count(*) FROM outbox WHERE record_id = ?) "
                f"FROM records r {SERVER_VERSION} WHERE r.id = ?",
                (rid, rid),
            ).fetchone()
        if row is not None and not force:
            if row[1] is not None and row[1] >= version:
                result.skipped += 1
                return
            if row[2]:
                # A local edit is waiting to be pushed: HQ will merge it with this version
                # (the push names the older base), so applying it here would only be undone.
                result.skipped += 1
                return
        try:
            rec = parse_record(data)
        except ValidationError:
            result.invalid.append(rid)
            return
        if row is None:
            self._insert_new(c, [(rec, version)], result)
            self.store.writer.set_server_versions([(version, rid)])
            return
        store = self.store
        old = json.loads(row[0])
        new = rec.model_dump(mode="json")
        changes = diff(old, new)
        if bool(old.get("deleted_at")) != bool(new.get("deleted_at")):
            changes["deleted"] = [bool(old.get("deleted_at")), bool(new.get("deleted_at"))]
        store.writer.write_row(rec, insert=False)
        if stamps is None:
            store.writer.set_server_versions([(version, rid)])
        else:
            stamps.append((version, rid))  # one executemany for the page
        store.writer.log(rec, "sync", changes, utcnow(), rec.updated_by or "HQ")
        self._want_photos(c, [rec])
        result.applied += 1
        result.changes.add(rec)

    # ---- verification ------------------------------------------------------------------------
    def summary(self) -> dict[str, tuple[int, int]]:
        """Per kind: how many records this laptop holds at an HQ version, and their checksum."""
        out: dict[str, list[int]] = {}
        with self.store.tx.read() as c:
            for kind, rid, version in c.execute(
                "SELECT r.kind, r.id, sv.version FROM records r JOIN server_versions sv "
                "ON sv.id = r.id"
            ):
                acc = out.setdefault(kind, [0, 0])
                acc[0] += 1
                acc[1] += record_checksum(rid, version)
        return {k: (v[0], v[1]) for k, v in out.items()}

    def versions(self, kind: str) -> dict[str, int | None]:
        with self.store.tx.read() as c:
            return dict(
                c.execute(
                    f"SELECT r.id, sv.version FROM records r {SERVER_VERSION} WHERE r.kind = ?",
                    (kind,),
                ).fetchall()
            )

    def has_pending(self, record_id: str) -> bool:
        with self.store.tx.read() as c:
            return bool(
                c.execute(
                    "SELECT 1 FROM outbox WHERE record_id = ? LIMIT 1", (record_id,)
                ).fetchone()
            )

    def requeue(self, record_ids: list[str]) -> int:
        """Records this laptop believes HQ has, but HQ does not: queue them again as new."""
        n = 0
        with self.store.tx.write() as c:
            for rid in record_ids:
                row = c.execute(
                    "SELECT kind, revision FROM records WHERE id = ?", (rid,)
                ).fetchone()
                if row is None:
                    continue
                self.store.writer.requeue(rid, row[0], row[1])
                n += 1
        return n

    # ---- what HQ lets this laptop hold (its role and classification ceiling) -----------------
    def set_terms(self, role: str | None, ceiling: str | None) -> None:
        """Keep the role and ceiling HQ last gave (enrolment, every sync): the ceiling is what
        fieldkit.core.ceiling checks on every save."""
        if role:
            self.set("role", role)
        if ceiling:
            self.set("ceiling", ceiling)

    def withdraw(self, record_ids: list[str]) -> int:
        """Remove records HQ says this laptop may no longer hold (its role or ceiling changed, or
        the record's marking did): the record, its history, its search text, anything queued or
        refused for it, and photo bytes no remaining record names. Not a deletion to sync."""
        if not record_ids:
            return 0
        result = Applied()
        gone_files: list[str] = []
        with self.store.tx.write() as c:
            for i in range(0, len(record_ids), 500):
                chunk = record_ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = c.execute(
                    f"SELECT rowid, data FROM records WHERE id IN ({marks})", chunk
                ).fetchall()
                for rowid, data in rows:
                    try:
                        rec = parse_record(json.loads(data))
                    except ValidationError:
                        continue
                    result.changes.add(rec)
                    if rec.kind == "attachment":
                        gone_files.append(rec.sha256)  # type: ignore[attr-defined]
                    c.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
                for table, column in (("records", "id"), ("history", "record_id"),
                                      ("outbox", "record_id"), ("sync_rejected", "record_id"),
                                      ("sync_conflicts", "record_id")):  # fmt: skip
                    c.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
            still = {
                sha for (sha,) in c.execute(
                    "SELECT json_extract(data, '$.sha256') FROM records WHERE kind = 'attachment'"
                )
            }  # fmt: skip
        for sha in set(gone_files) - still:
            path = self.store.blobs.path(sha)
            path.unlink(missing_ok=True)
            self.mark_blob(sha, "withdrawn")
        self.store.writer.announce(result.changes)
        return len(result.changes.ids)

    # ---- changes HQ refused ("not accepted by HQ") -------------------------------------------
    def refused_count(self) -> int:
        with self.store.tx.read() as c:
            return c.execute("SELECT count(*) FROM sync_rejected").fetchone()[0]

    def refused_for(self, record_id: str) -> dict[str, Any] | None:
        """The record's change HQ refused, if any (shown on the record itself)."""
        with self.store.tx.read() as c:
            row = c.execute(
                "SELECT reason, at FROM sync_rejected WHERE record_id = ?", (record_id,)
            ).fetchone()
        return {"reason": row[0], "at": row[1]} if row else None

    def discard_refused(self, record_id: str) -> dict[str, Any]:
        """Give up a change HQ refused, deliberately (audited). The laptop keeps HQ's copy when
        HQ has one; a record HQ never accepted leaves this laptop, as it will never be filed.
        Returns what was done: {"record_id", "kept": "hq" | "removed"}."""
        from fieldkit.core.errors import FieldKitError
        from fieldkit.core.messages import Message, restored

        with self.store.tx.write() as c:
            rows = c.execute(
                "SELECT record_id, reason FROM sync_rejected WHERE record_id = ? OR "
                "record_id LIKE ? ESCAPE '\\'",
                (record_id, record_id.replace("%", "\\%").replace("_", "\\_") + "%"),
            ).fetchall()
            ids = sorted({r[0] for r in rows})
            if len(ids) != 1:
                code = "sync.refused_ambiguous" if ids else "sync.refused_unknown"
                raise FieldKitError(Message(code, id=record_id[:64], n=len(ids)))
            rid, reason = ids[0], rows[0][1]
            row = c.execute(
                f"SELECT sv.version FROM records r {SERVER_VERSION} WHERE r.id = ?", (rid,)
            ).fetchone()
            c.execute("DELETE FROM sync_rejected WHERE record_id = ?", (rid,))
            kept = "hq" if row is not None and row[0] is not None else "removed"
            self.store.audit("sync.refused_discarded", rid, reason=str(restored(reason)),
                             kept=kept)  # fmt: skip
        if kept == "removed":
            self.withdraw([rid])
        return {"record_id": rid, "kept": kept}

    # ---- audit trail -------------------------------------------------------------------------
    def unsynced_audit(self, limit: int = 2000) -> list[dict[str, Any]]:
        with self.store.tx.read() as c:
            rows = c.execute(
                "SELECT id, at, author, event, record_id, detail FROM audit_log "
                "WHERE synced_at IS NULL ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [
            {"id": r[0], "at": r[1], "author": r[2], "event": r[3], "record_id": r[4],
             "detail": json.loads(r[5] or "{}")}
            for r in rows
        ]  # fmt: skip

    def mark_audit_synced(self, ids: list[str]) -> None:
        self.store.mark_audit_synced(ids)

    # ---- attachment files --------------------------------------------------------------------
    def blobs_to_upload(self) -> list[tuple[str, int]]:
        """(sha256, size) of files named by records HQ has, that HQ may not have yet."""
        with self.store.tx.read() as c:
            rows = c.execute(
                "SELECT DISTINCT json_extract(r.data, '$.sha256'), json_extract(r.data, '$.size') "
                "FROM records r WHERE r.kind = 'attachment' AND r.deleted_at IS NULL "
                "AND EXISTS (SELECT 1 FROM server_versions sv WHERE sv.id = r.id) "
                "AND NOT EXISTS (SELECT 1 FROM sync_blobs b WHERE b.sha256 = "
                "json_extract(r.data, '$.sha256') AND b.state = 'uploaded')"
            ).fetchall()
        return [(sha, int(size)) for sha, size in rows if self.store.blobs.has(sha)]

    def wanted_blobs(self) -> list[str]:
        with self.store.tx.read() as c:
            rows = c.execute("SELECT sha256 FROM sync_blobs WHERE state = 'wanted'").fetchall()
        return [sha for (sha,) in rows]

    def mark_blob(self, sha: str, state: str) -> None:
        with self.store.tx.write() as c:
            c.execute(
                "INSERT OR REPLACE INTO sync_blobs VALUES (?, ?, ?)",
                (sha, state, utcnow().isoformat()),
            )
