"""HQ on SQLite copies its WAL back into the database on a thread of its own (db.SQLiteDatabase):
a push's COMMIT never does it, and the WAL does not grow without end."""

from __future__ import annotations

import sqlite3
import threading
import time

from sync.server.db import Database


def _write(db, rows: int, start: int) -> None:
    with db.write() as c:
        c.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [(f"wal-test-{i}", "x" * 2000) for i in range(start, start + rows)],
        )


def test_checkpoints_run_off_the_committing_thread(tmp_path, monkeypatch):
    db = Database.open(tmp_path / "hq.db")
    with db.write() as c:
        c.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    # The writer never checkpoints by itself.
    assert db._w.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    threads: list[str] = []
    checkpoint = db._checkpoint

    def recorded() -> None:
        threads.append(threading.current_thread().name)
        checkpoint()

    monkeypatch.setattr(db, "_checkpoint", recorded)
    before = (tmp_path / "hq.db").stat().st_size
    _write(db, db.CHECKPOINT_ROWS // 2, 0)
    assert threads == []  # under the threshold: nothing yet
    _write(db, db.CHECKPOINT_ROWS, 10_000)
    deadline = time.monotonic() + 10
    while (not threads or db._checkpointing.is_set()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert threads == ["hq-wal-checkpoint"]
    # The rows reached the database file itself, not only the WAL.
    assert (tmp_path / "hq.db").stat().st_size > before + db.CHECKPOINT_ROWS * 2000
    db.close()
    conn = sqlite3.connect(tmp_path / "hq.db")
    n = conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'wal-test-%'").fetchone()[0]
    assert n == db.CHECKPOINT_ROWS * 3 // 2
