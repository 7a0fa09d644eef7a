"""IATI without loss (issue #20): every fact kept or listed, and export says only what the source
said. The activity files are written here, one quirk per line, after what published files do."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from fieldkit.core.models import Project
from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import reference
from fieldkit.core.store import Store
from fieldkit.interop.iati_export import (
    NothingToExport,
    OrgDefault,
    export_iati,
    validate_iati,
    write_iati_file,
)
from fieldkit.interop.iati_import import convert_iati, import_iati

from .conftest import activities, facts


def facts_of(raw: bytes):
    holder = etree.fromstring(b"<iati-activity>" + raw + b"</iati-activity>")
    return repr(sorted(facts(holder).elements(), key=repr))


HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-06-01T00:00:00Z" xmlns:x="http://example.org/x">
"""
# Everything FieldKit models, and much it does not, as a multilateral development bank writes it.
RICH = """ <iati-activity xml:lang="en" default-currency="USD" last-updated-datetime="2026-05-01T00:00:00Z" humanitarian="1" hierarchy="2" x:batch="B7">
  <iati-identifier>44000-P171269</iati-identifier>
  <reporting-org ref="44000" type="40" secondary-reporter="0"><narrative>World Bank</narrative><narrative xml:lang="fr">Banque mondiale</narrative></reporting-org>
  <title><narrative>Kenya Water Security</narrative><narrative xml:lang="fr">Sécurité de l'eau au Kenya</narrative><narrative xml:lang="ja">ケニア水安全保障</narrative></title>
  <description type="1"><narrative>Kenya Water Security</narrative></description>
  <description type="2"><narrative>Store and treat water for 2 million people.</narrative></description>
  <participating-org ref="44000" role="1" type="40" activity-id="44000-P171269-F"><narrative>World Bank</narrative></participating-org>
  <participating-org role="4" type="10" crs-channel-code="12000"><narrative>Ministry of Water</narrative><narrative xml:lang="sw">Wizara ya Maji</narrative></participating-org>
  <participating-org role="2" type="21"><narrative xml:lang="fr">Fondation de l'eau</narrative></participating-org>
  <other-identifier ref="P171269" type="B1"/>
  <activity-status code="2"/>
  <activity-date iso-date="2024-01-15" type="1"/>
  <activity-date iso-date="2024-03-01" type="2"><narrative>Effectiveness</narrative></activity-date>
  <activity-date iso-date="2029-06-30" type="3"/>
  <contact-info type="1"><organisation><narrative>World Bank Nairobi</narrative></organisation><email>water@example.org</email></contact-info>
  <recipient-country code="KE" percentage="50"/>
  <recipient-region code="298" vocabulary="1" percentage="30"/>
  <recipient-region code="EA-1" vocabulary="99" vocabulary-uri="http://example.org/regions" percentage="20"/>
  <location ref="KE-GAR">
   <location-reach code="1"/>
   <location-id vocabulary="G1" code="192950"/>
   <name><narrative>Garissa</narrative><narrative xml:lang="sw">Garisa</narrative></name>
   <description><narrative>County capital</narrative></description>
   <administrative vocabulary="G1" level="1" code="KE-07"/>
   <point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>-0.4532 39.6460</pos></point>
   <exactness code="1"/>
   <location-class code="2"/>
   <feature-designation code="PPLA"/>
  </location>
  <location><name><narrative>Wajir</narrative></name></location>
  <sector vocabulary="1" code="43032" percentage="33"/>
  <sector vocabulary="1" code="43032" percentage="34"/>
  <sector vocabulary="1" code="12310" percentage="23"/>
  <sector vocabulary="1" code="15120" percentage="10"/>
  <sector vocabulary="99" vocabulary-uri="http://example.org/sectors" code="WS-1" percentage="100"><narrative>Water security</narrative><narrative xml:lang="fr">Sécurité hydrique</narrative></sector>
  <tag vocabulary="3" code="6.1"/>
  <policy-marker vocabulary="1" code="7" significance="1"/>
  <default-flow-type code="10"/>
  <default-finance-type code="410"/>
  <budget type="1" status="2"><period-start iso-date="2024-07-01"/><period-end iso-date="2025-06-30"/><value currency="USD" value-date="2024-07-01">600000</value></budget>
  <budget type="1" status="2" x:note="plan"><period-start iso-date="2025-07-01"/><period-end iso-date="2026-06-30"/><value value-date="2025-07-01">584.02</value></budget>
  <budget type="2" status="2"><period-start iso-date="2024-07-01"/><period-end iso-date="2025-06-30"/><value currency="USD" value-date="2025-01-01">37.02</value></budget>
  <budget type="2" status="2"><period-start iso-date="2025-07-01"/><period-end iso-date="2026-06-30"/><value currency="USD" value-date="2025-07-01">-0.02</value></budget>
  <transaction><transaction-type code="2"/><transaction-date iso-date="2024-03-01"/><value currency="USD" value-date="2024-03-01">600000</value><description><narrative>Commitment</narrative></description></transaction>
  <document-link format="application/pdf" url="http://example.org/pad.pdf"><title><narrative>Project appraisal</narrative></title><category code="A02"/></document-link>
  <related-activity ref="44000-P100000" type="1"/>
  <result type="1"><title><narrative>People with water</narrative></title><indicator measure="1"><title><narrative>People</narrative></title></indicator></result>
  <x:rating>satisfactory</x:rating>
 </iati-activity>
"""
# What cannot be kept, one quirk per line; the rest of the activity is fine.
LOSSY = """ <iati-activity xml:lang="en" default-currency="EUR">
  <iati-identifier>XM-DAC-41114-LOSSY-1</iati-identifier>
  <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
  <title><narrative>Solar schools</narrative><narrative>Solar for schools (second English title)</narrative><narrative xml:lang="fr_fr">Écoles solaires</narrative></title>
  <description><narrative>Panels on 40 schools.</narrative></description>
  <participating-org ref="XM-DAC-41114" role="4" type="40"><narrative>UNDP</narrative></participating-org>
  <activity-date iso-date="2025-01-01" type="2"/>
  <recipient-region code="999999" vocabulary="1"/>
  <budget><value>100</value></budget>
  <budget type="1"><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><value>1000</value><value>2000</value></budget>
 </iati-activity>
"""
TAIL = "</iati-activities>\n"


