"""JICA-style ratings of a visit: each criterion's sub-rating (③②①), the dimensions JICA rates
(relevance/coherence, effectiveness/impact, efficiency, sustainability) and the overall A-D rating
the published rule gives them (resources/reference/dac_criteria.json: overall_rule).

    suggested_overall(visit)   # "B", or None while a dimension has no sub-rating
    overall_disagrees(visit)   # a Message warning when the entered overall differs, else None
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .grant_reference import overall_rule, rated_as, rated_dimensions
from .messages import Message

if TYPE_CHECKING:
    from .models import Visit


LEGACY_RATINGS = ("A", "B", "C", "D")


def criterion_as_read(stored: dict) -> dict:
    """A stored criterion rating as FieldKit reads it now. Records written before the
    sub-ratings (store, import file, HQ, an older laptop) rated each criterion with the overall
    A-D labels: that is kept, unchanged, as ``legacy_rating`` (four levels do not map onto three).
    One rule for ``CriterionRating`` and for the dashboard's flag counts, which read stored JSON
    without the pydantic models."""
    if stored.get("rating") not in LEGACY_RATINGS:
        return stored
    read = dict(stored)
    read.setdefault("legacy_rating", stored["rating"])
    read["rating"] = None
    return read


def dimension_ratings(visit: Visit) -> dict[str, str]:
    """Dimension -> sub-rating; two criteria rated as one dimension count by the lower one."""
    out: dict[str, str] = {}
    groups = rated_as()
    for code, crit in visit.criteria.items():
        if not crit.rating:
            continue
        dim = groups.get(code, code)
        out[dim] = min(out.get(dim, crit.rating), crit.rating)  # "1" < "2" < "3"
    return out


def suggested_overall(visit: Visit) -> str | None:
    """The overall rating the published rule gives the sub-ratings, or None until every rated
    dimension has one."""
    order, table = overall_rule()
    dims = dimension_ratings(visit)
    if any(d not in dims for d in order):
        return None
    return table.get("".join(dims[d] for d in order))


def missing_dimensions(visit: Visit) -> list[str]:
    dims = dimension_ratings(visit)
    return [d for d in rated_dimensions() if d not in dims]


def has_legacy_ratings(visit: Visit) -> bool:
    return any(c.legacy_rating for c in visit.criteria.values())


def overall_disagrees(visit: Visit) -> Message | None:
    """A warning when the overall rating entered is not the one the sub-ratings give."""
    suggested = suggested_overall(visit)
    if suggested and visit.overall_rating and visit.overall_rating != suggested:
        return Message(
            "rating.overall_disagrees", entered=visit.overall_rating, suggested=suggested
        )
    return None
