"""Applying pulled pages on the laptop (SyncState.apply_page) against a real store file."""

from __future__ import annotations

import json
from datetime import date

import pytest

from fieldkit.core.models import Attachment, Meeting, utcnow
from fieldkit.core.query import RecordFilter
from sync import protocol as p
from sync.state import SyncState


def from_hq(subject: str, author: str = "wanjiru", **kw) -> dict:
    """A record as another laptop wrote it and HQ sends it (a draft, as today's laptops write
    it; a meeting without an approval would read as filed before approvals, and locked)."""
    now = utcnow()
    m = Meeting(
        subject=subject, date=date(2026, 3, 2), country="KE", revision=1, created_at=now,
        updated_at=now, created_by=author, updated_by=author, post="Embassy of Japan in Kenya",
        **{"approval": {"status": "draft"}, **kw},
    )  # fmt: skip
    return m.model_dump(mode="json")


def server_versions(store) -> dict[str, int | None]:
    return dict(
        store.conn.execute(
            "SELECT r.id, sv.version FROM records r LEFT JOIN server_versions sv ON sv.id = r.id"
        ).fetchall()
    )


def test_a_page_of_new_known_invalid_and_attachment_records(store):
    state = SyncState(store)
    mine = store.create(Meeting(subject="Local one", date=date(2026, 1, 5), country="KE"))
    state.record_pushed(state.pending(), [7], [])  # HQ acknowledged it as version 7
    assert store.outbox() == []
    seen = []
    store.subscribe(seen.append)

    new = [from_hq(f"Geothermal tariff {i}", author="otieno" if i % 2 else "wanjiru")
           for i in range(5)]  # fmt: skip
    photo = Attachment(
        parent_id=new[0]["id"], sha256="ab" * 32, size=10, filename="site.jpg", revision=1,
        created_at=utcnow(), updated_at=utcnow(), created_by="otieno", updated_by="otieno",
    ).model_dump(mode="json")  # fmt: skip
    edited = mine.model_dump(mode="json") | {"place": "Ministry of Energy", "revision": 2}
    bad = from_hq("from a newer FieldKit") | {"no_such_field": 1}
    twice_old = from_hq("Solar grid v1")
    twice_new = twice_old | {"subject": "Solar grid v2", "revision": 2}
    records = [*new, photo, edited, bad, twice_old, twice_new]
    versions = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]

    result = state.apply_page(records, versions, 19)

    assert result.applied == 8 and result.invalid == [bad["id"]]
    assert state.cursor == 19
    assert store.outbox() == []  # pulled records are never pushed back
    sv = server_versions(store)
    assert [sv[d["id"]] for d in new] == [10, 11, 12, 13, 14]
    assert sv[photo["id"]] == 15 and sv[mine.id] == 16 and sv[twice_old["id"]] == 19
    assert store.get(twice_old["id"]).subject == "Solar grid v2"
    assert store.get(mine.id).place == "Ministry of Energy"
    assert bad["id"] not in sv
    # History names who wrote each record; an update logs what changed.
    assert [(h.action, h.author) for h in store.history(new[1]["id"])] == [("sync", "otieno")]
    assert store.history(mine.id)[-1].changes["place"] == ["", "Ministry of Energy"]
    # Search text is written with the row; the missing photo file is wanted.
    assert {s["id"] for s in store.search("Geothermal")} == {d["id"] for d in new}
    assert state.wanted_blobs() == ["ab" * 32]
    assert store.count(RecordFilter(kinds=("attachment",))) == 1
    # One notification, after the commit, naming every record the page wrote.
    assert len(seen) == 1 and seen[0].source == "sync"
    assert seen[0].ids == {d["id"] for d in [*new, photo, edited, twice_old]}
    # The checksum summary now counts them (the end-of-sync comparison relies on it).
    assert state.summary()["meeting"][0] == 7


def test_a_page_that_fails_half_way_writes_nothing(store):
    state = SyncState(store)
    state.apply_page([from_hq("Earlier")], [3], 3)
    before = store.count()
    records = [from_hq(f"m{i}") for i in range(4)]
    with pytest.raises(ValueError):
        state.apply_page(records, [4, 5, 6], 6)  # a damaged page: fewer versions than records
    assert store.count() == before and state.cursor == 3
    assert state.apply_page(records, [4, 5, 6, 7], 7).applied == 4
    assert store.count() == before + 4


def test_a_record_known_locally_with_a_pending_edit_is_left_for_hq_to_merge(store):
    state = SyncState(store)
    data = from_hq("Shared")
    state.apply_page([data], [5], 5)
    store.update(data["id"], {"place": "Nairobi"})  # edited here, not pushed yet
    newer = data | {"key_points": "from a colleague", "revision": 2}
    result = state.apply_page([newer], [6], 6)
    assert result.skipped == 1 and result.applied == 0
    assert store.get(data["id"]).place == "Nairobi"
    assert len(store.outbox()) == 1


def test_pull_pages_assembled_from_stored_text_read_as_the_protocol_models():
    stored = ['{"id":"a","subject":"地熱 tariff \\"quoted\\""}', '{"id":"b","n":[1,2]}']
    summary = {"meeting": p.KindSummary(count=2, checksum=7)}
    text = p.encode_pull_page(stored, [3, 4], 4, False, summary)
    page = p.PullPage.model_validate_json(text)
    assert page == p.PullPage(records=[json.loads(s) for s in stored], versions=[3, 4],
                              cursor=4, more=False, summary=summary)  # fmt: skip
    assert p.PullPage.model_validate_json(p.encode_pull_page([], [], 9, True, None)).cursor == 9
    resp = p.PushResponse(versions=[5, 0], audit_ids=["e1"])
    both = p.PushResponse.model_validate_json(p.encode_push_response(resp, text))
    assert both.versions == [5, 0] and both.audit_ids == ["e1"] and both.pull == page
    assert p.PushResponse.model_validate_json(p.encode_push_response(resp, None)).pull is None
