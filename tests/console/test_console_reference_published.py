"""The console's reference data page shows what HQ published (version, new codes, retired ones),
not the lists the console process started with."""

from __future__ import annotations

from fieldkit.core import reference as ref
from sync.server import reference as hq_reference


def test_the_reference_page_shows_the_published_lists_with_retired_codes(app, client_for):
    summits = [s for s in ref.shipped("summits") if s["code"] != "palm10"]
    summits.append({"code": "ticad10_prep", "name": "TICAD 10 preparatory meeting",
                    "name_ja": "TICAD 10 準備会合", "participants": ["africa"]})  # fmt: skip
    assert hq_reference.publish(app.state.store.db, {"summits": summits})["version"] == 1
    page = client_for("admin").get("/console/admin/reference").text
    assert "(version 1;" in page
    assert (
        '<tr data-code="ticad10_prep"><td><code>ticad10_prep</code></td><td>TICAD 10 preparatory'
        in page
    )
    palm = page[page.index('<tr data-code="palm10">') :].split("</tr>", 1)[0]
    assert "retired" in palm