def write(tmp_path, *activities_xml: str, name: str = "activities.xml"):
    path = tmp_path / name
    path.write_text(HEAD + "".join(activities_xml) + TAIL, encoding="utf-8")
    return path


def line(path, marker: str) -> int:
    text = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, t in enumerate(text, start=1) if marker in t)


def only(store) -> Project:
    (p,) = store.query(RecordFilter(kinds=("project",)))
    return p


# ---- code lists ---------------------------------------------------------------------------------
def test_current_dac_purpose_codes_and_withdrawn_ones_are_known():
    sectors = reference().sectors
    for code in ("12310", "12382", "43071", "43073", "72011", "74020", "93011", "93018"):
        assert code in sectors and not sectors[code].extra.get("withdrawn"), code
    assert sectors["15120"].extra.get("withdrawn") is True  # older files still use it
    assert "123" in reference().sector_categories


def test_the_code_list_script_builds_from_published_files(tmp_path, monkeypatch):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "build_reference", Path(__file__).resolve().parents[2] / "tools" / "build_reference.py"
    )
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    out = tmp_path / "reference"
    out.mkdir()
    monkeypatch.setattr(build, "OUT", out)
    non, emb = tmp_path / "non", tmp_path / "emb"
    non.mkdir(), emb.mkdir()
    item = "<codelist-item{s}><code>{c}</code><name><narrative>{n}</narrative></name>{cat}</codelist-item>"

    def codelist(folder, name, *items):
        body = "".join(
            item.format(s=f' status="{s}"' if s else "", c=c, n=n, cat=cat)
            for c, n, s, cat in items
        )
        (folder / f"{name}.xml").write_text(
            f'<codelist name="{name}"><codelist-items>{body}</codelist-items></codelist>',
            encoding="utf-8",
        )

    codelist(non, "Sector", ("12310", "Communicable", "active", "<category>123</category>"),
             ("15120", "Public finance", "withdrawn", "<category>151</category>"))  # fmt: skip
    for name in ("SectorCategory", "Currency", "OrganisationType", "SectorVocabulary", "Region"):
        codelist(non, name, ("1", name, "", ""))
    for name in ("ActivityStatus", "ActivityDateType", "OrganisationRole"):
        codelist(emb, name, ("1", name, "", ""))
    (non / "README.md").write_text(
        "From IATI/IATI-Codelists-NonEmbedded, commit abc1234 (2026-06-22)."
    )
    build.main(["--iati-only", "--nonembedded", str(non), "--embedded", str(emb)])
    import json

    rows = json.loads((out / "dac_sectors.json").read_text(encoding="utf-8"))
    assert rows == [
        {"code": "12310", "name": "Communicable", "category": "123"},
        {"code": "15120", "name": "Public finance", "category": "151", "withdrawn": True},
    ]
    note = (out / "IATI-CODELISTS.md").read_text(encoding="utf-8")
    assert "IATI/IATI-Codelists-NonEmbedded, commit abc1234 (2026-06-22)" in note
    assert "| `dac_sectors.json` | Sector | nonembedded | 2 | 1 |" in note
    assert not (out / "countries.json").exists()  # --iati-only


