"""Writing projects as IATI 2.03 activity files that validate against the official schema.

    report = export_iati(store.iter_records(RecordFilter(kinds=("project",))), out)
    validate_iati(path)   # the shipped XSD; raises IatiSchemaError naming the first problem

The children of ``iati-activity`` are an XSD sequence, so each activity is put in schema order.
Activities are written one at a time (lxml ``xmlfile``): memory stays flat.

An activity says what the project says and nothing else. What an IATI source said is written
back as it said it: the reporting organisation's type, each activity date with its type, each
budget with its own period, the humanitarian flag, the participating organisations there were,
and, verbatim, every element and attribute FieldKit does not model (``iati_extra``,
``iati_attributes``; an element kept whole because it had such parts is written back while the
project still says what it said). A local project's dates are its plan (planned start and end;
a completion date is the actual end), its budget is one budget for its period if that is a year
or less. Values that cannot be vouched for (a total changed here, a budget over more than a year,
a language code the schema refuses) are left out and listed in ``ExportReport.left_out``. A
project that cannot be a valid activity (no date, no description, no participating organisation,
an identifier with a space, ...) is left out whole with its reason in ``skipped``; every activity
is checked against the schema on its own before it is written, so one bad project never stops
the others. An export with nothing to write says why (``NothingToExport``) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import Message
from fieldkit.core.models import Project

from . import iati_elements as read
from .iati_common import SRS_WGS84, XML_LANG, identifier_problem, schema_path, schema_rank
from .iati_common import valid_language as _valid_language

DEFAULT_LANG = "en"
MAX_BUDGET_DAYS = 366  # IATI: a budget's period must not be longer than a year


class IatiSchemaError(FieldKitError):
    """The written file does not validate against the IATI schema (a bug in FieldKit)."""


class NothingToExport(FieldKitError):
    """No project could be written; the message says why, and no file was written."""


@dataclass(frozen=True)
class OrgDefault:
    """The reporting organisation for projects that do not name one."""

    ref: str
    name: str = ""
    type: str = "10"  # government: an embassy or ministry

    def __post_init__(self) -> None:
        problem = identifier_problem(self.ref.strip(), "reporting_org")
        if problem:
            raise FieldKitError(
                Message("iati.option_problem", option="--reporting-org", problem=problem)
            )
        if not self.type.strip().isdigit():
            raise FieldKitError(Message("iati.org_type_invalid", value=repr(self.type)))


@dataclass
class ExportReport:
    written: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (project, reason)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (project, value and why)

    def summary(self) -> str:
        text = f"{self.written} activities written"
        if self.skipped:
            text += f", {len(self.skipped)} projects skipped"
        if self.left_out:
            text += f", {len(self.left_out)} values left out"
        return text

    def why_empty(self) -> Message:
        if not self.skipped:
            return Message("iati.export_no_projects")
        reasons = "; ".join(f"{what}: {why}" for what, why in self.skipped[:5])
        more = len(self.skipped) - 5
        return Message(
            "iati.export_all_left_out",
            n=len(self.skipped),
            reasons=reasons + (f"; +{more}" if more > 0 else ""),
        )


def export_iati(
    projects: Iterable[Project],
    out: IO[bytes],
    *,
    default_org: OrgDefault | None = None,
    today: date | None = None,
) -> ExportReport:
    """Write ``projects`` as one ``iati-activities`` document (version 2.03) to ``out``.

    ``today`` is accepted for callers of earlier versions; nothing written depends on it.
    """
    from lxml import etree

    report = ExportReport()
    generated = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    holder = etree.Element("iati-activities", {"version": "2.03"})
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", {"version": "2.03", "generated-datetime": generated}):
            for project in projects:
                if not isinstance(project, Project):
                    continue
                name = project.title_text() or project.id
                left_out: list[str] = []
                try:
                    element = _activity(etree, project, default_org, left_out)
                except _Skip as exc:
                    report.skipped.append((name, exc.args[0]))
                    continue
                problem = _schema_problem(holder, element)
                if problem:
                    report.skipped.append((name, Message("iati.export_invalid", problem=problem)))
                    continue
                xf.write(element, pretty_print=True)
                report.written += 1
                report.left_out.extend((name, what) for what in left_out)
    return report


def write_iati_file(projects: Iterable[Project], target: Path, **options: Any) -> ExportReport:
    """Export to ``target`` atomically, after checking the result against the schema.

    Raises NothingToExport (and writes nothing) when no project could be written.
    """
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            report = export_iati(projects, fh, **options)
        if not report.written:
            raise NothingToExport(report.why_empty())
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
            Message("iati.schema_invalid", path=str(path), why=str(exc))
        ) from None


def _schema_problem(holder, element) -> str | None:
    """The schema's first complaint about one activity on its own, or None."""
    holder.append(element)
    try:
        schema = iati_schema()
        if schema.validate(holder):
            return None
        error = schema.error_log.last_error
        return error.message if error is not None else "not valid"
    finally:
        holder.remove(element)


