"""HQ's console tells a draft from an approved record: a badge on the record page and an approval
filter on the records page (a real HQ database filled through the sync push API)."""

from __future__ import annotations

import re
from datetime import date

from console_helpers import push

from fieldkit.core.models import Approval, Meeting

RECORD_LINK = re.compile(r'/console/records/([0-9a-f-]{36})"')


def _meeting(subject: str, **approval) -> dict:
    m = Meeting(subject=subject, date=date(2026, 5, 4), country="KE", approver="Tanaka Ken",
                approval=Approval(**approval), revision=1)  # fmt: skip
    return m.model_dump(mode="json")


def test_badge_and_filter_follow_the_approval(app, client_for):
    draft = _meeting("Approval badge draft")
    approved = _meeting("Approval badge approved", status="approved", approved_by="Tanaka Ken",
                        approved_on="laptop 2", approved_at="2026-05-05T09:30:00Z", amendment=1)  # fmt: skip
    old = _meeting("Approval badge old")
    del old["approval"]  # pushed by a laptop on code from before approvals
    old["created_at"] = "2025-01-01T00:00:00Z"
    push(app.state.store, "KE", [draft, approved, old], name="KE approval laptop")
    c = client_for("admin")

    page = c.get(f"/console/records/{draft['id']}").text
    assert 'class="approval a-draft"' in page and "Draft" in page and "not yet approved" in page
    page = c.get(f"/console/records/{approved['id']}").text
    assert 'class="approval a-approved"' in page and "Amendment 1" in page
    assert "approved by Tanaka Ken on laptop 2, 2026-05-05 09:30 UTC" in page
    page = c.get(f"/console/records/{old['id']}").text
    assert 'class="approval a-filed"' in page and "filed before FieldKit recorded approvals" in page

    found = set(RECORD_LINK.findall(c.get("/console/records?q=badge&status=approved").text))
    assert approved["id"] in found and draft["id"] not in found
    found = set(RECORD_LINK.findall(c.get("/console/records?q=badge&status=draft").text))
    assert draft["id"] in found and approved["id"] not in found
    found = set(RECORD_LINK.findall(c.get("/console/records?q=badge&status=filed").text))
    assert found == {old["id"]}


def test_badge_in_japanese(app, client_for):
    draft = _meeting("Approval badge ja")
    push(app.state.store, "TZ", [{**draft, "country": "TZ"}], name="TZ approval laptop")
    page = client_for("tz_officer").get(f"/console/records/{draft['id']}").text
    assert "起案中" in page and "未決裁" in page and "決裁者：Tanaka Ken" in page
