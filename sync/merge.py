"""Three-way merge of one record: what HQ does when a push is based on an older version.

Fields changed on only one side merge; the same field changed to different values on both sides,
or an edit against a delete, is a conflict. Record envelopes (revision, times, authors) are not
user data and never conflict. Pure functions on plain dicts, shared by HQ and the laptop.
"""

from __future__ import annotations

from typing import Any

# The store owns the envelope; it is not merged field by field (deleted_at is handled on its own).
from fieldkit.core.envelope import ENVELOPE

DELETED = "deleted"  # the pseudo-field a delete conflict names
# A meeting's or visit's approval (fieldkit.core.approval): bound to the whole record's content.
BOUND = "approval"

Record = dict[str, Any]


def user_fields(*records: Record | None) -> set[str]:
    keys: set[str] = set()
    for r in records:
        if r:
            keys.update(r)
    return keys - ENVELOPE


def changed_fields(old: Record, new: Record) -> set[str]:
    return {k for k in user_fields(old, new) if old.get(k) != new.get(k)}


# Set on one laptop only; a registry copy HQ publishes has none. Not part of "same content".
LOCAL_STAMPS = frozenset({"post"})


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def same_content(a: Record, b: Record) -> bool:
    """Two copies of a record say the same thing: the same user fields (envelope and local
    stamps aside) and both deleted or both not."""
    keys = user_fields(a, b) - LOCAL_STAMPS
    return all(a.get(k) == b.get(k) for k in keys) and (
        bool(a.get("deleted_at")) == bool(b.get("deleted_at"))
    )


def merge(base: Record | None, theirs: Record, mine: Record) -> tuple[Record, list[str]]:
    """The merged record and the conflicting field names (empty when the merge is clean).

    ``base`` is the version ``mine`` was edited from. None means it is unknown (both sides
    created the record, its id derived from a shared source such as an IATI identifier, or the
    laptop lost its sync state): then every user field that differs counts as changed on both
    sides, since an empty value may be a deliberate clearing; only a local stamp (the laptop's
    post) is taken from the side that has one. With conflicts, the merged record keeps
    ``theirs`` for the conflicting fields and takes ``mine`` for the rest.
    """
    if base is None:
        base = {}
        differ = changed_fields(theirs, mine)
        stamps = differ & LOCAL_STAMPS
        theirs_changed = (differ - stamps) | {f for f in stamps if not _empty(theirs.get(f))}
        mine_changed = (differ - stamps) | {f for f in stamps if _empty(theirs.get(f))}
        base_deleted = None
    else:
        theirs_changed = changed_fields(base, theirs)
        mine_changed = changed_fields(base, mine)
        base_deleted = bool(base.get("deleted_at"))
    t_del = bool(theirs.get("deleted_at"))
    m_del = bool(mine.get("deleted_at"))

    # An edit against a delete: the delete must not silently swallow the edit, nor the reverse.
    if base_deleted is None:
        if t_del != m_del:
            return dict(theirs), [DELETED]
    else:
        if m_del and not base_deleted and not t_del and theirs_changed:
            return dict(theirs), [DELETED]
        if t_del and not base_deleted and not m_del and mine_changed:
            return dict(theirs), [DELETED]

    both = theirs_changed & mine_changed
    if (BOUND in theirs_changed and mine_changed) or (BOUND in mine_changed and theirs_changed):
        # An approval (or submit, return, amend) on one laptop against any change on another:
        # merging them would approve text the approver never saw, so every field either side
        # changed is in conflict.
        both = theirs_changed | mine_changed
    conflicts = sorted(f for f in both if theirs.get(f) != mine.get(f))
    merged = dict(theirs)
    for f in mine_changed:
        if f in conflicts:
            continue
        if f in mine:
            merged[f] = mine[f]
        else:
            merged.pop(f, None)
    if base_deleted is not None and m_del != base_deleted:
        merged["deleted_at"] = mine.get("deleted_at")
    if mine_changed - set(conflicts) or merged.get("deleted_at") != theirs.get("deleted_at"):
        merged["revision"] = max(int(theirs.get("revision") or 0), int(mine.get("revision") or 0))
        merged["revision"] += 1 if theirs_changed else 0
        later = max(str(theirs.get("updated_at") or ""), str(mine.get("updated_at") or ""))
        merged["updated_at"] = later or None
        merged["updated_by"] = mine.get("updated_by", merged.get("updated_by", ""))
    return merged, conflicts
