"""The parts of a project as IATI publishes them (sectors, countries, regions, organisations,
locations, related activities, dates, budgets) and as a grant is managed (quotes,
disbursements)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from .field_types import CountryCode, Latitude, Longitude, ShortText, Strict
from .messages import Message
from .reference import reference


class SectorShare(Strict):
    """A sector; vocabulary "1" is DAC 5-digit, and only those codes are checked."""

    code: ShortText = Field(min_length=1)
    vocabulary: ShortText = "1"
    percentage: float | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _dac_code(self):
        if self.vocabulary == "1" and self.code not in reference().sectors:
            raise ValueError(Message("validation.unknown_sector", code=repr(self.code)))
        return self


class CountryShare(Strict):
    code: CountryCode
    percentage: float | None = Field(default=None, ge=0, le=100)


class OrgRole(Strict):
    """A participating organisation as IATI names it (role 1 funding ... 4 implementing)."""

    name: ShortText = ""
    ref: ShortText = ""
    role: ShortText = ""
    type: ShortText = ""


class Location(Strict):
    name: ShortText = ""
    latitude: Latitude | None = None
    longitude: Longitude | None = None


class RelatedActivity(Strict):
    ref: ShortText = Field(min_length=1)
    type: ShortText = ""  # IATI RelatedActivityType: 1 parent, 2 child, 3 sibling, ...


class ActivityDate(Strict):
    """An IATI activity date as published: type 1 planned start, 2 actual start, 3 planned end,
    4 actual end (start_date/end_date show one of them; this keeps which one it was)."""

    type: Literal["1", "2", "3", "4"]
    iso_date: date


class BudgetLine(Strict):
    """One IATI budget as published: its own period (IATI wants a year at most), type (1 original,
    2 revised) and status (1 indicative, 2 committed). ``budget`` is their total."""

    type: ShortText = "1"
    status: ShortText = ""
    period_start: date
    period_end: date
    value: Decimal
    currency: ShortText = ""
    value_date: date | None = None


class RegionShare(Strict):
    """An IATI recipient region (vocabulary 1: OECD DAC region codes)."""

    code: ShortText = Field(min_length=1)
    vocabulary: ShortText = "1"
    percentage: float | None = Field(default=None, ge=0, le=100)


class Quote(Strict):
    """A supplier's quote seen for procurement (GGP asks for three)."""

    supplier: ShortText = Field(min_length=1)
    amount: Decimal | None = Field(default=None, ge=0)
    currency: ShortText = ""
    received_on: date | None = None
    selected: bool = False


class Disbursement(Strict):
    """A payment of the grant to the grantee."""

    paid_on: date
    amount: Decimal = Field(ge=0)
    currency: ShortText = ""
    note: ShortText = ""
