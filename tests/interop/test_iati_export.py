"""Exporting the registry as IATI 2.03: schema-valid (checked with xmlschema, offline), in schema
order, and lossless through export -> import."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from fieldkit.core import demo
from fieldkit.core.models import Project
from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Store
from fieldkit.interop.iati_common import schema_path
from fieldkit.interop.iati_export import (
    IatiSchemaError,
    OrgDefault,
    export_iati,
    validate_iati,
    write_iati_file,
)
from fieldkit.interop.iati_import import import_iati

from .conftest import EXAMPLE, MESSY

XSD = "{http://www.w3.org/2001/XMLSchema}"
IATI_FIELDS = (
    "iati_identifier", "title", "description", "translations", "reporting_org", "participating_orgs",
    "status", "start_date", "end_date", "recipient_countries", "country", "locations", "sectors",
    "budget", "currency", "related",
)  # fmt: skip


@pytest.fixture(scope="module")
def official_schema():
    """The official XSD through a second, independent validator; local files only."""
    import xmlschema

    return xmlschema.XMLSchema(str(schema_path().resolve()), allow="local", use_fallback=False)


def activity_order() -> list[str]:
    """The iati-activity children in the order the shipped XSD's sequence gives them."""
    tree = etree.parse(str(schema_path()))
    (seq,) = tree.xpath(
        "//xsd:element[@name='iati-activity']/xsd:complexType/xsd:sequence",
        namespaces={"xsd": XSD[1:-1]},
    )
    return [e.get("ref") or e.get("name") for e in seq if e.tag == f"{XSD}element"]


def export_all(store, path, **options):
    records = store.iter_records(RecordFilter(kinds=("project",)), sort="date_asc")
    return write_iati_file(records, path, **options)


def test_official_example_round_trips_through_export(store, tmp_path, official_schema):
    import_iati(store, EXAMPLE)
    out = tmp_path / "out.xml"
    assert export_all(store, out).written == 1
    official_schema.validate(str(out))
    again = Store.open(tmp_path / "second")
    try:
        import_iati(again, out)
        (a,) = store.query(RecordFilter(kinds=("project",)))
        (b,) = again.query(RecordFilter(kinds=("project",)))
        assert {f: getattr(b, f) for f in IATI_FIELDS} == {f: getattr(a, f) for f in IATI_FIELDS}
        assert b.id == a.id
    finally:
        again.close()


def test_messy_import_exports_valid_and_round_trips_without_loss(store, tmp_path, official_schema):
    import_iati(store, MESSY)
    out = tmp_path / "registry.xml"
    report = export_all(store, out)
    # Both other activities have no valid activity-status in the source: export does not make
    # one up (the import listed them).
    no_status = "no activity status: the IATI source gave none, and none was set since"
    assert report.written == 1
    assert report.skipped == [
        ("ナイロビ市給水改善計画", no_status),
        ("Dar es Salaam Port Logistics Study", no_status),
    ]
    official_schema.validate(str(out))
    text = out.read_text(encoding="utf-8")
    assert "オルカリア地熱開発計画" in text and 'xml:lang="ja"' in text

    again = Store.open(tmp_path / "second")
    try:
        import_iati(again, out)
        before = {p.iati_identifier: p for p in store.query(RecordFilter(kinds=("project",)))}
        for p in again.query(RecordFilter(kinds=("project",))):
            a = before[p.iati_identifier]
            assert {f: getattr(p, f) for f in IATI_FIELDS} == {
                f: getattr(a, f) for f in IATI_FIELDS
            }
    finally:
        again.close()


def test_children_follow_the_schema_sequence(store, tmp_path):
    import_iati(store, EXAMPLE)
    import_iati(store, MESSY)
    out = tmp_path / "out.xml"
    export_all(store, out)
    order = activity_order()
    assert order[:4] == ["iati-identifier", "reporting-org", "title", "description"]
    for activity in etree.parse(str(out)).getroot():
        # extension elements (another namespace) come after the sequence, as the schema says
        positions = [order.index(c.tag) if c.tag in order else len(order) for c in activity]
        assert positions == sorted(positions), [child.tag for child in activity]


