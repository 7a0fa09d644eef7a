"""The HQ console over HTTP: sign-in, sessions, CSRF, roles, the officer's country scope, record
pages, search with the laptop's rules, printing, CSV and the JSON feed. A real HQ database (demo
records pushed through the sync API) behind FastAPI's test client."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from console_helpers import PASSWORD, csrf_of, db_of, sign_in
from pypdf import PdfReader

from sync.server.console import auth
from sync.server.console import queries as q

RECORD_LINK = re.compile(r'/console/records/([0-9a-f-]{36})"')


def _ids(client, query: str) -> list[str]:
    return RECORD_LINK.findall(client.get(f"/console/records?{query}").text)


def _record_of(app, embassy: str, kind: str = "meeting") -> dict:
    with db_of(app).read() as c:
        row = c.execute(
            "SELECT id, data FROM records WHERE embassy = ? AND kind = ? ORDER BY version LIMIT 1",
            (embassy, kind),
        ).fetchone()
    return {"id": row[0], **json.loads(row[1])}


# ---- sign-in, sessions, CSRF ---------------------------------------------------------------------
def test_pages_need_sign_in(client_for):
    c = client_for(None)
    for url in ("/console/", "/console/records", "/console/admin/devices", "/console/account"):
        r = c.get(url, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/console/login?next=")


def test_sign_in_sets_a_strict_http_only_cookie_and_is_audited(app, client_for):
    c = client_for(None)
    r = sign_in(c, "admin")
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie  # plain http here; https requests get Secure (next test)
    with db_of(app).read() as conn:
        events = [e for (e,) in conn.execute("SELECT event FROM audit WHERE author = 'admin'")]
    assert "console_sign_in" in events


def test_cookie_is_secure_over_https(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="https://testserver") as c:
        r = sign_in(c, "admin")
        assert "Secure" in r.headers["set-cookie"]


def test_wrong_password_is_refused_audited_and_slowed_down(app, client_for):
    c = client_for(None)
    for _ in range(auth.FREE_FAILURES):
        r = sign_in(c, "ke_officer", "wrong password!")
        assert r.status_code == 401 and "Wrong user name or password" in r.text
    # Now even the right password must wait.
    r = sign_in(c, "ke_officer")
    assert r.status_code == 429 and "Try again in" in r.text
    with db_of(app).read() as conn:
        events = [e for (e,) in conn.execute("SELECT event FROM audit WHERE author = 'ke_officer'")]
    assert events.count("console_sign_in_failed") == auth.FREE_FAILURES
    assert "console_sign_in_refused" in events


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(client_for):
    r = sign_in(client_for(None), "nobody-here")
    assert r.status_code == 401 and "Wrong user name or password" in r.text


def test_disabled_user_cannot_sign_in_and_loses_open_sessions(app, client_for):
    c = client_for("ke_officer")
    assert c.get("/console/records").status_code == 200
    auth.disable_user(db_of(app), "ke_officer")
    r = c.get("/console/records", follow_redirects=False)
    assert r.status_code == 303 and "/console/login" in r.headers["location"]
    assert sign_in(client_for(None), "ke_officer").status_code == 401


def test_expired_and_idle_sessions_end(app, client_for):
    c = client_for("viewer")
    db = db_of(app)
    with db.write() as conn:
        conn.execute("UPDATE console_sessions SET expires_at = '2000-01-01T00:00:00.000+00:00'")
    assert c.get("/console/", follow_redirects=False).status_code == 303
    c = client_for("viewer")
    idle = auth.iso(auth.now() - timedelta(minutes=auth.IDLE_MINUTES + 1))
    with db.write() as conn:
        conn.execute("UPDATE console_sessions SET last_seen = ?", (idle,))
    assert c.get("/console/", follow_redirects=False).status_code == 303


def test_forms_without_the_csrf_token_change_nothing(app, client_for):
    c = client_for("admin")
    with db_of(app).read() as conn:
        before = conn.execute("SELECT count(*) FROM devices").fetchone()[0]
    r = c.post("/console/admin/devices", data={"embassy": "KE", "name": "sneaky"})
    assert r.status_code == 403 and "CSRF" in r.text
    r = c.post("/console/admin/devices", data={"embassy": "KE", "name": "x", "csrf": "forged"})
    assert r.status_code == 403
    with db_of(app).read() as conn:
        assert conn.execute("SELECT count(*) FROM devices").fetchone()[0] == before
    r = c.post("/console/logout", data={})
    assert r.status_code == 403  # still signed in
    assert c.get("/console/", follow_redirects=False).status_code == 200


def test_sign_in_form_needs_its_token(client_for):
    c = client_for(None)
    r = c.post("/console/login", data={"name": "admin", "password": PASSWORD})
    assert r.status_code == 403


def test_sign_out_ends_the_session(client_for):
    c = client_for("viewer")
    r = c.post("/console/logout", data={"csrf": csrf_of(c)}, follow_redirects=False)
    assert r.status_code == 303
    assert c.get("/console/", follow_redirects=False).status_code == 303


def test_next_never_leads_off_the_console(client_for):
    c = client_for(None)
    page = c.get("/console/login?next=https://evil.example/")
    assert "evil" not in page.text


# ---- roles and scope -----------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/console/admin/devices", "/console/admin/conflicts",
                                 "/console/admin/audit", "/console/admin/registry",
                                 "/console/admin/reference"])  # fmt: skip
def test_admin_pages_are_for_admins(client_for, url):
    assert client_for("admin").get(url).status_code == 200
    for who in ("viewer", "ke_officer"):
        r = client_for(who).get(url)
        assert r.status_code == 403 and "may not open" in r.text


def test_viewer_reads_but_does_not_print_or_export(app, client_for):
    c = client_for("viewer")
    rec = _record_of(app, "KE")
    assert c.get(f"/console/records/{rec['id']}").status_code == 200
    assert c.get(f"/console/records/{rec['id']}/pdf").status_code == 403
    assert c.get("/console/export.csv").status_code == 403
    assert c.get("/console/print?report=digest").status_code == 403


def test_officer_sees_only_their_countries(app, client_for):
    ke = client_for("ke_officer")
    ke_rec, tz_rec = _record_of(app, "KE"), _record_of(app, "TZ")
    assert ke.get(f"/console/records/{ke_rec['id']}").status_code == 200
    # Another country's record by its id: the same 404 as an id that does not exist.
    r = ke.get(f"/console/records/{tz_rec['id']}")
    assert r.status_code == 404 and tz_rec.get("subject", "") not in r.text
    nonexistent = ke.get("/console/records/00000000-0000-4000-8000-000000000000")
    assert nonexistent.status_code == 404
    assert r.text.replace(tz_rec["id"], "") == nonexistent.text.replace(
        "00000000-0000-4000-8000-000000000000", ""
    )
    assert ke.get(f"/console/records/{tz_rec['id']}/pdf").status_code == 404
    listed = set(_ids(ke, "per_page=500"))
    with db_of(app).read() as c:
        embassies = {e for (e,) in c.execute(
            f"SELECT DISTINCT embassy FROM records WHERE id IN ({','.join('?' * len(listed))})",
            list(listed))}  # fmt: skip
    assert embassies == {"KE"}
    # Even asking for TZ by filter gives nothing.
    assert _ids(ke, "post=TZ") == []
    # The admin reads both.
    admin = client_for("admin")
    assert admin.get(f"/console/records/{tz_rec['id']}").status_code == 200


def test_officer_photo_of_another_country_is_404(app, client_for):
    with db_of(app).read() as c:
        row = c.execute("SELECT sha256 FROM records WHERE kind = 'attachment' AND embassy = 'TZ' "
                        "LIMIT 1").fetchone()  # fmt: skip
    if row is None:
        pytest.skip("the demo data has no TZ photo")  # pragma: no cover
    assert client_for("ke_officer").get(f"/console/files/{row[0]}").status_code == 404


def test_officer_csv_and_feed_keep_the_scope(app, client_for):
    ke = client_for("ke_officer")
    rows = list(
        csv.DictReader(io.StringIO(ke.get("/console/export.csv").content.decode("utf-8-sig")))
    )
    assert rows and {r["embassy"] for r in rows} == {"KE"}


# ---- list, search, record page -------------------------------------------------------------------
def test_search_follows_the_laptop_rules(app, client_for):
    c = client_for("admin")
    rec = _record_of(app, "KE")
    words = rec["subject"].split()
    assert rec["id"] in _ids(c, "q=" + " ".join(words[:2]) + "&per_page=500")
    # Every word must match.
    assert _ids(c, "q=" + words[0] + " zzqqxxnotaword") == []
    # A quoted phrase matches as written; the words in another order as a phrase do not.
    if len(words) >= 2:
        phrase = f'"{words[0]} {words[1]}"'
        assert rec["id"] in _ids(c, "q=" + phrase + "&per_page=500")


def test_japanese_one_and_two_character_words(app, client_for):
    db = db_of(app)
    c = client_for("admin")
    with db.read() as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM console_fts")]
    two = next(w for w in ("地熱", "面談", "協力", "支援", "大臣") if any(w in t for t in texts))
    expected = sum(two in t for t in texts)
    got = _ids(c, f"q={two}&per_page=500")
    assert len(got) == min(expected, 500) and expected > 0
    one = two[0]
    assert len(_ids(c, f"q={one}&per_page=500")) >= len(got)


def test_filters_sort_paging_and_counts(app, client_for):
    c = client_for("admin")
    page = c.get("/console/records?kind=meeting&sort=date_asc&per_page=10")
    assert page.status_code == 200
    with db_of(app).read() as conn:
        n = conn.execute(
            "SELECT count(*) FROM records WHERE kind='meeting' AND deleted=0"
        ).fetchone()[0]
    assert f"{n} records" in page.text
    first = _ids(c, "kind=meeting&sort=date_asc&page=1")
    second = _ids(c, "kind=meeting&sort=date_asc&page=2")
    assert first and not set(first) & set(second)
    r = c.get("/console/records?from=2026-13-01")
    assert r.status_code == 400 and "from: not a date" in r.text
    r = c.get("/console/records?field=nonsense")
    assert r.status_code == 400 and "unknown policy field" in r.text
    assert c.get("/console/records?region=africa&kind=visit").status_code == 200


def test_record_page_reads_like_the_detail_pane(app, client_for):
    c = client_for("admin")
    with db_of(app).read() as conn:
        vid, data = conn.execute(
            "SELECT id, data FROM records WHERE kind='visit' LIMIT 1"
        ).fetchone()
    page = c.get(f"/console/records/{vid}").text
    v = json.loads(data)
    assert v["title"] in page or v.get("site", "") in page
    assert "Revision history" in page and "KE laptop 1" in page or "laptop 1" in page
    assert 'id="marking"' in page


def test_new_pushes_are_searchable_at_once(app, client_for):
    from console_helpers import push

    push(app.state.store, "GH", [{
        "kind": "meeting", "id": "6f1d1a52-4a0b-4c1e-9d57-0a0c8a6a0001", "subject": "Quokka summit",
        "date": "2026-11-01", "country": "GH",
    }], name="GH laptop 9")  # fmt: skip
    assert _ids(client_for("admin"), "q=quokka") == ["6f1d1a52-4a0b-4c1e-9d57-0a0c8a6a0001"]


def test_classified_views_are_audited(app, client_for):
    with db_of(app).read() as conn:
        rid = conn.execute(
            "SELECT id FROM console_records WHERE class_rank > 0 LIMIT 1"
        ).fetchone()[0]
        plain = conn.execute(
            "SELECT id FROM console_records WHERE class_rank = 0 LIMIT 1"
        ).fetchone()
    c = client_for("admin")
    c.get(f"/console/records/{rid}")
    if plain:
        c.get(f"/console/records/{plain[0]}")
    with db_of(app).read() as conn:
        viewed = [
            r for (r,) in conn.execute("SELECT record_id FROM audit WHERE event='console_view'")
        ]
    assert rid in viewed and (not plain or plain[0] not in viewed)


# ---- printing ------------------------------------------------------------------------------------
def test_record_pdf_in_japanese(app, client_for):
    rec = _record_of(app, "KE")
    r = client_for("ke_officer").get(f"/console/records/{rec['id']}/pdf?lang=ja")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "面談記録" in text and rec["subject"][:10] in text.replace("\n", "")


def test_cross_post_brief_is_grouped_by_country(app, client_for):
    r = client_for("admin").get("/console/print?report=brief&kind=meeting&region=africa&lang=en")
    assert r.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "Kenya —" in text and "Tanzania" in text


def test_print_rejects_unknown_report(client_for):
    r = client_for("admin").get("/console/print?report=poem")
    assert r.status_code == 400 and "report:" in r.text


# ---- data out ------------------------------------------------------------------------------------
def test_csv_has_bom_one_column_per_field_and_neutralised_formulas(app, client_for):
    from console_helpers import push

    evil = '=HYPERLINK("http://x","y")'
    push(app.state.store, "NG", [{
        "kind": "meeting", "id": "6f1d1a52-4a0b-4c1e-9d57-0a0c8a6a0002", "subject": evil,
        "place": "+1 cmd", "date": "2026-11-02", "country": "NG", "key_points": "-2+3",
    }], name="NG laptop 9")  # fmt: skip
    raw = client_for("admin").get("/console/export.csv?kind=meeting&post=NG").content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    row = next(r for r in rows if r["id"] == "6f1d1a52-4a0b-4c1e-9d57-0a0c8a6a0002")
    assert row["subject"] == "'" + evil and row["place"] == "'+1 cmd"
    assert row["key_points"] == "'-2+3"
    assert {"subject", "date", "policy_fields", "key_points", "embassy"} <= set(rows[0])


def test_json_feed_with_tokens(app, client_for):
    c = client_for("ke_officer")
    page = c.post("/console/account/tokens", data={"name": "Power BI", "csrf": csrf_of(c)})
    token = re.search(r"<code>(fkc_[^<]+)</code>", page.text).group(1)
    api = client_for(None)
    assert api.get("/console/api/records").status_code == 401
    r = api.get("/console/api/records?kind=meeting&per_page=1",
                headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    body = r.json()
    assert r.status_code == 200 and len(body["records"]) == 1 and body["more"]
    assert {x["embassy"] for x in body["records"]} == {"KE"}
    r2 = api.get("/console/api/records?kind=meeting&per_page=1&page=2",
                 headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert not {x["id"] for x in body["records"]} & {x["id"] for x in r2.json()["records"]}
    bad = api.get(
        "/console/api/records?from=yesterday", headers={"Authorization": f"Bearer {token}"}
    )
    assert bad.status_code == 400 and bad.json()["error"].startswith("from:")
    # Revoked: refused.
    with db_of(app).read() as conn:
        tid = conn.execute("SELECT id FROM console_tokens").fetchone()[0]
    c.post(f"/console/account/tokens/{tid}/revoke", data={"csrf": csrf_of(c)})
    assert (
        api.get("/console/api/records", headers={"Authorization": f"Bearer {token}"}).status_code
        == 401
    )
    assert "/console/api/records" in app.openapi()["paths"]


# ---- administration ------------------------------------------------------------------------------
def test_devices_add_rename_revoke(app, client_for):
    c = client_for("admin")
    page = c.post("/console/admin/devices", data={"embassy": "ke", "name": "Nairobi 7",
                                                  "csrf": csrf_of(c)})  # fmt: skip
    code = re.search(r"<code>([A-Z0-9-]{14})</code>", page.text).group(1)
    assert "Nairobi 7" in page.text
    assert code not in c.get("/console/admin/devices").text  # shown once
    with db_of(app).read() as conn:
        dev = conn.execute("SELECT id FROM devices WHERE name = 'Nairobi 7'").fetchone()[0]
    c.post(f"/console/admin/devices/{dev}/rename", data={"name": "Nairobi 8", "csrf": csrf_of(c)})
    c.post(f"/console/admin/devices/{dev}/revoke", data={"csrf": csrf_of(c)})
    with db_of(app).read() as conn:
        name, revoked = conn.execute("SELECT name, revoked_at FROM devices WHERE id = ?",
                                     (dev,)).fetchone()  # fmt: skip
    assert name == "Nairobi 8" and revoked
    r = c.post("/console/admin/devices", data={"embassy": "Kenya", "name": "x", "csrf": csrf_of(c)})
    assert r.status_code == 400 and "2-letter" in r.text


def test_registry_preview_then_publish(app, client_for):
    c = client_for("admin")
    line = json.dumps({"kind": "project", "id": "6f1d1a52-4a0b-4c1e-9d57-0a0c8a6a0003",
                       "title": "Registry water project", "scheme": "grassroots"})  # fmt: skip
    page = c.post("/console/admin/registry", data={"csrf": csrf_of(c)},
                  files={"file": ("p.jsonl", line.encode(), "application/json")})  # fmt: skip
    assert (
        page.status_code == 200 and "Registry water project" in page.text and ">new<" in page.text
    )
    with db_of(app).read() as conn:
        assert not conn.execute("SELECT 1 FROM records WHERE id LIKE '6f1d1a52%0003'").fetchone()
    payload = re.search(r'<textarea name="payload" hidden>(.*?)</textarea>', page.text, re.S).group(
        1
    )
    import html

    done = c.post("/console/admin/registry", data={"csrf": csrf_of(c), "publish": "1",
                                                   "payload": html.unescape(payload)})  # fmt: skip
    assert "1 new" in done.text
    with db_of(app).read() as conn:
        assert (
            conn.execute("SELECT embassy FROM records WHERE id LIKE '6f1d1a52%0003'").fetchone()[0]
            == "*"
        )
    bad = c.post("/console/admin/registry", data={"csrf": csrf_of(c)},
                 files={"file": ("p.jsonl", b"{not json", "application/json")})  # fmt: skip
    assert bad.status_code == 400 and "line 1: not JSON" in bad.text


def test_audit_log_filters(client_for):
    c = client_for("admin")
    page = c.get("/console/admin/audit?event=console_sign_in")
    assert "console_sign_in" in page.text and "console_print" not in page.text


def test_count_cap_is_stated(app, client_for):
    assert q.COUNT_CAP >= 1000


def test_photo_thumbnail_and_full_size(app, client_for):
    with db_of(app).read() as c:
        sha, parent = c.execute("SELECT sha256, json_extract(data, '$.parent_id') FROM records "
                                "WHERE kind = 'attachment' AND embassy = 'KE'").fetchone()  # fmt: skip
    ke = client_for("ke_officer")
    page = ke.get(f"/console/records/{parent}").text
    assert f"/console/files/{sha}?thumb=1" in page and "Site photo" in page
    thumb = ke.get(f"/console/files/{sha}?thumb=1")
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    from PIL import Image

    assert max(Image.open(io.BytesIO(thumb.content)).size) <= 320
    full = ke.get(f"/console/files/{sha}")
    assert full.status_code == 200 and len(full.content) > len(thumb.content) // 2


@pytest.mark.parametrize("text", ["ministry", "energy cooperation", '"Ministry of"', "地熱 発電"])
def test_both_search_plans_give_the_same_list(app, text):
    """Walking newest-first (common words) and the trigram index (rare ones) are two plans for one
    answer: the same records in the same order, the same count."""
    from sync.server.console.filters import ConsoleFilter, Scope

    db = db_of(app)
    f = ConsoleFilter(text=text)
    with db.read() as c:
        walk, _ = q.list_page(c, db.dialect, Scope(None), f, "date", 1, 500, plan="walk")
        fts, _ = q.list_page(c, db.dialect, Scope(None), f, "date", 1, 500, plan="fts")
        counts = {p: q.count(c, db.dialect, Scope(None), f, plan=p, budget_ms=None)
                  for p in ("walk", "fts")}  # fmt: skip
    assert [r["id"] for r in walk] == [r["id"] for r in fts]
    assert walk and counts["walk"] == counts["fts"] == len(walk)


def test_index_survives_a_rebuilt_records_table(app, hq_db, client_for):
    """An HQ schema upgrade that rebuilds ``records`` drops the console's triggers with it; the
    next start puts them back and indexes every record again."""
    import sqlite3

    from sync.server.app import create_app

    app.state.store.close()
    conn = sqlite3.connect(hq_db, isolation_level=None)
    conn.executescript(
        "BEGIN; CREATE TABLE records_copy AS SELECT * FROM records; DROP TABLE records;"
        "ALTER TABLE records_copy RENAME TO records; COMMIT;"
    )
    conn.close()
    again = create_app(hq_db)
    try:
        db = again.state.console.db
        with db.read() as c:
            triggers = c.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                 "AND name LIKE 'console_records_%'").fetchone()[0]  # fmt: skip
            indexed = c.execute("SELECT count(*) FROM console_records").fetchone()[0]
            total = c.execute("SELECT count(*) FROM records").fetchone()[0]
        assert triggers == 3 and indexed == total
    finally:
        again.state.store.close()


def test_devices_role_and_ceiling_are_set_from_the_console(app, client_for):
    """As `fieldkit-hq device set-role / set-ceiling`: audited, refused whole when one is bad."""
    c = client_for("admin")
    c.post("/console/admin/devices", data={"embassy": "emb-ke", "name": "Reception PC",
                                           "csrf": csrf_of(c)})  # fmt: skip
    with db_of(app).read() as conn:
        dev = conn.execute("SELECT id FROM devices WHERE name = 'Reception PC'").fetchone()[0]
    page = c.get("/console/admin/devices").text
    assert "emb-ke" in page and "as the embassy" in page and "(CONFIDENTIAL)" in page
    r = c.post(f"/console/admin/devices/{dev}/handling",
               data={"role": "local-staff", "ceiling": "FOUO", "csrf": csrf_of(c)})  # fmt: skip
    assert r.status_code == 200  # followed the redirect back to the list
    with db_of(app).read() as conn:
        role, ceiling = conn.execute("SELECT role, ceiling FROM devices WHERE id = ?",
                                     (dev,)).fetchone()  # fmt: skip
        events = [row[0] for row in conn.execute("SELECT event FROM audit")]
    assert (role, ceiling) == ("local-staff", "FOUO") and "console_device_handling" in events
    # One bad value: a one-line 400 and nothing changed.
    r = c.post(f"/console/admin/devices/{dev}/handling",
               data={"role": "staff", "ceiling": "TOP-SECRET", "csrf": csrf_of(c)})  # fmt: skip
    assert r.status_code == 400 and "unknown classification" in r.text
    with db_of(app).read() as conn:
        assert conn.execute("SELECT role, ceiling FROM devices WHERE id = ?",
                            (dev,)).fetchone() == ("local-staff", "FOUO")  # fmt: skip
    r = c.post("/console/admin/devices/0000000000000000/handling",
               data={"role": "staff", "ceiling": "embassy", "csrf": csrf_of(c)})  # fmt: skip
    assert r.status_code == 404
    # Back to the embassy's ceiling.
    c.post(f"/console/admin/devices/{dev}/handling",
           data={"role": "staff", "ceiling": "embassy", "csrf": csrf_of(c)})  # fmt: skip
    with db_of(app).read() as conn:
        assert conn.execute("SELECT role, ceiling FROM devices WHERE id = ?",
                            (dev,)).fetchone() == ("staff", None)  # fmt: skip
    viewer = client_for("viewer")
    r = viewer.post(f"/console/admin/devices/{dev}/handling",
                    data={"role": "local-staff", "ceiling": "embassy", "csrf": csrf_of(viewer)})  # fmt: skip
    assert r.status_code in (403, 404)
