"""Reference data: countries, sectors, policy fields, instruments, summits, DAC criteria, markings.

Loaded from JSON files in ``resources/reference``. Lists a post may edit (summits, classification
levels and caveats) can be overridden by a file of the same name in ``<data dir>/reference/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .messages import Message
from .resources import resource_path

EDITABLE = ("summits.json", "classifications.json")


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    name_ja: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def label(self, lang: str = "en") -> str:
        return self.name_ja if lang == "ja" and self.name_ja else self.name


def _codes(rows: list[dict]) -> dict[str, Code]:
    out = {}
    for row in rows:
        row = dict(row)
        code, name, name_ja = row.pop("code"), row.pop("name", ""), row.pop("name_ja", "")
        out[code] = Code(code, name, name_ja, row)
    return out


class Reference:
    """All reference lists, read lazily (each file once) so start-up stays fast."""

    def __init__(self, override_dir: Path | None = None) -> None:
        self.override_dir = override_dir

    def _load(self, name: str):
        if self.override_dir and name in EDITABLE:
            custom = self.override_dir / name
            if custom.is_file():
                return json.loads(custom.read_text(encoding="utf-8"))
        return json.loads(resource_path("reference", name).read_text(encoding="utf-8"))

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
    def organisation_types(self) -> dict[str, Code]:
        return _codes(self._load("organisation_types.json"))

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
    """The process-wide reference data (shipped files, plus overrides once a store is opened)."""
    global _default
    if _default is None:
        _default = Reference()
    return _default


def use_overrides(data_dir: Path) -> Reference:
    """Point the process-wide reference data at a data directory's overrides."""
    global _default
    _default = Reference(data_dir / "reference")
    return _default


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
