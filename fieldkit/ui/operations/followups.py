"""Follow-ups from the UI: Mark done (the rule lives in ``fieldkit.core.operations.followups``)."""

from __future__ import annotations

from fieldkit.core.operations import followups
from fieldkit.ui.ops import CollectionOp

from . import bound


def mark_done(parent, ids: list[str]) -> CollectionOp:
    """Each open follow-up in ``ids`` becomes done today; success gets how many."""
    return CollectionOp(parent, bound(followups.mark_done, list(ids)))
