"""Caveats travel with the content (issue #14): a store holding NOT FOR LOCAL STAFF meetings, whose
follow-ups carry only the default marking of their own, printed and exported every way. Each
output is read back as text: the follow-ups report, the digest, the project list, CSV (CLI) and
the calendar file (CLI, with and without --include-restricted)."""

from __future__ import annotations

import csv
from datetime import date, time

import pytest
from icalendar import Calendar

from fieldkit.cli.main import main
from fieldkit.core.marking import NOT_FOR_LOCAL_STAFF, effective_marking, strictest
from fieldkit.core.models import FollowUp, Meeting, Project
from fieldkit.core.store import Store
from fieldkit.reports import DigestQuery, digest_report, followups_report, projects_report

from .conftest import pdf_pages_text, squash

TODAY = date(2026, 6, 1)
SECRET_SUBJECT = "Lithium offtake side letter"
SECRET_PLACE = "Ambassador's residence"
SECRET_ACTION = "Share the draft side letter with METI"


@pytest.fixture
def marked(tmp_path):
    store = Store.open(tmp_path / "data")
    restricted = store.create(
        Meeting(subject=SECRET_SUBJECT, date=date(2026, 5, 12), start_time=time(15, 0),
                place=SECRET_PLACE, country="KE", policy_fields=["critical_minerals"],
                classification="FOUO", caveats=[NOT_FOR_LOCAL_STAFF])
    )  # fmt: skip
    plain = store.create(
        Meeting(subject="Geothermal study handover", date=date(2026, 5, 14), place="KenGen",
                country="KE", classification="UNCLASSIFIED")
    )  # fmt: skip
    # The follow-up's own fields say UNCLASSIFIED and no caveat: it still repeats the meeting.
    action = store.create(
        FollowUp(parent_id=restricted.id, text=SECRET_ACTION, owner="Ito Daisuke",
                 due=date(2026, 5, 20), classification="UNCLASSIFIED")
    )  # fmt: skip
    store.create(
        FollowUp(parent_id=plain.id, text="Send the study to JICA", owner="Ito Daisuke",
                 due=date(2026, 6, 20), classification="UNCLASSIFIED")
    )  # fmt: skip
    store.create(
        Project(title="Borehole for Kitui school", country="KE", scheme="grassroots",
                classification="UNCLASSIFIED", caveats=["NO_COPY"])
    )  # fmt: skip
    yield store, restricted, action
    store.close()


def test_a_followup_carries_its_meetings_marking(marked):
    store, meeting, action = marked
    m = effective_marking(action, meeting)
    assert m.classification == "FOUO" and m.caveats == (NOT_FOR_LOCAL_STAFF,)
    assert m.label("en") == "FOR OFFICIAL USE ONLY · Not for local staff"
    assert m.label("ja") == "取扱注意・現地職員閲覧不可"
    # Its own stricter marking is kept: the higher level, both caveats.
    own = action.model_copy(update={"classification": "SECRET", "caveats": ["NO_COPY"]})
    assert effective_marking(action, meeting.model_copy(update={"classification": "SECRET"})
                             ).classification == "SECRET"  # fmt: skip
    m = effective_marking(own, meeting)
    assert m.classification == "SECRET" and set(m.caveats) == {"NO_COPY", NOT_FOR_LOCAL_STAFF}
    assert effective_marking(action).caveats == ()  # without its parent: its own only
    assert strictest([effective_marking(meeting), m]).classification == "SECRET"


def test_followups_report_marks_each_row_and_the_band(marked, tmp_path):
    store = marked[0]
    for lang, caveat, level in (
        ("en", "Not for local staff", "FOR OFFICIAL USE ONLY"),
        ("ja", "現地職員閲覧不可", "取扱注意"),
    ):
        out = tmp_path / f"followups-{lang}.pdf"
        followups_report(store, out, today=TODAY, lang=lang)
        pages = pdf_pages_text(out)
        body = squash(pages[0])
        # The row of the restricted meeting's action says so, beside the action.
        assert squash(SECRET_ACTION) in body
        assert squash(level) in body and squash(caveat) in body
        for page in pages:  # the band: the strictest of what is printed, on every page
            assert "NOT FOR LOCAL STAFF" in page and "FOR OFFICIAL USE ONLY" in page
        if lang == "en":
            row = body.split(squash(SECRET_ACTION))[1][:120]
            assert "FOROFFICIALUSE" in row and "Notforlocalstaff" in row  # a wrapped cell


