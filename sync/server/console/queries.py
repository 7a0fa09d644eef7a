"""Every SQL statement of the console, in one place.

Written for both databases: ``?`` placeholders (``db.Handle`` rewrites them for psycopg), no
SQLite-only functions outside ``_text_match`` and ``store_index`` (full-text search: FTS5 trigram
on SQLite, pg_trgm with ILIKE on PostgreSQL). Lists read the console's index
(``console_records cr``) and fetch record bodies from ``records`` only for the page shown.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from fieldkit.core.query import RecordFilter, split_terms

from .db import Dialect
from .filters import ConsoleFilter, Scope
from .regions import REGIONS

COUNT_CAP = 1_000  # counts stop here ("more than 1,000"): refine the filters to narrow it down
COUNT_BUDGET_MS = 60  # SQLite: a count that needs longer is given up ("50+ records")
WALK_PROBE = 1_000  # SQLite search: rows of the newest part of a list checked to choose a plan
WALK_MIN_FOUND = 10  # ... and matches among them that make walking newest-first the faster plan

SORTS = {
    "date": "cr.date DESC, cr.rowid DESC",
    "date_asc": "cr.date ASC, cr.rowid ASC",
    "updated": "cr.updated_at DESC, cr.rowid DESC",
    "title": "lower(cr.title) ASC, cr.rowid ASC",
    "country": "cr.embassy ASC, cr.date DESC, cr.rowid DESC",
    "kind": "cr.kind ASC, cr.date DESC, cr.rowid DESC",
}
# PostgreSQL sorts NULL above every value, SQLite below: spelled out there, the two agree.
PG_SORTS = {
    key: ", ".join(
        part + (" NULLS LAST" if part.endswith(" DESC") else " NULLS FIRST")
        if part.split()[0] in ("cr.date", "cr.updated_at") else part
        for part in value.split(", ")
    )
    for key, value in SORTS.items()
}  # fmt: skip
PG_SORTS["title"] = 'lower(cr.title) COLLATE "C" ASC, cr.rowid ASC'  # byte order, as SQLite


def order(dialect: Dialect, sort: str) -> str:
    return (PG_SORTS if dialect is Dialect.POSTGRES else SORTS)[sort]


LIST_COLUMNS = (
    "cr.rowid, cr.id, cr.embassy, cr.kind, cr.country, cr.date, cr.title, cr.classification, "
    "cr.status, cr.due, cr.updated_at, cr.updated_by"
)


def _rows(cur) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _in(column: str, values: Iterable, sql: list[str], params: list) -> None:
    values = list(values)
    sql.append(f"{column} IN ({','.join('?' * len(values))})" if values else "1 = 0")
    params.extend(values)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# ---- the record index ---------------------------------------------------------------------------
def pending(c, limit: int) -> list[tuple]:
    """Queued rows with their record (None fields for a record that is gone)."""
    return c.execute(
        "SELECT p.rowid, r.embassy, r.kind, r.deleted, r.data FROM console_pending p "
        "LEFT JOIN records r ON r.rowid = p.rowid ORDER BY p.rowid LIMIT ?",
        (limit,),
    ).fetchall()


def clear_pending(c, rowids: list[int]) -> None:
    for i in range(0, len(rowids), 500):
        chunk = rowids[i : i + 500]
        c.execute(f"DELETE FROM console_pending WHERE rowid IN ({','.join('?' * len(chunk))})",
                  chunk)  # fmt: skip


_INDEX_COLUMNS = (
    "id", "embassy", "kind", "deleted", "country", "date", "title", "classification",
    "class_rank", "tags", "summits", "instruments", "status", "due", "parent_id", "updated_at",
    "updated_by",
)  # fmt: skip


def store_index(c, dialect: Dialect, items: list[tuple[int, dict | None, str]]) -> None:
    """Write index rows and search text; an item whose row is None is removed from the index."""
    cols = ", ".join(_INDEX_COLUMNS)
    marks = ", ".join("?" * (len(_INDEX_COLUMNS) + 1))
    for rowid, row, text in items:
        c.execute("DELETE FROM console_records WHERE rowid = ?", (rowid,))
        if dialect is Dialect.SQLITE:
            c.execute("DELETE FROM console_fts WHERE rowid = ?", (rowid,))
        if row is None:
            continue
        values = [rowid, *(row[k] for k in _INDEX_COLUMNS)]
        if dialect is Dialect.SQLITE:
            c.execute(f"INSERT INTO console_records (rowid, {cols}) VALUES ({marks})", values)
            c.execute("INSERT INTO console_fts (rowid, text) VALUES (?, ?)", (rowid, text))
        else:
            c.execute(
                f"INSERT INTO console_records (rowid, {cols}, text) VALUES ({marks}, ?)",
                [*values, text],
            )


def _text_match(dialect: Dialect, terms: list[str], sql: list[str], params: list,
                plan: str = "fts") -> None:  # fmt: skip
    """The laptop's search rules: every term must match; a term is a word or a quoted phrase;
    3+ characters go through the trigram index, 1-2 characters (Japanese words) are checked
    record by record, newest first, so a common short term fills a page at once.

    SQLite, ``plan="walk"``: every term is checked record by record, newest first. For words
    found in many records this fills a page after a few hundred rows, where the trigram index
    would first collect every match (400,000 of a million: over a second); see ``text_plan``."""
    if dialect is Dialect.POSTGRES:
        for term in terms:
            sql.append("cr.text ILIKE ? ESCAPE '\\'")
            params.append(_like(term))
        return
    long_terms = [t for t in terms if len(t) >= 3] if plan == "fts" else []
    if long_terms:
        sql.append("cr.rowid IN (SELECT rowid FROM console_fts WHERE console_fts MATCH ?)")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for term in (t for t in terms if t not in long_terms):
        sql.append("(SELECT text FROM console_fts WHERE rowid = cr.rowid) LIKE ? ESCAPE '\\'")
        params.append(_like(term))


def where(dialect: Dialect, scope: Scope, f: ConsoleFilter, plan: str = "fts") -> tuple[str, list]:
    sql: list[str] = ["cr.deleted = ?"]
    params: list = [1 if f.deleted else 0]
    if scope.embassies is not None:
        _in("cr.embassy", scope.embassies, sql, params)
    kinds = RecordFilter.expand_kinds(f.kinds)
    for column, values in (("cr.kind", kinds), ("cr.embassy", f.posts),
                           ("cr.country", f.countries), ("cr.classification", f.classifications),
                           ("cr.status", f.statuses)):  # fmt: skip
        if values:
            _in(column, values, sql, params)
    if f.region:
        _in("cr.embassy", REGIONS[f.region], sql, params)
    if f.policy_fields:
        sql.append("(" + " OR ".join("cr.tags LIKE ?" for _ in f.policy_fields) + ")")
        params.extend(f"% {p} %" for p in f.policy_fields)
    if f.summit:
        sql.append("cr.summits LIKE ?")
        params.append(f"% {f.summit} %")
    if f.instrument:
        sql.append("cr.instruments LIKE ?")
        params.append(f"% {f.instrument} %")
    if f.date_from:
        sql.append("cr.date >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        sql.append("cr.date <= ?")
        params.append(f.date_to.isoformat())
    if f.overdue:
        sql.append("cr.due < ?")
        params.append((f.today or date.today()).isoformat())
    if f.parent_id:
        sql.append("cr.parent_id = ?")
        params.append(f.parent_id)
    terms = split_terms(f.text)
    if terms:
        _text_match(dialect, terms, sql, params, plan)
    return " AND ".join(sql), params


def text_plan(c, dialect: Dialect, scope: Scope, f: ConsoleFilter, sort: str) -> str:
    """SQLite: "walk" when the search words are common among the newest rows the other filters
    give (the page then fills within a few thousand rows), else "fts" (the trigram index)."""
    terms = split_terms(f.text)
    if (
        dialect is not Dialect.SQLITE
        or sort not in ("date", "date_asc")
        or all(len(t) < 3 for t in terms)
    ):
        return "fts"
    cond, params = where(dialect, scope, replace(f, text=""))
    checks = " AND ".join(
        "(SELECT text FROM console_fts WHERE rowid = w.rowid) LIKE ? ESCAPE '\\'" for _ in terms
    )
    found = c.execute(
        f"SELECT count(*) FROM (SELECT cr.rowid FROM console_records cr WHERE {cond} "
        f"ORDER BY {order(dialect, sort)} LIMIT ?) w WHERE {checks}",
        [*params, WALK_PROBE, *(_like(t) for t in terms)],
    ).fetchone()[0]
    return "walk" if found >= WALK_MIN_FOUND else "fts"


def list_page(c, dialect, scope: Scope, f: ConsoleFilter, sort: str, page: int, per: int,
              plan: str | None = None) -> tuple[list[dict[str, Any]], bool]:  # fmt: skip
    """One page of list rows, in order, and whether more follow."""
    plan = plan or text_plan(c, dialect, scope, f, sort)
    cond, params = where(dialect, scope, f, plan)
    rows = _rows(c.execute(
        f"SELECT {LIST_COLUMNS} FROM console_records cr WHERE {cond} ORDER BY {order(dialect, sort)} "
        "LIMIT ? OFFSET ?",
        [*params, per + 1, (page - 1) * per],
    ))  # fmt: skip
    return rows[:per], len(rows) > per


def count(c, dialect, scope: Scope, f: ConsoleFilter, cap: int = COUNT_CAP,
          plan: str = "fts", budget_ms: float | None = COUNT_BUDGET_MS) -> int | None:  # fmt: skip
    """How many match, up to ``cap`` (cap + 1 means "more than cap"); None when counting would
    take longer than ``budget_ms`` (SQLite; the list itself is shown all the same)."""
    cond, params = where(dialect, scope, f, plan)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM console_records cr WHERE {cond} LIMIT ?) x"
    if dialect is not Dialect.SQLITE or budget_ms is None:
        return c.execute(sql, [*params, cap + 1]).fetchone()[0]
    import sqlite3
    import time

    deadline = time.perf_counter() + budget_ms / 1000
    c.set_progress_handler(lambda: time.perf_counter() > deadline, 2000)
    try:
        return c.execute(sql, [*params, cap + 1]).fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        return None
    finally:
        c.set_progress_handler(None, 0)


def iter_ids(c, dialect, scope: Scope, f: ConsoleFilter, sort: str) -> list[str]:
    cond, params = where(dialect, scope, f)
    return [r[0] for r in c.execute(
        f"SELECT cr.id FROM console_records cr WHERE {cond} ORDER BY {order(dialect, sort)}", params
    )]  # fmt: skip


def export_rows(c, dialect, scope: Scope, f: ConsoleFilter, sort: str, after: int, limit: int,
                plan: str = "fts"):  # fmt: skip
    """Record bodies of a selection, ``limit`` at a time from list position ``after``."""
    cond, params = where(dialect, scope, f, plan)
    return c.execute(
        f"SELECT cr.embassy, r.version, r.data FROM console_records cr "
        f"JOIN records r ON r.rowid = cr.rowid WHERE {cond} ORDER BY {order(dialect, sort)} "
        "LIMIT ? OFFSET ?",
        [*params, limit, after],
    ).fetchall()


def record(c, scope: Scope, record_id: str) -> dict[str, Any] | None:
    """A record the scope may read (deleted ones too), or None: the same answer for a record
    that does not exist and one of another embassy."""
    sql, params = ["r.id = ?"], [record_id]
    if scope.embassies is not None:
        _in("r.embassy", scope.embassies, sql, params)
    cur = c.execute(
        "SELECT r.id, r.embassy, r.kind, r.version, r.origin, r.deleted, r.data, "
        "d.name AS device_name FROM records r LEFT JOIN devices d ON d.id = r.origin "
        f"WHERE {' AND '.join(sql)}",
        params,
    )
    rows = _rows(cur)
    return rows[0] if rows else None


def records_by_id(c, scope: Scope, ids: list[str]) -> list[tuple[str, str]]:
    out = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        sql, params = [], []
        _in("id", chunk, sql, params)
        if scope.embassies is not None:
            _in("embassy", scope.embassies, sql, params)
        out += c.execute(f"SELECT embassy, data FROM records WHERE {' AND '.join(sql)}",
                         params).fetchall()  # fmt: skip
    return out


def children(c, scope: Scope, parent_id: str) -> list[str]:
    sql, params = ["cr.parent_id = ?", "cr.deleted = 0"], [parent_id]
    if scope.embassies is not None:
        _in("cr.embassy", scope.embassies, sql, params)
    return [r[0] for r in c.execute(
        "SELECT r.data FROM console_records cr JOIN records r ON r.rowid = cr.rowid "
        f"WHERE {' AND '.join(sql)} ORDER BY cr.date, cr.rowid",
        params,
    )]  # fmt: skip


def history(c, record_id: str) -> list[dict[str, Any]]:
    # Superseded versions are in versions, the current one is the record's row (an HQ from
    # before kept it in both: UNION keeps one).
    return _rows(c.execute(
        "SELECT v.version, v.origin, v.data, d.name AS device_name, d.embassy AS device_embassy "
        "FROM (SELECT version, origin, data FROM versions WHERE id = ? UNION "
        "SELECT version, origin, data FROM records WHERE id = ?) v "
        "LEFT JOIN devices d ON d.id = v.origin ORDER BY v.version",
        (record_id, record_id),
    ))  # fmt: skip


def attachment(c, scope: Scope, sha: str) -> dict[str, Any] | None:
    sql, params = ["sha256 = ?", "deleted = 0"], [sha]
    if scope.embassies is not None:
        _in("embassy", scope.embassies, sql, params)
    row = c.execute(f"SELECT data FROM records WHERE {' AND '.join(sql)} LIMIT 1", params)
    row = row.fetchone()
    return json.loads(row[0]) if row else None


# ---- dashboards ---------------------------------------------------------------------------------
def per_month(c, dialect, scope: Scope, since: str) -> list[tuple]:
    cond, params = where(dialect, scope, ConsoleFilter(kinds=("meeting", "visit")))
    return c.execute(
        f"SELECT substr(cr.date, 1, 7) AS month, cr.kind, count(*) FROM console_records cr "
        f"WHERE {cond} AND cr.date >= ? GROUP BY substr(cr.date, 1, 7), cr.kind ORDER BY 1",
        [*params, since],
    ).fetchall()


def per_post(c, dialect, scope: Scope, since: str) -> list[tuple]:
    cond, params = where(dialect, scope, ConsoleFilter(kinds=("meeting", "visit")))
    return c.execute(
        f"SELECT cr.embassy, cr.kind, count(*) FROM console_records cr WHERE {cond} "
        "AND cr.date >= ? GROUP BY cr.embassy, cr.kind ORDER BY cr.embassy",
        [*params, since],
    ).fetchall()


def per_month_post(c, dialect, scope: Scope, since: str) -> list[tuple]:
    """(month, embassy, meetings and visits) for the month x country table."""
    cond, params = where(dialect, scope, ConsoleFilter(kinds=("meeting", "visit")))
    return c.execute(
        f"SELECT substr(cr.date, 1, 7), cr.embassy, count(*) FROM console_records cr "
        f"WHERE {cond} AND cr.date >= ? GROUP BY substr(cr.date, 1, 7), cr.embassy ORDER BY 1, 2",
        [*params, since],
    ).fetchall()


def per_month_field(c, dialect, scope: Scope, since: str, fields: Iterable[str]) -> list[tuple]:
    """(month, policy field, meetings and visits); a record with two fields counts in both, as
    it does in the records list filtered by either. One scan grouped by the tag string (few
    distinct combinations) rather than one LIKE scan per field, which made the two month tables
    cost as much as the rest of the dashboard."""
    known = set(fields)
    cond, params = where(dialect, scope, ConsoleFilter(kinds=("meeting", "visit")))
    counts: dict[tuple[str, str], int] = {}
    for month, tags, n in c.execute(
        f"SELECT substr(cr.date, 1, 7), cr.tags, count(*) FROM console_records cr WHERE {cond} "
        "AND cr.date >= ? AND cr.tags <> '' GROUP BY substr(cr.date, 1, 7), cr.tags",
        [*params, since],
    ):
        for code in set(tags.split()) & known:
            counts[month, code] = counts.get((month, code), 0) + n
    return sorted((month, code, n) for (month, code), n in counts.items())


def overdue_by_post(c, dialect, scope: Scope, today: date) -> list[tuple]:
    f = ConsoleFilter(kinds=("followup", "project"), overdue=True, today=today)
    cond, params = where(dialect, scope, f)
    return c.execute(
        f"SELECT cr.embassy, cr.kind, count(*) FROM console_records cr WHERE {cond} "
        "AND (cr.kind = 'project' OR cr.status = 'open') GROUP BY cr.embassy, cr.kind "
        "ORDER BY cr.embassy",
        params,
    ).fetchall()


def devices(c, scope: Scope) -> list[dict[str, Any]]:
    sql, params = ["1 = 1"], []
    if scope.embassies is not None:
        _in("embassy", scope.embassies, sql, params)
    return _rows(c.execute(
        "SELECT id, embassy, name, created_at, enrolled_at, revoked_at, last_sync, app_version, "
        f"role FROM devices WHERE {' AND '.join(sql)} ORDER BY embassy, name",
        params,
    ))  # fmt: skip


def rename_device(c, device_id: str, name: str) -> bool:
    cur = c.execute("UPDATE devices SET name = ? WHERE id = ?", (name, device_id))
    return cur.rowcount == 1


def open_conflicts(c, scope: Scope) -> list[dict[str, Any]]:
    sql, params = ["k.resolved_at IS NULL"], []
    if scope.embassies is not None:
        _in("k.embassy", scope.embassies, sql, params)
    return _rows(c.execute(
        "SELECT k.id, k.embassy, k.record_id, k.kind, k.fields, k.created_at, d.name AS device "
        "FROM conflicts k LEFT JOIN devices d ON d.id = k.device_id "
        f"WHERE {' AND '.join(sql)} ORDER BY k.created_at DESC",
        params,
    ))  # fmt: skip


# ---- audit --------------------------------------------------------------------------------------
def audit(c, event_id: str, at: str, author: str, event: str, embassy: str,
          record_id: str | None, detail: dict) -> None:  # fmt: skip
    c.execute(
        "INSERT INTO audit (id, device_id, embassy, at, author, event, record_id, detail, "
        "received_at) VALUES (?, 'hq-console', ?, ?, ?, ?, ?, ?, ?)",
        (event_id, embassy, at, author, event, record_id,
         json.dumps(detail, ensure_ascii=False, default=str), at),
    )  # fmt: skip


def audit_page(c, *, event: str = "", embassy: str = "", author: str = "", since: str = "",
               until: str = "", page: int = 1, per: int = 100) -> list[dict[str, Any]]:  # fmt: skip
    sql, params = ["1 = 1"], []
    for column, value in (("event", event), ("embassy", embassy), ("author", author)):
        if value:
            sql.append(f"{column} = ?")
            params.append(value)
    if since:
        sql.append("at >= ?")
        params.append(since)
    if until:
        sql.append("at < ?")
        params.append(until)
    return _rows(c.execute(
        "SELECT id, device_id, embassy, at, author, event, record_id, detail FROM audit "
        f"WHERE {' AND '.join(sql)} ORDER BY at DESC, id LIMIT ? OFFSET ?",
        [*params, per, (page - 1) * per],
    ))  # fmt: skip


def audit_events(c) -> list[str]:
    return [r[0] for r in c.execute("SELECT DISTINCT event FROM audit ORDER BY event")]


# ---- users, sessions, tokens --------------------------------------------------------------------
USER_COLUMNS = "id, name, pw_hash, role, countries, region, lang, created_at, disabled_at, failures, last_failure"  # noqa: E501


def add_user(c, name, pw_hash, role, countries, region, lang, at) -> None:
    c.execute(
        "INSERT INTO console_users (name, pw_hash, role, countries, region, lang, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (name, pw_hash, role, countries, region, lang, at),
    )


def user_by_name(c, name: str) -> dict[str, Any] | None:
    rows = _rows(c.execute(f"SELECT {USER_COLUMNS} FROM console_users WHERE name = ?", (name,)))
    return rows[0] if rows else None


def user_by_id(c, user_id: int) -> dict[str, Any] | None:
    rows = _rows(c.execute(f"SELECT {USER_COLUMNS} FROM console_users WHERE id = ?", (user_id,)))
    return rows[0] if rows else None


def users(c) -> list[dict[str, Any]]:
    return _rows(c.execute(f"SELECT {USER_COLUMNS} FROM console_users ORDER BY name"))


def set_user(c, user_id: int, **values) -> None:
    cols = ", ".join(f"{k} = ?" for k in values)
    c.execute(f"UPDATE console_users SET {cols} WHERE id = ?", [*values.values(), user_id])


def add_session(c, token_hash, user_id, csrf, at, expires_at) -> None:
    c.execute("INSERT INTO console_sessions VALUES (?, ?, ?, ?, ?, ?)",
              (token_hash, user_id, csrf, at, expires_at, at))  # fmt: skip


def session(c, token_hash: str) -> dict[str, Any] | None:
    rows = _rows(c.execute(
        "SELECT token_hash, user_id, csrf, created_at, expires_at, last_seen FROM console_sessions "
        "WHERE token_hash = ?", (token_hash,)))  # fmt: skip
    return rows[0] if rows else None


def touch_session(c, token_hash: str, at: str) -> None:
    c.execute("UPDATE console_sessions SET last_seen = ? WHERE token_hash = ?", (at, token_hash))


def drop_session(c, token_hash: str) -> None:
    c.execute("DELETE FROM console_sessions WHERE token_hash = ?", (token_hash,))


def drop_sessions_of(c, user_id: int) -> None:
    c.execute("DELETE FROM console_sessions WHERE user_id = ?", (user_id,))


def purge_sessions(c, now: str) -> None:
    c.execute("DELETE FROM console_sessions WHERE expires_at < ?", (now,))


def add_token(c, token_hash, user_id, name, at) -> None:
    c.execute("INSERT INTO console_tokens (token_hash, user_id, name, created_at) "
              "VALUES (?, ?, ?, ?)", (token_hash, user_id, name, at))  # fmt: skip


def tokens_of(c, user_id: int) -> list[dict[str, Any]]:
    return _rows(c.execute(
        "SELECT id, name, created_at, last_used, revoked_at FROM console_tokens WHERE user_id = ? "
        "ORDER BY id", (user_id,)))  # fmt: skip


def token_user(c, token_hash: str) -> tuple[int, int] | None:
    row = c.execute("SELECT id, user_id FROM console_tokens WHERE token_hash = ? AND "
                    "revoked_at IS NULL", (token_hash,)).fetchone()  # fmt: skip
    return (row[0], row[1]) if row else None


def touch_token(c, token_id: int, at: str) -> None:
    c.execute("UPDATE console_tokens SET last_used = ? WHERE id = ?", (at, token_id))


def revoke_token(c, user_id: int, token_id: int, at: str) -> bool:
    cur = c.execute("UPDATE console_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? "
                    "AND revoked_at IS NULL", (at, token_id, user_id))  # fmt: skip
    return cur.rowcount == 1
