"""Who may hold which record: the handling rules HQ enforces per device.

A device has a *role* (``staff``, or ``local-staff`` for a laptop a locally hired employee uses)
and a *ceiling*, the highest classification it may hold (its own, else its embassy's, else
:data:`DEFAULT_CEILING`). A record's effective marking (its own classification and caveats, raised
by its parent's: a follow-up or photo of a NOT FOR LOCAL STAFF meeting is itself not for local
staff) is kept in two columns of HQ's records table, ``restricted_local`` and
``classification_rank``, written with the record, so that every read a device makes is filtered in
SQL (:func:`visible_sql`) and pull stays one indexed scan.

A record a device may not hold is, for that device, a record that does not exist: pull, fetch,
versions, summaries and attachment bytes leave it out or answer 404 as for an unknown one.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from fieldkit.core.marking import NOT_FOR_LOCAL_STAFF, effective_marking

ROLES = ("staff", "local-staff")
DEFAULT_ROLE = "staff"
LOCAL_STAFF = "local-staff"
LOCAL_CAVEAT = NOT_FOR_LOCAL_STAFF  # resources/reference/classifications.json
DEFAULT_CEILING = "CONFIDENTIAL"
PARENT_KINDS = ("followup", "attachment")  # kinds whose parent's marking they inherit


def levels() -> list[str]:
    from fieldkit.core.reference import reference

    return list(reference().classifications)


_RANKS: dict[tuple[int, str | None], int] = {}  # per reference object: push asks per record


def rank(code: str | None) -> int:
    """A classification's rank (UNCLASSIFIED 0 ... SECRET 3); an unknown code ranks above all,
    so a record HQ cannot place is held back rather than sent."""
    from fieldkit.core.reference import reference

    ref = reference()
    key = (id(ref), code)
    if key not in _RANKS:
        r = ref.classification_rank(code or ref.default_classification)
        top = 1 + max(ref.classification_rank(c) for c in ref.classifications)
        _RANKS[key] = r if r >= 0 else top
    return _RANKS[key]


def max_rank() -> int:
    return max(rank(c) for c in levels())


def check_level(code: str) -> str:
    """A classification code as given (any case), or a 400 naming the levels."""
    from .common import Refused

    wanted = code.strip().upper()
    if wanted not in levels():
        raise Refused(400, f"unknown classification {code[:40]!r}: use one of "
                      f"{', '.join(levels())}", "invalid")  # fmt: skip
    return wanted


def check_role(role: str) -> str:
    from .common import Refused

    if role not in ROLES:
        raise Refused(400, f"unknown role {role[:40]!r}: use one of {', '.join(ROLES)}", "invalid")
    return role


def own_marking(data: Any) -> tuple[int, int]:
    """(restricted_local, classification_rank) of a record by itself, by the core's rule."""
    m = effective_marking(data)
    return int(m.has(LOCAL_CAVEAT)), rank(m.classification)


def effective(data: Any, parent: tuple[int, int] | None) -> tuple[int, int]:
    """A record's marking raised by its parent's effective marking (None: no parent known): the
    core's rule (fieldkit.core.marking: a child carries its parent's caveats and at least its
    classification) applied to the parent's stored columns, so a photo of a follow-up of a
    restricted meeting is restricted too."""
    return raised(own_marking(data), parent)


def raised(own: tuple[int, int], parent: tuple[int, int] | None) -> tuple[int, int]:
    """A record's own marking raised by its parent's effective marking (None: no parent)."""
    if parent is None:
        return own
    return max(own[0], parent[0]), max(own[1], parent[1])


def parent_of(data: Any) -> str | None:
    """The parent id of a follow-up or photo: ``data`` is its dict or its model (None: none)."""
    if data is None:
        return None
    get = data.get if isinstance(data, dict) else functools.partial(getattr, data)
    if get("kind", None) in PARENT_KINDS:
        pid = get("parent_id", None)
        return str(pid) if pid else None
    return None


def may_hold(marking: tuple[int, int], role: str, ceiling_rank: int) -> bool:
    restricted, level = marking
    return level <= ceiling_rank and not (restricted and role == LOCAL_STAFF)


def visible_sql(alias: str = "") -> str:
    """The condition a device's reads add (params: :func:`visible_params`)."""
    a = f"{alias}." if alias else ""
    return f"{a}classification_rank <= ? AND {a}restricted_local <= ?"