class _Skip(Exception):
    pass


def _noop(*_args, **_kwargs) -> None:
    pass


def _activity(etree, p: Project, default_org: OrgDefault | None, left_out):
    E = etree.Element
    sub = etree.SubElement

    reporting_ref, ro_name = _reporting_org(p, default_org)
    identifier = p.iati_identifier or f"{reporting_ref}-{p.id}"
    problem = identifier_problem(identifier, "activity")
    if problem:
        raise _Skip(problem)
    org_type = (
        p.reporting_org_type
        or (default_org.type if default_org and default_org.ref == reporting_ref else "")
        or next((o.type for o in p.participating_orgs if o.ref == reporting_ref and o.type), "")
    )
    if not org_type:
        raise _Skip(Message("iati.export_org_type_unknown", ref=reporting_ref))
    if p.status_unknown and p.status == "2":
        raise _Skip(Message("iati.export_no_status"))
    twins = _Twins(etree, p.iati_extra, p.iati_attributes.get("default-currency", p.currency))

    attrs = {
        "last-updated-datetime": _datetime(p.updated_at or datetime.now(UTC)),
        XML_LANG: DEFAULT_LANG,
    }
    attrs.update(p.iati_attributes)
    if p.currency and "default-currency" not in attrs:
        attrs["default-currency"] = p.currency
    if p.humanitarian is not None:
        attrs["humanitarian"] = "1" if p.humanitarian else "0"
    act = E("iati-activity", attrs, nsmap=twins.prefixes or None)

    sub(act, "iati-identifier").text = identifier

    ro_names = dict(p.translations.get("reporting_org", {})) or (
        {DEFAULT_LANG: ro_name} if ro_name else {}
    )
    if not ro_names:
        raise _Skip(Message("iati.export_org_no_name", ref=reporting_ref))
    twin = twins.take("reporting-org", (reporting_ref, org_type, _names_key(ro_names)))
    if twin is not None:
        act.append(twin)
    else:
        ro = sub(act, "reporting-org", {"ref": reporting_ref, "type": org_type})
        _narratives(sub, ro, ro_names, left_out, "reporting-org")

    _narratives(sub, sub(act, "title"), _texts(p, "title", p.title), left_out, "title")

    described = False
    general = _texts(p, "description", p.description, others=_other_descriptions(p))
    if general:
        _narratives(sub, sub(act, "description", {"type": "1"}), general, left_out, "description")
        described = True
    for key in sorted(k for k in p.translations if k.startswith("description.")):
        if p.translations[key]:
            kind = key.split(".", 1)[1]
            d = sub(act, "description", {"type": kind})
            _narratives(sub, d, p.translations[key], left_out, f"description type {kind}")
            described = True
    if not described:
        raise _Skip(Message("iati.export_no_description"))

    orgs = 0
    for i, o in enumerate(p.participating_orgs):
        ref = o.ref
        problem = identifier_problem(ref, "organisation") if ref else None
        if problem:
            left_out.append(Message("iati.export_org_ref_left_out", problem=problem))
            ref = ""
        if not o.role or not (ref or o.name):
            continue
        names = _names(p, f"participating_org:{i}", o.name)
        twin = twins.take("participating-org", (o.ref, o.role, o.type, _names_key(names)))
        if twin is not None:
            act.append(twin)
        else:
            po = sub(act, "participating-org", _clean({"ref": ref, "role": o.role, "type": o.type}))
            _narratives(sub, po, names, left_out, "participating-org")
        orgs += 1
    if not orgs and p.implementing_partner:  # a local project names its implementing partner
        po = sub(act, "participating-org", {"role": "4"})
        _narratives(sub, po, {DEFAULT_LANG: p.implementing_partner}, left_out, "participating-org")
        orgs += 1
    if not orgs:
        raise _Skip(Message("iati.export_no_participating_org"))

    sub(act, "activity-status", {"code": p.status})
    dates = _dates(p)
    if not dates:
        raise _Skip(Message("iati.export_no_date"))
    for kind, day in sorted(dates.items()):
        twin = twins.take("activity-date", (kind, day.isoformat()))
        if twin is not None:
            act.append(twin)
        else:
            sub(act, "activity-date", {"iso-date": day.isoformat(), "type": kind})

    countries = list(p.recipient_countries)
    if not countries and p.country:
        sub(act, "recipient-country", {"code": p.country})
    for c in countries:
        twin = twins.take("recipient-country", (c.code, c.percentage))
        if twin is not None:
            act.append(twin)
            continue
        attrs = {"code": c.code}
        if c.percentage is not None:
            attrs["percentage"] = _number(c.percentage)
        sub(act, "recipient-country", attrs)
    for r in p.recipient_regions:
        twin = twins.take("recipient-region", (r.code, r.vocabulary, r.percentage))
        if twin is not None:
            act.append(twin)
            continue
        attrs = {"code": r.code, "vocabulary": r.vocabulary}
        if r.percentage is not None:
            attrs["percentage"] = _number(r.percentage)
        sub(act, "recipient-region", attrs)

    for i, loc in enumerate(p.locations):
        if not loc.name and loc.latitude is None:
            continue
        names = _names(p, f"location:{i}", loc.name)
        twin = twins.take("location", (loc.latitude, loc.longitude, _names_key(names)))
        if twin is not None:
            act.append(twin)
            continue
        le = sub(act, "location")
        if names:
            _narratives(sub, sub(le, "name"), names, left_out, "location name")
        if loc.latitude is not None and loc.longitude is not None:
            point = sub(le, "point", {"srsName": SRS_WGS84})
            sub(point, "pos").text = f"{_number(loc.latitude)} {_number(loc.longitude)}"

    for s in p.sectors:
        names = p.translations.get(f"sector:{s.vocabulary}:{s.code}") or {}
        twin = twins.take("sector", (s.code, s.vocabulary, s.percentage, _names_key(names)))
        if twin is not None:
            act.append(twin)
            continue
        attrs = {"vocabulary": s.vocabulary, "code": s.code}
        if s.percentage is not None:
            attrs["percentage"] = _number(s.percentage)
        se = sub(act, "sector", attrs)
        _narratives(sub, se, names, left_out, f"sector {s.code}")

    for b in _budgets(p, left_out):
        twin = twins.take("budget", _budget_key(b))
        if twin is not None:
            act.append(twin)
            continue
        be = sub(act, "budget", _clean({"type": b["type"], "status": b["status"]}))
        sub(be, "period-start", {"iso-date": b["period_start"]})
        sub(be, "period-end", {"iso-date": b["period_end"]})
        value = sub(
            be,
            "value",
            {"currency": b["currency"], "value-date": b["value_date"] or b["period_start"]},
        )
        value.text = format(Decimal(str(b["value"])), "f")

    for r in p.related:
        twin = twins.take("related-activity", (r.ref, r.type))
        if twin is not None:
            act.append(twin)
        elif r.type:
            sub(act, "related-activity", {"ref": r.ref, "type": r.type})
        else:
            left_out.append(Message("iati.export_related_no_type", ref=r.ref))

    for element in twins.others:
        act.append(element)
    act[:] = sorted(act, key=lambda child: schema_rank(child.tag))  # stable: order within a tag
    return act


