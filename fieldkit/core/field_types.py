"""The field types records are made of: bounded text, record ids, codes checked against the
reference data, UTC times, and ``Strict``, the base of every record model and part."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .messages import Message
from .reference import country_code, reference

SHORT = 500  # names, titles, places
LONG = 200_000  # narrative fields: a long finding must fit, a 10 MB paste must not


def _in(table_name: str):
    """A code from a reference table; refused as ``validation.unknown_<table>``."""

    def check(value: str) -> str:
        table = getattr(reference(), table_name)
        if value not in table:
            raise ValueError(Message(f"validation.unknown_{table_name}", value=repr(value)))
        return value

    return AfterValidator(check)


def _country(value: str) -> str:
    return country_code(value)


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(value: str) -> str:
    # Ids are almost always stored in canonical form already: checked by one regex, since
    # uuid.UUID() on every id of every record was a third of HQ's validation of a push.
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise ValueError(Message("validation.not_record_id", value=repr(value))) from None


def _visit_type(value: str) -> str:
    from .grant_reference import visit_types

    if value not in visit_types():
        raise ValueError(Message("validation.unknown_visit_type", value=repr(value)))
    return value


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError(Message("validation.time_zone_required"))
    return value.astimezone(UTC)


ShortText = Annotated[str, Field(max_length=SHORT)]
LongText = Annotated[str, Field(max_length=LONG)]
RecordId = Annotated[str, AfterValidator(_uuid)]
CountryCode = Annotated[str, Field(min_length=2, max_length=2), AfterValidator(_country)]
PolicyField = Annotated[str, _in("policy_fields")]
Instrument = Annotated[str, _in("instruments")]
Summit = Annotated[str, _in("summits")]
Classification = Annotated[str, _in("classifications")]
Caveat = Annotated[str, _in("caveats")]
Scheme = Annotated[str, _in("schemes")]
MeetingType = Annotated[str, _in("meeting_types")]
Criterion = Annotated[str, _in("dac_criteria")]
Rating = Literal["A", "B", "C", "D"]
SubRating = Literal["3", "2", "1"]  # JICA ex-post evaluation: ③ High, ② Fair, ① Low
UtcDateTime = Annotated[datetime, AfterValidator(_utc)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


class Strict(BaseModel):
    # Each model's validator is built when first used, not at import: a command that reads or
    # sends stored JSON (sync, list) never pays for the models it does not use (0.12 s).
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, str_strip_whitespace=True, defer_build=True
    )
