"""What HQ lets this laptop hold (#14), read for an editor: the ceiling, the levels allowed, and
the record's change HQ did not accept, if any."""

from __future__ import annotations

from typing import Any

from fieldkit.ui.ops import QueryOp

from . import bound


def limits(record_id: str | None) -> QueryOp:
    """A parentless read: the answer goes to a weakly held editor (fieldkit.ui.handling_limits)."""
    return QueryOp(None, bound(_limits, record_id))


def _limits(store, record_id: str | None) -> dict[str, Any]:
    from fieldkit.core.ceiling import allowed_levels, ceiling
    from sync.state import SyncState

    return {
        "ceiling": ceiling(store),
        "allowed": allowed_levels(store),
        "refused": SyncState(store).refused_for(record_id) if record_id else None,
    }
