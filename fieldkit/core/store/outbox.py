"""The outbox: every local change waiting to be sent to HQ, in order (read by sync)."""

from __future__ import annotations

import json
from typing import Any


class Outbox:
    """The outbox table of ``Store`` (a mixin); the writer fills it, ``sync.state`` empties it."""

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
