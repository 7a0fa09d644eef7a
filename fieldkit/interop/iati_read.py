"""Reading IATI activity files (versions 2.01 to 2.03): a hardened, streaming parser.

    report = ImportReport()
    for activity in read_activities(Path("jica.xml"), report): ...

The file is streamed (lxml ``iterparse``, one activity in memory at a time) through a hardened
parser: a DOCTYPE is refused outright (IATI files never have one, and it is what entity-expansion
and external-entity attacks need), entities are never resolved, the network is never touched, text
nodes over 10 MB and nesting over 256 levels are refused by libxml2 (``huge_tree=False``), and
neither the bytes nor the elements of one activity may exceed ``MAX_ACTIVITY_BYTES`` and
``MAX_ELEMENTS``, so memory stays flat whatever comes.

Real files are messy. Each activity becomes the Project fields IATI owns; what is not valid is left
out and listed in the report with its line number and the reason: a whole activity (no identifier,
no title, a duplicate) or one part of it (an unknown DAC code, a negative budget, a bad date).
Nothing is dropped silently: the elements and attributes of an activity FieldKit does not model
are kept verbatim (``iati_extra``, ``iati_attributes``), and so is a modelled element that has
parts FieldKit does not keep (an ``@activity-id``, a location's ``administrative``), so that
export can write it back; the bytes are first made to agree with their declared encoding
(``iati_encoding``). Reading one element is ``iati_elements``; writing to the store is
``iati_import``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import Message
from fieldkit.core.reference import country_codes, reference

from .iati_common import SUPPORTED_VERSIONS, XML_LANG, pick, valid_language
from .iati_elements import (
    KNOWN,
    LONG,
    SHORT,
    activity_date,
    budget_line,
    budget_total,
    leftovers,
    location,
    narratives,
    org,
    region,
    related,
    sector,
)
from .iati_elements import country as country_share
from .iati_encoding import EncodingRefused, decoded

MAX_ACTIVITY_BYTES = 32 * 1024 * 1024  # larger than any real activity; bounds memory per activity
MAX_ELEMENTS = 250_000  # elements held at once (~30 MB in libxml2); real activities have far fewer
CHUNK = 64 * 1024

Progress = Callable[[int, int, str], None]


class IatiFileError(FieldKitError):
    """The file cannot be read as IATI at all (or is refused); nothing was imported."""


class _Refused(Exception):
    """Raised from inside the parser's read() to stop it; turned into an IatiFileError."""


class _NotIati(Exception):
    """The first element shows the file is not an IATI activity file."""


@dataclass(frozen=True)
class Skip:
    """Something left out: a whole activity, or one part of an activity that was imported."""

    line: int | None
    identifier: str
    what: str
    reason: str
    whole: bool = False

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        who = f" {self.identifier}" if self.identifier else ""
        outcome = "activity skipped" if self.whole else "left out"
        return f"{where}{who}: {self.what}: {self.reason} ({outcome})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "identifier": self.identifier,
            "what": self.what,
            "reason": self.reason,
            "activity_skipped": self.whole,
        }


@dataclass
class ImportReport:
    source: str = ""
    version: str = ""
    activities: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    other_country: int = 0
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def skipped_activities(self) -> int:
        return sum(1 for s in self.skipped if s.whole)

    @property
    def skipped_parts(self) -> int:
        return sum(1 for s in self.skipped if not s.whole)

    def summary(self) -> str:
        text = (
            f"{self.activities} activities read: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.skipped_activities} skipped"
        )
        if self.skipped_parts:
            text += f"; {self.skipped_parts} parts left out"
        if self.other_country:
            text += f"; {self.other_country} for other countries not imported"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "version": self.version,
            "activities": self.activities,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped_activities": self.skipped_activities,
            "skipped_parts": self.skipped_parts,
            "other_country": self.other_country,
            "notes": self.notes,
            "skipped": [s.to_dict() for s in self.skipped],
        }


@dataclass
class Activity:
    """One activity as read: the Project fields IATI owns, and hints used only to fill gaps."""

    line: int
    identifier: str
    fields: dict[str, Any]
    hints: dict[str, Any]


