"""Running totals of the records the dashboard counts, kept by SQLite triggers (#18).

Counting them at 100,000 meetings was a few scans of the list index, 0.17 s of CPU (grouping the
meetings by tags alone 0.06 s, by month 0.05 s), paid at every start after any change to a record
or on a new day. Triggers on ``records`` keep, for the records not in the trash, how many there
are of each combination of the columns the dashboard groups by, so it reads a few hundred rows
instead. Whatever writes a record (the app, sync, an import, an upgrade step, plain SQL) keeps
them right, in its own transaction.

Every record counts in one row of ``dim`` '': its kind with (country, month) for meetings and
visits, (status, due date) for follow-ups, nothing more for the other kinds. Meetings count once
more, by their tags, in a row of ``dim`` 'tags'. Overdue depends on the day, so follow-ups are
totalled by due date and the days before today summed when read: nothing here goes stale
overnight.

What this costs writes (benchmarks/bench_dashboard_totals.py): a trigger's run has a fixed cost of
a few microseconds whatever it does, about as much as an upsert, so a record inserted or deleted
runs one trigger for the totals and the records' change counter (dashboard_cache), whose own
insert and delete triggers this one replaces, and counts in as few rows as the figures need, in
one statement (a row per grouping, or a statement per row, cost up to twice as much). About 6 us
a record inserted: under 3% of a bulk load's CPU.
"""

from __future__ import annotations

from datetime import date

TABLE = "dashboard_totals"
TRIGGERS = ("records_counted_insert", "dashboard_totals_update", "records_counted_delete")
COUNTED = ("meeting", "visit")  # the kinds the charts count by country and month

_COUNTER = "UPDATE records_changes SET n = n + 1"  # dashboard_cache's change number
_UPSERT = "ON CONFLICT (kind, dim, a, b) DO UPDATE SET n = n + excluded.n"
# What a record of each kind is counted by, in the columns a and b of its row.
_A = (
    "CASE {r}.kind WHEN 'meeting' THEN coalesce({r}.country, '') "
    "WHEN 'visit' THEN coalesce({r}.country, '') "
    "WHEN 'followup' THEN coalesce({r}.status, '') ELSE '' END"
)
_B = (
    "CASE {r}.kind WHEN 'meeting' THEN coalesce(substr({r}.date, 1, 7), '') "
    "WHEN 'visit' THEN coalesce(substr({r}.date, 1, 7), '') "
    "WHEN 'followup' THEN coalesce({r}.due, '') ELSE '' END"
)
_COLUMNS = ("kind", "country", "date", "tags", "status", "due")


def _count(row: str, sign: str) -> str:
    """The statement adding ``sign`` (1 or -1) to the rows the record ``row`` counts in. (A WHERE
    is also what lets SQLite read ON CONFLICT as an upsert after a SELECT.)"""
    live = f"{row}.deleted_at IS NULL"
    return (
        f"INSERT INTO {TABLE} (kind, dim, a, b, n) "
        f"SELECT {row}.kind, '', {_A.format(r=row)}, {_B.format(r=row)}, {sign} WHERE {live} "
        f"UNION ALL SELECT 'meeting', 'tags', {row}.tags, '', {sign} "
        f"WHERE {row}.kind = 'meeting' AND {live} {_UPSERT}"
    )


def _moved() -> str:
    """An update that moves the record from one total to another (into or out of the trash)."""
    moved = [f"OLD.{c} IS NOT NEW.{c}" for c in _COLUMNS]
    moved.append("(OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL)")
    return "(" + " OR ".join(moved) + ")"


