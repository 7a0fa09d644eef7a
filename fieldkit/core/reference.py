"""Reference data: countries, sectors, policy fields, instruments, summits, posts, DAC criteria,
markings.

Shipped as JSON files in ``resources/reference``. The lists HQ governs (:data:`GOVERNED`:
summits, policy fields, instruments, schemes, posts, regions, countries) are published by HQ
(``fieldkit-hq reference publish``) and reach each laptop at its next sync, which keeps them
inside the store (``meta`` row ``reference``); a published list replaces the shipped one.

Codes are never forgotten: a code HQ drops from a list stays in it marked ``retired``, so records
tagged with it stay valid and readable everywhere, while pickers, filters and ``fieldkit new``
offer only the active codes (:meth:`Reference.offered`). The old per-post override files
(``<data dir>/reference/summits.json``) no longer add codes to offer: codes only they had are
kept as retired (named as the file named them) so the records tagged with them still load.
Handling markings (``classifications.json``) remain a post's own setting in that folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .messages import Message
from .resources import resource_path

# The lists HQ publishes, in the order HQ shows them. Regions come before the lists that name them.
GOVERNED = (
    "regions", "countries", "summits", "policy_fields", "instruments", "schemes", "posts",
)  # fmt: skip
# A post's own setting, still read from ``<data dir>/reference/`` (not HQ-governed).
LOCAL = ("classifications.json",)
STORE_KEY = "reference"  # the store's meta row holding what HQ published


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    name_ja: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def label(self, lang: str = "en") -> str:
        return self.name_ja if lang == "ja" and self.name_ja else self.name

    @property
    def retired(self) -> bool:
        """HQ dropped it: still valid on records, no longer offered for new ones."""
        return bool(self.extra.get("retired"))


def _codes(rows: list[dict]) -> dict[str, Code]:
    out = {}
    for row in rows:
        row = dict(row)
        code, name, name_ja = row.pop("code"), row.pop("name", ""), row.pop("name_ja", "")
        out[code] = Code(code, name, name_ja, row)
    return out


def shipped(name: str):
    """A list as this FieldKit version ships it (HQ's starting point)."""
    return json.loads(resource_path("reference", f"{name}.json").read_text(encoding="utf-8"))


class Reference:
    """All reference lists, read lazily (each file once) so start-up stays fast.

    ``published``: the lists HQ published (name -> rows), replacing the shipped ones;
    ``version``: HQ's version of them (0: none yet); ``local_dir``: a data directory's
    ``reference`` folder (handling markings, and codes of the retired per-post override).
    """

    def __init__(
        self, local_dir: Path | None = None, published: dict | None = None, version: int = 0
    ) -> None:
        self.local_dir = local_dir
        self.published = published or {}
        self.version = version

    def _local(self, name: str):
        path = self.local_dir / name if self.local_dir else None
        if path is None or not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged old override file must not stop the store from opening

    def _load(self, name: str):
        stem = name.removesuffix(".json")
        if name in LOCAL:
            custom = self._local(name)
            if custom is not None:
                return custom
        rows = self.published.get(stem)
        if rows is None:
            rows = json.loads(resource_path("reference", name).read_text(encoding="utf-8"))
        if stem in GOVERNED:
            rows = rows + self._kept(name, {r["code"] for r in rows})
        return rows

    def _kept(self, name: str, known: set[str]) -> list[dict]:
        """Codes only a post's old override file had: kept, retired, so its records load."""
        old = self._local(name) if self.local_dir else None
        if not isinstance(old, list):
            return []
        kept = []
        for row in old:
            code = row.get("code") if isinstance(row, dict) else None
            if isinstance(code, str) and code and code not in known:
                kept.append({**row, "retired": True, "kept_from": "post override"})
                known.add(code)
        return kept

    @cached_property
    def countries(self) -> dict[str, Code]:
        return _codes(self._load("countries.json"))

    @cached_property
    def sectors(self) -> dict[str, Code]:
        return _codes(self._load("dac_sectors.json"))

    @cached_property
    def sector_categories(self) -> dict[str, Code]:
        return _codes(self._load("dac_sector_categories.json"))

    @cached_property
    def activity_status(self) -> dict[str, Code]:
        return _codes(self._load("iati_activity_status.json"))

    @cached_property
    def currencies(self) -> dict[str, Code]:
        return _codes(self._load("currencies.json"))

    @cached_property
    def policy_fields(self) -> dict[str, Code]:
        return _codes(self._load("policy_fields.json"))

    @cached_property
    def instruments(self) -> dict[str, Code]:
        return _codes(self._load("instruments.json"))

    @cached_property
    def summits(self) -> dict[str, Code]:
        return _codes(self._load("summits.json"))

    @cached_property
    def meeting_types(self) -> dict[str, Code]:
        return _codes(self._load("meeting_types.json"))

    @cached_property
    def schemes(self) -> dict[str, Code]:
        return _codes(self._load("schemes.json"))

    @cached_property
    def regions(self) -> dict[str, Code]:
        """Groups of countries a summit may name as participants (``extra['countries']``)."""
        return _codes(self._load("regions.json"))

    @cached_property
    def posts(self) -> dict[str, Code]:
        """Embassies, consulates-general, missions: ``extra`` has type, country, countries (the
        ones it covers: its own and those it is also accredited to, 兼轄), time_zone."""
        return _codes(self._load("posts.json"))

    @cached_property
    def organisation_types(self) -> dict[str, Code]:
        return _codes(self._load("organisation_types.json"))

    def offered(self, table: str) -> dict[str, Code]:
        """The active codes of a list: what pickers, filters and ``fieldkit new`` offer."""
        return {k: c for k, c in getattr(self, table).items() if not c.retired}

    # ---- summits ---------------------------------------------------------------------------
    def summit_countries(self, code: str) -> frozenset[str]:
        """The countries taking part in a summit (regions expanded); empty: not said."""
        s = self.summits.get(code)
        out: set[str] = set()
        for p in (s.extra.get("participants") or []) if s else []:
            region = self.regions.get(p)
            out.update(region.extra.get("countries", []) if region else [p])
        return frozenset(out)

    def summit_dates(self, code: str) -> tuple[date | None, date | None]:
        s = self.summits.get(code)
        if s is None:
            return None, None
        start, end = s.extra.get("start"), s.extra.get("end")
        start = date.fromisoformat(start) if start else None
        return start, date.fromisoformat(end) if end else start

    def upcoming_summits(self, countries, today: date) -> list[tuple[Code, date | None]]:
        """Active summits still to come (or under way) that any of ``countries`` takes part in,
        soonest first; a summit with no participants listed counts for everyone. Summits with
        only a year announced (``year``, no dates yet) come after the dated ones, as (code, None).
        """
        wanted = set(countries or ())
        out: list[tuple[Code, date | None]] = []
        for code, s in self.offered("summits").items():
            start, end = self.summit_dates(code)
            if start is None:
                year = s.extra.get("year")
                if not (isinstance(year, int) and year >= today.year):
                    continue
            elif (end or start) < today:
                continue
            who = self.summit_countries(code)
            if not who or not wanted or who & wanted:
                out.append((s, start))
        far = date.max
        return sorted(out, key=lambda x: (x[1] or far, x[0].extra.get("year") or 0, x[0].code))

    # ---- posts -----------------------------------------------------------------------------
    def post(self, code: str | None) -> Code | None:
        """A post by its code (``emb-ke``), or the embassy in a country (``KE``)."""
        if not code:
            return None
        found = self.posts.get(code)
        if found is None and len(code) == 2:
            found = self.embassy_in(code.upper())
        return found

    def embassy_in(self, country: str) -> Code | None:
        return next(
            (p for p in self.posts.values()
             if p.extra.get("type") == "embassy" and p.extra.get("country") == country),
            None,
        )  # fmt: skip

    def post_countries(self, code: str | None) -> tuple[str, ...]:
        """The countries a post covers: its own and those it is also accredited to (兼轄)."""
        p = self.post(code)
        return tuple(p.extra.get("countries", ())) if p else ()

    def post_of_country(self, country: str | None) -> Code | None:
        """The post that covers a country: its embassy, else the embassy accredited to it."""
        if not country:
            return None
        own = self.embassy_in(country)
        if own is not None:
            return own
        return next(
            (p for p in self.posts.values() if country in p.extra.get("countries", ())), None
        )

    def post_time_zone(self, code: str | None) -> str | None:
        """The IANA time zone of a post (``Africa/Nairobi``), for printing its local times."""
        p = self.post(code)
        return p.extra.get("time_zone") if p else None

    def post_label(self, text: str | None, lang: str = "en") -> str:
        """A post's name in ``lang`` from its code or its English name; other text as it is."""
        if not text:
            return ""
        p = self.post(text)
        if p is None:
            p = next((x for x in self.posts.values() if x.name == text), None)
        return p.label(lang) if p else text

    # ---- handling markings -------------------------------------------------------------------
    @cached_property
    def _criteria_file(self) -> dict:
        return self._load("dac_criteria.json")

    @cached_property
    def dac_criteria(self) -> dict[str, Code]:
        return _codes(self._criteria_file["criteria"])

    @cached_property
    def ratings(self) -> dict[str, Code]:
        return _codes(self._criteria_file["ratings"])

    @cached_property
    def _classification_file(self) -> dict:
        return self._load("classifications.json")

    @cached_property
    def classifications(self) -> dict[str, Code]:
        """Levels, lowest first; ``extra['rank']`` orders them."""
        levels = _codes(self._classification_file["levels"])
        return dict(sorted(levels.items(), key=lambda kv: kv[1].extra.get("rank", 0)))

    @cached_property
    def default_classification(self) -> str:
        default = self._classification_file.get("default")
        return default if default in self.classifications else next(iter(self.classifications))

    @cached_property
    def caveats(self) -> dict[str, Code]:
        return _codes(self._classification_file.get("caveats", []))

    def classification_rank(self, code: str) -> int:
        level = self.classifications.get(code)
        return level.extra.get("rank", 0) if level else -1

    def highest_classification(self, codes) -> str:
        codes = [c for c in codes if c in self.classifications]
        if not codes:
            return self.default_classification
        return max(codes, key=self.classification_rank)

    def country_name(self, code: str | None, lang: str = "en") -> str:
        if not code:
            return ""
        c = self.countries.get(code)
        return c.label(lang) if c else code


_default: Reference | None = None


def reference() -> Reference:
    """The process-wide reference data (shipped files, plus HQ's lists once a store is opened)."""
    global _default
    if _default is None:
        _default = Reference()
    return _default


def install(ref: Reference) -> Reference:
    """Make ``ref`` the process-wide reference data (a store opened, HQ's lists changed)."""
    global _default
    _default = ref
    return _default


def stored_lists(conn) -> tuple[int, dict]:
    """(version, lists) HQ published that a store holds; (0, {}) before its first sync."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (STORE_KEY,)).fetchone()
    if not row:
        return 0, {}
    data = json.loads(row[0])
    return int(data.get("version", 0)), dict(data.get("lists", {}))


def use_store(conn, data_dir: Path) -> Reference:
    """Point the process-wide reference data at a store's lists (from HQ) and its folder."""
    version, lists = stored_lists(conn)
    return install(Reference(data_dir / "reference", lists, version))


def use_overrides(data_dir: Path) -> Reference:
    """The reference data of a data directory without its store (a helper process): shipped
    lists, the post's handling markings and the override's retired codes."""
    return install(Reference(data_dir / "reference"))


# Record fields holding codes of a governed list: a code is put on a record only while active.
TAGGED = {"policy_fields": "policy_fields", "instruments": "instruments", "summits": "summits",
          "scheme": "schemes"}  # fmt: skip


def check_offered(record, old=None) -> None:
    """Refuse a code HQ retired when it is newly put on a record (``old``: the record before an
    edit, whose codes it keeps). Records that already carry it stay valid: only new tags must be
    active. Raises FieldKitError naming the field and the code."""
    from .errors import FieldKitError

    ref = reference()
    for name, table in TAGGED.items():
        now = getattr(record, name, None)
        if now is None:
            continue
        before = getattr(old, name, None) if old is not None else None
        added = _as_set(now) - _as_set(before)
        codes = getattr(ref, table)
        for code in sorted(added):
            if code in codes and codes[code].retired:
                raise FieldKitError(
                    Message("validation.retired_code", field=name, value=repr(code))
                )


def _as_set(value) -> set[str]:
    if value is None or value == "":
        return set()
    return {value} if isinstance(value, str) else set(value)


class UnknownCountry(ValueError):
    """A country code that is not in the reference (a ValueError, so a model field reports it
    as its own problem; commands and reports re-raise it as a FieldKitError)."""


def country_code(text: str) -> str:
    """The ISO 3166-1 alpha-2 code ``text`` stands for (any case, spaces around ignored).

    The one check every layer uses: models, the command line, reports, IATI files.
    Raises UnknownCountry naming the code.
    """
    code = str(text).strip().upper()
    if code not in reference().countries:
        raise UnknownCountry(Message("validation.unknown_country", code=repr(code)))
    return code


def country_codes(texts) -> tuple[str, ...]:
    """Each of ``texts`` checked by ``country_code``, as a FieldKitError for the first unknown."""
    from .errors import FieldKitError

    try:
        return tuple(country_code(t) for t in texts or ())
    except UnknownCountry as exc:
        raise FieldKitError(str(exc)) from None
