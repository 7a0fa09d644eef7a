"""The console's own tables, as numbered steps for SQLite and PostgreSQL.

The console adds accounts, sessions, API tokens and a list/search index of HQ's records. The index
is kept by triggers on ``records`` that only queue the changed row (``console_pending``); the
console turns queued rows into index rows in Python (``indexer.py``) with the laptop's own rules
for search text, so the sync push code needs no change and both sides search alike.

Steps run in order, each in one transaction, and the highest step applied is kept in
``console_schema``. HQ's migration runner (``sync/server/migrations.py``) runs them as its
"console" track (``MIGRATIONS``), so ``fieldkit-hq migrate`` upgrades them with HQ's own; ``ensure``
also runs at start-up (an HQ without that runner, or a database created before the console) and
puts the index triggers back if an upgrade rebuilt ``records``. A database whose console schema
is newer than this code is refused, not touched.
"""

from __future__ import annotations

from .db import Dialect, Handle

# (step, SQLite statements, PostgreSQL statements)
STEPS: list[tuple[int, str, str]] = [
    (
        1,
        """
        CREATE TABLE console_users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            pw_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'viewer')),
            countries TEXT NOT NULL DEFAULT '',
            region TEXT NOT NULL DEFAULT '',
            lang TEXT NOT NULL DEFAULT 'en',
            created_at TEXT NOT NULL,
            disabled_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_failure TEXT
        );
        CREATE TABLE console_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES console_users(id),
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE TABLE console_tokens (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES console_users(id),
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_used TEXT,
            revoked_at TEXT
        );
        -- One row per HQ record (same rowid), with the columns lists filter and sort on.
        CREATE TABLE console_records (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            embassy TEXT NOT NULL,
            kind TEXT NOT NULL,
            deleted INTEGER NOT NULL,
            country TEXT,
            date TEXT,
            title TEXT NOT NULL,
            classification TEXT NOT NULL,
            class_rank INTEGER NOT NULL,
            tags TEXT NOT NULL,          -- ' gx digital ': policy fields, space-delimited
            summits TEXT NOT NULL,
            instruments TEXT NOT NULL,
            status TEXT,
            due TEXT,
            parent_id TEXT,
            updated_at TEXT,
            updated_by TEXT NOT NULL
        );
        CREATE INDEX console_records_embassy ON console_records(embassy, kind, date);
        CREATE INDEX console_records_kind ON console_records(kind, date);
        CREATE INDEX console_records_date ON console_records(date);
        CREATE INDEX console_records_parent ON console_records(parent_id) WHERE parent_id IS NOT NULL;
        CREATE INDEX console_records_due ON console_records(due) WHERE due IS NOT NULL;
        CREATE VIRTUAL TABLE console_fts USING fts5(text, tokenize = 'trigram');
        CREATE TABLE console_pending (rowid INTEGER PRIMARY KEY);
        CREATE TRIGGER console_records_added AFTER INSERT ON records BEGIN
            INSERT OR IGNORE INTO console_pending VALUES (new.rowid);
        END;
        CREATE TRIGGER console_records_changed AFTER UPDATE ON records BEGIN
            INSERT OR IGNORE INTO console_pending VALUES (new.rowid);
        END;
        CREATE TRIGGER console_records_gone AFTER DELETE ON records BEGIN
            DELETE FROM console_records WHERE rowid = old.rowid;
            DELETE FROM console_fts WHERE rowid = old.rowid;
        END;
        INSERT INTO console_pending SELECT rowid FROM records;
        """,
        """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TABLE console_users (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            pw_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'viewer')),
            countries TEXT NOT NULL DEFAULT '',
            region TEXT NOT NULL DEFAULT '',
            lang TEXT NOT NULL DEFAULT 'en',
            created_at TEXT NOT NULL,
            disabled_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_failure TEXT
        );
        CREATE TABLE console_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES console_users(id),
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE TABLE console_tokens (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id BIGINT NOT NULL REFERENCES console_users(id),
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_used TEXT,
            revoked_at TEXT
        );
        CREATE TABLE console_records (
            rowid BIGINT PRIMARY KEY,
            id TEXT NOT NULL,
            embassy TEXT NOT NULL,
            kind TEXT NOT NULL,
            deleted INTEGER NOT NULL,
            country TEXT,
            date TEXT,
            title TEXT NOT NULL,
            classification TEXT NOT NULL,
            class_rank INTEGER NOT NULL,
            tags TEXT NOT NULL,
            summits TEXT NOT NULL,
            instruments TEXT NOT NULL,
            status TEXT,
            due TEXT,
            parent_id TEXT,
            updated_at TEXT,
            updated_by TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX console_records_embassy ON console_records(embassy, kind, date);
        CREATE INDEX console_records_kind ON console_records(kind, date);
        CREATE INDEX console_records_date ON console_records(date);
        CREATE INDEX console_records_parent ON console_records(parent_id) WHERE parent_id IS NOT NULL;
        CREATE INDEX console_records_due ON console_records(due) WHERE due IS NOT NULL;
        CREATE INDEX console_records_text ON console_records USING gin (text gin_trgm_ops);
        CREATE TABLE console_pending (rowid BIGINT PRIMARY KEY);
        CREATE FUNCTION console_queue() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO console_pending VALUES (NEW.rowid) ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;
        CREATE TRIGGER console_records_queue AFTER INSERT OR UPDATE ON records
            FOR EACH ROW EXECUTE FUNCTION console_queue();
        INSERT INTO console_pending SELECT rowid FROM records;
        """,
    ),
    # Issue 16: the search text now holds the names of a record's codes in both languages, and a
    # meeting's exchange is read as turns: every record is indexed again.
    (
        2,
        "INSERT OR IGNORE INTO console_pending SELECT rowid FROM records;",
        "INSERT INTO console_pending SELECT rowid FROM records ON CONFLICT DO NOTHING;",
    ),
]

