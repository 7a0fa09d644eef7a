"""Conflicts and refused changes, as this laptop keeps them until someone settles them.

Part of ``SyncState`` (a mixin over the same store): conflicts HQ reported (this laptop's and,
mirrored, other laptops' of the embassy), the user's resolution queued as a normal edit, and
changes HQ refused, kept with its reason so nothing typed is lost.
"""

from __future__ import annotations

import json
from typing import Any

from fieldkit.core.envelope import ENVELOPE, utcnow
from fieldkit.core.errors import FieldKitError, NotFound
from fieldkit.core.messages import Message


class Conflicts:
    """The sync_conflicts and sync_rejected tables of ``SyncState`` (``self.store`` is the store)."""

    # ---- conflicts ---------------------------------------------------------------------------
    def mirror_conflicts(self, open_on_hq: list, own_device_id: str) -> tuple[int, int]:
        """Keep this laptop's list of conflicts in step with the embassy's open ones on HQ.

        Conflicts another laptop of the embassy hit are added (``device`` names that laptop), so
        anyone can see and settle them; those settled elsewhere are closed here. Returns (added,
        closed). ``open_on_hq`` comes with the last pull page, after this sync's push, so a
        conflict this laptop settled or hit a moment ago is already counted on HQ.
        """
        added = closed = 0
        now = utcnow().isoformat()
        with self.store.tx.write() as c:
            for k in open_on_hq:
                theirs_device = _get(k, "device_id") or ""
                device = "" if theirs_device == own_device_id else (
                    _get(k, "device_name") or theirs_device or "another laptop"
                )  # fmt: skip
                cur = c.execute(
                    "INSERT OR IGNORE INTO sync_conflicts (id, record_id, kind, fields, mine, "
                    "theirs, created_at, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (_get(k, "id"), _get(k, "record_id"), _get(k, "kind"),
                     json.dumps(_get(k, "fields")),
                     json.dumps(_get(k, "mine"), ensure_ascii=False),
                     json.dumps(_get(k, "theirs"), ensure_ascii=False), now, device),
                )  # fmt: skip
                added += cur.rowcount
            still_open = {_get(k, "id") for k in open_on_hq}
            gone = [
                cid
                for (cid,) in c.execute(
                    "SELECT id FROM sync_conflicts WHERE resolved_at IS NULL"
                ).fetchall()
                if cid not in still_open
            ]
            c.executemany(
                "UPDATE sync_conflicts SET resolved_at = ?, resolution = 'elsewhere', "
                "reported = 1 WHERE id = ?",
                [(now, cid) for cid in gone],
            )
            closed = len(gone)
        return added, closed

    def conflicts(self, include_resolved: bool = False) -> list[dict[str, Any]]:
        """Open (or all) conflicts. ``device`` is '' for those this laptop's push hit, else the
        name of the laptop that hit them: ``mine`` is then that laptop's version."""
        sql = (
            "SELECT id, record_id, kind, fields, mine, theirs, created_at, resolved_at, resolution, "
            "device FROM sync_conflicts"
        )
        if not include_resolved:
            sql += " WHERE resolved_at IS NULL"
        with self.store.tx.read() as c:
            rows = c.execute(sql + " ORDER BY created_at").fetchall()
        return [
            {
                "id": r[0], "record_id": r[1], "kind": r[2], "fields": json.loads(r[3]),
                "mine": json.loads(r[4]), "theirs": json.loads(r[5]), "created_at": r[6],
                "resolved_at": r[7], "resolution": r[8], "device": r[9],
            }
            for r in rows
        ]  # fmt: skip

    def conflict(self, conflict_id: str) -> dict[str, Any]:
        matches = [
            k
            for k in self.conflicts(include_resolved=True)
            if k["id"] == conflict_id or (len(conflict_id) >= 4 and k["id"].startswith(conflict_id))
        ]
        if not matches:
            raise NotFound(Message("conflicts.not_found", id=conflict_id))
        if len(matches) > 1:
            raise FieldKitError(Message("conflicts.ambiguous", id=conflict_id))
        return matches[0]

    def resolve(
        self, conflict_id: str, keep: str, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Settle a conflict: ``mine`` puts this laptop's values back, ``theirs`` keeps HQ's.

        ``values`` (field -> value) chooses field by field (the side-by-side screen); fields not
        named keep HQ's value. The edit is an ordinary local change and syncs like any other.
        """
        if keep not in ("mine", "theirs"):
            raise FieldKitError(Message("conflicts.bad_keep"))
        k = self.conflict(conflict_id)
        if k["resolved_at"]:
            raise FieldKitError(
                Message("conflicts.already", id=k["id"], resolution=k["resolution"])
            )
        store = self.store
        mine = k["mine"]
        with store.tx.write() as c:
            try:
                current = store.get(k["record_id"], include_deleted=True)
            except NotFound:
                current = None
            if values is None and keep == "mine":
                if "deleted" in k["fields"]:
                    values = _user(mine)
                else:
                    values = {f: mine.get(f) for f in k["fields"]}
            if current is not None and values:
                wanted_deleted = bool(mine.get("deleted_at")) and keep == "mine"
                if wanted_deleted and not current.deleted:
                    store.delete(current.id)
                else:
                    if current.deleted and keep == "mine":
                        store.restore(current.id)
                    now = store.get(current.id).model_dump(mode="json")
                    changed = {f: v for f, v in values.items() if now.get(f) != v}
                    if changed:
                        store.update(current.id, changed)
            c.execute(
                "UPDATE sync_conflicts SET resolved_at = ?, resolution = ?, reported = 0 "
                "WHERE id = ?",
                (utcnow().isoformat(), keep, k["id"]),
            )
        return self.conflict(k["id"])

    def unreported_resolutions(self) -> list[tuple[str, str]]:
        with self.store.tx.read() as c:
            return c.execute(
                "SELECT id, resolution FROM sync_conflicts "
                "WHERE resolved_at IS NOT NULL AND reported = 0"
            ).fetchall()

    def mark_reported(self, ids: list[str]) -> None:
        with self.store.tx.write() as c:
            c.executemany(
                "UPDATE sync_conflicts SET reported = 1 WHERE id = ?", [(i,) for i in ids]
            )

    # ---- rejected ----------------------------------------------------------------------------
    def rejected(self) -> list[dict[str, Any]]:
        with self.store.tx.read() as c:
            rows = c.execute(
                "SELECT mutation_id, record_id, kind, reason, data, at FROM sync_rejected "
                "ORDER BY at"
            ).fetchall()
        return [
            {"mutation_id": r[0], "record_id": r[1], "kind": r[2], "reason": r[3],
             "data": json.loads(r[4]), "at": r[5]}
            for r in rows
        ]  # fmt: skip

    def dismiss_rejected(self, record_ids: list[str]) -> int:
        """Forget refused changes the user has read (their refused versions are not kept)."""
        with self.store.tx.write() as c:
            return c.executemany(
                "DELETE FROM sync_rejected WHERE record_id = ?", [(r,) for r in record_ids]
            ).rowcount


def _user(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ENVELOPE}


def _get(obj, name: str):
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)
