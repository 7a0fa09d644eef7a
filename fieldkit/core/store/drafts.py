"""Drafts: unsaved edits an editor keeps every few seconds, found again after a crash."""

from __future__ import annotations

import json
from typing import Any

from ..envelope import utcnow


class Drafts:
    """The drafts table of ``Store`` (a mixin)."""

    def save_draft(
        self, key: str, kind: str, data: dict[str, Any], record_id: str | None = None
    ) -> None:
        """Keep an unsaved edit; the editor calls this every few seconds."""
        with self.tx.write():
            self.db["drafts"].upsert(
                {
                    "key": key,
                    "kind": kind,
                    "record_id": record_id,
                    "data": json.dumps(data, ensure_ascii=False, default=str),
                    "saved_at": utcnow().isoformat(),
                },
                pk="key",
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