LATEST = STEPS[-1][0]

try:  # HQ's migration runner (issue #12) runs these steps as its "console" track ...
    from sync.server.migrations import Track
except ImportError:  # ... an HQ without one gets them from ensure() at start-up
    MIGRATIONS = None
else:
    MIGRATIONS = Track("console", STEPS, table="console_schema")


class ConsoleSchemaTooNew(Exception):
    pass


def ensure(db: Handle) -> int:
    """Apply the steps this database lacks; return the step it is at."""
    with db.write() as c:
        c.execute("CREATE TABLE IF NOT EXISTS console_schema (step INTEGER NOT NULL)")
        row = c.execute("SELECT max(step) FROM console_schema").fetchone()
    current = row[0] or 0
    if current > LATEST:
        raise ConsoleSchemaTooNew(
            f"the HQ console tables were written by a newer FieldKit HQ (step {current}, this "
            f"one knows {LATEST}); update fieldkit-hq"
        )
    for step, sqlite_sql, pg_sql in STEPS:
        if step <= current:
            continue
        with db.write() as c:
            again = c.execute("SELECT max(step) FROM console_schema").fetchone()[0] or 0
            if again >= step:  # another process got here first
                continue
            sqlite = db.dialect is Dialect.SQLITE
            for statement in _statements(sqlite_sql if sqlite else pg_sql, sqlite):
                c.execute(statement)
            c.execute("INSERT INTO console_schema VALUES (?)", (step,))
    _repair_triggers(db)
    return LATEST


_TRIGGERS = {
    Dialect.SQLITE: (
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'records' "
        "AND name LIKE 'console_records_%'",
        3,
        [
            "CREATE TRIGGER IF NOT EXISTS console_records_added AFTER INSERT ON records BEGIN "
            "INSERT OR IGNORE INTO console_pending VALUES (new.rowid); END",
            "CREATE TRIGGER IF NOT EXISTS console_records_changed AFTER UPDATE ON records BEGIN "
            "INSERT OR IGNORE INTO console_pending VALUES (new.rowid); END",
            "CREATE TRIGGER IF NOT EXISTS console_records_gone AFTER DELETE ON records BEGIN "
            "DELETE FROM console_records WHERE rowid = old.rowid; "
            "DELETE FROM console_fts WHERE rowid = old.rowid; END",
            "DELETE FROM console_records",
            "DELETE FROM console_fts",
        ],
    ),
    Dialect.POSTGRES: (
        "SELECT count(*) FROM pg_trigger WHERE tgname = 'console_records_queue'",
        1,
        [
            "CREATE TRIGGER console_records_queue AFTER INSERT OR UPDATE ON records "
            "FOR EACH ROW EXECUTE FUNCTION console_queue()",
            "DELETE FROM console_records",
        ],
    ),
}


def _repair_triggers(db: Handle) -> None:
    """Put the index triggers back if an HQ schema upgrade rebuilt ``records`` (dropping a table
    drops its triggers), and index every record again: a rebuilt table may number rows anew."""
    check, expected, repair = _TRIGGERS[db.dialect]
    with db.write() as c:
        if c.execute(check).fetchone()[0] >= expected:
            return
        for statement in repair:
            c.execute(statement)
        c.execute("DELETE FROM console_pending")
        c.execute("INSERT INTO console_pending SELECT rowid FROM records")


def _statements(script: str, sqlite: bool = True) -> list[str]:
    """One statement at a time: trigger bodies (SQLite's parser decides) and $$ function bodies
    (PostgreSQL) stay whole."""
    import sqlite3

    out, buf = [], []
    for line in script.strip().splitlines():
        if not line.strip() or line.strip().startswith("--"):
            continue
        buf.append(line)
        text = "\n".join(buf)
        complete = sqlite3.complete_statement(text) if sqlite else text.rstrip().endswith(";")
        if text.count("$$") % 2 == 0 and complete:
            out.append(text)
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out