# ---- import keeps every fact ------------------------------------------------------------------
def test_a_rich_activity_keeps_every_fact(store, tmp_path):
    path = write(tmp_path, RICH)
    report = import_iati(store, path)
    assert (report.created, report.skipped) == (1, [])  # nothing left out: all of it kept
    p = only(store)
    assert (p.reporting_org, p.reporting_org_type) == ("44000", "40")
    assert p.translations["title"] == {
        "en": "Kenya Water Security",
        "fr": "Sécurité de l'eau au Kenya",
        "ja": "ケニア水安全保障",
    }
    assert p.description == "Kenya Water Security"  # the same words as the title: still its own
    assert [(d.type, d.iso_date) for d in p.activity_dates] == [
        ("1", date(2024, 1, 15)),
        ("2", date(2024, 3, 1)),
        ("3", date(2029, 6, 30)),
    ]
    assert (p.start_date, p.end_date) == (date(2024, 3, 1), date(2029, 6, 30))
    assert [(r.code, r.vocabulary, r.percentage) for r in p.recipient_regions] == [
        ("298", "1", 30),
        ("EA-1", "99", 20),
    ]
    # the same code twice stays twice (43032 at 33% and at 34%)
    assert [(s.code, s.percentage) for s in p.sectors if s.vocabulary == "1"] == [
        ("43032", 33), ("43032", 34), ("12310", 23), ("15120", 10),
    ]  # fmt: skip
    assert [(o.ref, o.role, o.name) for o in p.participating_orgs] == [
        ("44000", "1", "World Bank"),
        ("", "4", "Ministry of Water"),
        ("", "2", "Fondation de l'eau"),
    ]
    assert p.translations["participating_org:1"] == {
        "en": "Ministry of Water",
        "sw": "Wizara ya Maji",
    }
    assert p.translations["participating_org:2"] == {"fr": "Fondation de l'eau"}
    assert p.translations["location:0"] == {"en": "Garissa", "sw": "Garisa"}
    # revised budgets replace the originals of their periods, the -0.02 correction included
    assert (p.budget, p.currency) == (Decimal("37.00"), "USD")
    assert [(b.type, str(b.period_start), b.value) for b in p.budgets] == [
        ("1", "2024-07-01", Decimal("600000")),
        ("1", "2025-07-01", Decimal("584.02")),
        ("2", "2024-07-01", Decimal("37.02")),
        ("2", "2025-07-01", Decimal("-0.02")),
    ]
    assert p.humanitarian is True
    assert p.iati_attributes == {
        "default-currency": "USD",
        "hierarchy": "2",
        "{http://example.org/x}batch": "B7",
    }
    kept = b"".join(p.iati_extra)
    for part in (b"activity-id=", b"crs-channel-code=", b"vocabulary-uri=", b"<administrative",
                 b"<location-id", b"<exactness", b"<transaction", b"<result", b"x:rating",
                 b"secondary-reporter", b"Effectiveness", b"<other-identifier", b'x:note="plan"'):  # fmt: skip
        assert part in kept, part
    assert b"Kenya Water Security" not in kept  # what the fields hold is not held twice


