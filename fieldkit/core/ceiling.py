"""The classification ceiling: the highest classification this laptop may save.

HQ sets it (per embassy, overridable per device) and tells the laptop at enrolment and on every
sync; the sync keeps it in the store's ``sync_state`` (key ``ceiling``). Until HQ says otherwise
(a laptop not enrolled yet) the shipped default, CONFIDENTIAL, applies. Saving a record above it
is refused with one line naming the ceiling; HQ refuses such a record too, and never sends one.
A laptop HQ enrolled for local staff (``sync_state`` key ``role``) refuses to save a record
marked NOT FOR LOCAL STAFF, which HQ would refuse as well.
"""

from __future__ import annotations

from .errors import FieldKitError
from .messages import Message

DEFAULT = "CONFIDENTIAL"
LOCAL_CAVEAT = "NO_LOCAL_STAFF"


def _state(store, key: str) -> str | None:
    with store.tx.read() as c:
        row = c.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row and row[0] else None


def ceiling(store) -> str:
    """This laptop's ceiling: HQ's last word, else the shipped default."""
    return _state(store, "ceiling") or DEFAULT


def allowed_levels(store) -> list[str]:
    """The classification levels a record on this laptop may have (lowest first)."""
    from .reference import reference

    ref = reference()
    top = ref.classification_rank(ceiling(store))
    return [c for c in ref.classifications if ref.classification_rank(c) <= top]


def check(store, classification: str | None, record_id: str = "", caveats=()) -> None:
    """Refuse to save a record classified above the ceiling, or one marked NOT FOR LOCAL STAFF
    on a local-staff laptop (FieldKitError, one line)."""
    from .reference import reference

    ref = reference()
    level = classification or ref.default_classification
    top = ceiling(store)
    if ref.classification_rank(level) > ref.classification_rank(top):
        raise FieldKitError(
            Message("store.above_ceiling", level=level, ceiling=top, id=record_id[:8] or "new")
        )
    if LOCAL_CAVEAT in (caveats or ()) and _state(store, "role") == "local-staff":
        raise FieldKitError(Message("store.local_staff_caveat", id=record_id[:8] or "new"))
