"""Filters and full-text queries over the records table, as SQL.

One ``RecordFilter`` serves lists, search, the desktop's lazy tables and reports, so a filter means
the same thing everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .envelope import CONTACT_KINDS

SORTS = {
    "date": "r.date DESC, r.updated_at DESC",
    "date_asc": "r.date ASC, r.updated_at ASC",
    "updated": "r.updated_at DESC",
    "title": "r.title COLLATE NOCASE ASC",
    "due": "r.due IS NULL, r.due ASC",
    "country": "r.country ASC, r.date DESC",
    "kind": "r.kind ASC, r.date DESC",
    "status": "r.status ASC, r.date DESC",
}


@dataclass(frozen=True)
class RecordFilter:
    """What to show. Empty means "any"; several values of one field mean "any of these"."""

    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    policy_fields: tuple[str, ...] = ()
    summits: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False
    parent_id: str | None = None
    text: str = ""
    deleted: bool = False  # True: only the trash
    today: date | None = None  # for "overdue"; defaults to the real today

    @staticmethod
    def expand_kinds(kinds) -> tuple[str, ...]:
        """``contact`` is a user's word for organisations and people."""
        out: list[str] = []
        for k in kinds or ():
            out.extend(CONTACT_KINDS if k == "contact" else (k,))
        return tuple(dict.fromkeys(out))


_TERM = re.compile(r'"([^"]+)"|(\S+)')


def split_terms(text: str) -> list[str]:
    """Words and "quoted phrases" of a search box; every term must match (AND)."""
    return [(q or w).strip() for q, w in _TERM.findall(text or "") if (q or w).strip()]


def fts_expression(terms: list[str]) -> str:
    """Each term as an FTS5 string: user text never reaches the FTS query syntax."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def where_clause(f: RecordFilter) -> tuple[str, list]:
    """SQL (after WHERE) and parameters for a filter over ``records r``."""
    sql: list[str] = []
    params: list = []
    sql.append("r.deleted_at IS NOT NULL" if f.deleted else "r.deleted_at IS NULL")
    kinds = RecordFilter.expand_kinds(f.kinds)
    for column, values in (("kind", kinds), ("country", f.countries), ("status", f.statuses)):
        if values:
            sql.append(f"r.{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    if f.policy_fields:
        sql.append("(" + " OR ".join("r.tags LIKE ?" for _ in f.policy_fields) + ")")
        params.extend(f"% {p} %" for p in f.policy_fields)
    for key, values in (("summits", f.summits), ("instruments", f.instruments)):
        # Read from the record's JSON: only meetings carry these codes, and no column holds them.
        if values:
            sql.append(
                f"EXISTS (SELECT 1 FROM json_each(r.data, '$.{key}') "
                f"WHERE json_each.value IN ({','.join('?' * len(values))}))"
            )
            params.extend(values)
    if f.date_from:
        sql.append("r.date >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        sql.append("r.date <= ?")
        params.append(f.date_to.isoformat())
    if f.overdue:
        sql.append("r.due < ?")
        params.append((f.today or date.today()).isoformat())
    if f.parent_id:
        sql.append("r.parent_id = ?")
        params.append(f.parent_id)
    terms = split_terms(f.text)
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    if long_terms:
        sql.append("r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)")
        params.append(fts_expression(long_terms))
    for term in short_terms:
        # Trigram cannot index 1-2 characters, so these are checked record by record while the
        # query walks records newest first: a common short term (someone typing the first
        # character) fills a page at once instead of scanning every text. The LIKE is kept outside
        # FTS5 on purpose: SQLite 3.40's trigram LIKE answers no rows for 2 Japanese characters.
        sql.append("(SELECT text FROM records_fts WHERE rowid = r.rowid) LIKE ? ESCAPE '\\'")
        params.append(_like(term))
    return " AND ".join(sql), params


def order_clause(sort: str) -> str:
    try:
        return SORTS[sort]
    except KeyError:
        raise ValueError(f"unknown sort {sort!r}; choose from {', '.join(SORTS)}") from None