def test_what_cannot_be_kept_is_listed_with_its_line(store, tmp_path):
    path = write(tmp_path, LOSSY)
    report = import_iati(store, path)
    got = {(s.line, s.what, str(s.reason)) for s in report.skipped}
    assert got == {
        (line(path, "second English title"), "title",
         "a second en narrative ('Solar for schools (second English title)') left out"),
        (line(path, "fr_fr"), "title", "language 'fr_fr' read as 'fr-fr'"),
        (line(path, "<iati-activity"), "activity-status", "missing"),
        (line(path, "999999"), "recipient-region 999999 (vocabulary 1)",
         "not an OECD DAC region code"),
        (line(path, "<budget><value>"), "budget ?..?", "no period (start and end): left out of the total"),
        (line(path, "<value>2000"), "budget", "a second value ('2000') left out"),
    }  # fmt: skip
    p = only(store)
    assert p.translations["title"]["fr-fr"] == "Écoles solaires"
    assert (p.budget, p.currency) == (Decimal("1000"), "EUR")  # neither the periodless one nor 2000
    assert p.status_unknown and p.status == "2"
    # ... and export does not make a status up: it leaves the project out and says why
    out = io.BytesIO()
    assert export_iati([p], out).skipped == [
        ("Solar schools", "no activity status: the IATI source gave none, and none was set since")
    ]
    p.status = "3"  # once someone sets one, it is exported
    assert export_iati([p], io.BytesIO()).written == 1


# ---- round trip -------------------------------------------------------------------------------
MODEL_FIELDS = (
    "iati_identifier", "title", "description", "translations", "reporting_org",
    "reporting_org_type", "participating_orgs", "status", "status_unknown", "start_date",
    "end_date", "activity_dates", "recipient_countries", "recipient_regions", "country",
    "locations", "sectors", "budget", "currency", "budgets", "related", "humanitarian",
    "iati_attributes",
)  # fmt: skip


def test_round_trip_gives_the_same_projects_and_the_same_facts_element_by_element(store, tmp_path):
    source = write(tmp_path, RICH)
    import_iati(store, source)
    out = tmp_path / "export.xml"
    report = write_iati_file(store.query(RecordFilter(kinds=("project",))), out)
    assert (report.written, report.skipped, report.left_out) == (1, [], [])
    validate_iati(out)
    (before,) = activities(source).values()
    (after,) = activities(out).values()
    assert facts(after) == facts(before)

    again = Store.open(tmp_path / "second")
    try:
        import_iati(again, out)
        a, b = only(store), only(again)
        assert {f: getattr(b, f) for f in MODEL_FIELDS} == {f: getattr(a, f) for f in MODEL_FIELDS}
        # the elements kept verbatim, compared as XML (indentation and prefixes may differ)
        kept = [sorted(facts_of(x) for x in p.iati_extra) for p in (a, b)]
        assert kept[0] == kept[1] and len(kept[0]) == len(a.iati_extra) > 10
        assert b.id == a.id
        assert import_iati(again, out).unchanged == 1  # and once more: nothing to write
    finally:
        again.close()


