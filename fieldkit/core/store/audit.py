"""The audit trail: security events (unlock failures, passphrase changes, exports, prints)."""

from __future__ import annotations

import json
from typing import Any

from ..envelope import new_id, utcnow


class Audit:
    """The audit_log table of ``Store`` (a mixin). Append-only; sync sends it to HQ."""

    def audit(self, event: str, record_id: str | None = None, **detail: Any) -> None:
        """Record a security event (e.g. "export", "print", "unlock_failed", "passphrase_changed")."""
        with self.tx.write():
            self.db["audit_log"].insert(
                {
                    "id": new_id(),
                    "at": utcnow().isoformat(),
                    "author": self.author,
                    "event": event,
                    "record_id": record_id,
                    "detail": json.dumps(detail, ensure_ascii=False, default=str),
                }
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

    def mark_audit_synced(self, ids: list[str]) -> None:
        """HQ has these events (sync): they are not sent again."""
        if not ids:
            return
        at = utcnow().isoformat()
        with self.tx.write() as conn:
            conn.executemany(
                "UPDATE audit_log SET synced_at = ? WHERE id = ? AND synced_at IS NULL",
                [(at, i) for i in ids],
            )
