"""What a list shows: the console's filter, read from a query string and written back into links.

The same filter drives the record list, the CSV, the JSON feed and printing, so a selection means
the same thing in all of them. Bad values are refused with one sentence naming the parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from fieldkit.core.envelope import KINDS
from fieldkit.core.messages import Message
from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import reference

from .regions import REGIONS

SORTS = ("date", "date_asc", "updated", "title", "country", "kind")
PER_PAGE = 50
MAX_PER_PAGE = 500


class FilterError(ValueError):
    """A query parameter that cannot mean anything; the message names it."""


@dataclass(frozen=True)
class Scope:
    """The embassies a user may read (None: all of them). Officers get theirs plus the registry."""

    embassies: tuple[str, ...] | None = None

    def allows(self, embassy: str) -> bool:
        return self.embassies is None or embassy in self.embassies


@dataclass(frozen=True)
class ConsoleFilter:
    text: str = ""
    kinds: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()  # embassies (a post is known by its country code)
    region: str = ""
    countries: tuple[str, ...] = ()  # the record's own country field
    policy_fields: tuple[str, ...] = ()
    summit: str = ""
    instrument: str = ""
    date_from: date | None = None
    date_to: date | None = None
    classifications: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    overdue: bool = False
    parent_id: str | None = None
    deleted: bool = False
    today: date | None = field(default=None, compare=False)

    def and_record_filter(self, rf: RecordFilter) -> ConsoleFilter:
        """This selection narrowed by a laptop-style filter (what the reports package asks for)."""

        def both(mine: tuple, theirs: tuple) -> tuple:
            if not mine:
                return tuple(theirs)
            if not theirs:
                return mine
            return tuple(x for x in mine if x in theirs) or ("(none)",)  # no value can match

        text = " ".join(x for x in (self.text, rf.text) if x)
        return replace(
            self,
            text=text,
            kinds=both(self.kinds, RecordFilter.expand_kinds(rf.kinds)),
            countries=both(self.countries, rf.countries),
            policy_fields=both(self.policy_fields, rf.policy_fields),
            statuses=both(self.statuses, rf.statuses),
            date_from=max(filter(None, (self.date_from, rf.date_from)), default=None),
            date_to=min(filter(None, (self.date_to, rf.date_to)), default=None),
            overdue=self.overdue or rf.overdue,
            parent_id=rf.parent_id or self.parent_id,
            deleted=rf.deleted,
            today=rf.today or self.today,
        )

    def params(self) -> dict[str, str]:
        """The query-string form (only what is set), for links, the CSV and print buttons."""
        out: dict[str, str] = {}
        if self.text:
            out["q"] = self.text
        for key, values in (("kind", self.kinds), ("post", self.posts), ("field", self.policy_fields),
                            ("classification", self.classifications), ("status", self.statuses),
                            ("country", self.countries)):  # fmt: skip
            if values:
                out[key] = ",".join(values)
        for key, value in (("region", self.region), ("summit", self.summit),
                           ("instrument", self.instrument)):  # fmt: skip
            if value:
                out[key] = value
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.overdue:
            out["overdue"] = "1"
        return out

    def query_string(self, **extra) -> str:
        return urlencode({**self.params(), **{k: v for k, v in extra.items() if v}})


def _codes(raw: str, known, what: str, param: str, upper: bool = False) -> tuple[str, ...]:
    out = []
    for part in raw.replace(" ", ",").split(","):
        part = part.strip()
        if not part:
            continue
        part = part.upper() if upper else part
        if known is not None and part not in known:
            raise FilterError(Message("console.filter_unknown", param=param, what=Message(what),
                                      value=repr(part[:40])))  # fmt: skip
        out.append(part)
    return tuple(dict.fromkeys(out))


def _day(raw: str, param: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise FilterError(
            Message("console.filter_date", param=param, value=repr(raw[:40]))
        ) from None


def parse(params: Mapping[str, str]) -> ConsoleFilter:
    """A filter from query parameters; unknown codes and bad dates raise FilterError."""
    ref = reference()
    get = lambda k: (params.get(k) or "").strip()  # noqa: E731
    kinds = _codes(get("kind"), set(KINDS) | {"contact"}, "console.what_kind", "kind")
    region = get("region")
    if region and region not in REGIONS:
        raise FilterError(Message("console.filter_region", region=repr(region),
                                  regions=", ".join(REGIONS)))  # fmt: skip
    summit = get("summit")
    if summit and summit not in ref.summits:
        raise FilterError(Message("console.filter_unknown", param="summit", what=Message(
            "console.what_summit"), value=repr(summit[:40])))  # fmt: skip
    instrument = get("instrument")
    if instrument and instrument not in ref.instruments:
        raise FilterError(Message("console.filter_unknown", param="instrument", what=Message(
            "console.what_instrument"), value=repr(instrument[:40])))  # fmt: skip
    date_from, date_to = _day(get("from"), "from"), _day(get("to"), "to")
    if date_from and date_to and date_from > date_to:
        raise FilterError(Message("console.filter_period", start=str(date_from), end=str(date_to)))
    text = get("q")
    if len(text) > 500:
        raise FilterError(Message("console.filter_text_long"))
    return ConsoleFilter(
        text=text,
        kinds=kinds,
        posts=_codes(
            get("post"), set(ref.countries) | {"*"}, "console.what_country", "post", upper=True
        ),
        region=region,
        countries=_codes(
            get("country"), ref.countries, "console.what_country", "country", upper=True
        ),
        policy_fields=_codes(get("field"), ref.policy_fields, "console.what_field", "field"),
        summit=summit,
        instrument=instrument,
        date_from=date_from,
        date_to=date_to,
        classifications=_codes(
            get("classification"), _levels(), "classification", "classification", upper=True
        ),  # fmt: skip
        statuses=_codes(get("status"), None, "", "status"),
        overdue=get("overdue") in ("1", "true", "yes", "on"),
    )


def _levels() -> set[str]:
    return set(reference().classifications)


def parse_sort(raw: str | None) -> str:
    sort = (raw or "date").strip()
    if sort not in SORTS:
        raise FilterError(Message("console.filter_sort", sort=repr(sort), sorts=", ".join(SORTS)))
    return sort


def parse_page(raw: str | None, per_raw: str | None = None) -> tuple[int, int]:
    try:
        page = int(raw or 1)
        per = int(per_raw or PER_PAGE)
    except ValueError:
        raise FilterError(Message("console.filter_page")) from None
    if page < 1:
        raise FilterError(Message("console.filter_page"))
    if not 1 <= per <= MAX_PER_PAGE:
        raise FilterError(Message("console.filter_per_page", n=MAX_PER_PAGE))
    return page, per
