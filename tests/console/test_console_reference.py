"""The reference data page: every summit, policy field, instrument, scheme, post and country HQ
publishes, code and both names (the shipped lists until HQ publishes its own); read-only, saying
how lists are published."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from console_helpers import csrf_of

REFERENCE = Path(__file__).resolve().parents[2] / "resources" / "reference"


def _rows(page: str, table: str) -> list[tuple[str, str, str]]:
    start = page.index(f'<section class="card wide" id="{table}">')
    section = page[start : page.index("</section>", start)]
    return [tuple(html.unescape(x) for x in row) for row in re.findall(
        r'<tr data-code="([^"]*)"><td><code>[^<]*</code></td><td>([^<]*)</td><td lang="ja">([^<]*)</td>',
        section)]  # fmt: skip


@pytest.mark.parametrize("table", ["summits", "policy_fields", "instruments", "schemes",
                                   "posts", "countries"])  # fmt: skip
def test_reference_page_lists_every_code_with_both_names(client_for, table):
    page = client_for("admin").get("/console/admin/reference")
    assert page.status_code == 200
    shipped = json.loads((REFERENCE / f"{table}.json").read_text(encoding="utf-8"))
    expected = [(r["code"], r.get("name", ""), r.get("name_ja", "")) for r in shipped]
    assert _rows(page.text, table) == expected


def test_reference_page_is_read_only_and_says_why(client_for):
    c = client_for("admin")
    page = c.get("/console/admin/reference").text
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<form" not in main and "<input" not in main
    assert "fieldkit-hq reference publish FILE|DIR" in page and "(version 0;" in page
    assert "2025-08-20 – 2025-08-22" in page and "None" not in page  # dates from summits.json
    assert c.post("/console/admin/reference").status_code in (403, 405)
    assert 'href="/console/admin/reference"' in c.get("/console/admin/registry").text


def test_reference_page_in_japanese(client_for):
    c = client_for("admin")
    r = c.post("/console/account/language", data={"lang": "ja", "csrf": csrf_of(c)},
               follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    page = c.get("/console/admin/reference").text
    assert "参照データ" in page and "本省が端末へ公開している参照リスト" in page
    assert "ケニア" in page
