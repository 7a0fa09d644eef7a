"""The summit brief made in memory for the preview (fieldkit.reports.brief), off the UI thread."""

from __future__ import annotations

import io

from fieldkit.ui.ops import QueryOp

from . import bound
from .printing import Rendered, _rendered


def summit_brief(parent, summit: str, countries: tuple[str, ...], lang: str, title: str) -> QueryOp:
    return QueryOp(parent, bound(_brief, summit, countries, lang, title))


def _brief(store, summit: str, countries: tuple[str, ...], lang: str, title: str) -> Rendered:
    from fieldkit.reports.brief import brief_report

    out = io.BytesIO()
    result = brief_report(store, out, summit=summit, countries=countries, event=None, lang=lang)
    return _rendered(result, out, title, f"brief-{summit}.pdf", None, "brief")
