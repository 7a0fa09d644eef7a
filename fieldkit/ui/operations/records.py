"""Reading and changing records from the UI: named operations over ``fieldkit.core.operations``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fieldkit.core.operations import records
from fieldkit.core.query import RecordFilter
from fieldkit.ui.ops import CollectionOp, QueryOp

from . import bound, store_method


def load(parent, fetch: Callable[..., Any], record_id: str) -> QueryOp:
    """``fetch(store, record_id)``: what a window shows of one record."""
    return QueryOp(parent, bound(fetch, record_id))


def summaries(parent, ids: list[str]) -> QueryOp:
    return QueryOp(parent, store_method("summaries", list(ids)))


def titles(parent, ids: list[str | None]) -> QueryOp:
    """Id -> title of linked records."""
    return QueryOp(parent, bound(records.titles, list(ids)))


def status(parent) -> QueryOp:
    return QueryOp(parent, store_method("status"))


def search(parent, text: str, kinds: tuple[str, ...], *, limit: int, sort: str) -> QueryOp:
    return QueryOp(
        parent, store_method("search", text, RecordFilter(kinds=kinds), limit=limit, sort=sort)
    )


def history(parent, record_id: str) -> QueryOp:
    """(title, history entries) of a record, also of one purged since."""
    return QueryOp(parent, bound(_history, record_id))


def _history(store, record_id: str):
    try:
        title = store.get(record_id, include_deleted=True).title_text()
    except Exception:  # noqa: BLE001 - history outlives a purged record
        title = record_id
    return title, store.history(record_id)


def delete(parent, record_id: str) -> CollectionOp:
    """To the trash with its follow-ups and photos; the change is tagged with ``parent``."""
    return CollectionOp(parent, bound(records.delete_record, record_id, source=parent))


def restore(parent, record_id: str) -> CollectionOp:
    return CollectionOp(parent, bound(records.restore_record, record_id, source=parent))


def save_form(
    parent,
    form: records.FormSave,
    *,
    source: object,
    after: Callable[..., list[str]],
    extra: dict[str, Any],
    context: Any,
    fetch: Callable[..., dict[str, Any]],
) -> CollectionOp:
    """Save an editor's form (``records.save_form``), then run its ``after`` step (photos) and
    read the record back as ``fetch`` gives it, with the warnings ``after`` returned."""
    return CollectionOp(parent, bound(_save_form, form, source, after, extra, context, fetch))


def _save_form(store, form, source, after, extra, context, fetch) -> dict[str, Any]:
    saved = records.save_form(store, form, source=source)
    warnings = after(store, saved, extra, context)
    bundle = fetch(store, saved.id)
    bundle["warnings"] = warnings
    return bundle
