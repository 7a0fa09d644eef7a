"""Sync from the UI: the Sync page's and the conflicts dialog's work, on the worker thread."""

from __future__ import annotations

from typing import Any

from fieldkit.ui.ops import CollectionOp, QueryOp

from . import bound


def status(parent) -> QueryOp:
    """What the Sync page shows: server, pending changes, refused changes, last sync."""
    return QueryOp(parent, bound(_status))


def sync_now(parent, *, auto: bool = False) -> CollectionOp:
    """One sync with HQ (fewer retries when automatic), reporting progress; the report as a dict."""
    return CollectionOp(parent, bound(_sync, auto=auto), progress=True)


def enrol(parent, server: str, code: str, name: str) -> CollectionOp:
    return CollectionOp(parent, bound(_enrol, server, code, name))


def forget_refused(parent, ids: list[str]) -> CollectionOp:
    """Give up changes HQ did not accept: each record keeps HQ's copy, or leaves the laptop if
    HQ never accepted it; the audit log records it."""
    return CollectionOp(parent, bound(_forget_refused, list(ids)))


def conflicts(parent) -> QueryOp:
    return QueryOp(parent, bound(_conflicts))


def resolve(parent, conflict_id: str, keep: str, values: dict[str, Any] | None) -> CollectionOp:
    """``keep`` is "mine" or "theirs"; ``values`` chooses field by field."""
    return CollectionOp(parent, bound(_resolve, conflict_id, keep, values))


def _status(store) -> dict[str, Any]:
    from sync.client import status

    return status(store)


def _sync(store, progress, *, auto: bool = False) -> dict[str, Any]:
    from sync.client import SyncClient

    def report(what: str, done: int, total: int) -> None:
        progress.update(done, total, what)

    with SyncClient(store, progress=report, retries=1 if auto else 4) as client:
        return client.sync().as_dict()


def _enrol(store, server: str, code: str, name: str) -> dict[str, Any]:
    from sync.client import default_device_name, enroll

    return enroll(store, server, code, device_name=name or default_device_name())


def _forget_refused(store, ids: list[str]) -> int:
    """Discard refused changes deliberately (audited): see SyncState.discard_refused."""
    from sync.state import SyncState

    state = SyncState(store)
    for rid in ids:
        state.discard_refused(rid)
    return len(ids)


def _conflicts(store) -> list[dict[str, Any]]:
    from sync.state import SyncState

    return SyncState(store).conflicts()


def _resolve(store, conflict_id: str, keep: str, values: dict[str, Any] | None) -> Any:
    from sync.state import SyncState

    return SyncState(store).resolve(conflict_id, keep, values)
