"""Follow-up actions: the "done => done on" rule, Mark done, and a meeting's follow-up table.

The rule: a follow-up that becomes done is done on the day given, else today; one that is no longer
done has no "done on". It applies when the status is set (a new follow-up, or an edit that changes
the status), whoever sets it: an editor, the follow-ups list, ``fieldkit new``/``fieldkit edit``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the models (pydantic) load on first save: the app's window opens without them
    from ..models import Record

# The columns of a meeting's or visit's follow-up table (the rest of a FollowUp is inherited).
FOLLOWUP_FIELDS = ("text", "owner", "due", "status")


def done_on(status: str | None, given: Any = None, today: date | None = None) -> Any:
    """The "done on" date that goes with ``status``: ``given`` or today if done, else None."""
    if status != "done":
        return None
    return given or (today or date.today()).isoformat()


def edit_values(old: Record, values: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """``values`` of an edit of ``old`` with the rule applied (only when the status changes)."""
    if old.kind != "followup" or "status" not in values or values["status"] == old.status:
        return values
    return {**values, "done_on": done_on(values["status"], values.get("done_on"), today)}


def new_values(data: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """The data of a new record with the rule applied (a follow-up created as done)."""
    if data.get("kind") != "followup":
        return data
    return {**data, "done_on": done_on(data.get("status", "open"), data.get("done_on"), today)}


def mark_done(store, ids: list[str], today: date | None = None, *, source=None) -> int:
    """Each open follow-up in ``ids`` becomes done (today); returns how many. One transaction."""
    n = 0
    with store.tx.write():
        for rec in store.get_many(ids):
            if rec.kind == "followup" and rec.status == "open":
                values = edit_values(rec, {"status": "done"}, today)
                store.update(rec.id, values, source=source)
                n += 1
    return n


def save_table(
    store,
    parent: Record,
    rows: list[dict],
    loaded: list[dict],
    *,
    source: object | None = None,
    today: date | None = None,
) -> None:
    """Make the stored follow-ups of ``parent`` match its table: create, update, delete.

    ``loaded`` is the follow-ups as the form loaded them; only the columns that differ from those
    are written, so a change made elsewhere meanwhile to another column is kept. New follow-ups
    carry the parent's marking.
    """
    from ..models import FollowUp

    old = {f["id"]: f for f in loaded}
    kept = set()
    for row in rows:
        values = {k: row[k] for k in FOLLOWUP_FIELDS if k in row}  # a column left out: its default
        rid = row.get("id")
        if rid in old:
            kept.add(rid)
            prev = old[rid]
            changed = {k: v for k, v in values.items() if v != prev.get(k)}
            if "status" in changed:
                changed["done_on"] = done_on(changed["status"], None, today)
            if changed:
                store.update(rid, changed, source=source)
        else:
            store.create(
                FollowUp(
                    parent_id=parent.id,
                    classification=parent.classification,
                    caveats=parent.caveats,
                    done_on=done_on(values.get("status", "open"), None, today),
                    **values,
                ),
                source=source,
            )
    for rid in old.keys() - kept:
        store.delete(rid, source=source)
