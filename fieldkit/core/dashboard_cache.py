"""The dashboard's last figures, kept in the store for as long as no record has changed since.

Counting 100,000 meetings and their follow-ups is a few scans of the list index (0.3-0.4 s of CPU,
1-2 s on a busy laptop), paid at every start on the dashboard although nothing changed since the
last one. Triggers count every insert, update and delete of a record (whatever writes it: the
app, sync, an import, an upgrade step), so figures computed at change number N, on the same day
and with the same policy fields, are still the records' own while the number is N: the dashboard
shows them at once and reads nothing else. Any change, a new day or new reference data, and the
figures are counted again (and kept again).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from fieldkit.core.reference import reference

if TYPE_CHECKING:
    from fieldkit.core.dashboard import DashboardData

# Recomputed at every read (settings and HQ's list of summits, no record read): never kept.
_FRESH = ("next_summits",)


def upgrade_step(conn) -> None:
    """Store step: the change counter, its triggers and the table of kept figures (#18)."""
    # One statement at a time: executescript would commit the upgrade's transaction first.
    # Since the running totals' step, an insert's and a delete's trigger keep both them and this
    # counter (dashboard_totals): a trigger's run costs as much as the little either one does.
    conn.execute("CREATE TABLE records_changes (n INTEGER NOT NULL)")
    conn.execute("INSERT INTO records_changes (n) VALUES (0)")
    for event in ("INSERT", "UPDATE", "DELETE"):
        conn.execute(
            f"CREATE TRIGGER records_changed_{event.lower()} AFTER {event} ON records "
            "BEGIN UPDATE records_changes SET n = n + 1; END"
        )
    conn.execute(
        """CREATE TABLE dashboard_cache (
            name TEXT PRIMARY KEY,
            changes INTEGER NOT NULL,
            stamp TEXT NOT NULL,  -- the day and the policy fields they were counted for
            data TEXT NOT NULL
        )"""
    )


def changes(conn) -> int | None:
    """The records' change number (None in a store without the counter, or without its three
    triggers: a step that rebuilds ``records`` drops them, and the number would stop moving)."""
    row = conn.execute(
        "SELECT (SELECT n FROM records_changes), (SELECT count(*) FROM sqlite_master "
        "WHERE type = 'trigger' AND tbl_name = 'records' AND sql LIKE '%UPDATE records_changes%') "
        "FROM sqlite_master WHERE type = 'table' AND name = 'records_changes'"
    ).fetchone()
    return row[0] if row and row[1] == 3 else None


def _stamp(today: date) -> str:
    """What the figures depend on besides the records: the day (overdue), the policy fields HQ
    publishes (the chart's rows) and the app's version (how they are worked out)."""
    from fieldkit import __version__

    return f"{__version__} {today.isoformat()} {' '.join(reference().policy_fields)}"


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(type(value).__name__)


def _decode(obj: dict) -> Any:
    return date.fromisoformat(obj["$date"]) if set(obj) == {"$date"} else obj


def kept(conn, today: date) -> DashboardData | None:
    """The figures kept for ``today`` if no record changed since they were counted."""
    from fieldkit.core.dashboard import DashboardData

    now = changes(conn)
    if now is None:
        return None
    row = conn.execute(
        "SELECT changes, stamp, data FROM dashboard_cache WHERE name = 'dashboard'"
    ).fetchone()
    if row is None or row[0] != now or row[1] != _stamp(today):
        return None
    values = json.loads(row[2], object_hook=_decode)
    names = {f.name for f in dataclasses.fields(DashboardData)} - set(_FRESH)
    if set(values) != names:  # kept by another version of the dashboard
        return None
    for name in ("by_policy", "by_country", "by_month"):  # JSON gave lists for the tuples
        values[name] = [tuple(item) for item in values[name]]
    for project in values["overdue_projects"]:
        project["late"] = [tuple(item) for item in project["late"]]
    return DashboardData(**values)


def keep(store, data: DashboardData, counted_at: int | None) -> None:
    """Keep complete figures counted at change number ``counted_at`` (a change since: not kept)."""
    if counted_at is None or not data.complete:
        return
    values = {f.name: getattr(data, f.name) for f in dataclasses.fields(data)}
    for name in _FRESH:
        values.pop(name, None)
    text = json.dumps(values, default=_encode, ensure_ascii=False)
    # Never wait for another process's write (a sync from the command line): the window's other
    # reads queue behind this one. Busy or read-only now: they are counted again next time.
    with store.tx.lock:
        conn = store.tx.conn
        patience = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            with store.tx.write() as conn:
                if changes(conn) != counted_at:
                    return
                conn.execute(
                    "INSERT OR REPLACE INTO dashboard_cache (name, changes, stamp, data) "
                    "VALUES ('dashboard', ?, ?, ?)",
                    (counted_at, _stamp(data.today), text),
                )
        except Exception:  # noqa: BLE001 - SQLite's or SQLCipher's "locked" or "read-only"
            return
        finally:
            conn.execute(f"PRAGMA busy_timeout = {patience}")
