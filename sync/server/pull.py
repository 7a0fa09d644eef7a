"""Pull: the changes a device may read (its embassy's and the registry's), in HQ order, by pages;
and the targeted re-pull (versions of one kind, fetch by id) used when checksums differ."""

from __future__ import annotations

import json

from sync import protocol as p

from . import metrics
from . import reference as hq_reference
from .common import Device, now_iso
from .db import Database
from .handling import max_rank, may_hold, own_marking, visible_params, visible_sql

VISIBLE = visible_sql()  # what the device may hold: see handling.py


def _among(dev: Device) -> str:
    """The embassy keys a device reads (its post's countries and the registry), as SQL."""
    return f"embassy IN ({','.join('?' * len(dev.readable))})"


def pull_json(db: Database, dev: Device, since: int, limit: int) -> str:
    """Changes after ``since`` that this device may read and did not write itself, as the JSON
    text sent to the laptop, assembled from the stored records."""
    with db.read() as c:  # one snapshot: the rows and the sequence agree
        refv = hq_reference.version_of(c)  # a laptop with other lists fetches them first
        rows = c.execute(
            f"SELECT version, data FROM records WHERE {_among(dev)} AND version > ? "
            f"AND origin != ? AND {VISIBLE} ORDER BY version LIMIT ?",
            (*dev.readable, since, dev.id, *visible_params(dev), limit + 1),
        ).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        if more:
            cursor = rows[-1][0]
            summary, conflicts = None, None
        else:
            # The end: everything up to HQ's sequence in this snapshot has been seen. Versions
            # are committed in number order (see push.py), so none below it can appear later.
            seq = int(c.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])
            cursor = max(since, seq)
            summary = _summary(c, db, dev)
            conflicts = [k for k in open_conflicts(c, dev.embassy) if _may_see(c, dev, k)]
    page = p.encode_pull_page(
        [r[1] for r in rows], [r[0] for r in rows], cursor, more, summary, conflicts,
        role=None if more else dev.role, ceiling=None if more else dev.ceiling,
        reference=refv,
    )  # fmt: skip
    metrics.PULLED.inc(len(rows))
    if not more:
        with db.write() as w:
            w.execute("UPDATE devices SET last_sync = ? WHERE id = ?", (now_iso(), dev.id))
    return page


def _summary(c, db: Database, dev: Device) -> dict[str, p.KindSummary]:
    return {
        kind: p.KindSummary(count=n, checksum=int(ck))
        for kind, n, ck in c.execute(
            f"SELECT kind, count(*), {db.sql('sum')}(ck) FROM records "
            f"WHERE {_among(dev)} AND {VISIBLE} GROUP BY kind",
            (*dev.readable, *visible_params(dev)),
        ).fetchall()
    }


def open_conflicts(c, embassy: str) -> list[p.Conflict]:
    return [
        p.Conflict(
            id=r[0], record_id=r[1], kind=r[2], fields=json.loads(r[3]),
            mine=json.loads(r[4]), theirs=json.loads(r[5]), created_seq=r[6],
            device_id=r[7], device_name=r[8] or "",
        )
        for r in c.execute(
            "SELECT k.id, k.record_id, k.kind, k.fields, k.mine, k.theirs, k.created_seq, "
            "k.device_id, d.name FROM conflicts k LEFT JOIN devices d ON d.id = k.device_id "
            "WHERE k.embassy = ? AND k.resolved_at IS NULL ORDER BY k.created_seq, k.id",
            (embassy,),
        ).fetchall()
    ]  # fmt: skip


def _may_see(c, dev: Device, k: p.Conflict) -> bool:
    """A conflict shows both versions: only to a device that may hold the record and both."""
    if dev.role == "staff" and dev.ceiling_rank >= max_rank():
        return True
    row = c.execute(
        "SELECT restricted_local, classification_rank FROM records WHERE id = ? AND embassy = ?",
        (k.record_id, dev.embassy),
    ).fetchone()
    marks = [tuple(row)] if row else []
    marks += [own_marking(k.mine), own_marking(k.theirs)]
    return all(may_hold(m, dev.role, dev.ceiling_rank) for m in marks)


def versions(db: Database, dev: Device, kind: str) -> p.VersionsResponse:
    with db.read() as c:
        rows = c.execute(
            f"SELECT id, version FROM records WHERE {_among(dev)} AND kind = ? AND {VISIBLE} "
            "ORDER BY id",
            (*dev.readable, kind, *visible_params(dev)),
        ).fetchall()
    return p.VersionsResponse(kind=kind, ids=[r[0] for r in rows], versions=[r[1] for r in rows])


def fetch(db: Database, dev: Device, ids: list[str]) -> p.FetchResponse:
    if not ids:
        return p.FetchResponse(records=[], versions=[])
    among, params = db.in_list(ids)
    with db.read() as c:
        rows = c.execute(
            f"SELECT version, data FROM records WHERE {_among(dev)} AND {VISIBLE} AND id {among}",
            [*dev.readable, *visible_params(dev), *params],
        ).fetchall()
    return p.FetchResponse(records=[json.loads(r[1]) for r in rows], versions=[r[0] for r in rows])


def withdrawn(db: Database, dev: Device, ids: list[str]) -> p.WithdrawnResponse:
    """Of ids the laptop holds and HQ no longer lists for it, those HQ holds but this device may
    not (role, ceiling or marking changed). The laptop named them, so nothing new is told."""
    if not ids:
        return p.WithdrawnResponse(ids=[])
    among, params = db.in_list(ids)
    with db.read() as c:
        rows = c.execute(
            f"SELECT id FROM records WHERE {_among(dev)} AND NOT ({VISIBLE}) AND id {among}",
            [*dev.readable, *visible_params(dev), *params],
        ).fetchall()
    return p.WithdrawnResponse(ids=sorted({r[0] for r in rows}))
