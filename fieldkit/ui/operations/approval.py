"""Approval (決裁) from the UI: named operations over ``fieldkit.core.approval``.

Each step reads the record back as the editor shows it (``fetch``), so the editor refreshes from
the result; a refusal (wrong status, not the named approver) is a FieldKitError shown as one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fieldkit.core import approval
from fieldkit.ui.ops import CollectionOp, QueryOp

from . import bound

STEPS: dict[str, Callable[..., Any]] = {
    "submit": approval.submit,
    "approve": approval.approve,
    "return": approval.return_to_drafter,
    "amend": approval.amend,
}


def step(
    parent,
    name: str,
    record_id: str,
    *args: Any,
    fetch: Callable[..., dict[str, Any]] | None = None,
    source: object = None,
) -> CollectionOp:
    """Submit, approve, return (``args``: the comment) or amend ``record_id``; the result is
    ``fetch(store, record_id)`` (an editor's bundle), or the saved record's JSON. ``source`` tags
    the change (an editor ignores its own)."""
    return CollectionOp(parent, bound(_step, name, record_id, args, fetch, source=source))


def _step(store, name, record_id, args, fetch, source=None):
    saved = STEPS[name](store, record_id, *args, source=source)
    return fetch(store, saved.id) if fetch else saved.model_dump(mode="json")


def waiting(parent, closed: Any = None) -> QueryOp:
    """Summaries of the records waiting for my approval (submitted, I am the named approver),
    with who submitted each and when; None once ``closed`` (a threading.Event) is set."""
    return QueryOp(parent, bound(_waiting, closed))


def _waiting(store, closed=None) -> list[dict[str, Any]] | None:
    """None if the window closed before or during the read: SQLite stops it (progress handler),
    as a list's stale query is, so quitting never waits for the count."""
    from fieldkit.ui.lists.model import interruptible, unless_interrupted

    if closed is None:
        return approval.waiting_rows(store)

    def run() -> list[dict[str, Any]]:
        with interruptible(store, closed.is_set):
            return approval.waiting_rows(store)

    return unless_interrupted(run, closed.is_set)
