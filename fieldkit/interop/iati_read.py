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
Writing to the store is ``iati_import``'s job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import IO, Any

from fieldkit.core.errors import FieldKitError
from fieldkit.core.reference import country_codes, reference

from .iati_common import DATE_TYPES, SUPPORTED_VERSIONS, XML_LANG, pick

# fieldkit.core.models' text limits (a test checks that they agree): repeated here so that the
# reader process (iati_worker) starts without importing pydantic and the models.
SHORT = 500
LONG = 200_000
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
                raise _Refused(
                    "it declares a DTD (<!DOCTYPE ...>); IATI files never do, and DTDs are how "
                    "XML entity-expansion and external-entity attacks work"
                )
            if kind == "root" and name != "iati-activities":
                raise _NotIati(f"its root element is <{name}>")
        self.pos += len(data)
        if self.pos - self.mark > MAX_ACTIVITY_BYTES:
            raise _Refused(
                f"more than {MAX_ACTIVITY_BYTES // (1024 * 1024)} MB without the end of an "
                f"activity (after byte {self.mark:,}); FieldKit reads one activity at a time and "
                "refuses larger ones to keep memory bounded"
            )
        self.reads += 1
        # Counting every fourth read (256 KB) keeps the check cheap and the bound tight.
        if (
            self.root is not None
            and self.reads % 4 == 0
            and next(islice(self.root.iter(), MAX_ELEMENTS, None), None) is not None
        ):
            raise _Refused(
                f"more than {MAX_ELEMENTS:,} elements in one activity (before byte "
                f"{self.pos:,}); FieldKit refuses larger ones to keep memory bounded"
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
    reader = _GuardedReader(fh)
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
                progress(reader.pos, total, name)
            if activity is not None:
                yield activity
        report.skipped.sort(key=lambda s: s.line or 0)  # file order, also within an activity
        if root is None:
            tag = context.root.tag if context.root is not None else None
            what = f"its root element is <{tag}>" if isinstance(tag, str) else "it is empty"
            raise IatiFileError(f"{name} is not an IATI activity file ({what})")
    except _Refused as exc:
        raise IatiFileError(f"{name} was refused: {exc}; nothing was imported") from None
    except _NotIati as exc:
        raise IatiFileError(f"{name} is not an IATI activity file ({exc})") from None
    except etree.XMLSyntaxError as exc:
        raise IatiFileError(_explain_syntax_error(name, exc)) from None
    finally:
        close()


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
        raise IatiFileError(f"no such file: {path}")
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise IatiFileError(f"cannot read {path}: {exc.strerror}") from None
    return fh, path.stat().st_size, str(path), fh.close


def _check_document(tree, report: ImportReport, name: str) -> None:
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None:
        raise IatiFileError(
            f"{name} was refused: it declares a DTD; IATI files never do; nothing was imported"
        )
    root = tree.getroot()
    if root.tag != "iati-activities":
        raise IatiFileError(f"{name} is not an IATI activity file (root element <{root.tag}>)")
    version = (root.get("version") or "").strip()
    report.version = version
    if version.startswith("1."):
        raise IatiFileError(
            f"{name} is IATI version {version}; FieldKit reads versions 2.01 to 2.03 "
            "(ask the publisher for the 2.0x file); nothing was imported"
        )
    if not version:
        report.notes.append("the file has no IATI version; it was read as 2.03")
    elif version not in SUPPORTED_VERSIONS:
        report.notes.append(f"IATI version {version} was read as 2.03")


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
    if any(w in low for w in ("document is empty", "no document element", "no element found")):
        return f"{name} is empty or not XML; nothing was imported"
    return f"{name} is not well-formed XML{where}: {msg.split(', line')[0]}; nothing was imported"


# ---- one activity -------------------------------------------------------------------------------
# The children of iati-activity the registry reads; the rest (transactions, results, ...) are
# never turned into Python objects.
_WANTED = (
    "iati-identifier", "reporting-org", "title", "description", "participating-org",
    "activity-status", "activity-date", "recipient-country", "location", "sector",
    "default-finance-type", "default-aid-type", "budget", "related-activity",
)  # fmt: skip


def _read_activity(
    el, report: ImportReport, country: str | None, prefer: tuple[str, ...], seen: dict[str, int]
) -> Activity | None:
    line = el.sourceline or 0
    default_lang = _lang(el.get(XML_LANG)) or "en"
    # One pass over the children, grouped by tag: cheaper than a search per element kind.
    kids: dict[str, list] = {}
    for child in el.iterchildren(_WANTED):
        kids.setdefault(child.tag, []).append(child)
    ident = _text(_first(kids, "iati-identifier"))

    def skip(node, what: str, reason: str, whole: bool = False) -> None:
        at = node.sourceline if node is not None and node.sourceline else line
        report.skipped.append(Skip(at, ident, what, reason, whole))

    if not ident:
        skip(el, "activity", "no iati-identifier", whole=True)
        return None
    if len(ident) > SHORT:
        skip(el, "activity", f"iati-identifier longer than {SHORT} characters", whole=True)
        return None
    if ident in seen:
        skip(el, "activity", f"the identifier appears again (first at line {seen[ident]})", True)
        return None
    seen[ident] = line

    countries = _recipient_countries(kids, skip)
    codes = [c["code"] for c in countries]
    if country and country not in codes:
        report.other_country += 1
        return None

    translations: dict[str, dict[str, str]] = {}
    title_el = _first(kids, "title")
    titles = _narratives(title_el, default_lang, join=False)
    if not titles:
        skip(title_el if title_el is not None else el, "activity", "no title", whole=True)
        return None
    translations["title"] = titles
    _, title = pick(titles, prefer)
    if len(title) > SHORT:
        skip(title_el, "title", f"shortened to {SHORT} characters (full text kept)")
        title = title[: SHORT - 1] + "…"

    descriptions: dict[str, dict[str, str]] = {}
    for d in kids.get("description", ()):
        kind = (d.get("type") or "").strip() or "1"
        texts = _narratives(d, default_lang, join=True)
        if not texts:
            skip(d, f"description type {kind}", "no text")
            continue
        # FieldKit's export repeats the title when there is no description (the schema wants
        # one): such a description says nothing, and is not kept.
        texts = {k: v for k, v in texts.items() if v != titles.get(k)}
        if not texts:
            continue
        key = "description" if kind == "1" else f"description.{kind}"
        merged = descriptions.setdefault(key, {})
        for lang, text in texts.items():
            merged[lang] = f"{merged[lang]}\n\n{text}" if lang in merged else text
    for key, texts in descriptions.items():
        for lang, text in list(texts.items()):
            if len(text) > LONG:
                skip(
                    el, key.replace(".", " type "), f"{lang} text shortened to {LONG:,} characters"
                )
                texts[lang] = text[:LONG]
        translations[key] = texts
    if "description" in descriptions:
        _, description = pick(descriptions["description"], prefer)
    else:  # only objectives / target groups: still something to show
        others = sorted(descriptions)
        description = pick(descriptions[others[0]], prefer)[1] if others else ""

    fields: dict[str, Any] = {
        "iati_identifier": ident,
        "title": title,
        "description": description,
        "recipient_countries": countries,
        "participating_orgs": _participating_orgs(kids, default_lang, prefer, skip),
        "sectors": _sectors(kids, default_lang, skip, translations),
        "locations": _locations(kids, default_lang, prefer, skip),
        "related": _related(kids, skip),
    }

    ro = _first(kids, "reporting-org")
    if ro is not None:
        ref = (ro.get("ref") or "").strip()
        names = _narratives(ro, default_lang, join=False)
        if names:
            translations["reporting_org"] = {k: v[:LONG] for k, v in names.items()}
        fields["reporting_org"] = (ref or pick(names, prefer)[1])[:SHORT]
    else:
        skip(el, "reporting-org", "missing")
        fields["reporting_org"] = ""
    fields["translations"] = translations

    status_el = _first(kids, "activity-status")
    if status_el is not None:
        code = (status_el.get("code") or "").strip()
        if code in reference().activity_status:
            fields["status"] = code
        else:
            skip(status_el, "activity-status", f"unknown code {code!r}")

    dates: dict[str, str] = {}
    for d in kids.get("activity-date", ()):
        kind = DATE_TYPES.get((d.get("type") or "").strip())
        value = _iso_date(d.get("iso-date"))
        if kind is None:
            skip(d, "activity-date", f"unknown type {d.get('type')!r}")
        elif value is None:
            skip(d, f"activity-date {kind}", f"not a date: {d.get('iso-date')!r}")
        else:
            dates.setdefault(kind, value)
    fields["start_date"] = dates.get("start-actual") or dates.get("start-planned")
    fields["end_date"] = dates.get("end-actual") or dates.get("end-planned")

    fields["budget"], fields["currency"] = _budget(el, kids, skip)

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


def _recipient_countries(kids, skip) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for rc in kids.get("recipient-country", ()):
        code = (rc.get("code") or "").strip().upper()
        if not code:
            skip(rc, "recipient-country", "no code")
            continue
        if code not in reference().countries:
            skip(rc, f"recipient-country {code}", "not an ISO 3166-1 alpha-2 country code")
            continue
        if any(c["code"] == code for c in out):
            continue
        out.append({"code": code, "percentage": _percentage(rc, f"recipient-country {code}", skip)})
    return out


def _participating_orgs(kids, default_lang, prefer, skip) -> list[dict[str, str]]:
    out = []
    for p in kids.get("participating-org", ()):
        role = (p.get("role") or "").strip()
        ref = (p.get("ref") or "").strip()
        _, name = pick(_narratives(p, default_lang, join=False), prefer)
        label = f"participating-org {ref or name or ''}".strip()
        if not role:
            skip(p, label, "no role")
            continue
        if not (ref or name):
            skip(p, "participating-org", "neither a name nor an identifier")
            continue
        out.append(
            {
                "name": name[:SHORT],
                "ref": ref[:SHORT],
                "role": role[:SHORT],
                "type": (p.get("type") or "").strip()[:SHORT],
            }
        )
    return out


_VOCABULARY_ALIASES = {"": "1", "DAC": "1", "DAC-3": "2"}  # 1.0x names still seen in 2.0x files


def _sectors(kids, default_lang, skip, translations) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    dac = reference().sectors
    for s in kids.get("sector", ()):
        code = (s.get("code") or "").strip()
        raw = (s.get("vocabulary") or "").strip()
        vocabulary = _VOCABULARY_ALIASES.get(raw, raw)
        if not code:
            skip(s, "sector", "no code")
            continue
        label = f"sector {code} (vocabulary {vocabulary})"
        if len(code) > SHORT or len(vocabulary) > SHORT:
            skip(s, "sector", "code or vocabulary too long")
            continue
        if vocabulary == "1" and code not in dac:
            skip(s, label, "not a DAC 5-digit purpose code")
            continue
        if (code, vocabulary) in seen:
            continue
        seen.add((code, vocabulary))
        out.append(
            {"code": code, "vocabulary": vocabulary, "percentage": _percentage(s, label, skip)}
        )
        names = _narratives(s, default_lang, join=False, direct_text=False)
        if names:  # own vocabularies (98, 99) name their codes: keep the names with them
            translations[f"sector:{vocabulary}:{code}"] = {k: v[:LONG] for k, v in names.items()}
    return out


def _locations(kids, default_lang, prefer, skip) -> list[dict[str, Any]]:
    out = []
    for loc in kids.get("location", ()):
        name_el = pos = coords = None
        for c in loc:
            tag = c.tag
            if tag == "name":
                name_el = name_el if name_el is not None else c
            elif tag == "point" and pos is None:
                pos = next(c.iterchildren("pos"), None)
            elif tag == "coordinates":  # 1.0x
                coords = coords if coords is not None else c
        _, name = pick(_narratives(name_el, default_lang, join=False), prefer)
        lat = lon = None
        raw = None
        if pos is not None:
            raw = (pos.text or "").split()
        elif coords is not None:
            raw = [coords.get("latitude") or "", coords.get("longitude") or ""]
        if raw is not None:
            try:
                lat, lon = float(raw[0]), float(raw[1])
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise ValueError
            except (ValueError, IndexError):
                skip(pos if pos is not None else coords, f"location {name}".strip(),
                     f"coordinates {' '.join(raw)!r} are not 'latitude longitude' in range")  # fmt: skip
                lat = lon = None
        if not name and lat is None:
            if raw is None:
                skip(loc, "location", "neither a name nor coordinates")
            continue
        out.append({"name": name[:SHORT], "latitude": lat, "longitude": lon})
    return out


def _related(kids, skip) -> list[dict[str, str]]:
    out = []
    for r in kids.get("related-activity", ()):
        ref = (r.get("ref") or "").strip()
        if not ref:
            skip(r, "related-activity", "no ref")
            continue
        out.append({"ref": ref[:SHORT], "type": (r.get("type") or "").strip()[:SHORT]})
    return out


def _budget(el, kids, skip) -> tuple[str | None, str]:
    """The total of the budgets (revised over original for the same period), and its currency."""
    default_currency = (el.get("default-currency") or "").strip().upper()
    currencies = reference().currencies
    periods: dict[tuple[str, str], tuple[str, Decimal, str]] = {}
    for b in kids.get("budget", ()):
        value_el = start = end = None
        for c in b:  # the last of each, as a schema-invalid file may repeat them
            tag = c.tag
            if tag == "value":
                value_el = c
            elif tag == "period-start":
                start = _iso_date(c.get("iso-date"))
            elif tag == "period-end":
                end = _iso_date(c.get("iso-date"))
        label = f"budget {start or '?'}..{end or '?'}"
        if value_el is None:
            skip(b, label, "no value")
            continue
        try:
            amount = Decimal((value_el.text or "").strip().replace(",", ""))
            if not amount.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            skip(value_el, label, f"not a number: {(value_el.text or '').strip()!r}")
            continue
        if amount < 0:
            skip(value_el, label, f"negative value {amount}")
            continue
        currency = (value_el.get("currency") or "").strip().upper() or default_currency
        if not currency:
            skip(value_el, label, "no currency (and no default-currency)")
            continue
        if currency not in currencies:
            skip(value_el, label, f"unknown currency {currency!r}")
            continue
        kind = (b.get("type") or "1").strip()
        key = (start or "", end or "")
        if key in periods and not (kind == "2" and periods[key][0] != "2"):
            continue  # a revised budget (type 2) replaces the original for its period
        periods[key] = (kind, amount, currency)
    if not periods:
        return None, default_currency if default_currency in currencies else ""
    used = sorted({c for _, _, c in periods.values()})
    if len(used) > 1:
        skip(el, "budget", f"budgets in several currencies ({', '.join(used)}): no total")
        return None, ""
    total = sum((a for _, a, _ in periods.values()), Decimal(0))
    return str(total), used[0]


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


def _narratives(node, default_lang: str, *, join: bool, direct_text: bool = True) -> dict[str, str]:
    """Language -> text of an element's narratives (or its own text, as 1.0x files had it)."""
    out: dict[str, str] = {}
    if node is None:
        return out
    for n in node.iterchildren("narrative"):
        text = n.text
        if not text or not (text := text.strip()):
            continue
        lang = n.get(XML_LANG)
        lang = (lang.strip().lower() or default_lang) if lang else default_lang
        if lang not in out:
            out[lang] = text
        elif join and text not in out[lang]:
            out[lang] += "\n\n" + text
    if not out and direct_text:
        text = (node.text or "").strip()
        if text:
            out[_lang(node.get(XML_LANG)) or default_lang] = text
    return out


def _percentage(node, label: str, skip) -> float | None:
    raw = (node.get("percentage") or "").strip()
    if not raw:
        return None
    try:
        value = float(raw.rstrip("%"))
    except ValueError:
        skip(node, label, f"percentage {raw!r} is not a number; kept without it")
        return None
    if not 0 <= value <= 100:
        skip(node, label, f"percentage {raw} is outside 0-100; kept without it")
        return None
    return value


def _iso_date(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip()[:10]
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    # Nearly always already YYYY-MM-DD: no need to write it out again.
    return raw if len(raw) == 10 and raw[4] == "-" and raw[7] == "-" else day.isoformat()


def check_country(country: str | None) -> str | None:
    if not country:
        return None
    return country_codes([country])[0]
