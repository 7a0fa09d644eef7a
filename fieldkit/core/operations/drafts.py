"""Unsaved edits kept while a user types, found again after a crash."""

from __future__ import annotations

from typing import Any


def keep_draft(
    store, key: str, kind: str, data: dict[str, Any], record_id: str | None = None
) -> None:
    """Keep (replace) the draft ``key``: what the form holds, for ``kind``/``record_id``."""
    store.save_draft(key, kind, data, record_id)


def discard_draft(store, key: str) -> None:
    store.discard_draft(key)


def list_drafts(store) -> list[dict[str, Any]]:
    """Every kept draft, oldest first."""
    return store.drafts()