def _reporting_org(p: Project, default_org: OrgDefault | None) -> tuple[str, str]:
    """(identifier, name) of the reporting organisation.

    A project's reporting organisation may be a name typed here ("Embassy of Japan"): it is the
    default organisation when that has the same name, else it cannot be written.
    """
    own = p.reporting_org
    if not own:
        if default_org is None:
            raise _Skip(Message("iati.export_no_reporting_org"))
        return default_org.ref, default_org.name
    if not identifier_problem(own):
        name = default_org.name if default_org and default_org.ref == own else ""
        return own, name
    if default_org is not None and default_org.name and own == default_org.name:
        return default_org.ref, own
    raise _Skip(Message("iati.export_org_is_a_name", name=repr(own)))


# ---- what the source said, and whether the project still says it -------------------------------
class _Twins:
    """The elements kept verbatim: those FieldKit does not model (always written back), and copies
    of modelled ones with parts FieldKit does not keep, written instead of a rebuilt element when
    the project still says what they said (``take``)."""

    def __init__(self, etree, kept: list[bytes], currency: str) -> None:
        self.others = []
        self.by_tag: dict[str, list[tuple[Any, Any]]] = {}
        self.prefixes: dict[str, str] = {}  # the source's own prefixes for extension namespaces
        if not kept:
            return
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        for raw in kept:
            try:
                element = etree.fromstring(raw, parser)
            except etree.XMLSyntaxError:
                continue  # not from FieldKit's reader: nothing to write back
            self.prefixes.update((k, v) for k, v in element.nsmap.items() if k)
            tag = element.tag
            if tag in read.KNOWN:
                key = _twin_key(element, currency)
                if key is not None:
                    self.by_tag.setdefault(tag, []).append((key, element))
            else:
                self.others.append(element)

    def take(self, tag: str, key):
        found = self.by_tag.get(tag)
        if not found:
            return None
        for i, (twin_key, element) in enumerate(found):
            if twin_key == key:
                del found[i]
                return element
        return None