# ---- streaming the file -------------------------------------------------------------------------
class _GuardedReader:
    """The file as lxml reads it: counts bytes (progress), and refuses what would not fit.

    Between two reads lxml has built the tree for at most one chunk more, so checking here bounds
    memory: a DOCTYPE or a root that is not ``iati-activities`` is refused from the first chunk;
    more than ``MAX_ACTIVITY_BYTES`` without an activity ending, or more than ``MAX_ELEMENTS``
    elements held at once (a file of millions of empty elements), stops the parse.
    """

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.pos = 0
        self.mark = 0
        self.root = None  # set by read_activities once the root element has started
        self.reads = 0

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(CHUNK if n is None or n < 0 else n)
        if self.pos == 0:
            kind, name = _prolog(data)
            if kind == "doctype":
                raise _Refused(Message("iati.dtd"))
            if kind == "root" and name != "iati-activities":
                raise _NotIati(Message("iati.root_is", tag=_plain(str(name))))
        self.pos += len(data)
        if self.pos - self.mark > MAX_ACTIVITY_BYTES:
            raise _Refused(
                Message(
                    "iati.activity_too_large",
                    mb=MAX_ACTIVITY_BYTES // (1024 * 1024),
                    at=f"{self.mark:,}",
                )
            )
        self.reads += 1
        # Counting every fourth read (256 KB) keeps the check cheap and the bound tight.
        if (
            self.root is not None
            and self.reads % 4 == 0
            and next(islice(self.root.iter(), MAX_ELEMENTS, None), None) is not None
        ):
            raise _Refused(
                Message("iati.too_many_elements", n=f"{MAX_ELEMENTS:,}", at=f"{self.pos:,}")
            )
        return data


def _prolog(head: bytes) -> tuple[str | None, str]:
    """What comes first after the XML declaration and comments: ("doctype"|"root", name)."""
    i = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    n = len(head)
    while i < n:
        while i < n and head[i : i + 1] in b" \t\r\n":
            i += 1
        if head.startswith(b"<?", i):
            end = head.find(b"?>", i)
            i = end + 2 if end >= 0 else n
        elif head.startswith(b"<!--", i):
            end = head.find(b"-->", i)
            i = end + 3 if end >= 0 else n
        elif head.startswith(b"<!DOCTYPE", i):
            return "doctype", ""
        elif head.startswith(b"<", i):
            j = i + 1
            while j < n and head[j : j + 1] not in b" \t\r\n/>":
                j += 1
            return "root", head[i + 1 : j].decode("utf-8", "replace")
        else:
            return None, ""
    return None, ""


