"""Grant monitoring from the UI (#15): the flags of the list rows on screen, made in the
background (fieldkit.core.grant_flags) and rendered in the interface language."""

from __future__ import annotations

from datetime import date

from fieldkit.ui.ops import QueryOp

from . import bound


def flags(parent, ids: list[str], lang: str, today: date) -> QueryOp:
    """Id -> (updated_at, the flags as one line) for the projects and visits among ``ids``."""
    return QueryOp(parent, bound(_flags, list(ids), lang, today))


def _flags(store, ids: list[str], lang: str, today: date) -> dict[str, tuple[str, str]]:
    from fieldkit.core.grant_flags import flags_for

    found = flags_for(store, ids, today)
    stamps = {s["id"]: s.get("updated_at") or "" for s in store.summaries(list(found))}
    return {
        rid: (stamps.get(rid, ""), "; ".join(f.message.render(lang) for f in fl))
        for rid, fl in found.items()
    }
