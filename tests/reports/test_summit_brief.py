"""The summit brief read back from its PDF: a store with three countries and two summits,
grouped by country, open requests with our answers, projects, days left (a fixed today)."""

from __future__ import annotations

from datetime import date

import pytest

from fieldkit.core.brief import build
from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import FollowUp, Meeting, Project
from fieldkit.reports.brief import brief_report

from .conftest import pdf_pages_text, squash

TODAY = date(2025, 7, 21)  # 30 days before TICAD 9 opens (2025-08-20)


def meeting(store, country, day, subject, turns, summits=(), **kw):
    return store.create(Meeting(subject=subject, date=day, country=country, summits=list(summits),
                                turns=turns, **kw))  # fmt: skip


@pytest.fixture
def three_countries(store):
    ke = meeting(store, "KE", date(2025, 6, 2), "Geothermal talks", [
        {"side": "partner", "text": "Asks for a Menengai feasibility study.", "request": True},
        {"side": "ours", "text": "JICA will send a survey mission."},
    ], summits=["ticad9"], classification="CONFIDENTIAL")  # fmt: skip
    late = store.create(FollowUp(parent_id=ke.id, text="Send the survey terms", owner="Sato",
                                 due=date(2025, 7, 1)))  # fmt: skip
    store.update(ke.id, {"turns": [t.model_dump() | ({"follow_up_id": late.id} if t.request else {})
                                   for t in ke.turns]})  # fmt: skip
    school = meeting(store, "KE", date(2025, 3, 3), "School grant", [
        {"side": "partner", "text": "Asks for a school grant.", "request": True},
    ])  # fmt: skip
    done = store.create(FollowUp(parent_id=school.id, text="Grant signed", status="done",
                                 done_on=date(2025, 5, 1)))  # fmt: skip
    store.update(school.id, {"turns": [{"side": "partner", "text": "Asks for a school grant.",
                                        "request": True, "follow_up_id": done.id}]})  # fmt: skip
    meeting(store, "KE", date(2025, 4, 10), "Port call", [
        {"side": "partner", "text": "Asks for port dredging.", "request": True},
    ])  # fmt: skip
    meeting(store, "KE", date(2023, 1, 5), "Old talks", [
        {"side": "partner", "text": "An old request from 2023.", "request": True},
    ])  # fmt: skip
    meeting(store, "TZ", date(2025, 5, 5), "Rail talks", [
        {"side": "partner", "text": "Asks for rolling stock.", "request": True},
        {"side": "ours", "text": "We will consider an ODA loan."},
    ], summits=["ticad9"])  # fmt: skip
    meeting(store, "FJ", date(2025, 2, 2), "Sea wall talks", [
        {"side": "partner", "text": "Asks for a sea wall.", "request": True},
    ], summits=["palm10"])  # fmt: skip
    store.create(Project(title="Kisumu classrooms", country="KE", scheme="grassroots", budget=9_800_000,
                         currency="JPY", completion_report_due=date(2025, 6, 30)))  # fmt: skip
    store.create(Project(title="Dar rail study", country="TZ", scheme="technical_cooperation",
                         interim_report_due=date(2025, 9, 30)))  # fmt: skip
    return store


def test_brief_data_groups_by_participant_and_keeps_only_open_requests(three_countries):
    brief = build(three_countries, "ticad9", today=TODAY)
    assert brief.chosen_by == "participants"
    assert [c.code for c in brief.countries] == ["KE", "TZ"]  # Fiji does not take part
    ke, tz = brief.countries
    assert [r.text for r in ke.open_requests] == [
        "Asks for a Menengai feasibility study.", "Asks for port dredging."]  # fmt: skip
    assert ke.open_requests[0].answers == ("JICA will send a survey mission.",)
    assert ke.open_requests[0].follow_up.text == "Send the survey terms"
    assert (ke.meetings, ke.summit_meetings, ke.last_meeting.subject) == (3, 1, "Geothermal talks")
    assert [a.followup.text for a in ke.actions] == ["Send the survey terms"]
    assert ke.actions[0].deliverable and ke.actions[0].overdue
    assert ke.overdue_projects == 1 and tz.overdue_projects == 0
    assert brief.days_left == 30 and brief.phase == "upcoming"
    assert "CONFIDENTIAL" in brief.classifications


def test_brief_pdf_read_back(three_countries, tmp_path):
    out = tmp_path / "brief.pdf"
    result = brief_report(three_countries, out, summit="ticad9", today=TODAY, lang="en")
    assert result.classification == "CONFIDENTIAL"
    pages = [squash(p) for p in pdf_pages_text(out)]
    whole = "".join(pages)
    assert squash("30 days left (starts 20 August 2025)") in pages[0]
    ke = next(i for i, p in enumerate(pages) if squash("Kenya (KE)") in p)
    tz = next(i for i, p in enumerate(pages) if squash("Tanzania") in p and i > ke)
    for text in ("Asks for a Menengai feasibility study.", "JICA will send a survey mission.",
                 "Send the survey terms", "Asks for port dredging.", "Kisumu classrooms",
                 "Completion report overdue since 30 Jun 2025", "OVERDUE", "Deliverable"):  # fmt: skip
        assert squash(text) in "".join(pages[ke:tz]), text
    for text in ("Asks for rolling stock.", "We will consider an ODA loan.", "Dar rail study"):
        assert squash(text) in "".join(pages[tz:]), text
    for gone in ("Asks for a school grant.", "An old request from 2023.", "Sea wall", "Fiji"):
        assert squash(gone) not in whole, gone


def test_brief_in_japanese_and_a_summit_already_held(three_countries, tmp_path):
    out = tmp_path / "brief-ja.pdf"
    brief_report(three_countries, out, summit="ticad9", today=TODAY, lang="ja")
    text = squash("".join(pdf_pages_text(out)))
    for ja in (
        "首脳会議・フォーラム向け国別資料",
        "あと30日",
        "ケニア",
        "先方の未了の要望",
        "当方",
    ):
        assert squash(ja) in text, ja
    out = tmp_path / "palm.pdf"
    brief_report(three_countries, out, summit="palm10", today=TODAY, lang="en")
    text = squash("".join(pdf_pages_text(out)))
    assert squash("Held 368 days ago") in text and squash("Asks for a sea wall.") in text
    assert squash("Kenya (KE)") not in text


def test_countries_that_do_not_take_part_are_refused(three_countries):
    with pytest.raises(FieldKitError, match="FJ: not taking part in ticad9"):
        build(three_countries, "ticad9", ["KE", "FJ"], today=TODAY)
    with pytest.raises(FieldKitError, match="unknown summit/forum 'nope'"):
        build(three_countries, "nope", today=TODAY)
    assert [c.code for c in build(three_countries, "ticad9", ["tz"], today=TODAY).countries] == [
        "TZ"
    ]


def test_a_summit_without_participants_uses_the_countries_of_its_tagged_meetings(
    three_countries, monkeypatch
):
    from fieldkit.core.reference import Reference

    monkeypatch.setattr(Reference, "summit_countries", lambda self, code: frozenset())
    brief = build(three_countries, "ticad9", today=TODAY)
    assert brief.chosen_by == "tagged"
    assert [c.code for c in brief.countries] == ["KE", "TZ"]  # Fiji's meeting is PALM 10's
    # Any country may then be asked for, and a later start of the window leaves older ones out.
    late = build(three_countries, "ticad9", ["KE"], today=TODAY, since=date(2025, 5, 1))
    assert [r.text for r in late.countries[0].open_requests] == [
        "Asks for a Menengai feasibility study."
    ]
