"""The detail pane writes a budget as the reports do (#16): 9,640万円 in Japanese, the currency
code and the full figure in English and for other currencies."""

from __future__ import annotations

from decimal import Decimal

from fieldkit.core.models import Project
from fieldkit.ui.detail import load_detail
from fieldkit.ui.lists.detail_html import render


def _pane(store, budget, currency):
    p = store.create(
        Project(title="Kitui boreholes", country="KE", budget=budget, currency=currency)
    )
    return render(load_detail(store, p.id))


def test_budget_in_english(store, qapp):
    assert "JPY 96,400,000" in _pane(store, Decimal("96400000"), "JPY")


def test_budget_in_japanese(store, japanese):
    assert "9,640万円" in _pane(store, Decimal("96400000"), "JPY")
    assert "USD 12,000" in _pane(store, Decimal("12000"), "USD")


def test_the_post_is_named_in_the_interface_language(store, japanese):
    """A record's post (a code, or the English name older records hold) in Japanese."""
    for post in ("emb-vn", "Embassy of Japan in Viet Nam"):
        p = store.create(Project(title="Hue transport", country="VN", post=post))
        html = render(load_detail(store, p.id))
        assert "在ベトナム日本国大使館" in html and "Embassy of Japan in Viet Nam" not in html
