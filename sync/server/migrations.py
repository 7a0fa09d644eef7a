"""HQ's schema as numbered steps, one mechanism for SQLite and PostgreSQL.

Each step runs in one transaction with the record of having run it, so a step is either wholly
applied or not at all. A database that a newer HQ wrote is refused and left untouched; an older
one is upgraded only by ``fieldkit-hq migrate`` (``serve`` names that command and stops); an empty
one is created at start-up, so ``fieldkit-hq serve --db hq.db`` stays zero-setup.

Steps come in *tracks*: HQ's own (``core``, its step kept in ``meta``) and any module listed in
:data:`EXTENSIONS` that exposes ``MIGRATIONS`` (a :class:`Track`), e.g. the web console's tables in
``sync/server/console/schema.py``::

    MIGRATIONS = Track("console", STEPS, table="console_schema")

where STEPS is a list of ``(number, sqlite_sql, postgresql_sql)`` (SQL text, or a callable taking
``(connection, context)``). Tracks run in order, core first, so an extension may build on HQ's
tables. Adding a step is appending one tuple: never edit a step that has shipped.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .db import POSTGRESQL, SQLITE, Database

StepBody = str | Callable[[Any, "Context"], None]

# Modules whose ``MIGRATIONS`` track joins the sequence when the module is present.
EXTENSIONS = ["sync.server.console.schema", "sync.server.reference"]


@dataclass
class Context:
    """What a Python step may need beside the connection."""

    dialect: str
    blob_dir: Path | None = None


@dataclass
class Track:
    name: str
    steps: list[tuple[int, StepBody, StepBody]]
    table: str = ""  # a one-column table (step INTEGER) holding the steps applied; "" = meta row
    extra: dict = field(default_factory=dict)

    @property
    def latest(self) -> int:
        return max((s[0] for s in self.steps), default=0)


class SchemaError(Exception):
    """The database's schema does not fit this HQ: a sentence naming what to do."""


