from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from fieldkit.core.models import (
    LONG,
    FollowUp,
    Meeting,
    Project,
    Visit,
    parse_record,
)


def meeting(**kw) -> Meeting:
    base = {"subject": "GX dialogue", "date": "2026-03-02", "country": "KE"}
    return Meeting(**{**base, **kw})


def test_meeting_defaults_and_codes_normalised():
    m = meeting(country="ke", policy_fields=["gx", "digital"])
    assert m.country == "KE"
    assert m.kind == "meeting" and len(m.id) == 36
    assert m.classification == "FOUO"  # the configured default


@pytest.mark.parametrize(
    "field, value, needle",
    [
        ("date", "2026-02-30", "day value is outside"),
        ("country", "XX", "unknown country code"),
        ("policy_fields", ["gx", "space"], "unknown policy field"),
        ("classification", "TOP", "unknown classification"),
        ("subject", "", "at least 1 character"),
        ("key_points", "x" * (LONG + 1), "at most"),
        ("summits", ["ticad99"], "unknown summit"),
        ("nonsense", "1", "Extra inputs are not permitted"),
    ],
)
def test_meeting_rejects_bad_values(field, value, needle):
    with pytest.raises(ValidationError) as exc:
        meeting(**{field: value})
    assert needle in str(exc.value)


def test_end_before_start_refused():
    with pytest.raises(ValidationError, match="end_time is before start_time"):
        meeting(start_time="10:00", end_time="09:00")


def test_no_silent_coercion_of_numbers_into_text():
    with pytest.raises(ValidationError):
        meeting(subject=12345)


def test_visit_ratings_a_to_d_only():
    Visit(date=date(2026, 1, 1), country="TZ", criteria={"relevance": {"rating": "A"}})
    with pytest.raises(ValidationError):
        Visit(date=date(2026, 1, 1), country="TZ", criteria={"relevance": {"rating": "E"}})
    with pytest.raises(ValidationError, match="unknown DAC criterion"):
        Visit(date=date(2026, 1, 1), country="TZ", criteria={"beauty": {"rating": "A"}})


def test_project_overdue_flags_follow_the_dates():
    p = Project(
        title="Classrooms",
        interim_report_due=date(2026, 1, 31),
        completion_report_due=date(2026, 12, 31),
        sectors=[{"code": "11120"}, {"code": "X1", "vocabulary": "99"}],
    )
    assert p.interim_report_overdue(date(2026, 2, 1))
    assert not p.completion_report_overdue(date(2026, 2, 1))
    assert p.next_report_due() == date(2026, 1, 31)
    received = p.model_copy(update={"interim_report_received": date(2026, 2, 3)})
    assert not received.interim_report_overdue(date(2026, 3, 1))
    assert received.next_report_due() == date(2026, 12, 31)
    with pytest.raises(ValidationError, match="unknown DAC 5-digit sector"):
        Project(title="x", sectors=[{"code": "99999"}])


def test_followup_overdue_only_when_open():
    f = FollowUp(text="Send note", due=date(2026, 1, 1))
    assert f.overdue(date(2026, 1, 2))
    assert not f.model_copy(update={"status": "done"}).overdue(date(2026, 1, 2))


def test_parse_record_picks_model_by_kind():
    r = parse_record({"kind": "person", "name": "Wanjiru Kamau"})
    assert r.kind == "person"
    with pytest.raises(ValidationError):
        parse_record({"kind": "spaceship", "name": "x"})


def test_json_round_trip_is_exact():
    m = meeting(start_time="09:30", our_attendees=[{"name": "Sato Yuki"}], key_points="日本語")
    again = parse_record(m.model_dump(mode="json"))
    assert again == m


def test_japanese_country_names_are_the_ones_japanese_government_papers_use():
    """pycountry's Japanese names have a typo and designations MOFA never uses; ours are fixed."""
    from fieldkit.core import reference

    ref = reference.reference()
    names = {code: ref.country_name(code, "ja") for code in ("TW", "TZ", "GE", "LA", "KE")}
    assert names == {
        "TW": "台湾",
        "TZ": "タンザニア",
        "GE": "ジョージア",
        "LA": "ラオス",
        "KE": "ケニア",
    }
