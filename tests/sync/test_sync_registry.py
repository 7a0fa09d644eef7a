"""Registry projects that laptops also make themselves (IATI imports with derived ids), against a
real HQ on 127.0.0.1: the same project is settled against HQ's copy, never a conflict or a
refusal; a real difference is still a conflict or a clear refusal; a new project still syncs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.core.models import Project
from fieldkit.interop.iati_common import project_id_for
from fieldkit.interop.iati_import import convert_iati, import_iati
from sync.merge import merge, same_content
from sync.state import SyncState

DATA = Path(__file__).parent.parent / "interop" / "data"
MESSY = DATA / "messy-2.02.xml"  # two Kenyan activities and one Tanzanian
TANZANIAN = project_id_for("XM-DAC-701-8-TZ-001")


def hq_seq(hq) -> int:
    with hq.store.read() as c:
        return int(c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0])


def publish(hq, path: Path = MESSY) -> list[Project]:
    """What HQ IT does: convert the IATI file and publish it (each project to its country)."""
    projects, _ = convert_iati(path)
    hq.store.import_registry([p.model_dump(mode="json") for p in projects])
    return projects


def test_a_laptop_importing_the_file_hq_published_settles_on_hqs_copy(laptops, hq):
    published = publish(hq)
    kenyan = [p for p in published if p.country == "KE"]
    assert len(kenyan) == 2
    (b,) = laptops(1, "KE")
    import_iati(b.store, MESSY, country="KE")  # before this laptop ever synced
    assert {p.id for p in kenyan} <= set(b.store.ids())
    seq = hq_seq(hq)

    result = b.sync()

    # The Tanzanian activity (it names Kenya too) becomes KE's own copy: see the last test.
    assert result.rejections == [] and result.pushed == 3
    assert result.conflicts == 0 and result.verified
    assert hq_seq(hq) == seq + 1  # only that copy written: HQ had the Kenyan ones already
    assert b.store.outbox() == []
    for p in kenyan:
        mine = b.store.get(p.id).model_dump(mode="json")
        assert mine == p.model_dump(mode="json") | {"post": mine["post"]}
    assert b.sync().pushed == 0  # and it stays settled


def test_the_registry_shared_by_all_embassies_too(laptops, hq, tmp_path):
    regional = Project(title="East Africa regional programme", iati_identifier="XM-DAC-41-1")
    hq.store.import_registry([regional.model_dump(mode="json")])  # no country: every embassy
    (ke,) = laptops(1, "KE")
    ke.store.import_records([regional])  # e.g. the JSON lines file HQ IT handed out
    report = ke.sync()
    assert report.rejected == 0 and report.conflicts == 0 and report.verified
    assert ke.store.outbox() == []
    # An edit of it is still HQ's to make: refused, in plain words, and HQ's copy kept here.
    ke.store.update(regional.id, {"title": "Renamed locally"})
    report = ke.sync()
    assert report.rejected == 1
    assert "registry project: only HQ changes it" in report.rejections[0]["reason"]
    assert ke.store.get(regional.id).title == "East Africa regional programme"


def test_a_real_difference_is_a_conflict_on_that_field_only(laptops, hq):
    published = publish(hq)
    p = next(x for x in published if x.country == "KE")
    (b,) = laptops(1, "KE")
    # This laptop's copy of the activity says something else (a newer file, say).
    b.store.import_records([p.model_copy(update={"title": "Olkaria phase 2"})])
    report = b.sync()
    assert report.conflicts == 1 and report.rejected == 0
    (k,) = SyncState(b.store).conflicts()
    assert k["fields"] == ["title"]  # not 'post': the laptop's stamp is no disagreement
    assert k["mine"]["title"] == "Olkaria phase 2"
    assert b.store.get(p.id).title == p.title  # HQ's kept until someone resolves it
    with hq.store.read() as c:
        (data,) = c.execute("SELECT data FROM records WHERE id = ?", (p.id,)).fetchone()
    assert json.loads(data)["post"] == b.store.get(p.id).post != ""  # the laptop's stamp


def test_a_project_the_laptop_makes_itself_still_syncs(laptops, hq):
    publish(hq)
    a, b = laptops(2, "KE")
    own = a.store.create(
        Project(title="Embassy grassroots grant", country="KE", iati_identifier="JP-EMB-KE-7")
    )
    assert own.id != project_id_for("JP-EMB-KE-7")  # made by hand: a random id
    assert a.sync().pushed == 1
    b.sync()
    assert b.store.get(own.id).title == "Embassy grassroots grant"


def test_another_embassys_project_is_kept_as_this_embassys_copy_telling_nothing(laptops, hq):
    """Record ids are unique per embassy at HQ: a project id that TZ holds is, for KE, a new id
    like any other, so KE's answer says nothing about TZ's records, and TZ's copy is untouched."""
    publish(hq)
    (ke,) = laptops(1, "KE")
    (tz,) = laptops(1, "TZ")
    tz.sync()
    with hq.store.read() as c:
        before = c.execute(
            "SELECT version, data FROM records WHERE id = ? AND embassy = 'TZ'", (TANZANIAN,)
        ).fetchone()
    import_iati(ke.store, MESSY)  # no --country: the Tanzanian activity comes too
    report = ke.sync()
    assert report.conflicts == 0 and report.rejected == 0 and report.rejections == []
    with hq.store.read() as c:
        rows = c.execute(
            "SELECT embassy, version, data FROM records WHERE id = ? ORDER BY embassy",
            (TANZANIAN,),
        ).fetchall()
    assert [r[0] for r in rows] == ["KE", "TZ"] and tuple(rows[1][1:]) == tuple(before)
    assert ke.store.get(TANZANIAN).country == "TZ"  # the laptop keeps its copy
    assert ke.store.outbox() == [] and ke.sync().rejected == 0  # not sent again at every sync
    assert tz.sync().pulled == 0  # TZ sees nothing of KE's copy


@pytest.mark.parametrize(
    ("theirs", "mine", "merged", "conflicts"),
    [
        # An empty side may have been cleared on purpose: unknown base, so both count.
        ({"t": "A", "n": ""}, {"t": "A", "n": "note"}, {"t": "A", "n": ""}, ["n"]),
        ({"t": "A", "n": "x"}, {"t": "B", "n": "x"}, {"t": "A", "n": "x"}, ["t"]),
        # The laptop's post stamp never conflicts: a copy without one takes the other's.
        ({"t": "A", "post": ""}, {"t": "A", "post": "KE"}, {"t": "A", "post": "KE"}, []),
        ({"t": "A", "post": "TZ"}, {"t": "A", "post": "KE"}, {"t": "A", "post": "TZ"}, []),
    ],
)
def test_merge_of_two_independent_creations(theirs, mine, merged, conflicts):
    got, clash = merge(None, {"id": "x", **theirs}, {"id": "x", **mine})
    assert {k: v for k, v in got.items() if k in merged} == merged and clash == conflicts


def test_same_content_ignores_the_envelope_and_the_post_stamp():
    a = {"id": "x", "revision": 1, "title": "T", "post": "", "created_by": "hq"}
    b = {"id": "x", "revision": 4, "title": "T", "post": "Embassy of Japan in Kenya"}
    assert same_content(a, b)
    assert not same_content(a, b | {"title": "U"})
    assert not same_content(a, b | {"deleted_at": "2026-01-01T00:00:00Z"})
    assert not same_content(a, b | {"notes": "n"})