def test_local_projects_export_valid_and_come_back_to_themselves(store, tmp_path, official_schema):
    demo.generate(store, meetings=0, visits=0, projects=15, seed=3)
    out = tmp_path / "local.xml"
    embassy = OrgDefault("XM-DAC-701-1", "Embassy of Japan", "10")
    report = export_all(store, out, default_org=embassy)
    assert report.written + len(report.skipped) == 15 and report.written > 0
    # Demo JICA projects name their reporting organisation, not its identifier: left out, said
    assert {why for _, why in report.skipped} <= {
        "the reporting organisation 'Japan International Cooperation Agency' is a name, not an "
        "IATI organisation identifier (such as XM-DAC-701-8); put the identifier in the project, "
        "or give it with --reporting-org and this name with --reporting-org-name"
    }
    official_schema.validate(str(out))
    # Re-importing our own export links each project to its identifier, duplicating nothing.
    result = import_iati(store, out)
    assert result.created == 0 and result.updated + result.unchanged == report.written
    assert store.count(RecordFilter(kinds=("project",))) == 15


def test_a_default_reporting_org_is_needed_when_a_project_names_none(tmp_path, official_schema):
    p = Project(
        title="Clinic",
        description="A rural clinic.",
        country="KE",
        start_date=date(2026, 1, 1),
        implementing_partner="County Health Department",
    )
    assert export_iati([p], io.BytesIO()).skipped == [
        ("Clinic", "no reporting organisation (give --reporting-org)")
    ]
    out = tmp_path / "org.xml"
    org = OrgDefault("XM-DAC-701-1", "Embassy of Japan in Kenya", "10")
    assert write_iati_file([p], out, default_org=org).written == 1
    official_schema.validate(str(out))
    root = etree.parse(str(out)).getroot()
    assert root.find("iati-activity/reporting-org").get("ref") == "XM-DAC-701-1"
    assert root.findtext("iati-activity/reporting-org/narrative") == "Embassy of Japan in Kenya"


def test_edited_titles_win_over_the_imported_narrative(store, tmp_path):
    import_iati(store, EXAMPLE)
    (p,) = store.query(RecordFilter(kinds=("project",)))
    store.update(p.id, {"title": "Activity title (revised)"})
    buf = io.BytesIO()
    export_iati(store.query(RecordFilter(kinds=("project",))), buf)
    titles = etree.fromstring(buf.getvalue()).xpath("//iati-activity/title/narrative/text()")
    assert titles == ["Activity title (revised)", "Titre de l'activité", "Título de la actividad"]


def test_a_minimal_project_becomes_a_valid_activity(tmp_path, official_schema):
    p = Project(
        title="Water supply for Kisumu clinics",
        description="Boreholes and tanks for three clinics.",
        country="KE",
        reporting_org="XM-DAC-701-1",
        reporting_org_type="10",
        translations={"reporting_org": {"en": "Embassy of Japan in Kenya"}},
        start_date=date(2026, 4, 1),
        end_date=date(2027, 3, 31),
        budget=Decimal("9800000"),
        currency="JPY",
        implementing_partner="Kisumu County Health Department",
    )
    out = tmp_path / "one.xml"
    write_iati_file([p], out)
    official_schema.validate(str(out))
    root = etree.parse(str(out)).getroot()
    assert root.get("version") == "2.03"
    assert root.findtext("iati-activity/iati-identifier") == f"XM-DAC-701-1-{p.id}"
    assert root.find("iati-activity/budget/value").text == "9800000"
    # a local project's dates are its plan: planned start (1) and planned end (3)
    dates = root.findall("iati-activity/activity-date")
    assert [(d.get("type"), d.get("iso-date")) for d in dates] == [
        ("1", "2026-04-01"),
        ("3", "2027-03-31"),
    ]
    assert root.find("iati-activity/budget/period-end").get("iso-date") == "2027-03-31"
    # only the organisation the project names, as it names it
    (org,) = root.findall("iati-activity/participating-org")
    assert dict(org.attrib) == {"role": "4"}


def test_validation_really_rejects_wrong_order(tmp_path):
    bad = tmp_path / "bad.xml"
    text = EXAMPLE.read_text(encoding="utf-8")
    # swap iati-identifier and reporting-org: every element present, but out of sequence
    text = text.replace("<iati-identifier>AA-AAA-123456789-ABC123</iati-identifier>", "").replace(
        "<!--reporting-org ends-->", "<iati-identifier>X</iati-identifier>"
    )
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(IatiSchemaError, match="does not validate"):
        validate_iati(bad)
    validate_iati(EXAMPLE)  # and accepts the official example
