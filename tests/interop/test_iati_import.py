"""Importing IATI activity files: the official example, messy real-world files, re-imports."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest

from fieldkit.core.models import FollowUp, Project, Visit
from fieldkit.core.query import RecordFilter
from fieldkit.interop.iati_common import JICA_REF, project_id_for
from fieldkit.interop.iati_import import IatiFileError, convert_iati, import_iati

from .conftest import EXAMPLE, MESSY, line_of


def projects(store) -> dict[str, Project]:
    return {p.iati_identifier: p for p in store.query(RecordFilter(kinds=("project",)))}


def test_official_annotated_example_imports_every_field(store):
    report = import_iati(store, EXAMPLE)
    assert report.version == "2.03"
    assert (report.activities, report.created, report.skipped) == (1, 1, [])
    p = projects(store)["AA-AAA-123456789-ABC123"]
    assert p.title == "Activity title"
    assert p.translations["title"] == {
        "en": "Activity title",
        "fr": "Titre de l'activité",
        "es": "Título de la actividad",
    }
    assert p.description.startswith("General activity description text.")
    assert p.translations["description"]["fr"].startswith("Activité générale")
    assert p.translations["description.2"]["en"].startswith("Objectives for the activity")
    assert p.translations["description.3"]["fr"].startswith("Déclaration de groupes")
    assert p.reporting_org == "AA-AAA-123456789"
    assert p.translations["reporting_org"]["fr"] == "Nom de l'organisme"
    assert [(o.ref, o.role, o.type, o.name) for o in p.participating_orgs] == [
        ("BB-BBB-123456789", "1", "40", "Name of Agency B"),
        ("CC-CCC-123456789", "2", "10", "Name of Agency C"),
        ("AA-AAA-123456789", "3", "21", "Name of Agency A"),
    ]
    assert p.status == "2"
    assert (p.start_date, p.end_date) == (date(2012, 4, 28), date(2015, 12, 31))  # actual start
    assert [(c.code, c.percentage) for c in p.recipient_countries] == [("AF", 25), ("AG", 25)]
    assert p.country == "AF"
    assert [(s.code, s.vocabulary, s.percentage) for s in p.sectors] == [
        ("111", "2", 50),
        ("112", "2", 50),
        ("A1", "99", 100),
    ]
    assert p.translations["sector:99:A1"] == {"en": "A description of the sector"}
    assert [(loc.name, loc.latitude, loc.longitude) for loc in p.locations] == [
        ("Location name", 31.616944, 65.716944),
        ("Location #2 name", 11.55, 104.9167),
    ]
    assert (p.budget, p.currency) == (Decimal("3000"), "EUR")
    assert [(r.ref, r.type) for r in p.related] == [("AA-AAA-123456789-6789", "1")]
    assert p.id == project_id_for("AA-AAA-123456789-ABC123")  # the same id on every laptop


def test_messy_file_imports_what_is_valid_and_lists_the_rest_with_lines(store):
    report = import_iati(store, MESSY)
    got = projects(store)
    assert sorted(got) == ["XM-DAC-701-8-KE-001", "XM-DAC-701-8-KE-002", "XM-DAC-701-8-TZ-001"]
    assert (report.activities, report.created, report.skipped_activities) == (6, 3, 3)

    def reason(marker: str) -> str:
        line = line_of(MESSY, marker)
        hits = [s for s in report.skipped if s.line == line]
        assert hits, f"nothing reported at line {line} ({marker}): {report.skipped}"
        return str(hits[0])

    assert "no role" in reason("MARK-NO-ROLE")
    assert "not a date" in reason("MARK-EMPTY-DATE")
    assert "coordinates" in reason("MARK-BAD-POS")
    assert "99999" in reason("MARK-BAD-DAC") and "DAC 5-digit" in reason("MARK-BAD-DAC")
    assert "no code" in reason("MARK-EMPTY-SECTOR")
    assert "negative value" in reason("MARK-NEGATIVE")
    assert "no title" in reason("MARK-NO-TITLE") and "activity skipped" in reason("MARK-NO-TITLE")
    assert "no iati-identifier" in reason("MARK-NO-IDENTIFIER")
    assert "appears again (first at line 4)" in reason("MARK-DUPLICATE")
    assert "ZZ" in reason("MARK-BAD-COUNTRY")
    assert "outside 0-100" in reason("MARK-NEGATIVE-PERCENT")
    assert "unknown code '9'" in reason("MARK-BAD-STATUS")
    assert "several currencies" in str(report.skipped)
    lines = [s.line for s in report.skipped]
    assert lines == sorted(lines)

    kenya = got["XM-DAC-701-8-KE-001"]
    assert kenya.title == "Olkaria Geothermal Development Project"
    assert kenya.translations["title"]["ja"] == "オルカリア地熱開発計画"
    assert kenya.translations["reporting_org"]["ja"] == "独立行政法人国際協力機構"
    assert kenya.reporting_org == JICA_REF
    # revised budget (type 2) replaces the original of its period; the negative one is left out
    assert (kenya.budget, kenya.currency) == (Decimal("3500000000"), "JPY")
    assert [(s.code, s.vocabulary) for s in kenya.sectors] == [
        ("23230", "1"),
        ("GX-01", "99"),
        ("GEO", "98"),
    ]
    assert kenya.translations["sector:99:GX-01"]["ja"] == "グリーン・トランスフォーメーション"
    assert kenya.end_date == date(2026, 3, 31)  # the empty iso-date did not hide the valid one
    assert kenya.locations[1].name == "Somewhere else" and kenya.locations[1].latitude is None
    assert kenya.implementing_partner == "Kenya Electricity Generating Company"
    assert kenya.scheme == "oda_loan"  # default-finance-type 421: a loan
    assert [(r.ref, r.type) for r in kenya.related] == [("XM-DAC-701-8-KE-000", "1")]

    child = got["XM-DAC-701-8-KE-002"]  # no default language, upper-case xml:lang, nothing optional
    assert child.title == "ナイロビ市給水改善計画" and child.translations["title"] == {
        "ja": child.title
    }
    assert child.budget is None and child.sectors == [] and child.start_date is None

    tz = got["XM-DAC-701-8-TZ-001"]
    assert [(c.code, c.percentage) for c in tz.recipient_countries] == [("TZ", 70), ("KE", None)]
    assert tz.country == "TZ" and tz.budget is None and tz.scheme == "technical_cooperation"


def test_japanese_preference_shows_japanese_titles(store):
    import_iati(store, MESSY, prefer=("ja", "en"))
    assert projects(store)["XM-DAC-701-8-KE-001"].title == "オルカリア地熱開発計画"


def test_country_option_imports_only_that_country(store):
    report = import_iati(store, MESSY, country="tz")
    assert sorted(projects(store)) == ["XM-DAC-701-8-TZ-001"]
    assert report.other_country == 3
    assert projects(store)["XM-DAC-701-8-TZ-001"].country == "TZ"


def test_reimport_updates_by_identifier_keeps_local_work_and_makes_no_duplicates(store):
    import_iati(store, MESSY)
    kenya = projects(store)["XM-DAC-701-8-KE-001"]
    store.update(
        kenya.id,
        {"notes": "Site visit planned with KenGen", "interim_report_due": "2026-01-31",
         "classification": "CONFIDENTIAL", "scheme": "grant_aid"},
    )  # fmt: skip
    visit = store.create(Visit(project_id=kenya.id, date=date(2026, 2, 1), country="KE"))
    todo = store.create(FollowUp(parent_id=visit.id, text="Ask for the drilling report"))

    again = import_iati(store, MESSY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)

    changed = MESSY.read_text(encoding="utf-8").replace(
        "Olkaria Geothermal Development Project", "Olkaria Geothermal Development Project II"
    )
    report = import_iati(store, io.BytesIO(changed.encode()))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert store.count(RecordFilter(kinds=("project",))) == 3
    after = store.get(kenya.id)
    assert after.title == "Olkaria Geothermal Development Project II"
    assert after.notes == "Site visit planned with KenGen"
    assert after.interim_report_due == date(2026, 1, 31)
    assert after.classification == "CONFIDENTIAL"
    assert after.scheme == "grant_aid"  # a scheme set locally is not overwritten
    assert store.get(visit.id).project_id == kenya.id
    assert store.get(todo.id).parent_id == visit.id
    last = store.history(kenya.id)[-1]
    assert last.action == "import" and last.changes["title"][1].endswith("Project II")
    assert after.revision == kenya.revision + 2  # the local edit, then the re-import
    sent = [o for o in store.outbox() if o["record_id"] == kenya.id]
    assert "title" in sent[-1]["fields"] and sent[-1]["revision"] == after.revision
    assert [s["id"] for s in store.search("Development Project II")] == [kenya.id]


def test_a_project_in_the_trash_is_not_duplicated(store):
    import_iati(store, EXAMPLE)
    (p,) = projects(store).values()
    store.delete(p.id)
    report = import_iati(store, EXAMPLE)
    assert report.created == 0 and "in the trash" in str(report.skipped[0])
    assert store.count(RecordFilter(kinds=("project",), deleted=True)) == 1
    assert store.count(RecordFilter(kinds=("project",))) == 0


def test_a_broken_file_changes_nothing(store):
    text = MESSY.read_text(encoding="utf-8")
    broken = text.replace("</iati-activities>", "<iati-activity><title>unclosed</iati-activities>")
    before = store.status()["pending_changes"]
    with pytest.raises(IatiFileError, match=r"not well-formed XML at line \d+"):
        import_iati(store, io.BytesIO(broken.encode()))
    assert store.count(RecordFilter(kinds=("project",))) == 0  # the valid ones were rolled back
    assert store.status()["pending_changes"] == before


def test_cancel_rolls_everything_back(store):
    class Cancelled(Exception):
        pass

    calls = []

    def progress(done, total, label):
        calls.append(done)
        if len(calls) == 3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_iati(store, MESSY, progress=progress)
    assert store.count(RecordFilter(kinds=("project",))) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty or not XML"),
        (b"<iati-organisations version='2.03'/>", "not an IATI activity file"),
        (b"<iati-activities version='1.04'><iati-activity/></iati-activities>", "version 1.04"),
        (b"\x00\x01binary", "not well-formed"),
    ],
)
def test_files_that_are_not_iati_are_refused_clearly(store, content, message):
    with pytest.raises(IatiFileError, match=message):
        import_iati(store, io.BytesIO(content))


def test_missing_file_is_one_clear_error(store, tmp_path):
    with pytest.raises(IatiFileError, match="no such file"):
        import_iati(store, tmp_path / "nope.xml")


def test_unknown_version_and_missing_version_are_noted_not_refused(store):
    text = MESSY.read_text(encoding="utf-8").replace(' version="2.02"', "")
    report = import_iati(store, io.BytesIO(text.encode()))
    assert report.created == 3 and "no IATI version" in report.notes[0]


def test_long_titles_are_shortened_for_lists_and_kept_whole(store):
    long_title = "Rural electrification " * 40
    text = EXAMPLE.read_text(encoding="utf-8").replace("Activity title", long_title.strip())
    report = import_iati(store, io.BytesIO(text.encode()))
    (p,) = projects(store).values()
    assert len(p.title) == 500 and p.title.endswith("…")
    assert p.translations["title"]["en"] == long_title.strip()
    assert "shortened" in str(report.skipped[0])


def test_convert_without_a_store_gives_the_same_ids(store):
    converted, report = convert_iati(MESSY)
    import_iati(store, MESSY)
    assert {p.id for p in converted} == {p.id for p in projects(store).values()}
    assert report.created == 3
