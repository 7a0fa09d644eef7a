"""The store's schema and its upgrades.

``PRAGMA user_version`` holds the schema version. Each upgrade step is a function that takes the
store from version N-1 to N; steps run in order, each in its own transaction, so a crash mid-way
leaves the store at the last completed version. A store newer than this code knows is refused and
left untouched (the structure of calibre's schema_upgrades.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .errors import NewerStoreError, StoreError
from .messages import Message

APP_ID = 0x464B4954  # "FKIT": PRAGMA application_id marks the file as ours


def run_script(conn, script: str) -> None:
    """Run several statements inside the caller's transaction.

    ``executescript`` would COMMIT the open transaction first, breaking the one-step-one-transaction
    rule, so statements are split with ``sqlite3.complete_statement`` and run one by one.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in upgrade step: {pending[:80]!r}")


def tables(conn):
    """sqlite-utils over the step's own connection, for steps that change tables.

    ``tables(conn)["records"].add_column("x", str)``, ``.transform(types=...)``,
    ``.create_index([...])``, ``.enable_fts([...])``: its changes run in a SAVEPOINT inside the
    step's transaction, so a step that fails leaves the store at the previous version.
    """
    import sqlite_utils

    return sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)


def _v1(conn) -> None:
    run_script(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        -- One table for every kind: the full record as JSON in `data`, and the columns that lists,
        -- filters and sync need, derived from it on every write.
        CREATE TABLE records (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            revision INTEGER NOT NULL,
            post TEXT NOT NULL DEFAULT '',
            classification TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            country TEXT,
            date TEXT,
            due TEXT,            -- next outstanding deadline: open follow-up, unreceived report
            status TEXT,
            tags TEXT NOT NULL DEFAULT '',  -- ' gx digital ': policy fields, for filtering
            parent_id TEXT,
            created_at TEXT,
            updated_at TEXT,
            created_by TEXT NOT NULL DEFAULT '',
            updated_by TEXT NOT NULL DEFAULT '',
            deleted_at TEXT,
            server_version INTEGER,   -- unused since step 10 (server_versions)
            data TEXT NOT NULL
        );
        -- (kind, deleted_at, ...) covers the counts of `fieldkit status` and per-kind lists in date
        -- order without reading the wide rows; records_list lets "newest first" queries (search
        -- results, all-kind lists) walk dates, filter from the index and stop after one page.
        CREATE INDEX records_kind_date ON records(kind, deleted_at, date, updated_at, id);
        CREATE INDEX records_list
            ON records(deleted_at, date, kind, country, status, due, tags, updated_at, id);
        CREATE INDEX records_kind_country ON records(kind, country);
        CREATE INDEX records_parent ON records(parent_id) WHERE parent_id IS NOT NULL;
        CREATE INDEX records_due ON records(due) WHERE due IS NOT NULL;
        CREATE INDEX records_updated ON records(updated_at);

        -- Trigram: matches Japanese inside a word (請求 in 日本語の請求書) and any 3+ characters.
        CREATE VIRTUAL TABLE records_fts USING fts5(text, tokenize = 'trigram');
        -- A larger in-memory buffer and fewer merges: bulk loads (import, sync, demo data)
        -- were bound by FTS segment merging (measured in benchmarks/bench_store.py).
        INSERT INTO records_fts(records_fts, rank) VALUES ('hashsize', 16777216);
        INSERT INTO records_fts(records_fts, rank) VALUES ('automerge', 8);

        CREATE TABLE history (
            seq INTEGER PRIMARY KEY,
            record_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            at TEXT NOT NULL,
            author TEXT NOT NULL,
            action TEXT NOT NULL,      -- create, update, delete, restore, import, sync
            changes TEXT NOT NULL      -- {"field": [old, new], ...}
        );
        CREATE INDEX history_record ON history(record_id, seq);

        -- The outbox: one row per local change, written in the change's own transaction.
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY,
            mutation_id TEXT NOT NULL UNIQUE,
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            op TEXT NOT NULL,          -- upsert or delete
            revision INTEGER NOT NULL,
            base_version INTEGER,      -- the server version the change was made on
            fields TEXT NOT NULL,      -- names of the fields this change touched
            created_at TEXT NOT NULL
        );
        CREATE INDEX outbox_record ON outbox(record_id);

        -- Security events (unlock failures, passphrase changes, exports and prints of classified
        -- records). Append-only; synced to HQ with the records (synced_at set once HQ has it).
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            author TEXT NOT NULL,
            event TEXT NOT NULL,
            record_id TEXT,
            detail TEXT NOT NULL DEFAULT '{}',
            synced_at TEXT
        );

        CREATE TABLE drafts (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            record_id TEXT,
            data TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        """,
    )


def _sync_state(conn) -> None:
    """Sync with HQ (sync/state.py): pull cursor, conflicts, rejections, files."""
    run_script(
        conn,
        """
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        -- A record changed on this laptop and elsewhere: both versions kept until resolved.
        CREATE TABLE sync_conflicts (
            id TEXT PRIMARY KEY,       -- HQ's conflict id
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            fields TEXT NOT NULL,      -- JSON list of conflicting field names ("deleted" for edit/delete)
            mine TEXT NOT NULL,        -- the record as this laptop pushed it
            theirs TEXT NOT NULL,      -- the record HQ kept
            created_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution TEXT,           -- mine or theirs
            reported INTEGER NOT NULL DEFAULT 0  -- HQ has been told of the resolution
        );
        CREATE INDEX sync_conflicts_record ON sync_conflicts(record_id);

        -- Changes HQ refused (with its reason); the data is kept so nothing is lost.
        CREATE TABLE sync_rejected (
            mutation_id TEXT PRIMARY KEY,
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            data TEXT NOT NULL,
            at TEXT NOT NULL
        );

        -- Attachment files: 'uploaded' once HQ has them, 'wanted' when a pulled record names a
        -- file this laptop does not have yet.
        CREATE TABLE sync_blobs (sha256 TEXT PRIMARY KEY, state TEXT NOT NULL, at TEXT NOT NULL);
        """,
    )


def _sync_conflict_device(conn) -> None:
    """Conflicts hit by other laptops of the embassy are shown too: which laptop ('' = this)."""
    conn.execute("ALTER TABLE sync_conflicts ADD COLUMN device TEXT NOT NULL DEFAULT ''")


# Append new steps here (with ``tables(conn)`` where sqlite-utils does the job); never edit a
# released one. Index i upgrades to version i + 1.
def _visit_types_ratings(conn) -> None:
    """Visits get a type ("other" for old ones) and keep A-D criterion ratings as legacy (#15)."""
    from .grant_upgrade import upgrade_visits

    upgrade_visits(conn)


def _approval_filed(conn) -> None:
    """Meetings and visits saved before approvals were recorded are 'filed' (#14)."""
    from .approval import upgrade_filed

    upgrade_filed(conn)


def _meeting_turns(conn) -> None:
    """Meetings as ordered turns, and every record's search text with its code names (#16)."""
    from .turns import upgrade_store

    upgrade_store(conn)


def _dashboard_cache(conn) -> None:
    """A change counter on records, so the dashboard's figures are kept until a record changes
    (#18)."""
    from .dashboard_cache import upgrade_step

    upgrade_step(conn)


def _waiting_index(conn) -> None:
    """An index of the submitted meetings and visits: "Waiting for my approval" is counted at
    every start without reading every meeting (#18)."""
    from .approval import upgrade_waiting_index

    upgrade_waiting_index(conn)


def _dashboard_totals(conn) -> None:
    """Running totals of the records the dashboard counts, kept by triggers: it reads a few
    hundred rows instead of grouping every meeting at each start after a change (#18)."""
    from .dashboard_totals import upgrade_step

    upgrade_step(conn)


# A record ``r``'s HQ version as ``sv.version`` (NULL: HQ has never had it), for its queries.
SERVER_VERSION = "LEFT JOIN server_versions sv ON sv.id = r.id"


def _server_versions(conn) -> None:
    """HQ's version of each record moves to a narrow table. Sync stamps every record it pushes or
    pulls, and setting ``records.server_version`` rewrote each whole row, text and all: most of
    what writing down HQ's answers cost. The old column stays (SQLite keeps it) and is no longer
    read; a record's stamp goes with it when it is deleted."""
    conn.execute(
        "CREATE TABLE server_versions (id TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID"
    )
    conn.execute(
        "INSERT INTO server_versions (id, version) "
        "SELECT id, server_version FROM records WHERE server_version IS NOT NULL"
    )
    conn.execute(
        "CREATE TRIGGER server_versions_gone AFTER DELETE ON records "
        "BEGIN DELETE FROM server_versions WHERE id = OLD.id; END"
    )


UPGRADES: list[Callable] = [
    _v1, _sync_state, _sync_conflict_device, _visit_types_ratings, _approval_filed,
    _meeting_turns, _dashboard_cache, _waiting_index, _dashboard_totals, _server_versions,
]  # fmt: skip
CURRENT = len(UPGRADES)


def user_version(conn) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_ours(conn, path: str) -> None:
    """Refuse a SQLite file that some other program wrote."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APP_ID and tables:
        raise StoreError(Message("store.sqlite_not_fieldkit", path=str(path)))


def check_openable(conn, path: str) -> int:
    """Refuse, before anything is written, a file that is not ours or is from a newer FieldKit."""
    check_ours(conn, path)
    start = user_version(conn)
    if start > CURRENT:
        raise NewerStoreError(Message("store.newer", path=str(path), schema=start, known=CURRENT))
    return start


def upgrade(conn, path: str) -> int:
    """Bring the store to CURRENT; returns the version it was at before."""
    start = check_openable(conn, path)
    for version in range(start + 1, CURRENT + 1):
        conn.execute("BEGIN EXCLUSIVE")
        try:
            if user_version(conn) != version - 1:  # another process upgraded meanwhile
                conn.execute("ROLLBACK")
                continue
            UPGRADES[version - 1](conn)
            conn.execute(f"PRAGMA application_id = {APP_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start