def visible_params(dev) -> list[int]:
    return [dev.ceiling_rank, 0 if dev.role == LOCAL_STAFF else 1]


def refresh_children(
    c, embassy: str, parents: dict[str, tuple[int, int]], new: set[str] | frozenset = frozenset()
) -> None:
    """Children of records whose marking changed take the new marking (grandchildren too).

    A parent in ``new`` was just created: its children (pushed before it) hold their own marking,
    so the parent's only raises it, and their JSON need not be read again."""
    from .common import chunks

    todo = dict(parents)
    raising = set(new)
    for _depth in range(4):  # meeting -> follow-up -> photo is the deepest chain there is
        if not todo:
            return
        changed: dict[str, tuple[int, int]] = {}
        next_raising: set[str] = set()
        for chunk in chunks(list(todo), 500):
            marks = ",".join("?" * len(chunk))
            rows = c.execute(
                "SELECT id, parent_id, restricted_local, classification_rank FROM records "
                f"WHERE embassy = ? AND parent_id IN ({marks})",
                [embassy, *chunk],
            ).fetchall()
            reread = [r[0] for r in rows if r[1] not in raising]
            own: dict[str, tuple[int, int]] = {}
            for part in chunks(reread, 500):
                among = ",".join("?" * len(part))
                own.update(
                    (rid, own_marking(json.loads(data)))
                    for rid, data in c.execute(
                        f"SELECT id, data FROM records WHERE embassy = ? AND id IN ({among})",
                        [embassy, *part],
                    ).fetchall()
                )
            updates = []
            for rid, pid, restricted, level in rows:
                base = (restricted, level) if pid in raising else own[rid]
                mark = max(base[0], todo[pid][0]), max(base[1], todo[pid][1])
                if mark != (restricted, level):
                    updates.append((mark[0], mark[1], rid, embassy))
                    changed[rid] = mark
                    if pid in raising:  # a raise only: so is theirs, for its own children
                        next_raising.add(rid)
            if updates:
                c.executemany(
                    "UPDATE records SET restricted_local = ?, classification_rank = ? "
                    "WHERE id = ? AND embassy = ?",
                    updates,
                )
        raising = next_raising
        todo = changed


def ceiling_of(c, embassy: str, device_ceiling: str | None) -> str:
    if device_ceiling:
        return device_ceiling
    row = c.execute("SELECT ceiling FROM embassy_ceilings WHERE embassy = ?", (embassy,)).fetchone()
    return row[0] if row else DEFAULT_CEILING


def set_embassy_ceiling(db, embassy: str, level: str) -> str:
    from .common import Refused

    embassy = embassy.strip().upper()
    if not (len(embassy) == 2 and embassy.isascii() and embassy.isalpha()):
        raise Refused(400, f"embassy must be a 2-letter country code, got {embassy[:20]!r}")
    level = check_level(level)
    with db.write() as c:
        c.execute("DELETE FROM embassy_ceilings WHERE embassy = ?", (embassy,))
        c.execute("INSERT INTO embassy_ceilings (embassy, ceiling) VALUES (?, ?)", (embassy, level))
    return level


def embassy_ceilings(db) -> dict[str, str]:
    with db.read() as c:
        return dict(c.execute("SELECT embassy, ceiling FROM embassy_ceilings").fetchall())


def backfill(c) -> None:
    """Fill the marking columns from the stored records (migration step 3): parents first."""
    rows = c.execute("SELECT id, embassy, kind, data FROM records").fetchall()
    marks: dict[tuple[str, str], tuple[int, int]] = {}
    parent: dict[tuple[str, str], str | None] = {}
    for rid, embassy, _kind, data in rows:
        d = json.loads(data)
        marks[(rid, embassy)] = own_marking(d)
        parent[(rid, embassy)] = parent_of(d)

    def resolve(key, depth=0) -> tuple[int, int]:
        pid = parent[key]
        own = marks[key]
        if pid is None or depth > 4 or (pid, key[1]) not in marks:
            return own
        up = resolve((pid, key[1]), depth + 1)
        return max(own[0], up[0]), max(own[1], up[1])

    c.executemany(
        "UPDATE records SET restricted_local = ?, classification_rank = ?, parent_id = ? "
        "WHERE id = ? AND embassy = ?",
        [(*resolve(key), parent[key], key[0], key[1]) for key in marks],
    )