# ---- core steps ---------------------------------------------------------------------------------
# Step 1 is the schema HQ shipped before versioned upgrades (PRAGMA user_version = 1), verbatim.
CORE_1_SQLITE = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
    id TEXT PRIMARY KEY,
    embassy TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    created_at TEXT NOT NULL,
    enrolled_at TEXT,
    revoked_at TEXT,
    last_sync TEXT,
    app_version TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS enrol_codes (
    code_hash TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices(id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE IF NOT EXISTS records (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    embassy TEXT NOT NULL,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT,
    ck INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_feed ON records(embassy, version);
CREATE INDEX IF NOT EXISTS records_sha ON records(sha256) WHERE sha256 IS NOT NULL;
CREATE TABLE IF NOT EXISTS versions (
    version INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    origin TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_record ON versions(id);
CREATE TABLE IF NOT EXISTS mutations (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    conflict_id TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conflicts (
    id TEXT PRIMARY KEY,
    embassy TEXT NOT NULL,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    device_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    mine TEXT NOT NULL,
    theirs TEXT NOT NULL,
    created_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT
);
CREATE INDEX IF NOT EXISTS conflicts_open ON conflicts(embassy) WHERE resolved_at IS NULL;
CREATE TABLE IF NOT EXISTS audit (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    embassy TEXT NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    event TEXT NOT NULL,
    record_id TEXT,
    detail TEXT NOT NULL,
    received_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta VALUES ('seq', '0');
"""

CORE_1_POSTGRESQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    embassy TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    created_at TEXT NOT NULL,
    enrolled_at TEXT,
    revoked_at TEXT,
    last_sync TEXT,
    app_version TEXT NOT NULL DEFAULT ''
);
CREATE TABLE enrol_codes (
    code_hash TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices(id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE records (
    rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    embassy TEXT NOT NULL,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT,
    ck BIGINT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX records_feed ON records(embassy, version);
CREATE INDEX records_sha ON records(sha256) WHERE sha256 IS NOT NULL;
CREATE TABLE versions (
    version BIGINT PRIMARY KEY,
    id TEXT NOT NULL,
    origin TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX versions_record ON versions(id);
CREATE TABLE mutations (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    conflict_id TEXT
);
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    embassy TEXT NOT NULL,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    device_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    mine TEXT NOT NULL,
    theirs TEXT NOT NULL,
    created_seq BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT
);
CREATE INDEX conflicts_open ON conflicts(embassy) WHERE resolved_at IS NULL;
CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    embassy TEXT NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    event TEXT NOT NULL,
    record_id TEXT,
    detail TEXT NOT NULL,
    received_at TEXT NOT NULL
);
INSERT INTO meta VALUES ('seq', '0');
"""

# Step 2 (issue 19): a record id is unique per embassy, not across HQ, so that pushing an id that
# exists in another embassy is answered as for any new id (no oracle for other embassies' ids);
# history rows carry their embassy; attachment bytes belong to the embassies that uploaded them.
CORE_2_SQLITE = """
CREATE TABLE records_v2 (
    rowid INTEGER PRIMARY KEY,      -- rowid table: random UUID keys with ~1 kB rows insert
    id TEXT NOT NULL,               -- 10x faster than a WITHOUT ROWID clustered on the UUID
    embassy TEXT NOT NULL,          -- country code of the embassy; '*' = HQ registry, all read
    kind TEXT NOT NULL,
    version INTEGER NOT NULL UNIQUE,-- the HQ sequence number of the record's last change
    origin TEXT NOT NULL,           -- device id (or 'hq') that wrote this version
    deleted INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT,                    -- attachments: the file they name
    ck INTEGER NOT NULL,            -- this version's share of the per-kind checksum
    data TEXT NOT NULL,
    UNIQUE (id, embassy)
);
INSERT INTO records_v2 (rowid, id, embassy, kind, version, origin, deleted, sha256, ck, data)
    SELECT rowid, id, embassy, kind, version, origin, deleted, sha256, ck, data FROM records;
DROP TABLE records;
ALTER TABLE records_v2 RENAME TO records;
CREATE INDEX records_feed ON records(embassy, version);
CREATE INDEX records_sha ON records(sha256) WHERE sha256 IS NOT NULL;
ALTER TABLE versions ADD COLUMN embassy TEXT NOT NULL DEFAULT '';
UPDATE versions SET embassy = coalesce((SELECT r.embassy FROM records r WHERE r.id = versions.id), '');
CREATE TABLE blob_owners (
    sha256 TEXT NOT NULL,
    embassy TEXT NOT NULL,
    PRIMARY KEY (sha256, embassy)
) WITHOUT ROWID;
"""

CORE_2_POSTGRESQL = """
ALTER TABLE records DROP CONSTRAINT records_id_key;
ALTER TABLE records ADD CONSTRAINT records_id_embassy UNIQUE (id, embassy);
ALTER TABLE versions ADD COLUMN embassy TEXT NOT NULL DEFAULT '';
UPDATE versions v SET embassy = r.embassy FROM records r WHERE r.id = v.id;
CREATE TABLE blob_owners (
    sha256 TEXT NOT NULL,
    embassy TEXT NOT NULL,
    PRIMARY KEY (sha256, embassy)
);
"""


def _core_2_owners(c, ctx: Context) -> None:
    """Files already at HQ belong to the embassy whose record named them first (the uploader
    before ownership was kept), and to the registry when HQ published them."""
    rows = c.execute(
        "SELECT r.sha256, r.embassy, min(v.version) FROM records r JOIN versions v ON v.id = r.id "
        "WHERE r.sha256 IS NOT NULL GROUP BY r.sha256, r.embassy"
    ).fetchall()
    first: dict[str, tuple[int, str]] = {}
    registry = set()
    for sha, embassy, v in rows:
        if embassy == "*":
            registry.add(sha)
        if sha not in first or v < first[sha][0]:
            first[sha] = (v, embassy)
    owners = {(sha, e) for sha, (_, e) in first.items()} | {(sha, "*") for sha in registry}
    if ctx.blob_dir is not None:
        owners = {(s, e) for s, e in owners if (ctx.blob_dir / s[:2] / s).is_file()}
    c.executemany("INSERT INTO blob_owners (sha256, embassy) VALUES (?, ?)", sorted(owners))


def _core_2(sql: str):
    def run(c, ctx: Context) -> None:
        _run_sql(c, ctx.dialect, sql)
        _core_2_owners(c, ctx)

    return run


# Step 3 (issue 14): handling rules HQ enforces per device. Each record's effective marking
# (NOT FOR LOCAL STAFF, classification rank; a follow-up or photo takes its parent's) is kept in
# columns filled at push, so that a device's reads filter in SQL; devices have a role and an
# optional classification ceiling, embassies a ceiling (absent: CONFIDENTIAL).
CORE_3 = """
ALTER TABLE records ADD COLUMN restricted_local INTEGER NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN classification_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN parent_id TEXT;
CREATE INDEX records_parent ON records(embassy, parent_id) WHERE parent_id IS NOT NULL;
ALTER TABLE devices ADD COLUMN role TEXT NOT NULL DEFAULT 'staff';
ALTER TABLE devices ADD COLUMN ceiling TEXT;
CREATE TABLE embassy_ceilings (embassy TEXT PRIMARY KEY, ceiling TEXT NOT NULL);
"""


def _core_3(c, ctx: Context) -> None:
    from .handling import backfill

    _run_sql(c, ctx.dialect, CORE_3)
    backfill(c)


CORE = Track(
    "core",
    [
        (1, CORE_1_SQLITE, CORE_1_POSTGRESQL),
        (2, _core_2(CORE_2_SQLITE), _core_2(CORE_2_POSTGRESQL)),
        (3, _core_3, _core_3),
    ],
)
LATEST = CORE.latest


# ---- the runner ---------------------------------------------------------------------------------
def tracks() -> list[Track]:
    out = [CORE]
    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        track = getattr(module, "MIGRATIONS", None)
        if isinstance(track, Track):
            out.append(track)
    return out


def _tables(c, dialect: str) -> set[str]:
    if dialect == SQLITE:
        rows = c.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    else:
        rows = c.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
    return {r[0] for r in rows}


def _step_of(c, dialect: str, track: Track, tables: set[str]) -> int:
    if track.table:
        if track.table not in tables:
            return 0
        return int(c.execute(f"SELECT max(step) FROM {track.table}").fetchone()[0] or 0)
    if "meta" not in tables:
        return 0
    row = c.execute("SELECT value FROM meta WHERE key = ?", (f"schema.{track.name}",)).fetchone()
    if row is not None:
        return int(row[0])
    if dialect == SQLITE and track is CORE:
        # Databases from before versioned upgrades: PRAGMA user_version = 1.
        return int(c.execute("PRAGMA user_version").fetchone()[0])
    return 0


def _set_step(c, dialect: str, track: Track, step: int) -> None:
    if track.table:
        c.execute(f"CREATE TABLE IF NOT EXISTS {track.table} (step INTEGER NOT NULL)")
        c.execute(f"INSERT INTO {track.table} VALUES (?)", (step,))
        return
    key = f"schema.{track.name}"
    c.execute("DELETE FROM meta WHERE key = ?", (key,))
    c.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, str(step)))
    if dialect == SQLITE and track is CORE:
        c.execute(f"PRAGMA user_version = {int(step)}")


def state(db: Database) -> dict[str, tuple[int, int]]:
    """Per track: (step the database is at, latest step this HQ knows)."""
    with db.read() as c:
        tables = _tables(c, db.dialect)
        return {t.name: (_step_of(c, db.dialect, t, tables), t.latest) for t in tracks()}


def is_empty(db: Database) -> bool:
    with db.read() as c:
        return not _tables(c, db.dialect)


def check(db: Database) -> list[str]:
    """What stands between this database and this HQ: [] when it is up to date. Raises
    SchemaError for a database a newer HQ wrote."""
    behind = []
    for name, (at, latest) in state(db).items():
        if at > latest:
            raise SchemaError(
                f"{db.label} was written by a newer FieldKit HQ ({name} schema step {at}; this "
                f"HQ knows up to {latest}); update fieldkit-hq. The database was not changed"
            )
        if at < latest:
            behind.append(f"{name} schema step {at} -> {latest}")
    return behind


def migrate(
    db: Database, blob_dir: Path | None = None, upto: dict[str, int] | None = None
) -> list[str]:
    """Apply every missing step (up to ``upto[track]``, for tests that build an old database),
    each in its own transaction; return what was applied."""
    check(db)
    done = []
    ctx = Context(db.dialect, blob_dir)
    for track in tracks():
        if upto is not None and track.name not in upto:
            continue
        for number, sqlite_body, pg_body in sorted(track.steps, key=lambda s: s[0]):
            if upto is not None and number > upto[track.name]:
                break
            with db.write() as c:
                # Read again inside the transaction: another process may have applied it.
                at = _step_of(c, db.dialect, track, _tables(c, db.dialect))
                if number <= at:
                    continue
                body = sqlite_body if db.dialect == SQLITE else pg_body
                if callable(body):
                    body(c, ctx)
                else:
                    _run_sql(c, db.dialect, body)
                _set_step(c, db.dialect, track, number)
            done.append(f"{track.name} step {number}")
    return done


def ensure(db: Database, blob_dir: Path | None = None) -> None:
    """At start-up: create an empty database; refuse an old or newer one with what to do."""
    if is_empty(db):
        migrate(db, blob_dir)
        return
    behind = check(db)
    if behind:
        raise SchemaError(
            f"{db.label} needs a schema upgrade ({', '.join(behind)}): stop HQ, back it up, then "
            f"run: fieldkit-hq --db {db.label} migrate"
        )


def _run_sql(c, dialect: str, script: str) -> None:
    for statement in statements(script, dialect):
        c.execute(statement)


def statements(script: str, dialect: str = SQLITE) -> list[str]:
    """One statement at a time (SQLite's executescript would commit mid-step)."""
    out, buf = [], []
    for line in script.strip().splitlines():
        if not line.strip() or line.strip().startswith("--"):
            continue
        buf.append(line)
        text = "\n".join(buf)
        done = sqlite3.complete_statement(text) if dialect == SQLITE else text.rstrip()[-1] == ";"
        if done and text.count("$$") % 2 == 0:
            out.append(text)
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out


def dump_state(db: Database) -> str:
    return json.dumps(state(db))


__all__ = ["CORE", "LATEST", "POSTGRESQL", "SQLITE", "SchemaError", "Track", "check", "ensure"]
