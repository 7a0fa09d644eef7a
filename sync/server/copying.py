"""``fieldkit-hq copy``: move an HQ to another database (SQLite to PostgreSQL, or back) without
losing a row, then prove it: row counts per table and, per record kind, a checksum over every
record's embassy, id, version and text, computed on both sides and printed.

The target must be empty (or created just now); everything is written in one transaction, so a
failed copy leaves nothing behind. Device token hashes, enrolment codes, mutation ids and cursors
come along unchanged, so laptops keep syncing with the same tokens afterwards. The attachments
folder is copied too when the target's is another folder.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from . import migrations
from .common import Refused
from .db import POSTGRESQL, Database
from .storage import HQStore

# In dependency order; every table of the core schema.
TABLES = ("meta", "devices", "enrol_codes", "records", "versions", "mutations", "conflicts",
          "audit", "blob_owners")  # fmt: skip
# The web console's accounts and API tokens, when its tables exist on both sides (sessions are
# not copied: people sign in again; its search index rebuilds itself from the copied records).
ACCOUNTS = ("console_users", "console_tokens")
BATCH = 2000


def checksums(db: Database) -> dict[str, tuple[int, str]]:
    """Per record kind: (count, sha256 of every record's embassy, id, version and text)."""
    out: dict[str, tuple[int, str]] = {}
    with db.read() as c:
        rows = c.execute(
            "SELECT kind, embassy, id, version, data FROM records ORDER BY kind, embassy, id"
        ).fetchall()
    digests: dict[str, hashlib._Hash] = {}
    counts: dict[str, int] = {}
    for kind, embassy, rid, version, data in rows:
        h = digests.setdefault(kind, hashlib.sha256())
        h.update(f"{embassy}\x1f{rid}\x1f{version}\x1f{data}\x1e".encode())
        counts[kind] = counts.get(kind, 0) + 1
    for kind, h in digests.items():
        out[kind] = (counts[kind], h.hexdigest()[:16])
    return out


def counts(db: Database, extra: list[str] | tuple = ()) -> dict[str, int]:
    with db.read() as c:
        return {
            t: int(c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in (*TABLES, *extra)
        }


def _tables(db: Database) -> set[str]:
    from .migrations import _tables as tables

    with db.read() as c:
        return tables(c, db.dialect)


def copy_hq(
    source: str, target: str, *, source_blobs=None, target_blobs=None, password_file=None
) -> list[str]:
    src = HQStore(source, source_blobs, password_file=password_file)  # refuses an old schema
    try:
        dst_blobs = target_blobs
        if dst_blobs is None and not str(target).startswith("postgres"):
            dst_blobs = None  # beside the target SQLite file
        elif dst_blobs is None:
            dst_blobs = src.blob_dir  # the same folder serves the new database
        dst = HQStore(target, dst_blobs, password_file=password_file)
        try:
            return _copy(src, dst)
        finally:
            dst.close()
    finally:
        src.close()


def _copy(src: HQStore, dst: HQStore) -> list[str]:
    behind = migrations.check(src.db)
    if behind:
        raise Refused(400, f"{src.db.label} needs 'fieldkit-hq migrate' first ({behind[0]})")
    with dst.read() as c:
        existing = int(c.execute("SELECT count(*) FROM devices").fetchone()[0]) + int(
            c.execute("SELECT count(*) FROM records").fetchone()[0]
        )
    if existing:
        raise Refused(400, f"{dst.db.label} already holds an HQ; copy only into an empty database")
    accounts = [t for t in ACCOUNTS if t in _tables(src.db) and t in _tables(dst.db)]
    # Identity columns on PostgreSQL take the source's ids only when told to.
    override = " OVERRIDING SYSTEM VALUE" if dst.dialect == POSTGRESQL else ""
    with src.read() as s, dst.write() as d:
        d.execute("DELETE FROM meta")  # the target's fresh 'seq' and schema rows: replaced
        for table in (*TABLES, *accounts):
            cur = s.execute(f"SELECT * FROM {table}")
            while True:
                rows = cur.fetchmany(BATCH)
                if not rows:
                    break
                names = rows[0].keys()
                d.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}){override} VALUES "
                    f"({', '.join('?' * len(names))})",
                    [tuple(r) for r in rows],
                )
        if dst.dialect == POSTGRESQL:
            for table, column in (("records", "rowid"), *((t, "id") for t in accounts)):
                d.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)"
                )
    files = _copy_blobs(src.blob_dir, dst.blob_dir)
    a, b = counts(src.db, accounts), counts(dst.db, accounts)
    ca, cb = checksums(src.db), checksums(dst.db)
    lines = [f"copied {src.db.label} -> {dst.db.label}"]
    for t in a:
        lines.append(f"  {t:<12} {a[t]:>9} -> {b[t]:>9}  {'ok' if a[t] == b[t] else 'DIFFERENT'}")
    for kind in sorted(set(ca) | set(cb)):
        x, y = ca.get(kind, (0, "-")), cb.get(kind, (0, "-"))
        lines.append(f"  {kind:<12} {x[0]:>9} records  checksum {x[1]} -> {y[1]}  "
                     f"{'ok' if x == y else 'DIFFERENT'}")  # fmt: skip
    lines.append(f"  attachments  {files} files copied to {dst.blob_dir}")
    if a != b or ca != cb:
        raise Refused(500, "copy verification failed:\n" + "\n".join(lines))
    return lines


def _copy_blobs(source: Path, target: Path) -> int:
    if source.resolve() == target.resolve():
        return 0
    n = 0
    for f in source.rglob("*"):
        if f.is_file() and "partial" not in f.relative_to(source).parts:
            dest = target / f.relative_to(source)
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, dest)
                n += 1
    return n