def test_a_reimport_of_the_same_rich_file_changes_nothing(store, tmp_path):
    path = write(tmp_path, RICH)
    import_iati(store, path)
    report = import_iati(store, path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


# ---- export says what the source said, and only that --------------------------------------------
def test_export_writes_the_sources_types_dates_budgets_flag_and_organisations(store, tmp_path):
    import_iati(store, write(tmp_path, RICH))
    buf = io.BytesIO()
    export_iati(store.query(RecordFilter(kinds=("project",))), buf)
    act = etree.fromstring(buf.getvalue()).find("iati-activity")
    assert act.find("reporting-org").get("type") == "40"  # not 10, not 90
    assert act.get("humanitarian") == "1"
    dates = [(d.get("type"), d.get("iso-date")) for d in act.findall("activity-date")]
    assert dates == [("1", "2024-01-15"), ("2", "2024-03-01"), ("3", "2029-06-30")]  # planned end
    periods = [
        (b.get("type"), b.find("period-start").get("iso-date")) for b in act.findall("budget")
    ]
    assert periods == [
        ("1", "2024-07-01"),
        ("1", "2025-07-01"),
        ("2", "2024-07-01"),
        ("2", "2025-07-01"),
    ]
    roles = [(o.get("ref"), o.get("role")) for o in act.findall("participating-org")]
    assert roles == [("44000", "1"), (None, "4"), (None, "2")]  # no invented funder


def test_values_changed_here_that_cannot_be_vouched_for_are_left_out_and_listed(store, tmp_path):
    import_iati(store, write(tmp_path, RICH))
    p = only(store)
    store.update(p.id, {"budget": "50", "end_date": "2030-06-30"})
    buf = io.BytesIO()
    report = export_iati(store.query(RecordFilter(kinds=("project",))), buf)
    assert report.written == 1
    (what,) = report.left_out
    assert what[0] == "Kenya Water Security" and "the total was changed here" in what[1]
    act = etree.fromstring(buf.getvalue()).find("iati-activity")
    assert act.findall("budget") == []
    # the end date shown was the planned one: the edited date replaces it, as planned
    dates = [(d.get("type"), d.get("iso-date")) for d in act.findall("activity-date")]
    assert ("3", "2030-06-30") in dates and ("3", "2029-06-30") not in dates


def test_a_local_budget_over_more_than_a_year_is_left_out_and_listed():
    p = Project(
        title="Classrooms", description="Four classrooms.", reporting_org="XM-DAC-701-1",
        reporting_org_type="10", translations={"reporting_org": {"en": "Embassy of Japan"}},
        implementing_partner="PTA", start_date=date(2025, 4, 1), end_date=date(2027, 3, 31),
        budget=Decimal("9000000"), currency="JPY",
    )  # fmt: skip
    buf = io.BytesIO()
    report = export_iati([p], buf)
    assert report.written == 1
    assert report.left_out == [
        ("Classrooms", "budget 9000000 JPY: IATI wants one budget per period of a year at most, "
         "and the project runs 2025-04-01..2027-03-31, over a year"),
    ]  # fmt: skip
    assert b"<budget" not in buf.getvalue()


def test_one_bad_project_is_left_out_with_its_reason_and_the_rest_are_written(tmp_path):
    def project(title: str, **extra) -> Project:
        return Project(
            title=title, description="d", reporting_org="XM-DAC-701-1", reporting_org_type="10",
            translations={"reporting_org": {"en": "Embassy"}, **extra.pop("translations", {})},
            implementing_partner="Partner", start_date=date(2026, 1, 1), **extra,
        )  # fmt: skip

    good = project("Good")
    odd_language = project(
        "Odd language", translations={"title": {"en": "Odd language", "fr_fr": "Langue"}}
    )
    spaced = project("Spaced", iati_identifier="XM-DAC-701-1 12")
    broken = project("Broken", iati_extra=[b"<transaction/>"])  # not valid IATI on its own
    out = tmp_path / "out.xml"
    report = write_iati_file([good, odd_language, spaced, broken], out)
    assert report.written == 2
    assert report.skipped[0] == (
        "Spaced",
        "the IATI identifier 'XM-DAC-701-1 12' contains a space, which IATI identifiers may not "
        "contain",
    )
    assert report.skipped[1][0] == "Broken" and "would not be valid IATI" in report.skipped[1][1]
    assert report.left_out == [
        ("Odd language", "title: the text in 'fr_fr' (not a language code the schema allows)")
    ]
    validate_iati(out)
    titles = etree.parse(str(out)).xpath("//iati-activity/title/narrative/text()")
    assert titles == ["Good", "Odd language"]


def test_an_export_with_nothing_to_write_says_why_and_writes_nothing(tmp_path):
    p = Project(title="Clinic", description="d", start_date=date(2026, 1, 1))
    out = tmp_path / "out.xml"
    with pytest.raises(NothingToExport) as caught:
        write_iati_file([p], out)
    assert str(caught.value) == (
        "nothing to export: all 1 projects were left out (Clinic: no reporting organisation "
        "(give --reporting-org)); no file was written"
    )
    assert not out.exists() and not out.with_name("out.xml.part").exists()
    with pytest.raises(NothingToExport, match="there are no projects to write"):
        write_iati_file([], out)


def test_a_reporting_org_with_a_space_is_refused(capsys, tmp_path):
    from fieldkit.cli.main import main

    with pytest.raises(Exception, match="contains a space"):
        OrgDefault("bad org")
    dd = str(tmp_path / "data")
    Store.open(tmp_path / "data").close()
    assert main(["--data-dir", dd, "import-iati", str(write(tmp_path, RICH))]) == 0
    capsys.readouterr()
    out = tmp_path / "out.xml"
    rc = main(["--data-dir", dd, "export-iati", "-o", str(out), "--reporting-org", "bad org"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "contains a space" in err and not out.exists()
    rc = main(["--data-dir", dd, "export-iati", "-o", str(out), "--reporting-org", "XM-DAC-701-1",
               "--reporting-org-type", "ten"])  # fmt: skip
    assert rc == 2 and "not an IATI organisation type code" in capsys.readouterr().err


def test_an_empty_cli_export_is_one_line_with_the_reasons(capsys, tmp_path):
    from fieldkit.cli.main import main

    dd = str(tmp_path / "data")
    Store.open(tmp_path / "data").close()
    assert main(["--data-dir", dd, "import-iati", str(write(tmp_path, LOSSY))]) == 0
    capsys.readouterr()
    out = tmp_path / "out.xml"
    rc = main(["--data-dir", dd, "export-iati", "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "no activity status" in err
    assert "Missing child" not in err and ".part" not in err and not out.exists()


# ---- encodings ----------------------------------------------------------------------------------
def test_iso_8859_1_declared_over_utf8_text_is_read_as_utf8_and_said(tmp_path):
    text = (HEAD + RICH + TAIL).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    text = text.replace("<title><narrative>Kenya Water Security", "<title><narrative>Café 日本語")
    path = tmp_path / "latin.xml"
    path.write_bytes(text.encode("utf-8"))
    projects, report = convert_iati(path)
    assert projects[0].translations["title"]["en"] == "Café 日本語"
    assert report.notes == [
        f"{path} declares ISO-8859-1 but its text is UTF-8; it was read as UTF-8"
    ]


def test_real_iso_8859_1_is_read_as_declared(tmp_path):
    text = (HEAD + RICH + TAIL).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    path = tmp_path / "latin.xml"
    path.write_bytes(text.replace("ケニア水安全保障", "Kenia").encode("latin-1"))
    projects, report = convert_iati(path)
    assert projects[0].translations["title"]["fr"] == "Sécurité de l'eau au Kenya"
    assert report.notes == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_and_said(tmp_path, codec):
    text = (HEAD + RICH + TAIL).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "wide.xml"
    path.write_bytes(text.encode(codec))
    projects, report = convert_iati(path, worker=True)  # the reader process says it the same way
    assert projects[0].translations["title"]["ja"] == "ケニア水安全保障"
    assert report.notes == [
        f"{path} is UTF-16 without a byte-order mark ({codec[-2:].upper()}); it was read as UTF-16"
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((HEAD + RICH + TAIL).replace("ケニア水安全保障", "Kényä").encode("latin-1"),
         "says it is UTF-8, but its text at line 6 is not (it may be Latin-1"),
        ((HEAD + TAIL).replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-8").replace(
            b"<iati-activities", b"<iati-activities x='\xff'"), "its bytes are not UTF-16 (nor UTF-8)"),
        ("\ufeff<rss/>".encode("utf-16-le")[2:], "is not an IATI activity file"),
        ((HEAD + TAIL).replace("UTF-8", "X-MADE-UP").encode(), "declares an unknown encoding"),
    ],
    ids=["utf8-declared-latin1-text", "utf16-declared-8bit-text", "utf16-not-iati", "unknown"],
)  # fmt: skip
def test_contradicting_declarations_are_refused_in_plain_words(tmp_path, data, message):
    from fieldkit.interop.iati_read import IatiFileError

    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    with pytest.raises(IatiFileError, match=re.escape(message)) as caught:
        convert_iati(path)
    assert "\x00" not in str(caught.value) and str(caught.value).count("\n") == 0


def test_the_import_runs_with_a_small_page_cache_and_gives_the_store_its_own_back(store, tmp_path):
    from fieldkit.interop import iati_import

    seen = []

    def progress(done, total, label):
        with store.tx.read() as conn:
            seen.append(conn.execute("PRAGMA cache_size").fetchone()[0])

    with store.tx.read() as conn:
        usual = conn.execute("PRAGMA cache_size").fetchone()[0]
    import_iati(store, write(tmp_path, RICH), progress=progress, worker=False)
    assert seen and set(seen) == {-iati_import.IMPORT_CACHE_KB} != {usual}
    with store.tx.read() as conn:
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == usual


def test_a_reimport_never_gives_an_organisation_another_ones_names(store, tmp_path):
    import_iati(store, write(tmp_path, RICH))
    moved = RICH.replace(
        '<participating-org role="4" type="10" crs-channel-code="12000"><narrative>Ministry of '
        'Water</narrative><narrative xml:lang="sw">Wizara ya Maji</narrative></participating-org>',
        '<participating-org role="4" type="10"><narrative>County of Garissa</narrative>'
        '<narrative xml:lang="so">Degmada Garissa</narrative></participating-org>',
    )
    assert moved != RICH
    import_iati(store, write(tmp_path, moved, name="again.xml"))
    p = only(store)
    assert p.participating_orgs[1].name == "County of Garissa"
    # the Swahili name was the ministry's: it does not stay with the county
    assert p.translations["participating_org:1"] == {
        "en": "County of Garissa",
        "so": "Degmada Garissa",
    }
