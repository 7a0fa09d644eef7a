"""Drafts from the UI: kept while an editor is open, offered again at start."""

from __future__ import annotations

from typing import Any

from fieldkit.core.operations import drafts
from fieldkit.ui.ops import CollectionOp, QueryOp

from . import bound


def keep(parent, key: str, kind: str, data: dict[str, Any], record_id: str | None) -> CollectionOp:
    return CollectionOp(parent, bound(drafts.keep_draft, key, kind, data, record_id))


def discard(parent, key: str) -> CollectionOp:
    return CollectionOp(parent, bound(drafts.discard_draft, key))


def list_all(parent) -> QueryOp:
    return QueryOp(parent, bound(drafts.list_drafts))
