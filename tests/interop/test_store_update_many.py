"""Store.update_many, the batched update the IATI re-import uses: the same outcome as save()."""

from __future__ import annotations

import pytest

from fieldkit.core.errors import FieldKitError, NotFound
from fieldkit.core.models import Meeting, Project


def make(store, n: int) -> list[Project]:
    return [store.create(Project(title=f"Project {i}", country="KE")) for i in range(n)]


def test_changed_records_get_a_revision_history_search_and_outbox_like_save(store):
    a, b, c = make(store, 3)
    one_by_one = store.save(a.model_copy(update={"notes": "checked"}))
    counts = store.update_many(
        [b.model_copy(update={"title": "Geothermal II"}), c], action="import"
    )
    assert counts == {"updated": 1, "unchanged": 1}
    after = store.get(b.id)
    assert after.title == "Geothermal II" and after.revision == one_by_one.revision == 2
    assert after.created_at == b.created_at and after.created_by == b.created_by
    assert store.get(c.id).revision == 1  # unchanged: no revision, history or outbox entry
    last = store.history(b.id)[-1]
    assert (last.action, last.changes) == ("import", {"title": ["Project 1", "Geothermal II"]})
    assert len(store.history(c.id)) == 1
    sent = [o for o in store.outbox() if o["record_id"] == b.id][-1]
    assert (sent["op"], sent["revision"], sent["fields"]) == ("upsert", 2, ["title"])
    assert [r["id"] for r in store.search("Geothermal")] == [b.id]
    assert store.search("Project 1") == []


@pytest.mark.parametrize("problem", ["missing", "kind", "trash"])
def test_a_bad_record_rolls_the_whole_call_back(store, problem):
    a, b = make(store, 2)
    if problem == "missing":
        bad, error = Project(title="Nowhere"), NotFound
    elif problem == "kind":
        meeting = store.create(Meeting(subject="GX", date="2026-03-02", country="KE"))
        bad, error = Project(id=meeting.id, title="Not a meeting"), FieldKitError
    else:
        store.delete(b.id)
        bad, error = b.model_copy(update={"title": "From the trash"}), FieldKitError
    before = store.status()["pending_changes"]
    with pytest.raises(error):
        store.update_many([a.model_copy(update={"title": "Changed"}), bad])
    assert store.get(a.id).title == "Project 0"
    assert store.status()["pending_changes"] == before