def test_digest_entry_and_band_carry_caveats(marked, tmp_path):
    store = marked[0]
    out = tmp_path / "digest.pdf"
    digest_report(store, DigestQuery(date(2026, 5, 1), date(2026, 5, 31)), out, lang="ja")
    pages = pdf_pages_text(out)
    text = squash("".join(pages))
    assert squash("[取扱注意・現地職員閲覧不可]") in text  # the restricted meeting's own entry
    assert squash("[指定なし]") in text  # the other keeps its own, without caveats
    assert all("NOT FOR LOCAL STAFF" in p for p in pages)
    assert "取扱注意事項現地職員閲覧不可1" in squash(pages[0])  # the summary counts them


def test_project_list_shows_each_projects_marking(marked, tmp_path):
    store = marked[0]
    out = tmp_path / "projects.pdf"
    projects_report(store, out, today=TODAY, lang="en")
    pages = pdf_pages_text(out)
    assert squash("[UNCLASSIFIED · No copying]") in squash(pages[0])
    assert "NO COPYING" in pages[0] and "NO COPYING" in pages[-1]


def test_csv_rows_carry_the_effective_marking(marked, tmp_path, capsys):
    store, meeting, action = marked
    dd = str(tmp_path / "data")
    store.close()
    target = tmp_path / "followups.csv"
    assert main(["--data-dir", dd, "export", "--format", "csv", "--kind", "followup",
                 "-o", str(target)]) == 0  # fmt: skip
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    header = target.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["id", "classification", "caveats"]
    by_text = {r["text"]: r for r in rows}
    assert by_text[SECRET_ACTION]["classification"] == "FOUO"
    assert by_text[SECRET_ACTION]["caveats"] == NOT_FOR_LOCAL_STAFF
    assert by_text["Send the study to JICA"]["classification"] == "UNCLASSIFIED"
    assert by_text["Send the study to JICA"]["caveats"] == ""


def test_ics_writes_restricted_entries_without_content_unless_asked(marked, tmp_path):
    store, meeting, action = marked
    dd = str(tmp_path / "data")
    store.close()
    target = tmp_path / "cal.ics"
    assert main(["--data-dir", dd, "export-ics", "-o", str(target)]) == 0
    data = target.read_bytes()
    for secret in (SECRET_SUBJECT, SECRET_PLACE, SECRET_ACTION, "Ito Daisuke\\, ", meeting.id):
        assert secret.encode() not in data.replace(f"{meeting.id}@".encode(), b"")
    items = {str(c["uid"]).split("@")[0]: c for c in Calendar.from_ical(data).walk()
             if c.name in ("VEVENT", "VTODO")}  # fmt: skip
    ev, todo = items[meeting.id], items[action.id]
    assert str(ev["summary"]) == "Restricted meeting" and "location" not in ev
    assert "categories" not in ev
    assert str(ev["class"]) == "PRIVATE"
    assert str(ev["description"]) == "FOR OFFICIAL USE ONLY · NOT FOR LOCAL STAFF."
    assert ev.decoded("dtstart").hour == 15  # the time stays blocked
    assert str(todo["summary"]) == "Restricted follow-up" and str(todo["class"]) == "PRIVATE"
    assert str(todo["description"]) == "FOR OFFICIAL USE ONLY · NOT FOR LOCAL STAFF."
    # The plain meeting is written as before, its marking first in the description.
    plain = next(c for c in items.values() if str(c.get("summary")) == "Geothermal study handover")
    assert str(plain["class"]) == "PUBLIC" and str(plain["location"]) == "KenGen"
    assert str(plain["description"]).startswith("UNCLASSIFIED. FieldKit record")

    full = tmp_path / "full.ics"
    assert main(["--data-dir", dd, "export-ics", "--include-restricted", "-o", str(full)]) == 0
    data = full.read_bytes()
    assert SECRET_PLACE.encode() in data and b"Share the draft side letter" in data
    again = Store.open(tmp_path / "data")
    try:
        events = [e for e in again.audit_events() if e["event"] == "export_ics"]
    finally:
        again.close()
    assert [e["detail"]["include_restricted"] for e in events] == [True, False]  # newest first
    assert events[0]["detail"]["restricted"] == 2