def read_activities(
    source: Path | str | IO[bytes],
    report: ImportReport,
    *,
    country: str | None = None,
    prefer: tuple[str, ...] = ("en", "ja"),
    progress: Progress | None = None,
) -> Iterator[Activity]:
    """Each valid activity of the file, in order; problems go to ``report``."""
    from lxml import etree  # only IATI commands pay for lxml

    fh, total, name, close = _open(source)
    try:
        stream = decoded(fh, name, report.notes.append)
    except EncodingRefused as exc:
        close()
        raise IatiFileError(exc.args[0]) from None
    reader = _GuardedReader(stream)
    seen: dict[str, int] = {}
    root = None
    try:
        context = etree.iterparse(
            reader,
            events=("start", "end"),
            tag=("iati-activities", "iati-activity"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        for event, el in context:
            if event == "start":
                if root is None:  # the document element: check it before reading any activity
                    root = reader.root = el
                    _check_document(el.getroottree(), report, name)
                continue
            if el is root:
                continue
            reader.mark = reader.pos
            report.activities += 1
            activity = _read_activity(el, report, country, prefer, seen)
            # Drop what has been read: the tree never holds more than the current activity.
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
            if progress is not None:
                progress(stream.consumed, total, name)
            if activity is not None:
                yield activity
        report.skipped.sort(key=lambda s: s.line or 0)  # file order, also within an activity
        if root is None:
            tag = context.root.tag if context.root is not None else None
            what = (
                Message("iati.root_is", tag=_plain(tag))
                if isinstance(tag, str)
                else Message("iati.empty")
            )
            raise IatiFileError(Message("iati.not_activity_file", name=_plain(name), why=what))
    except _Refused as exc:
        why = exc.args[0]
        raise IatiFileError(Message("iati.refused", name=_plain(name), why=why)) from None
    except _NotIati as exc:
        why = exc.args[0]
        raise IatiFileError(Message("iati.not_activity_file", name=_plain(name), why=why)) from None
    except etree.XMLSyntaxError as exc:
        explained = _explain_syntax_error(name, exc)
        plain = explained if isinstance(explained, Message) else _plain(explained)
        raise IatiFileError(plain) from None
    finally:
        close()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain(message: str) -> str:
    """A message fit for a terminal and a log: control bytes from the file shown as '?'."""
    return _CONTROL.sub("?", message)


def _open(source) -> tuple[IO[bytes], int, str, Callable[[], None]]:
    if hasattr(source, "read"):
        name = str(getattr(source, "name", "the file"))
        try:
            here = source.tell()
            total = source.seek(0, 2) - here
            source.seek(here)
        except (OSError, AttributeError, ValueError):
            total = 0
        return source, total, name, lambda: None
    path = Path(source)
    if not path.is_file():
        raise IatiFileError(Message("file.no_such", path=str(path)))
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise IatiFileError(Message("file.cannot_read", path=str(path), why=exc.strerror)) from None
    return fh, path.stat().st_size, str(path), fh.close


def _check_document(tree, report: ImportReport, name: str) -> None:
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None:
        raise IatiFileError(Message("iati.refused_dtd", name=name))
    root = tree.getroot()
    if root.tag != "iati-activities":
        raise IatiFileError(
            Message("iati.root_element", name=_plain(name), tag=_plain(str(root.tag)))
        )
    version = (root.get("version") or "").strip()
    report.version = version
    if version.startswith("1."):
        raise IatiFileError(Message("iati.version_1", name=name, version=version))
    if not version:
        report.notes.append(Message("iati.no_version"))
    elif version not in SUPPORTED_VERSIONS:
        report.notes.append(Message("iati.version_read_as", version=version))


def _explain_syntax_error(name: str, exc) -> str:
    msg = str(getattr(exc, "msg", "") or exc)
    line = getattr(exc, "lineno", None)
    where = f" at line {line}" if line else ""
    low = msg.lower()
    if "amplification" in low or ("entity" in low and ("loop" in low or "expan" in low)):
        return (
            f"{name} was refused{where}: it uses XML entity expansion (a known attack); "
            "nothing was imported"
        )
    if "huge" in low or "resource limit" in low or "excessive depth" in low:
        return (
            f"{name} was refused{where}: a text over 10 MB or nesting deeper than 256 levels "
            "(safety limits); nothing was imported"
        )
    if any(w in low for w in ("not proper utf-8", "invalid utf-8", "invalid bytes in character")):
        return Message("iati.not_utf8", name=name, line=line or 1)
    if any(w in low for w in ("document is empty", "no document element", "no element found")):
        return f"{name} is empty or not XML; nothing was imported"
    return f"{name} is not well-formed XML{where}: {msg.split(', line')[0]}; nothing was imported"


# ---- one activity -------------------------------------------------------------------------------
# Attributes of iati-activity that FieldKit models (or, last-updated-datetime, writes itself as the
# record's own); every other one is kept in iati_attributes and written back.
_ACTIVITY_ATTRS = frozenset({XML_LANG, "humanitarian", "last-updated-datetime"})
# Modelled elements that are kept whole when they hold parts FieldKit does not model (an
# @activity-id, a location's administrative area, ...): export writes the copy back while the
# project still says what it said. For the others, such parts are listed.
_TWINNED = frozenset({
    "reporting-org", "participating-org", "activity-date", "recipient-country",
    "recipient-region", "location", "sector", "budget", "related-activity",
})  # fmt: skip


def _read_activity(
    el, report: ImportReport, country: str | None, prefer: tuple[str, ...], seen: dict[str, int]
) -> Activity | None:
    from lxml.etree import tostring

    line = el.sourceline or 0
    default_lang = _lang(el.get(XML_LANG)) or "en"
    if not valid_language(default_lang):
        default_lang = default_lang.replace("_", "-")
        if not valid_language(default_lang):
            default_lang = "en"
    # One pass over the children, grouped by tag: cheaper than a search per element kind.
    kids: dict[str, list] = {}
    extra: list[str] = []
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        kids.setdefault(tag, []).append(child)
    ident = _text(_first(kids, "iati-identifier"))
    problems = [0]

    def skip(node, what: str, reason: str, whole: bool = False) -> None:
        at = node.sourceline if node is not None and node.sourceline else line
        report.skipped.append(Skip(at, ident, what, reason, whole))
        problems[0] += 1

    if not ident:
        skip(el, "activity", Message("iati.no_identifier"), whole=True)
        return None
    if len(ident) > SHORT:
        skip(el, "activity", Message("iati.identifier_too_long", n=SHORT), whole=True)
        return None
    if ident in seen:
        skip(el, "activity", Message("iati.identifier_again", line=seen[ident]), True)
        return None
    seen[ident] = line

    def verbatim(node) -> str:
        # Narratives that inherit the activity's language say so themselves: the copy is written
        # back into an activity whose language may differ.
        if default_lang != "en":
            for n in node.iter("narrative"):
                if n.get(XML_LANG) is None:
                    n.set(XML_LANG, default_lang)
        return tostring(node, encoding="unicode", with_tail=False)

    def one(node, read):
        """Read one element; keep a whole copy if it has parts not modelled."""
        before = problems[0]
        value = read(node)
        if value is None:
            return None
        rest = leftovers(node)
        if rest:
            if node.tag in _TWINNED and problems[0] == before:
                extra.append(verbatim(node))
            else:
                skip(node, node.tag, Message("iati.not_kept", parts=", ".join(rest)))
        return value

    def each(tag: str, read) -> list:
        return [v for v in (one(n, read) for n in kids.get(tag, ())) if v is not None]

    countries = []
    for c in each("recipient-country", lambda n: country_share(n, skip)):
        if all(c["code"] != k["code"] for k in countries):
            countries.append(c)
    codes = [c["code"] for c in countries]
    if country and country not in codes:
        report.other_country += 1
        return None

    translations: dict[str, dict[str, str]] = {}
    title_el = _first(kids, "title")
    titles = narratives(title_el, default_lang, join=False, skip=skip, label="title")
    if not titles:
        skip(
            title_el if title_el is not None else el,
            "activity",
            Message("iati.no_title"),
            whole=True,
        )
        return None
    for t in kids.get("title", ())[1:]:
        skip(t, "title", Message("iati.second_title"))
    translations["title"] = titles
    _, title = pick(titles, prefer)
    if len(title) > SHORT:
        skip(title_el, "title", Message("iati.title_shortened", n=SHORT))
        title = title[: SHORT - 1] + "…"

    descriptions: dict[str, dict[str, str]] = {}
    for d in kids.get("description", ()):
        kind = (d.get("type") or "").strip() or "1"
        texts = narratives(d, default_lang, join=True, skip=skip, label=f"description type {kind}")
        if not texts:
            skip(d, f"description type {kind}", Message("iati.no_text"))
            continue
        rest = leftovers(d)
        if rest:
            skip(d, f"description type {kind}", Message("iati.not_kept", parts=", ".join(rest)))
        key = "description" if kind == "1" else f"description.{kind}"
        merged = descriptions.setdefault(key, {})
        for lang, text in texts.items():
            merged[lang] = f"{merged[lang]}\n\n{text}" if lang in merged else text
    for key, texts in descriptions.items():
        for lang, text in list(texts.items()):
            if len(text) > LONG:
                shortened = Message("iati.text_shortened", lang=lang, n=f"{LONG:,}")
                skip(el, key.replace(".", " type "), shortened)
                texts[lang] = text[:LONG]
        translations[key] = texts
    if "description" in descriptions:
        _, description = pick(descriptions["description"], prefer)
    else:  # only objectives / target groups: still something to show
        others = sorted(descriptions)
        description = pick(descriptions[others[0]], prefer)[1] if others else ""

    orgs = []
    for entry, names in each("participating-org", lambda n: org(n, default_lang, prefer, skip)):
        if _more_than_shown(names, entry["name"]):
            translations[f"participating_org:{len(orgs)}"] = names
        orgs.append(entry)
    sectors = []
    # A code given twice (43032 at 33% and at 34%) stays twice, as the file says.
    for entry, names in each("sector", lambda n: sector(n, default_lang, skip)):
        sectors.append(entry)
        if names:  # own vocabularies (98, 99) name their codes: keep the names with them
            translations[f"sector:{entry['vocabulary']}:{entry['code']}"] = names
    locations = []
    for entry, names in each("location", lambda n: location(n, default_lang, prefer, skip)):
        if _more_than_shown(names, entry["name"]):
            translations[f"location:{len(locations)}"] = names
        locations.append(entry)

    fields: dict[str, Any] = {
        "iati_identifier": ident,
        "title": title,
        "description": description,
        "recipient_countries": countries,
        "recipient_regions": each("recipient-region", lambda n: region(n, skip)),
        "participating_orgs": orgs,
        "sectors": sectors,
        "locations": locations,
        "related": each("related-activity", lambda n: related(n, skip)),
    }

    ro = _first(kids, "reporting-org")
    if ro is not None:
        ref = (ro.get("ref") or "").strip()
        before = problems[0]
        names = narratives(ro, default_lang, join=False, skip=skip, label="reporting-org")
        if names:
            translations["reporting_org"] = {k: v[:LONG] for k, v in names.items()}
        fields["reporting_org"] = (ref or pick(names, prefer)[1])[:SHORT]
        fields["reporting_org_type"] = (ro.get("type") or "").strip()[:SHORT]
        rest = leftovers(ro)
        if rest and problems[0] == before:
            extra.append(verbatim(ro))
        elif rest:
            skip(ro, "reporting-org", Message("iati.not_kept", parts=", ".join(rest)))
    else:
        skip(el, "reporting-org", Message("iati.missing"))
        fields["reporting_org"] = ""
        fields["reporting_org_type"] = ""
    fields["translations"] = translations

    status_el = _first(kids, "activity-status")
    code = (status_el.get("code") or "").strip() if status_el is not None else ""
    if code in reference().activity_status:
        fields["status"] = code
        fields["status_unknown"] = False
    else:  # listed; the project shows the default, and export leaves it out until one is set
        if status_el is None:
            skip(el, "activity-status", Message("iati.missing"))
        else:
            skip(status_el, "activity-status", Message("iati.unknown_code", value=repr(code)))
        fields["status"] = "2"
        fields["status_unknown"] = True

    dates: list[dict[str, str]] = []
    for node in kids.get("activity-date", ()):
        d = one(node, lambda n: activity_date(n, skip))
        if d is None:
            continue
        if any(k["type"] == d["type"] for k in dates):
            skip(node, f"activity-date type {d['type']}", Message("iati.date_twice"))
            continue
        dates.append(d)
    fields["activity_dates"] = dates
    by_type = {d["type"]: d["iso_date"] for d in dates}
    fields["start_date"] = by_type.get("2") or by_type.get("1")
    fields["end_date"] = by_type.get("4") or by_type.get("3")

    default_currency = (el.get("default-currency") or "").strip().upper()
    lines = each("budget", lambda n: budget_line(n, default_currency, skip))
    fields["budgets"] = lines
    total, currency = budget_total(lines)
    if lines and total is None:
        used = ", ".join(sorted({b["currency"] for b in lines}))
        skip(el, "budget", Message("iati.several_currencies", currencies=used))
    fields["budget"] = total
    fields["currency"] = currency or (
        default_currency if default_currency in reference().currencies else ""
    )

    raw = (el.get("humanitarian") or "").strip().lower()
    fields["humanitarian"] = {"1": True, "true": True, "0": False, "false": False}.get(raw)
    if raw and fields["humanitarian"] is None:
        skip(el, "@humanitarian", Message("iati.humanitarian_invalid", value=repr(raw)))
    fields["iati_attributes"] = {
        k: v for k, v in el.attrib.items() if k not in _ACTIVITY_ATTRS
    }  # fmt: skip
    for tag, nodes in kids.items():
        if tag not in KNOWN:
            extra.extend(verbatim(n) for n in nodes)
    fields["iati_extra"] = extra

    if countries:
        if country:
            fields["country"] = country
        else:
            best = max(countries, key=lambda c: c["percentage"] or 0)
            fields["country"] = best["code"]

    hints = {
        "implementing_partner": next(
            (o["name"] for o in fields["participating_orgs"] if o["role"] == "4" and o["name"]),
            "",
        ),
        "location": next((loc["name"] for loc in fields["locations"] if loc["name"]), ""),
        "scheme": _scheme(kids, fields["reporting_org"]),
    }
    return Activity(line, ident, fields, hints)


def _more_than_shown(names: dict[str, str], shown: str) -> bool:
    """Whether a name needs its languages kept beside it (more than the shown one, in English)."""
    return bool(names) and names != {"en": shown}


def _scheme(kids, reporting_ref: str) -> str:
    """Japan's ODA publishers: the instrument from the default finance and aid types."""
    if not reporting_ref.startswith("XM-DAC-701"):
        return "other"
    finance = _code(kids, "default-finance-type")
    aid = _code(kids, "default-aid-type")
    if finance.startswith("4"):
        return "oda_loan"
    if aid in ("D01", "D02"):
        return "technical_cooperation"
    if finance.startswith("1"):
        return "grant_aid"
    return "other"


# ---- small readers ------------------------------------------------------------------------------
def _text(node) -> str:
    return (node.text or "").strip() if node is not None else ""


def _first(kids: dict[str, list], tag: str):
    found = kids.get(tag)
    return found[0] if found else None


def _code(kids: dict[str, list], tag: str) -> str:
    node = _first(kids, tag)
    return (node.get("code") or "").strip() if node is not None else ""


def _lang(value: str | None) -> str:
    return (value or "").strip().lower()


def check_country(country: str | None) -> str | None:
    if not country:
        return None
    return country_codes([country])[0]
