"""Records of conversation as ordered turns: old records (three boxes) upgraded when read and in
the store, and the search text naming a record's codes in both languages."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from fieldkit.core import schema
from fieldkit.core.models import Meeting, parse_record
from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Store
from fieldkit.core.turns import requests

SCHEMA3 = Path(__file__).parent.parent / "data" / "stores" / "schema3" / "fieldkit.db"


def _old(**extra):
    return {"kind": "meeting", "subject": "Geothermal", "date": "2025-03-01", "country": "KE",
            "key_points": "Olkaria expansion.", **extra}  # fmt: skip


def test_old_json_loads_as_turns():
    m = parse_record(
        _old(partner_requests="A study of Menengai.", our_responses="We will ask JICA.")
    )
    assert m.key_points == "Olkaria expansion."
    assert [(t.side, t.text, t.request) for t in m.turns] == [
        ("partner", "A study of Menengai.", True),
        ("ours", "We will ask JICA.", False),
    ]
    assert "partner_requests" not in m.model_dump()
    (req,) = requests(m.turns)
    assert req.text == "A study of Menengai." and req.answers == ("We will ask JICA.",)
    # Read twice (the same record arriving again) it is not doubled.
    again = parse_record(m.model_dump(mode="json") | {"partner_requests": "A study of Menengai."})
    assert len(again.turns) == 2


def test_turns_keep_their_order_and_answers():
    m = Meeting(subject="s", date=date(2025, 1, 1), country="KE", turns=[
        {"side": "partner", "text": "Asks for a grid study.", "request": True},
        {"side": "ours", "text": "JICA will look at it."},
        {"side": "ours", "text": "And reply by June."},
        {"side": "partner", "text": "Thanks."},
        {"side": "partner", "text": "Also a school.", "request": True},
    ])  # fmt: skip
    got = requests(m.turns)
    assert [(r.text, r.answers) for r in got] == [
        ("Asks for a grid study.", ("JICA will look at it.", "And reply by June.")),
        ("Also a school.", ()),
    ]
    with pytest.raises(ValidationError, match="side"):
        Meeting(
            subject="s", date=date(2025, 1, 1), country="KE", turns=[{"side": "x", "text": "a"}]
        )
    with pytest.raises(ValidationError, match="meeting type"):
        Meeting(subject="s", date=date(2025, 1, 1), country="KE", meeting_type="party")


def test_schema3_store_upgrades_every_meeting_to_turns(tmp_path):
    shutil.copy(SCHEMA3, tmp_path / "fieldkit.db")
    conn = sqlite3.connect(tmp_path / "fieldkit.db")
    before = {
        i: json.loads(d)
        for i, d in conn.execute("SELECT id, data FROM records WHERE kind = 'meeting'")
    }
    conn.close()
    assert before and all("partner_requests" in d for d in before.values())
    with Store.open(tmp_path) as store:
        assert schema.user_version(store.conn) == schema.CURRENT
        for rid, old in before.items():
            raw = json.loads(
                store.conn.execute("SELECT data FROM records WHERE id = ?", (rid,)).fetchone()[0]
            )
            assert "partner_requests" not in raw and "our_responses" not in raw
            m = store.get(rid)
            assert m.key_points == old["key_points"] and m.subject == old["subject"]
            said = [t.text for t in m.turns]
            for box in ("partner_requests", "our_responses"):
                if old[box]:
                    assert old[box] in said
            if old["partner_requests"]:
                assert m.turns[0].side == "partner" and m.turns[0].request
            if old["our_responses"]:
                assert m.turns[-1].side == "ours" and m.turns[-1].text == old["our_responses"]
            assert m.revision == old["revision"]  # same record, new shape: no new revision
        # The exchange is still searchable, and the codes' names now are.
        some = next(d for d in before.values() if d["partner_requests"])
        word = some["partner_requests"].split()[0:3]
        assert rid_in(store.search(" ".join(f'"{w}"' for w in word if len(w) >= 3)), some["id"])
        tagged = [d for d in before.values() if "ticad9" in d["summits"]]
        if tagged:
            found = {r["id"] for r in store.search("アフリカ開発会議", limit=1000)}
            assert {d["id"] for d in tagged} <= found


def rid_in(rows, rid):
    return rid in {r["id"] for r in rows}


@pytest.fixture
def tagged(store):
    def meet(subject, **kw):
        return store.create(Meeting(subject=subject, date=date(2025, 5, 1), country="FJ", **kw))

    return {
        "auto": meet("Plant visit", policy_fields=["next_gen_auto"], instruments=["oda_loan"]),
        "palm": meet("Island leaders", summits=["palm10"], meeting_type="courtesy_call"),
        "plain": meet("Something else", policy_fields=["other"]),
    }


@pytest.mark.parametrize(
    ("query", "key"),
    [("次世代自動車", "auto"), ('"Next-generation"', "auto"), ("円借款", "auto"), ("ODA loan", "auto"),
     ("PALM10", "palm"), ("太平洋・島サミット", "palm"), ("Pacific Islands", "palm"),
     ("表敬", "palm"), ("Courtesy call", "palm")],
)  # fmt: skip
def test_search_finds_code_names_in_both_languages(store, tagged, query, key):
    assert {r["id"] for r in store.search(query)} == {tagged[key].id}


def test_other_is_not_a_searchable_name(store, tagged):
    assert tagged["plain"].id not in {r["id"] for r in store.search("Other")}


def test_summit_and_instrument_filters(store, tagged):
    assert store.ids(RecordFilter(summits=("palm10",))) == [tagged["palm"].id]
    assert store.ids(RecordFilter(instruments=("oda_loan", "grant_aid"))) == [tagged["auto"].id]
    assert store.ids(RecordFilter(summits=("ticad9",))) == []


def test_old_boxes_are_read_from_json_and_never_written_listed_or_settable():
    """Meeting takes the old boxes as fields it only reads (a "before" validator would make
    pydantic build a dict of every meeting read from JSON): they go into turns, and are not in
    the JSON written, the CSV columns, the search text or the fields the CLI sets."""
    from fieldkit.core.indexing import _text_fields
    from fieldkit.core.models import fields_of, record_from_json
    from fieldkit.core.transfer import csv_columns

    raw = json.dumps(_old(partner_requests="A second study", our_responses="We will ask Tokyo",
                          created_at="2024-05-01T09:00:00Z"))  # fmt: skip
    m = record_from_json(raw)
    assert [(t.side, t.text, t.request) for t in m.turns] == [
        ("partner", "A second study", True), ("ours", "We will ask Tokyo", False),
    ]  # fmt: skip
    assert m.approval.status == "filed"  # saved before approvals existed
    written = m.model_dump_json()
    assert "partner_requests" not in written and "our_responses" not in written
    assert record_from_json(written) == m  # read again: the same, nothing doubled
    for listed in (fields_of(Meeting), csv_columns("meeting"), _text_fields(Meeting)):
        assert "partner_requests" not in listed and "our_responses" not in listed
    assert Meeting(subject="New", date=date(2026, 1, 5), country="KE").approval.status == "draft"
