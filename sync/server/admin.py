"""HQ IT's queries and the registry: publishing, statistics, export, conflicts, audit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .common import REGISTRY, Refused
from .db import Database
from .push import Batch, _write


def import_registry(
    db: Database, records: list[dict], embassy: str | None = None
) -> dict[str, int]:
    """Publish records from HQ: to ``embassy``, else to the embassy of each record's country
    (projects without one go to every laptop, read-only). Re-importing changes only what
    changed, with a new version, so laptops pull just that."""
    from fieldkit.core.models import parse_record

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with db.write() as c:
        batch = Batch(c, db, None, [])
        for n, data in enumerate(records, 1):
            try:
                rec = parse_record(data)
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                where = ".".join(str(x) for x in first.get("loc", ()))
                raise Refused(400, f"line {n}: {where}: {first.get('msg')}") from None
            target = (embassy or getattr(rec, "country", None) or REGISTRY).upper()
            doc = rec.model_dump(mode="json")
            rows = c.execute("SELECT embassy, data FROM records WHERE id = ?", (rec.id,)).fetchall()
            others = [r[0] for r in rows if r[0] != target]
            if others:
                raise Refused(400, f"line {n}: record {rec.id} belongs to {others[0]}")
            row = rows[0] if rows else None
            if row is not None:
                old = json.loads(row[1])
                if {k: v for k, v in old.items() if k != "revision"} == {
                    k: v for k, v in doc.items() if k != "revision"
                }:
                    counts["unchanged"] += 1
                    continue
                doc["revision"] = max(int(old.get("revision", 0)), rec.revision) + 1
            seq = batch.next_seq()
            text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            _write(batch, target, rec.kind, seq, "hq", text, rec.deleted,
                   doc.get("sha256"), rec.id, insert=row is None)  # fmt: skip
            counts["updated" if row else "created"] += 1
        batch.flush()
    return counts


def stats(db: Database) -> dict[str, Any]:
    with db.read() as c:
        per: dict[str, Any] = {}
        for embassy, kind, n, dead in c.execute(
            "SELECT embassy, kind, count(*), sum(deleted) FROM records GROUP BY embassy, kind"
        ).fetchall():
            e = per.setdefault(embassy, {"records": {}, "deleted": 0, "devices": []})
            e["records"][kind] = int(n - dead)
            e["deleted"] += int(dead)
        for d in c.execute(
            "SELECT id, embassy, name, last_sync, revoked_at FROM devices ORDER BY name"
        ).fetchall():
            e = per.setdefault(d[1], {"records": {}, "deleted": 0, "devices": []})
            e["devices"].append(
                {"id": d[0], "name": d[2], "last_sync": d[3], "revoked": bool(d[4])}
            )
        conflicts = {
            r[0]: int(r[1])
            for r in c.execute(
                "SELECT embassy, count(*) FROM conflicts WHERE resolved_at IS NULL GROUP BY embassy"
            ).fetchall()
        }
        audit = int(c.execute("SELECT count(*) FROM audit").fetchone()[0])
        seq = int(c.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])
    for embassy, e in per.items():
        e["open_conflicts"] = conflicts.get(embassy, 0)
    return {"embassies": per, "audit_events": audit, "sequence": seq}


def export(db: Database) -> Iterator[dict[str, Any]]:
    with db.read() as c:
        rows = c.execute("SELECT embassy, version, data FROM records ORDER BY version").fetchall()
    for embassy, version, data in rows:
        rec = json.loads(data)
        rec["_hq"] = {"embassy": embassy, "version": version}
        yield rec


def open_conflicts(db: Database, embassy: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, embassy, record_id, kind, device_id, fields, created_at FROM conflicts "
    sql += "WHERE resolved_at IS NULL" + (" AND embassy = ?" if embassy else "")
    sql += " ORDER BY created_seq, id"
    with db.read() as c:
        rows = [dict(zip(r.keys(), r, strict=True)) for r in c.execute(sql, (embassy,) if embassy else ()).fetchall()]  # fmt: skip
    for r in rows:
        r["fields"] = json.loads(r["fields"])
    return rows


def audit_events(db: Database) -> list[dict[str, Any]]:
    with db.read() as c:
        rows = c.execute(
            "SELECT id, device_id, embassy, at, author, event, record_id, detail, received_at "
            "FROM audit ORDER BY at, id"
        ).fetchall()
    return [dict(zip(r.keys(), r, strict=True)) for r in rows]