def upgrade_step(conn) -> None:
    """Store step: the totals, the triggers keeping them (and the change counter on insert and
    delete, whose own triggers they replace), and the totals of the records already stored."""
    # One statement at a time: executescript would commit the upgrade's transaction first.
    conn.execute(
        f"""CREATE TABLE {TABLE} (
            kind TEXT NOT NULL,
            dim TEXT NOT NULL,  -- '': every record once; 'tags': meetings once more
            a TEXT NOT NULL,    -- country (meetings, visits), status (follow-ups) or their tags
            b TEXT NOT NULL,    -- month yyyy-mm (meetings, visits), due date (follow-ups)
            n INTEGER NOT NULL,
            PRIMARY KEY (kind, dim, a, b)
        ) WITHOUT ROWID"""
    )
    # An update keeps the counter's own trigger: this one fires only when a grouped column is
    # set, and does its work only when one changed, so an update of another column costs nothing
    # more (one trigger doing both made it a quarter slower).
    insert, update, delete = TRIGGERS
    for event, name in (("insert", insert), ("delete", delete)):
        conn.execute(f"DROP TRIGGER records_changed_{event}")
        sign, row = ("1", "NEW") if event == "insert" else ("-1", "OLD")
        conn.execute(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON records "
            f"BEGIN {_COUNTER}; {_count(row, sign)}; END"
        )
    conn.execute(
        f"CREATE TRIGGER {update} AFTER UPDATE OF deleted_at, {', '.join(_COLUMNS)} ON records "
        f"WHEN {_moved()} BEGIN {_count('OLD', '-1')}; {_count('NEW', '1')}; END"
    )
    fill(conn)


def fill(conn) -> None:
    """Totals counted from the records themselves (replacing any kept)."""
    conn.execute(f"DELETE FROM {TABLE}")
    a, b = _A.format(r="r"), _B.format(r="r")
    conn.execute(
        f"INSERT INTO {TABLE} (kind, dim, a, b, n) SELECT r.kind, '', {a}, {b}, count(*) "
        "FROM records r WHERE r.deleted_at IS NULL GROUP BY 1, 3, 4"
    )
    conn.execute(
        f"INSERT INTO {TABLE} (kind, dim, a, b, n) SELECT 'meeting', 'tags', r.tags, '', "
        "count(*) FROM records r WHERE r.kind = 'meeting' AND r.deleted_at IS NULL GROUP BY 3"
    )


def kept(conn) -> bool:
    """Whether this store keeps the totals (a later step that rebuilt ``records`` would have
    dropped its triggers: the dashboard then counts the records themselves)."""
    marks = ",".join("?" * len(TRIGGERS))
    sql = f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})"
    return conn.execute(sql, TRIGGERS).fetchone()[0] == len(TRIGGERS)


def headline(conn, today: date) -> tuple[dict[str, int], int, int]:
    """Records by kind, open follow-ups, and follow-ups due before ``today`` (the lists' overdue
    filter: by due date alone)."""
    kinds = dict(
        conn.execute(f"SELECT kind, sum(n) FROM {TABLE} WHERE dim = '' GROUP BY kind HAVING sum(n)")
    )
    open_, overdue = conn.execute(
        f"SELECT sum(n) FILTER (WHERE a = 'open'), sum(n) FILTER (WHERE b != '' AND b < ?) "
        f"FROM {TABLE} WHERE kind = 'followup' AND dim = ''",
        (today.isoformat(),),
    ).fetchone()
    return kinds, open_ or 0, overdue or 0


def by_tags(conn) -> list[tuple[str, int]]:
    """Meetings by their tags column (' gx digital ')."""
    sql = f"SELECT a, n FROM {TABLE} WHERE kind = 'meeting' AND dim = 'tags' AND n > 0"
    return conn.execute(sql).fetchall()


def by_country(conn) -> list[tuple[str, int]]:
    """Meetings and visits by country (those without one left out)."""
    marks = ",".join("?" * len(COUNTED))
    sql = (
        f"SELECT a, sum(n) FROM {TABLE} WHERE kind IN ({marks}) AND dim = '' AND a != '' "
        "GROUP BY a HAVING sum(n) > 0"
    )
    return conn.execute(sql, COUNTED).fetchall()


def by_month(conn, since: str) -> list[tuple[str, str, int]]:
    """(kind, yyyy-mm, count) of meetings and visits dated from the month ``since`` (yyyy-mm)."""
    marks = ",".join("?" * len(COUNTED))
    sql = (
        f"SELECT kind, b, sum(n) FROM {TABLE} WHERE kind IN ({marks}) AND dim = '' AND b >= ? "
        "GROUP BY kind, b HAVING sum(n) > 0"
    )
    return conn.execute(sql, [*COUNTED, since]).fetchall()