def _twin_key(el, currency: str):
    """What FieldKit reads from a kept element, as the key ``_activity`` compares with."""
    tag = el.tag
    prefer = (DEFAULT_LANG,)
    if tag == "reporting-org":
        names = read.narratives(el, DEFAULT_LANG, join=False)
        return ((el.get("ref") or "").strip(), (el.get("type") or "").strip(), _names_key(names))
    if tag == "participating-org":
        got = read.org(el, DEFAULT_LANG, prefer, _noop)
        if got:
            entry, names = got
            return (entry["ref"], entry["role"], entry["type"], _names_key(names))
    elif tag == "location":
        got = read.location(el, DEFAULT_LANG, prefer, _noop)
        if got:
            entry, names = got
            return (entry["latitude"], entry["longitude"], _names_key(names))
    elif tag == "sector":
        got = read.sector(el, DEFAULT_LANG, _noop)
        if got:
            entry, names = got
            return (entry["code"], entry["vocabulary"], entry["percentage"], _names_key(names))
    elif tag == "recipient-country":
        got = read.country(el, _noop)
        if got:
            return (got["code"], got["percentage"])
    elif tag == "recipient-region":
        got = read.region(el, _noop)
        if got:
            return (got["code"], got["vocabulary"], got["percentage"])
    elif tag == "activity-date":
        got = read.activity_date(el, _noop)
        if got:
            return (got["type"], got["iso_date"])
    elif tag == "budget":
        got = read.budget_line(el, currency.upper(), _noop)
        if got:
            return _budget_key(got)
    elif tag == "related-activity":
        got = read.related(el, _noop)
        if got:
            return (got["ref"], got["type"])
    return None


