"""Reference lists HQ governs, against a real HQ on 127.0.0.1 (SQLite and PostgreSQL): published
lists reach a laptop at its next sync, inside its store; the command line offers a new code only
after that sync; a code HQ drops keeps old records readable and is no longer offered; a post
covering two countries syncs both countries' records and nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from fieldkit.core import reference as ref
from fieldkit.core.models import Meeting, Project
from fieldkit.core.store import Store
from sync.server import reference as hq_reference

NEW_SUMMIT = {
    "code": "ticad_ministerial_2027", "name": "TICAD Ministerial Meeting 2027",
    "name_ja": "TICAD閣僚会合（2027年）", "start": "2027-09-01", "end": "2027-09-02",
    "participants": ["africa"],
}  # fmt: skip


def fieldkit(data_dir, *args) -> subprocess.CompletedProcess:
    """The laptop's command line in its own process (its own reference data, from its store)."""
    env = {**os.environ, "FIELDKIT_USER": "Test Officer"}
    return subprocess.run(
        [sys.executable, "-m", "fieldkit", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def summits_without(*codes: str, plus: list[dict] = ()) -> list[dict]:
    return [s for s in ref.shipped("summits") if s["code"] not in codes] + list(plus)


def test_published_lists_reach_the_laptop_and_retired_codes_stay_readable(laptops, hq):
    (lap,) = laptops(1, "KE")
    old = lap.store.create(
        Meeting(subject="PALM follow-up", date=date(2024, 8, 1), country="FJ", summits=["palm10"])
    )
    lap.sync()
    data_dir = lap.data_dir
    lap.close()

    # HQ publishes a new summit and drops PALM10.
    result = hq_reference.publish(
        hq.store.db, {"summits": summits_without("palm10", plus=[NEW_SUMMIT])}
    )
    assert result["version"] == 1 and result["changed"] == {
        "summits": (len(ref.shipped("summits")), 1)
    }

    # Before its sync the laptop does not know the new code: the command line refuses it.
    made = fieldkit(data_dir, "new", "meeting", "subject=Prep", "date=2027-05-01", "country=KE",
                    f"summits={NEW_SUMMIT['code']}")  # fmt: skip
    assert made.returncode == 2 and NEW_SUMMIT["code"] in made.stderr

    synced = fieldkit(data_dir, "sync")
    assert synced.returncode == 0, synced.stderr
    assert "reference lists from HQ: version 1" in synced.stdout

    # After it: offered and accepted, and HQ takes the record with it.
    made = fieldkit(data_dir, "new", "meeting", "subject=Prep", "date=2027-05-01", "country=KE",
                    f"summits={NEW_SUMMIT['code']}")  # fmt: skip
    assert made.returncode == 0, made.stderr
    synced = json.loads(fieldkit(data_dir, "sync", "--json").stdout)
    assert synced["pushed"] == 1 and synced["rejected"] == 0
    # The retired code: the old record still reads, a new record cannot take it.
    shown = fieldkit(data_dir, "show", old.id, "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["summits"] == ["palm10"]
    refused = fieldkit(data_dir, "new", "meeting", "subject=x", "date=2027-05-01", "country=FJ",
                       "summits=palm10")  # fmt: skip
    assert refused.returncode == 2 and "retired" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1

    # The lists are inside the store, not a loose file; opened, they are the ones in use.
    assert not (data_dir / "reference").exists()
    store = Store.open(data_dir)
    try:
        r = ref.reference()
        assert r.version == 1 and NEW_SUMMIT["code"] in r.offered("summits")
        assert "palm10" in r.summits and "palm10" not in r.offered("summits")
        assert store.get(old.id).summits == ["palm10"]
    finally:
        store.close()


def test_a_post_covering_two_countries_syncs_both_and_nothing_else(laptops, hq):
    """Two posts, three countries: the Embassy in Kenya (also accredited to Somalia) and the
    Embassy in Ethiopia, enrolled by its old 2-letter code."""
    covered = ref.reference().post_countries("emb-ke")
    assert {"KE", "SO"} <= set(covered) and "ET" not in covered
    projects = {
        cc: Project(title=f"Water supply {cc}", country=cc, iati_identifier=f"XM-DAC-701-8-{cc}-9")
        for cc in ("KE", "SO", "ET")
    }
    hq.store.import_registry([p.model_dump(mode="json") for p in projects.values()])
    # A site photo HQ publishes with the Somali project (its bytes kept for Somalia's posts).
    photo = _photo(hq, projects["SO"].id)
    hq.store.import_registry([photo], embassy="SO")
    hq.store.blobs.grant(photo["sha256"], "SO")
    nairobi, addis = laptops(1, "emb-ke")[0], laptops(1, "ET")[0]
    somali = nairobi.store.create(
        Meeting(subject="Mogadishu port", date=date(2026, 3, 2), country="SO")
    )
    ethiopian = addis.store.create(
        Meeting(subject="Addis rail", date=date(2026, 3, 3), country="ET")
    )
    for lap in (nairobi, addis, nairobi):
        assert lap.sync().rejected == 0

    ids_ke, ids_et = set(nairobi.store.ids()), set(addis.store.ids())
    assert {projects["KE"].id, projects["SO"].id, somali.id} <= ids_ke
    assert projects["ET"].id not in ids_ke and ethiopian.id not in ids_ke
    assert {projects["ET"].id, ethiopian.id} <= ids_et
    assert not ({projects["KE"].id, projects["SO"].id, somali.id} & ids_et)
    assert (
        nairobi.store.blobs.get(photo["sha256"]) == hq.store.blob_path(photo["sha256"]).read_bytes()
    )
    assert photo["id"] not in ids_et and not addis.store.blobs.has(photo["sha256"])
    # An edit of the Somali project from Nairobi goes back to HQ's copy (no second copy).
    nairobi.store.update(projects["SO"].id, {"title": "Water supply Somalia, phase 2"})
    assert nairobi.sync().rejected == 0
    with hq.store.read() as c:
        rows = c.execute("SELECT embassy, data FROM records WHERE id = ?",
                         (projects["SO"].id,)).fetchall()  # fmt: skip
    assert [(r[0], json.loads(r[1])["title"]) for r in rows] == [
        ("SO", "Water supply Somalia, phase 2")
    ]


def test_enrolment_for_a_post_sets_the_laptops_post(hq, tmp_path, monkeypatch):
    from fieldkit.core.settings import load_settings
    from sync.client import enroll

    monkeypatch.delenv("FIELDKIT_POST", raising=False)
    store = Store.open(tmp_path / "dakar")
    try:
        code = hq.store.add_device("emb-sn", "Dakar laptop 1")["code"]
        assert enroll(store, hq.url, code, device_name="Dakar laptop 1")["post"] == "emb-sn"
        assert store.settings.post_name("ja") == "在セネガル日本国大使館"
        assert load_settings(tmp_path / "dakar").post == "emb-sn"
        assert set(store.settings.post_countries()) >= {"SN", "GM", "CV", "GW"}
    finally:
        store.close()
    refused = hq.store.add_device
    with pytest.raises(Exception, match="unknown post 'emb-zz'"):
        refused("emb-zz", "nowhere")


def _photo(hq, parent_id: str) -> dict:
    import hashlib
    import io
    import uuid

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buf, "JPEG")
    content = buf.getvalue()
    sha = hashlib.sha256(content).hexdigest()
    path = hq.store.blob_path(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return {"kind": "attachment", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, sha)),
            "parent_id": parent_id, "sha256": sha, "media_type": "image/jpeg",
            "size": len(content), "filename": "site.jpg", "caption": "Site"}  # fmt: skip


@pytest.mark.parametrize(
    "name, rows, expected",
    [
        ("summits", [{**NEW_SUMMIT, "participants": ["africa", "ZZ"]}],
         "summits.json, row 1 (ticad_ministerial_2027), participants: 'ZZ' is neither"),
        ("summits", [{**NEW_SUMMIT, "end": "2027-08-01"}],
         "summits.json, row 1 (ticad_ministerial_2027), end: ends before it starts"),
        ("summits", [NEW_SUMMIT, NEW_SUMMIT],
         "summits.json, row 2 (ticad_ministerial_2027), code: the code appears twice"),
        ("policy_fields", [{"code": "gx", "name": "GX"}],
         "policy_fields.json, row 1 (gx), name_ja: missing"),
        ("posts", [{"code": "emb-ke", "type": "embassy", "name": "E", "name_ja": "E",
                    "country": "KE", "countries": ["KE"], "time_zone": "Africa/Nairobbi"}],
         "posts.json, row 1 (emb-ke), time_zone: 'Africa/Nairobbi' is not an IANA time zone"),
        ("currencies", [], "currencies.json is not a list HQ publishes"),
    ],
)  # fmt: skip
def test_publish_refuses_a_bad_list_in_one_line_naming_file_row_and_field(
    hq_db, tmp_path, capsys, name, rows, expected
):
    from sync.server.cli import main

    db, _ = hq_db
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    assert main(["--db", str(db), "reference", "publish", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fieldkit-hq: error: ") and expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert main(["--db", str(db), "reference", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert all(r["version"] == 0 for r in shown)  # nothing was published


def test_publishing_the_shipped_folder_changes_nothing_and_a_change_is_one_version(
    hq_db, tmp_path, capsys
):
    from sync.server.cli import main

    db, _ = hq_db
    shipped = ref.shipped("summits")[0]["code"]  # noqa: F841 - the shipped lists are HQ's start
    folder = os.path.join(os.path.dirname(ref.__file__), "..", "..", "resources", "reference")
    assert main(["--db", str(db), "reference", "publish", folder]) == 0
    assert "nothing changed" in capsys.readouterr().out
    fields = ref.shipped("policy_fields")
    (tmp_path / "policy_fields.json").write_text(json.dumps(fields[:-1]), encoding="utf-8")
    assert main(["--db", str(db), "reference", "publish", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"policy_fields: {len(fields) - 1} codes, 1 retired" in out and "version 1" in out


def test_hq_commands_check_records_with_the_lists_hq_published(hq_db, tmp_path, capsys):
    """registry import in a new process takes a project with a scheme HQ published (not one
    this FieldKit version ships)."""
    from sync.server.cli import main

    db, _ = hq_db
    schemes = ref.shipped("schemes") + [
        {"code": "blue_partnership", "name": "Blue economy partnership",
         "name_ja": "ブルーエコノミー・パートナーシップ"}
    ]  # fmt: skip
    (tmp_path / "schemes.json").write_text(json.dumps(schemes), encoding="utf-8")
    assert main(["--db", str(db), "reference", "publish", str(tmp_path / "schemes.json")]) == 0
    ref.install(ref.Reference())  # as a new process starts: the shipped lists only
    project = Project(title="Port study", country="KE").model_dump(mode="json")
    project["scheme"] = "blue_partnership"
    (tmp_path / "p.jsonl").write_text(json.dumps(project) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(db), "registry", "import", str(tmp_path / "p.jsonl")]) == 0, (
        capsys.readouterr().err
    )
