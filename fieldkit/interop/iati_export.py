"""Writing projects as IATI 2.03 activity files that validate against the official schema.

    report = export_iati(store.iter_records(RecordFilter(kinds=("project",))), out)
    validate_iati(path)   # the shipped XSD; raises IatiSchemaError naming the first problem

The children of ``iati-activity`` are an XSD sequence, so ``_activity`` builds them strictly in
schema order. Activities are written one at a time (lxml ``xmlfile``): memory stays flat.

What IATI requires and a local project may lack is filled from what the project does have: the
reporting organisation from ``default_org`` (``--reporting-org``), an identifier from the reporting
organisation and the record id (the importer maps it back to the same project), a description from
the title, a participating organisation from the implementing partner or the reporting
organisation. A project with no date at all cannot be an IATI activity and is skipped, and listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import Project

from .iati_common import SRS_WGS84, XML_LANG, schema_path

DEFAULT_LANG = "en"
STARTED = {"2", "3", "4", "6"}  # activity status codes after the start
ENDED = {"3", "4"}


class IatiSchemaError(FieldKitError):
    """The written file does not validate against the IATI schema (a bug in FieldKit)."""


@dataclass(frozen=True)
class OrgDefault:
    """The reporting organisation for projects that do not name one."""

    ref: str
    name: str = ""
    type: str = "10"  # government: an embassy or ministry


@dataclass
class ExportReport:
    written: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (project, reason)

    def summary(self) -> str:
        text = f"{self.written} activities written"
        if self.skipped:
            text += f", {len(self.skipped)} projects skipped"
        return text


def export_iati(
    projects: Iterable[Project],
    out: IO[bytes],
    *,
    default_org: OrgDefault | None = None,
    today: date | None = None,
) -> ExportReport:
    """Write ``projects`` as one ``iati-activities`` document (version 2.03) to ``out``."""
    from lxml import etree

    today = today or date.today()
    report = ExportReport()
    generated = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", {"version": "2.03", "generated-datetime": generated}):
            for project in projects:
                if not isinstance(project, Project):
                    continue
                try:
                    element = _activity(etree, project, default_org, today)
                except _Skip as exc:
                    report.skipped.append((project.title_text() or project.id, str(exc)))
                    continue
                xf.write(element, pretty_print=True)
                report.written += 1
    return report


def write_iati_file(projects: Iterable[Project], target: Path, **options: Any) -> ExportReport:
    """Export to ``target`` atomically, after checking the result against the schema."""
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            report = export_iati(projects, fh, **options)
        validate_iati(tmp)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return report


_schema = None


def iati_schema():
    """The official IATI 2.03 activity schema, parsed once, never touching the network."""
    global _schema
    if _schema is None:
        from lxml import etree

        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        _schema = etree.XMLSchema(etree.parse(str(schema_path()), parser))
    return _schema


def validate_iati(path: Path | str) -> None:
    """Stream ``path`` through the schema; raise IatiSchemaError with the first problem."""
    from lxml import etree

    try:
        for _ in etree.iterparse(
            str(path),
            events=("end",),
            schema=iati_schema(),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
        ):
            pass
    except etree.XMLSyntaxError as exc:
        raise IatiSchemaError(
            f"{path} does not validate against the IATI 2.03 schema: {exc}"
        ) from None


class _Skip(Exception):
    pass


def _activity(etree, p: Project, default_org: OrgDefault | None, today: date):
    E = etree.Element
    sub = etree.SubElement

    reporting_ref = p.reporting_org or (default_org.ref if default_org else "")
    if not reporting_ref:
        raise _Skip("no reporting organisation (give --reporting-org)")
    start, end = p.start_date or p.contract_date, p.end_date or p.completion_date
    if not (start or end):
        raise _Skip("no start or end date (IATI requires an activity date)")

    attrs = {
        "last-updated-datetime": _datetime(p.updated_at or datetime.now(UTC)),
        XML_LANG: DEFAULT_LANG,
    }
    if p.currency:
        attrs["default-currency"] = p.currency
    act = E("iati-activity", attrs)

    sub(act, "iati-identifier").text = p.iati_identifier or f"{reporting_ref}-{p.id}"

    org_type = next(
        (o.type for o in p.participating_orgs if o.ref == reporting_ref and o.type),
        default_org.type if default_org else "",
    ) or ("10" if reporting_ref.startswith("XM-DAC-") else "90")
    ro = sub(act, "reporting-org", {"ref": reporting_ref, "type": org_type})
    names = dict(p.translations.get("reporting_org", {}))
    if not names:
        fallback = default_org.name if default_org and default_org.ref == reporting_ref else ""
        names = {DEFAULT_LANG: fallback or reporting_ref}
    _narratives(sub, ro, names)

    _narratives(sub, sub(act, "title"), _texts(p, "title", p.title))

    described = False
    general = _texts(p, "description", p.description, others=_other_descriptions(p))
    if general:
        _narratives(sub, sub(act, "description", {"type": "1"}), general)
        described = True
    for key in sorted(k for k in p.translations if k.startswith("description.")):
        if p.translations[key]:
            kind = key.split(".", 1)[1]
            _narratives(sub, sub(act, "description", {"type": kind}), p.translations[key])
            described = True
    if not described:  # the schema wants a description; the title is the best we have
        _narratives(sub, sub(act, "description", {"type": "1"}), {DEFAULT_LANG: p.title})

    orgs = [o for o in p.participating_orgs if o.role and (o.ref or o.name)]
    if not orgs:
        if p.implementing_partner:
            sub(act, "participating-org", {"role": "4"}).append(
                _narrative(E, {DEFAULT_LANG: p.implementing_partner})
            )
        sub(act, "participating-org", {"ref": reporting_ref, "role": "1", "type": org_type})
    for o in orgs:
        po = sub(act, "participating-org", _clean({"ref": o.ref, "role": o.role, "type": o.type}))
        if o.name:
            _narratives(sub, po, {DEFAULT_LANG: o.name})

    sub(act, "activity-status", {"code": p.status})
    if start:
        started = p.status in STARTED and start <= today
        sub(act, "activity-date", {"iso-date": start.isoformat(), "type": "2" if started else "1"})
    if end:
        ended = p.status in ENDED and end <= today
        sub(act, "activity-date", {"iso-date": end.isoformat(), "type": "4" if ended else "3"})

    countries = list(p.recipient_countries)
    if countries:
        for c in countries:
            attrs = {"code": c.code}
            if c.percentage is not None:
                attrs["percentage"] = _number(c.percentage)
            sub(act, "recipient-country", attrs)
    elif p.country:
        sub(act, "recipient-country", {"code": p.country})

    for loc in p.locations:
        if not loc.name and loc.latitude is None:
            continue
        le = sub(act, "location")
        if loc.name:
            _narratives(sub, sub(le, "name"), {DEFAULT_LANG: loc.name})
        if loc.latitude is not None and loc.longitude is not None:
            point = sub(le, "point", {"srsName": SRS_WGS84})
            sub(point, "pos").text = f"{_number(loc.latitude)} {_number(loc.longitude)}"

    for s in p.sectors:
        attrs = {"vocabulary": s.vocabulary, "code": s.code}
        if s.percentage is not None:
            attrs["percentage"] = _number(s.percentage)
        se = sub(act, "sector", attrs)
        names = p.translations.get(f"sector:{s.vocabulary}:{s.code}")
        if names:
            _narratives(sub, se, names)

    if p.budget is not None and p.currency:
        period_start = start or end
        period_end = end or start
        budget = sub(act, "budget", {"type": "1", "status": "1"})
        sub(budget, "period-start", {"iso-date": period_start.isoformat()})
        sub(budget, "period-end", {"iso-date": period_end.isoformat()})
        value = sub(
            budget, "value", {"currency": p.currency, "value-date": period_start.isoformat()}
        )
        value.text = format(p.budget, "f")

    for r in p.related:
        if r.type:
            sub(act, "related-activity", {"ref": r.ref, "type": r.type})
    return act


def _texts(p: Project, key: str, shown: str, others: tuple[str, ...] = ()) -> dict[str, str]:
    """Every language of a narrative field, with the shown text (maybe edited) in its place."""
    texts = dict(p.translations.get(key, {}))
    if not shown or shown in texts.values():
        return texts
    if shown.endswith("…") and any(t.startswith(shown[:-1]) for t in texts.values()):
        return texts  # shortened on import to fit the list; the full text is kept
    if shown in others:  # the shown description came from another description type
        return texts
    for lang in (DEFAULT_LANG, "ja", *texts):
        if lang in texts:
            texts[lang] = shown
            return texts
    return {DEFAULT_LANG: shown}


def _other_descriptions(p: Project) -> tuple[str, ...]:
    return tuple(
        text
        for key, texts in p.translations.items()
        if key.startswith("description.")
        for text in texts.values()
    )


def _narratives(sub, parent, texts: dict[str, str]) -> None:
    for lang, text in texts.items():
        if not text:
            continue
        attrs = {} if lang == DEFAULT_LANG else {XML_LANG: lang}
        sub(parent, "narrative", attrs).text = text


def _narrative(E, texts: dict[str, str]):
    lang, text = next(iter(texts.items()))
    n = E("narrative", {} if lang == DEFAULT_LANG else {XML_LANG: lang})
    n.text = text
    return n


def _clean(attrs: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in attrs.items() if v}


def _number(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def _datetime(value: datetime) -> str:
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
