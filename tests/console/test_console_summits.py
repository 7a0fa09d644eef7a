"""The HQ console's summit briefs over HTTP: a page per summit with the taking-part countries the
desk may see, the figures checked against the pushed records, older laptops' meetings (three
boxes) read as turns, and the PDF download."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from console_helpers import push, records_by_embassy
from pypdf import PdfReader

from fieldkit.core.reference import reference

OLD_SHAPE = "6f1d1a52-4a0b-4c1e-9d57-0a0c8a6a0b01"


def _sections(page: str) -> list[str]:
    return re.findall(r'id="country-([A-Z]{2})"', page)


def _since() -> date:
    start, _ = reference().summit_dates("ticad9")
    return min(start, date.today()) - timedelta(days=365)


def test_a_desk_sees_only_its_participating_countries_with_figures_from_the_records(client_for):
    page = client_for("ke_officer").get("/console/summits/ticad9")
    assert page.status_code == 200
    assert _sections(page.text) == ["KE"]  # Tanzania is another desk's
    since = _since()
    ke = [r for r in records_by_embassy()["KE"] if r["kind"] == "meeting"
          and since <= date.fromisoformat(r["date"]) <= date.today()]  # fmt: skip
    shown = re.search(r'class="n-meetings">(\d+) ', page.text).group(1)
    assert int(shown) == len(ke) > 0
    admin = client_for("admin").get("/console/summits/ticad9").text
    taking_part = reference().summit_countries("ticad9")
    assert {"KE", "TZ"} <= set(_sections(admin)) <= taking_part
    assert "VN" not in _sections(admin) and "MX" not in _sections(admin)
    assert (
        'id="countdown"' in admin and "ticad9" in client_for("admin").get("/console/summits").text
    )
    pdf = client_for("admin").get("/console/summits/ticad9/pdf?lang=en")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert pdf.status_code == 200 and "Kenya (KE)" in text and "Tanzania" in text


def test_an_older_laptops_meeting_shows_as_turns_and_its_request_is_open(app, client_for):
    day = (date.today() - timedelta(days=3)).isoformat()
    push(app.state.store, "KE", [{
        "kind": "meeting", "id": OLD_SHAPE, "subject": "Old laptop talks", "date": day,
        "country": "KE", "summits": ["ticad9"], "key_points": "Summary.",
        "partner_requests": "OLDSHAPE geothermal request", "our_responses": "OLDSHAPE our reply",
    }], name="KE laptop old")  # fmt: skip
    c = client_for("ke_officer")
    page = c.get("/console/summits/ticad9").text
    assert "OLDSHAPE geothermal request" in page and "OLDSHAPE our reply" in page
    record = c.get(f"/console/records/{OLD_SHAPE}").text
    turns = record[record.index('id="turns"') :]
    assert turns.index("OLDSHAPE geothermal request") < turns.index("OLDSHAPE our reply")
    pdf = c.get("/console/summits/ticad9/pdf?lang=ja")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    text = re.sub(r"\s+", "", text)
    assert "ケニア" in text and "OLDSHAPEgeothermalrequest" in text and "タンザニア" not in text


def test_refusals(client_for):
    c = client_for("ke_officer")
    assert c.get("/console/summits/nope").status_code == 404
    r = c.get("/console/summits/ticad9?country=FJ")
    assert r.status_code == 400 and "not taking part in ticad9" in r.text
    assert client_for("viewer").get("/console/summits/ticad9/pdf").status_code == 403
    assert client_for(None).get("/console/summits/ticad9", follow_redirects=False).status_code in (
        303, 401)  # fmt: skip


def test_records_indexed_before_code_names_are_found_by_them_after_the_console_step(
    app, client_for
):
    from console_helpers import db_of

    from sync.server.console import indexer, schema

    db = db_of(app)
    c = client_for("admin")
    found = re.findall(r'href="/console/records/([0-9a-f-]{36})"', c.get(
        "/console/records?q=アフリカ開発会議&kind=meeting").text)  # fmt: skip
    assert found  # TICAD 9's Japanese name finds its meetings
    with db.write() as conn:  # an index made before this version: no code names in the text
        conn.execute("DELETE FROM console_fts")
        conn.execute("DELETE FROM console_schema WHERE step >= 2")
    assert not re.findall(r'href="/console/records/([0-9a-f-]{36})"', c.get(
        "/console/records?q=アフリカ開発会議&kind=meeting").text)  # fmt: skip
    schema.ensure(db)
    indexer.catch_up(db)
    again = re.findall(r'href="/console/records/([0-9a-f-]{36})"', c.get(
        "/console/records?q=アフリカ開発会議&kind=meeting").text)  # fmt: skip
    assert again == found
