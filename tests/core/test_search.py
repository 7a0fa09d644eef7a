from __future__ import annotations

from datetime import date

import pytest

from fieldkit.core.models import FollowUp, Meeting, Organisation, Project, Visit
from fieldkit.core.query import RecordFilter, fts_expression, split_terms


@pytest.fixture
def filled(store):
    a = store.create(
        Meeting(
            subject="地熱発電に関する協議",
            date=date(2026, 1, 10),
            country="KE",
            policy_fields=["gx"],
            key_points="先方は日本語の請求書について質問した。",
        )
    )
    b = store.create(
        Meeting(
            subject="Digital customs clearance",
            date=date(2026, 2, 5),
            country="VN",
            policy_fields=["digital"],
            partner_requests="Training for customs officers",
        )
    )
    c = store.create(
        Visit(
            date=date(2026, 3, 1),
            country="KE",
            site="Kisumu Primary School",
            findings="Classrooms in use; 48% girls",
            title="GGP monitoring",
        )
    )
    d = store.create(
        Project(title="Solar mini-grid", country="TZ", interim_report_due=date(2025, 1, 1))
    )
    e = store.create(Organisation(name="Ministry of Energy and Petroleum", country="KE"))
    f = store.create(FollowUp(parent_id=a.id, text="本省へ報告", due=date(2025, 12, 1)))
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def ids(rows):
    return {r["id"] for r in rows}


def test_japanese_inside_a_word(store, filled):
    assert ids(store.search("請求")) == {filled["a"].id}  # 2 characters: LIKE path
    assert ids(store.search("請求書")) == {filled["a"].id}  # 3+: trigram index
    assert ids(store.search("地熱発電")) == {filled["a"].id}


def test_one_character_query(store, filled):
    assert filled["f"].id in ids(store.search("省"))


def test_english_case_insensitive_and_all_terms(store, filled):
    assert ids(store.search("CUSTOMS training")) == {filled["b"].id}
    assert ids(store.search("customs geothermal")) == set()


def test_quoted_phrase_and_hostile_syntax(store, filled):
    assert ids(store.search('"Primary School"')) == {filled["c"].id}
    for nasty in ['"', "AND OR NOT", "*", "(((", "NEAR(a b)", "' OR 1=1 --", "%", "_"]:
        store.search(nasty)  # no exception, whatever it finds


def test_country_name_matches_in_both_languages(store, filled):
    assert filled["c"].id in ids(store.search("Kenya"))
    assert filled["c"].id in ids(store.search("ケニア"))


def test_filters_combine_with_text(store, filled):
    assert ids(store.search("customs", RecordFilter(kinds=("visit",)))) == set()
    assert ids(store.search("Ministry", RecordFilter(kinds=("contact",)))) == {filled["e"].id}
    assert ids(store.search("協議", RecordFilter(countries=("KE",), policy_fields=("gx",)))) == {
        filled["a"].id
    }
    flt = RecordFilter(
        date_from=date(2026, 2, 1), date_to=date(2026, 12, 31), kinds=("meeting", "visit")
    )
    assert set(store.ids(flt)) == {filled["b"].id, filled["c"].id}


def test_overdue_filter(store, filled):
    overdue = set(store.ids(RecordFilter(overdue=True, today=date(2026, 6, 1))))
    assert overdue == {filled["d"].id, filled["f"].id}
    store.update(filled["f"].id, {"status": "done"})
    store.update(filled["d"].id, {"interim_report_received": "2025-01-10"})
    assert store.ids(RecordFilter(overdue=True, today=date(2026, 6, 1))) == []


def test_edits_and_deletes_reach_the_index(store, filled):
    store.update(
        filled["b"].id, {"turns": [{"side": "partner", "text": "Submarine cable landing station"}]}
    )
    assert ids(store.search("customs officers")) == set()
    assert ids(store.search("submarine")) == {filled["b"].id}
    store.delete(filled["b"].id)
    assert ids(store.search("submarine")) == set()


def test_split_terms_and_expression():
    assert split_terms('GX "Ministry of Energy"  地熱') == ["GX", "Ministry of Energy", "地熱"]
    assert fts_expression(['say "hi"']) == '"say ""hi"""'
