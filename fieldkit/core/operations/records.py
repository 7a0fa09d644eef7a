"""Creating, editing, deleting and restoring records: the rules every caller shares.

Each function is one transaction. ``source`` tags the change in the store's notifications (an
editor ignores its own saves); it is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..ceiling import check as check_ceiling
from ..reference import check_offered
from . import followups

if TYPE_CHECKING:  # the models (pydantic) load on first use: the app's window opens without them
    from ..models import Record


def create_record(store, data: dict[str, Any], *, context: str = "", source=None) -> Record:
    """A new record from plain data (validated as a whole), with the follow-up rule applied."""
    from ..store import validate_record

    record = validate_record(followups.new_values(data), context=context)
    check_offered(record)  # a code HQ retired stays on old records, never goes on a new one
    check_ceiling(store, record.classification, record.id, record.caveats)
    return store.create(record, source=source)


def update_record(
    store, record_id: str, values: dict[str, Any], *, source=None, today: date | None = None
) -> Record:
    """Change some fields; a follow-up whose status changes gets its "done on" from the rule."""
    with store.tx.write():
        old = store.get(record_id)
        values = followups.edit_values(old, values, today)
        check_offered(old.model_copy(update=values), old)  # only codes newly put on it
        check_ceiling(store, values.get("classification", old.classification), record_id,
                      values.get("caveats", old.caveats))  # fmt: skip
        return store.update(record_id, values, source=source)


def delete_record(store, record_id: str, *, source=None) -> Record:
    """To the trash, with its follow-ups and attachments (a tombstone that syncs)."""
    return store.delete(record_id, source=source)


def restore_record(store, record_id: str, *, source=None) -> Record:
    """Back from the trash, with what was deleted together with it."""
    return store.restore(record_id, source=source)


@dataclass
class FormSave:
    """What an editor form holds when Save is pressed (plain data, safe to hand to a worker).

    ``record`` is the whole model the form describes; ``loaded`` the stored record as the form
    loaded it (None for a new one). Only the fields that differ from ``loaded`` are written.
    """

    record: Record
    values: dict[str, Any]
    loaded: dict[str, Any] | None = None
    followups: list[dict] | None = None  # the follow-up table, if the form has one
    loaded_followups: list[dict] = field(default_factory=list)
    draft_key: str | None = None


def save_form(store, form: FormSave, *, source=None) -> Record:
    """Save an editor's form: the record, its follow-up table, and drop its draft. One transaction."""
    with store.tx.write():
        check_ceiling(store, form.record.classification, form.record.id, form.record.caveats)
        if form.loaded is None:
            saved = store.create(form.record, source=source)
        else:
            changed = {k: v for k, v in form.values.items() if v != form.loaded.get(k)}
            saved = (
                store.update(form.loaded["id"], changed, source=source)
                if changed
                else store.get(form.loaded["id"])
            )
        if form.followups is not None:
            followups.save_table(store, saved, form.followups, form.loaded_followups, source=source)
        if form.draft_key:
            store.discard_draft(form.draft_key)
    return saved


def titles(store, ids) -> dict[str, str]:
    """Id -> title of the records that exist (linked records shown by name)."""
    return {r.id: r.title_text() for r in store.get_many([i for i in ids if i])}
