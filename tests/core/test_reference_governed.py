"""Reference data HQ governs, on the laptop: lists kept in the store, retired codes readable but
not offered, the old per-post override no longer adding codes, posts with their countries and
time zones, the dashboard's summit countdown, and demo data that follows the lists."""

from __future__ import annotations

import json
from datetime import date

import pytest

from fieldkit.core import reference as ref
from fieldkit.core.dashboard import next_summits
from fieldkit.core.demo import build
from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import Meeting
from fieldkit.core.operations.records import create_record, update_record
from fieldkit.core.store import Store
from sync.reference_sync import keep


def test_the_old_override_file_no_longer_adds_codes_but_its_records_load(tmp_path):
    data = tmp_path / "post"
    (data / "reference").mkdir(parents=True)
    local = {"code": "ke_investment_forum", "name": "Kenya Investment Forum",
             "name_ja": "ケニア投資フォーラム", "start": "2026-03-01", "end": "2026-03-02"}  # fmt: skip
    override = ref.shipped("summits") + [local]
    (data / "reference" / "summits.json").write_text(json.dumps(override), "utf-8")
    store = Store.open(data)
    try:
        # A record the post made while the override applied (written as it was then).
        old = store.create(Meeting(subject="Forum prep", date=date(2026, 2, 1), country="KE",
                                   summits=["ke_investment_forum"]))  # fmt: skip
    finally:
        store.close()
    store = Store.open(data)
    try:
        r = ref.reference()
        assert store.get(old.id).summits == ["ke_investment_forum"]
        assert r.summits["ke_investment_forum"].name == "Kenya Investment Forum"  # its name kept
        assert "ke_investment_forum" not in r.offered("summits")
        with pytest.raises(FieldKitError, match="retired"):
            create_record(store, {"kind": "meeting", "subject": "x", "date": "2026-02-02",
                                  "country": "KE", "summits": ["ke_investment_forum"]})  # fmt: skip
        # Editing the old record keeps its code; adding it elsewhere is refused.
        update_record(store, old.id, {"subject": "Forum preparation"})
        assert store.get(old.id).summits == ["ke_investment_forum"]
    finally:
        store.close()


def test_lists_from_hq_are_kept_in_the_store_and_a_dropped_code_stays_retired(tmp_path):
    store = Store.open(tmp_path / "d")
    try:
        meeting = store.create(
            Meeting(subject="GX", date=date(2026, 1, 5), country="KE", policy_fields=["gx"])
        )
        fields = [f for f in ref.shipped("policy_fields") if f["code"] != "gx"]
        fields.append(
            {"code": "blue_economy", "name": "Blue economy", "name_ja": "ブルーエコノミー"}
        )
        keep(store, 3, {"policy_fields": fields})
        r = ref.reference()
        assert r.version == 3 and "blue_economy" in r.offered("policy_fields")
        assert r.policy_fields["gx"].retired and "gx" not in r.offered("policy_fields")
        # HQ sends a later version without blue_economy: the laptop still knows both codes.
        keep(store, 4, {"policy_fields": fields[:-1]})
        assert {"gx", "blue_economy"} <= set(ref.reference().policy_fields)
        with store.tx.read() as c:
            version, lists = ref.stored_lists(c)
        assert version == 4 and "blue_economy" in {f["code"] for f in lists["policy_fields"]}
        # An HQ that publishes nothing any more (a new database): the shipped list again, and
        # the codes only HQ had stay readable, retired.
        keep(store, 0, {})
        r = ref.reference()
        assert set(r.offered("policy_fields")) == {f["code"] for f in ref.shipped("policy_fields")}
        assert r.policy_fields["blue_economy"].retired
    finally:
        store.close()
    store = Store.open(tmp_path / "d")  # opened again: the lists come from the store
    try:
        assert (
            ref.reference().version == 0 and ref.reference().policy_fields["blue_economy"].retired
        )
        assert store.get(meeting.id).policy_fields == ["gx"]
        made = create_record(store, {"kind": "meeting", "subject": "Ports", "date": "2026-02-02",
                                     "country": "KE", "policy_fields": ["resilience"]})  # fmt: skip
        assert made.policy_fields == ["resilience"]
    finally:
        store.close()


def test_posts_cover_every_country_and_name_their_time_zone():
    from zoneinfo import ZoneInfo

    r = ref.Reference()
    covered = {cc for p in r.posts.values() for cc in p.extra["countries"]}
    assert set(r.countries) - covered == {"AQ", "KP", "EH", "JP"}  # no Japanese post covers them
    assert "XK" in r.countries and r.countries["XK"].name_ja == "コソボ"
    for p in r.posts.values():
        assert p.name and p.name_ja and ZoneInfo(p.extra["time_zone"])
    kenya = r.post("KE")  # an embassy of old, by its country code
    assert kenya.code == "emb-ke" and kenya.name_ja == "在ケニア日本国大使館"
    assert {"KE", "SO"} <= set(r.post_countries("emb-ke"))
    assert r.post_of_country("SO").code == "emb-ke"
    assert r.post_time_zone("emb-sn") == "Africa/Dakar"
    assert r.post_label("Embassy of Japan in Kenya", "ja") == "在ケニア日本国大使館"
    assert r.posts["pm-un-newyork"].extra["countries"] == []


def test_policy_lists_match_the_2024_global_south_policy():
    r = ref.Reference()
    assert r.policy_fields["vulnerable"].name == "Support to vulnerable countries"
    assert {"volunteers", "jbic", "nexi", "join"} <= set(r.instruments)
    assert set(r.summit_countries("ticad9")) >= {"KE", "SN", "ZA"}
    assert "MX" not in r.summit_countries("ticad9") and "FJ" in r.summit_countries("palm10")


def test_the_dashboard_counts_down_to_the_next_summits_of_the_posts_countries(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("FIELDKIT_POST", raising=False)  # the post from Settings, not a script's
    store = Store.open(tmp_path / "d")
    try:
        store.settings.post = "emb-za"
        assert next_summits(store, date(2026, 12, 2))[0] == ("g20_2026", date(2026, 12, 14), 12)
        store.settings.post = "emb-ke"  # not in the G20: the next is TICAD 10 (no dates yet)
        assert next_summits(store, date(2026, 12, 2))[0] == ("ticad10", None, None)
        assert store.settings.post_name("ja") == "在ケニア日本国大使館"
        assert store.settings.post_time_zone() == "Africa/Nairobi"
    finally:
        store.close()


def test_demo_data_follows_the_reference_data():
    today = date(2026, 12, 2)
    records, _ = build(meetings=300, visits=40, projects=20, seed=5, today=today)
    r = ref.Reference()
    meetings = [m for m in records if m.kind == "meeting"]
    tagged = [m for m in meetings if m.summits]
    assert len(tagged) > 50
    for m in tagged:
        for code in m.summits:
            who, (start, _end) = r.summit_countries(code), r.summit_dates(code)
            assert not who or m.country in who, (code, m.country)
            assert start is None or m.date < start, (code, m.date)
    for rec in records:
        assert getattr(rec, "date", None) is None or rec.date <= today
        if rec.kind == "followup" and rec.status == "done":
            assert rec.done_on is not None and rec.done_on <= today
    for m in meetings:  # the post of the meeting's country
        assert r.post_of_country(m.country).name == m.post
    # The README's example brief (report brief --summit ticad9 --country KE) has meetings.
    records, _ = build(meetings=200, visits=60, projects=40, seed=1, today=today)
    assert any(m.kind == "meeting" and m.country == "KE" and "ticad9" in m.summits
               for m in records)  # fmt: skip
