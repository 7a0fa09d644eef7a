"""Calendar export: meetings as events, open follow-ups as to-dos, read back with icalendar."""

from __future__ import annotations

from datetime import date, datetime, time

from icalendar import Calendar

from fieldkit.core.models import FollowUp, Meeting
from fieldkit.interop.ics import calendar_bytes


def components(data: bytes, name: str):
    return [c for c in Calendar.from_ical(data).walk() if c.name == name]


def seed(store):
    timed = store.create(
        Meeting(subject="GX dialogue 地熱", date=date(2026, 3, 2), start_time=time(10, 0),
                end_time=time(11, 30), place="Ministry of Energy, Nairobi", country="KE",
                policy_fields=["gx"], classification="UNCLASSIFIED")
    )  # fmt: skip
    allday = store.create(Meeting(subject="TICAD follow-up", date=date(2026, 3, 5), country="TZ"))
    secret = store.create(
        Meeting(subject="Critical minerals offtake terms", date=date(2026, 3, 6),
                place="Residence", country="KE", classification="CONFIDENTIAL")
    )  # fmt: skip
    open_todo = store.create(
        FollowUp(parent_id=timed.id, text="Send the geothermal study\nwith annexes",
                 owner="Sato", due=date(2026, 3, 20))
    )  # fmt: skip
    store.create(FollowUp(parent_id=timed.id, text="Done already", due=date(2026, 3, 1),
                          status="done"))  # fmt: skip
    store.create(FollowUp(parent_id=allday.id, text="No date yet"))
    return timed, allday, secret, open_todo


def test_meetings_become_events_and_open_followups_todos(store):
    timed, allday, secret, todo = seed(store)
    data, report = calendar_bytes(store)
    assert (report.events, report.todos) == (3, 1)
    cal = Calendar.from_ical(data)
    assert cal["version"] == "2.0" and "FieldKit" in str(cal["prodid"])
    events = {str(e["uid"]): e for e in components(data, "VEVENT")}

    e = events[f"{timed.id}@fieldkit"]
    assert str(e["summary"]) == "GX dialogue 地熱"
    assert e.decoded("dtstart") == datetime(2026, 3, 2, 10, 0)  # floating: the post's local time
    assert e.decoded("dtstart").tzinfo is None
    assert e.decoded("dtend") == datetime(2026, 3, 2, 11, 30)
    assert str(e["location"]) == "Ministry of Energy, Nairobi"
    assert str(e["class"]) == "PUBLIC"

    a = events[f"{allday.id}@fieldkit"]
    assert a.decoded("dtstart") == date(2026, 3, 5) and a.decoded("dtend") == date(2026, 3, 6)

    s = events[f"{secret.id}@fieldkit"]
    assert str(s["summary"]) == "[CONFIDENTIAL] Meeting"  # no subject, no place leave the store
    assert "location" not in s and str(s["class"]) == "CONFIDENTIAL"
    assert b"offtake" not in data and b"Residence" not in data

    (t,) = components(data, "VTODO")
    assert str(t["uid"]) == f"{todo.id}@fieldkit"
    assert t.decoded("due") == date(2026, 3, 20)
    assert str(t["summary"]) == "Follow-up: Send the geothermal study"
    assert str(t["status"]) == "NEEDS-ACTION"
    assert str(t["related-to"]) == f"{timed.id}@fieldkit"
    assert "Owner: Sato" in str(t["description"])
    assert store.audit_events()[0]["event"] == "export_ics"


def test_todos_as_events_for_google_and_country_filter(store):
    timed, allday, secret, todo = seed(store)
    data, report = calendar_bytes(store, country="TZ", todos_as_events=True)
    assert (report.events, report.todos) == (1, 0)  # the open follow-up belongs to a KE meeting
    data, report = calendar_bytes(store, country="KE", todos_as_events=True)
    assert (report.events, report.todos) == (2, 1)
    assert components(data, "VTODO") == []
    uids = {str(e["uid"]) for e in components(data, "VEVENT")}
    assert f"{todo.id}@fieldkit" in uids


def test_an_edit_raises_the_sequence_so_calendars_update(store):
    timed, *_ = seed(store)
    store.update(timed.id, {"place": "KenGen offices"})
    data, _ = calendar_bytes(store)
    e = next(e for e in components(data, "VEVENT") if str(e["uid"]).startswith(timed.id))
    assert int(e["sequence"]) == 1 and str(e["location"]) == "KenGen offices"