def _budget_key(b: dict[str, Any]) -> tuple:
    return (
        b["type"], b["status"], str(b["period_start"]), str(b["period_end"]),
        Decimal(str(b["value"])), b["currency"], str(b["value_date"] or ""),
    )  # fmt: skip


def _names_key(names: dict[str, str]) -> tuple:
    return tuple(sorted((k, v) for k, v in names.items() if v))


def _names(p: Project, key: str, shown: str) -> dict[str, str]:
    """A name in every language kept for it, while the shown name is still one of them."""
    names = p.translations.get(key)
    if names and shown in names.values():
        return dict(names)
    return {DEFAULT_LANG: shown} if shown else {}


def _dates(p: Project) -> dict[str, date]:
    """IATI date type -> date: as published, with the shown start and end in their place.

    The shown start is the actual start if there is one, else the planned one (likewise the
    end): a date edited here replaces the one it showed. A local project's dates are its plan,
    and its completion date is its actual end.
    """
    dates = {d.type: d.iso_date for d in p.activity_dates}
    for shown, actual, planned in ((p.start_date, "2", "1"), (p.end_date, "4", "3")):
        kind = actual if actual in dates else planned
        if dates.get(kind) == shown:
            continue
        if shown is None:
            dates.pop(kind, None)
        else:
            dates[kind] = shown
    if p.completion_date and "4" not in dates:
        dates["4"] = p.completion_date
    return dates


def _budgets(p: Project, left_out) -> list[dict[str, Any]]:
    """The budgets to write: as published while the total is still theirs, else one for the
    project's period if IATI allows it (a year at most), else none (listed)."""
    lines = [b.model_dump(mode="json") for b in p.budgets]
    if lines:
        total, currency = read.budget_total(lines)
        same = (
            Decimal(total) == p.budget and currency == p.currency
            if total is not None and p.budget is not None
            else total is None and p.budget is None
        )
        if same or (total is None and p.budget is None):
            return lines
        left_out.append(
            Message(
                "iati.export_budget_total_changed",
                published=f"{total or '-'} {currency}".strip(),
                now=f"{p.budget if p.budget is not None else '-'} {p.currency}".strip(),
            )
        )
        return []
    if p.budget is None or not p.currency:
        if p.budget is not None:
            left_out.append(Message("iati.export_budget_no_currency", value=format(p.budget, "f")))
        return []
    start, end = p.start_date, p.end_date
    if start and end and 0 <= (end - start).days <= MAX_BUDGET_DAYS:
        return [
            {
                "type": "1",
                "status": "",
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "value": str(p.budget),
                "currency": p.currency,
                "value_date": start.isoformat(),
            }
        ]
    value = f"{format(p.budget, 'f')} {p.currency}"
    if start and end:
        left_out.append(
            Message("iati.export_budget_over_a_year", value=value, start=str(start), end=str(end))
        )
    else:
        left_out.append(Message("iati.export_budget_no_period", value=value))
    return []


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


def _narratives(sub, parent, texts: dict[str, str], left_out, what: str) -> None:
    for lang, text in texts.items():
        if not text:
            continue
        if lang != DEFAULT_LANG and not _valid_language(lang):
            left_out.append(Message("iati.export_language_invalid", what=what, lang=repr(lang)))
            continue
        attrs = {} if lang == DEFAULT_LANG else {XML_LANG: lang}
        sub(parent, "narrative", attrs).text = text


def _clean(attrs: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in attrs.items() if v}


def _number(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def _datetime(value: datetime) -> str:
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
