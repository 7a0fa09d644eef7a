"""The records FieldKit keeps, as pydantic models (no Qt, no storage).

Every record shares the envelope in ``Record``: an id made on the device, revision, times, authors,
tombstone, post (embassy) and handling marking. ``kind`` tells the record types apart, so a line of
JSON can be read into the right model with ``parse_record``.

Codes (countries, sectors, policy fields, ...) are checked against the reference data, and text has
an upper bound, so bad input is refused with a message rather than stored.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    TypeAdapter,
    field_validator,
    model_validator,
)

from .envelope import CONTACT_KINDS, ENVELOPE, KINDS, new_id, utcnow
from .field_types import (
    LONG,
    SHORT,
    Caveat,
    Classification,
    CountryCode,
    Criterion,
    Instrument,
    Latitude,
    Longitude,
    LongText,
    MeetingType,
    PolicyField,
    Rating,
    RecordId,
    Scheme,
    ShortText,
    Strict,
    SubRating,
    Summit,
    UtcDateTime,
    _in,
    _visit_type,
)
from .messages import Message
from .project_parts import (
    ActivityDate,
    BudgetLine,
    CountryShare,
    Disbursement,
    Location,
    OrgRole,
    Quote,
    RegionShare,
    RelatedActivity,
    SectorShare,
)
from .reference import reference

# Re-exported: callers import the types and parts from here, with the records.
__all__ = ["CONTACT_KINDS", "ENVELOPE", "KINDS", "LONG", "SHORT", "ActivityDate", "BudgetLine",
           "CountryShare", "Disbursement", "Location", "OrgRole", "Quote", "RegionShare",
           "RelatedActivity", "SectorShare", "new_id", "utcnow"]  # fmt: skip


class Attendee(Strict):
    """Someone at a meeting or met on a visit; linked to the contacts directory when known."""

    name: ShortText = Field(min_length=1)
    title: ShortText = ""
    organisation: ShortText = ""
    person_id: RecordId | None = None
    organisation_id: RecordId | None = None


class CriterionRating(Strict):
    """A criterion's JICA sub-rating (③ "3" High, ② "2" Fair, ① "1" Low) and note.

    ``legacy_rating`` keeps an A-D rating given before the sub-ratings existed, unchanged (see
    resources/reference/dac_criteria.json: legacy_note); it takes no part in the suggestion."""

    rating: SubRating | None = None
    legacy_rating: Rating | None = None
    note: LongText = ""

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data: Any) -> Any:
        from .ratings import criterion_as_read

        return criterion_as_read(data) if isinstance(data, dict) else data


class ChecklistItem(Strict):
    """One point of the post-completion checklist: yes, no or not checked, and a note."""

    answer: bool | None = None
    note: LongText = ""


class PostCompletionChecklist(Strict):
    """What a post-completion follow-up visit checks (items in visit_types.json: checklist)."""

    facilities_in_use: ChecklistItem = Field(default_factory=ChecklistItem)
    maintained: ChecklistItem = Field(default_factory=ChecklistItem)
    beneficiaries_reached: ChecklistItem = Field(default_factory=ChecklistItem)
    beneficiaries_count: int | None = Field(default=None, ge=0, le=100_000_000)
    oda_logo_displayed: ChecklistItem = Field(default_factory=ChecklistItem)
    procurement_records_kept: ChecklistItem = Field(default_factory=ChecklistItem)

    def is_empty(self) -> bool:
        return self == PostCompletionChecklist()


class Record(Strict):
    """The envelope every record shares."""

    id: RecordId = Field(default_factory=new_id)
    kind: str
    revision: int = Field(default=0, ge=0)
    created_at: UtcDateTime | None = None
    updated_at: UtcDateTime | None = None
    created_by: ShortText = ""
    updated_by: ShortText = ""
    deleted_at: UtcDateTime | None = None
    post: ShortText = ""
    classification: Classification = Field(
        default_factory=lambda: reference().default_classification
    )
    caveats: list[Caveat] = Field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def title_text(self) -> str:
        """A one-line label for lists and history."""
        return self.id

    def sort_date(self) -> date | None:
        return None

    def country_code(self) -> str | None:
        return getattr(self, "country", None)


def _set(model: Strict, name: str, value: Any) -> None:
    """Set a field from a model's own validator: not validated again (validate_assignment would
    run the validators from inside themselves), and counted as given."""
    model.__dict__[name] = value
    model.__pydantic_fields_set__.add(name)


class Turn(Strict):
    """One turn of a record of conversation: what one side said (先方 partner, 当方 ours).

    A partner turn flagged ``request`` is something the partner asked for; our answer is the next
    'ours' turn, and ``follow_up_id`` may name the follow-up that carries it out."""

    side: Literal["partner", "ours"]
    text: LongText = Field(min_length=1)
    request: bool = False
    follow_up_id: RecordId | None = None


class Approval(Strict):
    """Where a meeting record or visit report stands in its approval (決裁); the rules are in
    ``fieldkit.core.approval``. One field on the record, so that two laptops changing it at once
    conflict instead of merging into an approval of text the approver never saw."""

    status: Literal["draft", "submitted", "approved", "filed"] = "draft"
    amendment: int = Field(default=0, ge=0)  # 0: the original; N: the Nth amendment
    amends_revision: int | None = None  # the approved revision an amendment started from
    submitted_by: ShortText = ""
    submitted_at: UtcDateTime | None = None
    approved_by: ShortText = ""
    approved_at: UtcDateTime | None = None
    approved_on: ShortText = ""  # the laptop: its enrolled device name, else the host name
    returned_by: ShortText = ""
    returned_at: UtcDateTime | None = None
    return_comment: LongText = ""


class Approvable(Record):
    """A record that goes draft -> submitted -> approved (meetings and visits)."""

    approval: Approval = Field(default_factory=Approval)

    @model_validator(mode="after")
    def _filed_before_approvals(self):
        # A record saved before FieldKit recorded approvals (it has a creation time but no
        # approval) was filed the old way: final, not a draft (fieldkit.core.approval.FILED).
        # An "after" validator: a "before" one makes pydantic build a dict of every record read
        # from JSON first (a third of validating a meeting).
        given = self.model_fields_set
        if "approval" not in given and "created_at" in given and self.created_at is not None:
            _set(self, "approval", Approval(status="filed"))
        return self


class Meeting(Approvable):
    """A record of conversation with a ministry, company or partner."""

    kind: Literal["meeting"] = "meeting"
    subject: ShortText = Field(min_length=1)
    date: date
    start_time: time | None = None
    end_time: time | None = None
    place: ShortText = ""
    country: CountryCode
    organisation_ids: list[RecordId] = Field(default_factory=list)
    partner_attendees: list[Attendee] = Field(default_factory=list)
    our_attendees: list[Attendee] = Field(default_factory=list)
    policy_fields: list[PolicyField] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    summits: list[Summit] = Field(default_factory=list)
    meeting_type: MeetingType | None = None
    language: ShortText = ""
    interpreter: ShortText = ""
    partner_head: ShortText = ""
    our_head: ShortText = ""
    # The summary (概要) printed above the exchange; the record's key points before turns existed.
    key_points: LongText = ""
    turns: list[Turn] = Field(default_factory=list)
    drafter: ShortText = ""
    approver: ShortText = ""
    distribution: list[ShortText] = Field(default_factory=list)

    # The boxes of meetings written before turns (imports, HQ, laptops on older code): read into
    # turns by _old_boxes and never written (exclude), so a record looks the same however it
    # arrives. Fields rather than a "before" validator, which would make pydantic build a dict
    # of every meeting read from JSON first (a third of validating one).
    partner_requests: str | None = Field(default=None, exclude=True, max_length=LONG)
    our_responses: str | None = Field(default=None, exclude=True, max_length=LONG)

    @model_validator(mode="after")
    def _old_boxes(self):
        if self.partner_requests is None and self.our_responses is None:
            return self
        from .turns import upgrade_meeting_data

        data = upgrade_meeting_data({
            "turns": [t.model_dump() for t in self.turns],
            "partner_requests": self.partner_requests, "our_responses": self.our_responses,
        })  # fmt: skip
        _set(self, "turns", [Turn.model_validate(t) for t in data["turns"]])
        _set(self, "partner_requests", None)
        _set(self, "our_responses", None)
        return self

    @model_validator(mode="after")
    def _times(self):
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValueError(Message("validation.end_before_start"))
        return self

    def title_text(self) -> str:
        return self.subject

    def sort_date(self) -> date | None:
        return self.date


class Visit(Approvable):
    """A project monitoring visit, rated against the six DAC criteria."""

    kind: Literal["visit"] = "visit"
    project_id: RecordId | None = None
    title: ShortText = ""
    date: date
    site: ShortText = ""
    country: CountryCode
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    visitors: list[ShortText] = Field(default_factory=list)
    people_met: list[Attendee] = Field(default_factory=list)
    progress: LongText = ""
    facilities_use: LongText = ""
    criteria: dict[Criterion, CriterionRating] = Field(default_factory=dict)
    overall_rating: Rating | None = None
    findings: LongText = ""
    issues: LongText = ""
    recommendations: LongText = ""
    approver: ShortText = ""  # who approves the report (決裁者)
    # What kind of visit (visit_types.json); records from before visit types read as "other".
    visit_type: Annotated[str, AfterValidator(_visit_type)] = "other"
    applicant_capacity: LongText = ""  # pre-approval: can the applicant run the project?
    site_assessment: LongText = ""  # pre-approval: the site as found
    quotes_review: LongText = ""  # pre-approval: the quotes seen and how they compare
    delivery: LongText = ""  # completion inspection: what was delivered against the contract
    checklist: PostCompletionChecklist | None = None  # post-completion follow-up

    def title_text(self) -> str:
        return self.title or f"Visit {self.date.isoformat()} {self.site}".strip()

    def sort_date(self) -> date | None:
        return self.date


class Project(Record):
    """A project in the registry: a grassroots grant, a JICA project, or one imported from IATI."""

    kind: Literal["project"] = "project"
    title: ShortText = Field(min_length=1)
    description: LongText = ""
    # Other languages of title and description, e.g. {"title": {"ja": "..."}} (IATI narratives).
    translations: dict[str, dict[str, LongText]] = Field(default_factory=dict)
    iati_identifier: ShortText | None = None
    reporting_org: ShortText = ""
    scheme: Scheme = "other"
    sectors: list[SectorShare] = Field(default_factory=list)
    country: CountryCode | None = None
    recipient_countries: list[CountryShare] = Field(default_factory=list)
    location: ShortText = ""
    locations: list[Location] = Field(default_factory=list)
    implementing_partner: ShortText = ""
    participating_orgs: list[OrgRole] = Field(default_factory=list)
    related: list[RelatedActivity] = Field(default_factory=list)
    budget: Decimal | None = None
    currency: ShortText = ""
    start_date: date | None = None
    end_date: date | None = None
    contract_date: date | None = None
    interim_report_due: date | None = None
    interim_report_received: date | None = None
    completion_report_due: date | None = None
    completion_report_received: date | None = None
    completion_date: date | None = None
    # The grant cycle (which stages apply comes from the scheme: schemes.json, grant_cycle.py).
    application_received: date | None = None
    hq_approval_date: date | None = None
    contract_number: ShortText = ""
    contract_amount: Decimal | None = Field(default=None, ge=0)
    contract_currency: ShortText = ""
    quotes: list[Quote] = Field(default_factory=list)
    disbursements: list[Disbursement] = Field(default_factory=list)
    handover_date: date | None = None
    status: Annotated[str, _in("activity_status")] = "2"
    notes: LongText = ""
    # What an IATI source said, kept so that export writes it back instead of guessing.
    reporting_org_type: ShortText = ""
    activity_dates: list[ActivityDate] = Field(default_factory=list)
    budgets: list[BudgetLine] = Field(default_factory=list)
    recipient_regions: list[RegionShare] = Field(default_factory=list)
    humanitarian: bool | None = None
    # The IATI source gave no valid activity status: ``status`` is the default, not its word.
    status_unknown: bool = False
    # Elements of the activity FieldKit does not model (transactions, results, ...), verbatim XML,
    # written back on export; bytes so that the search index does not take markup for text.
    iati_extra: list[bytes] = Field(default_factory=list)
    # Attributes of iati-activity FieldKit does not model (hierarchy, linked-data-uri, ...).
    iati_attributes: dict[ShortText, LongText] = Field(default_factory=dict)

    @field_validator("currency", "contract_currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        if value and value.upper() not in reference().currencies:
            raise ValueError(Message("validation.unknown_currency", value=repr(value)))
        return value.upper()

    def title_text(self) -> str:
        return self.title

    def sort_date(self) -> date | None:
        return self.contract_date or self.start_date

    def _asks_report(self, report: str) -> bool:
        # A scheme without grantee reports (JICA technical cooperation ...) has no deadlines.
        from .grant_reference import scheme_rules

        return report in scheme_rules(self.scheme).reports

    def interim_report_overdue(self, today: date) -> bool:
        due = self.interim_report_due
        return bool(due and not self.interim_report_received and due < today) and self._asks_report(
            "interim"
        )

    def completion_report_overdue(self, today: date) -> bool:
        due = self.completion_report_due
        return bool(
            due and not self.completion_report_received and due < today
        ) and self._asks_report("completion")

    def next_report_due(self) -> date | None:
        """The earliest report still outstanding that the scheme asks the grantee for: what
        makes a project overdue."""
        pending = [
            d
            for report, d, got in (
                ("interim", self.interim_report_due, self.interim_report_received),
                ("completion", self.completion_report_due, self.completion_report_received),
            )
            if d and not got and self._asks_report(report)
        ]
        return min(pending) if pending else None


class Organisation(Record):
    kind: Literal["organisation"] = "organisation"
    name: ShortText = Field(min_length=1)
    name_local: ShortText = ""
    acronym: ShortText = ""
    type: Annotated[str, _in("organisation_types")] = "other"
    country: CountryCode | None = None
    address: ShortText = ""
    phone: ShortText = ""
    email: ShortText = ""
    website: ShortText = ""
    iati_ref: ShortText = ""
    notes: LongText = ""

    def title_text(self) -> str:
        return self.name


class Person(Record):
    kind: Literal["person"] = "person"
    name: ShortText = Field(min_length=1)
    name_local: ShortText = ""
    title: ShortText = ""
    organisation_id: RecordId | None = None
    country: CountryCode | None = None
    email: ShortText = ""
    phone: ShortText = ""
    notes: LongText = ""

    def title_text(self) -> str:
        return self.name


class FollowUp(Record):
    """An action agreed at a meeting or found on a visit."""

    kind: Literal["followup"] = "followup"
    parent_id: RecordId | None = None
    text: LongText = Field(min_length=1)
    owner: ShortText = ""
    due: date | None = None
    status: Literal["open", "done", "dropped"] = "open"
    done_on: date | None = None

    def title_text(self) -> str:
        return self.text.splitlines()[0][:120] if self.text else ""

    def sort_date(self) -> date | None:
        return self.due

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.due is not None and self.due < today


class Attachment(Record):
    """A photo or document; the bytes live content-addressed under the data directory."""

    kind: Literal["attachment"] = "attachment"
    parent_id: RecordId | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    media_type: ShortText = "application/octet-stream"
    size: int = Field(ge=0)
    filename: ShortText = ""
    caption: ShortText = ""
    taken_at: datetime | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    position: int = 0

    def title_text(self) -> str:
        return self.caption or self.filename or self.sha256[:12]

    def sort_date(self) -> date | None:
        return self.taken_at.date() if self.taken_at else None


AnyRecord = Annotated[
    Meeting | Visit | Project | Organisation | Person | FollowUp | Attachment,
    Field(discriminator="kind"),
]
MODELS: dict[str, type[Record]] = {
    "meeting": Meeting,
    "visit": Visit,
    "project": Project,
    "organisation": Organisation,
    "person": Person,
    "followup": FollowUp,
    "attachment": Attachment,
}


def fields_of(model: type[Strict]) -> list[str]:
    """A model's fields as records hold, show and take them: not the old boxes it only reads."""
    return [name for name, info in model.model_fields.items() if not info.exclude]


@functools.cache
def _adapter() -> TypeAdapter:
    return TypeAdapter(AnyRecord)  # built on first use, as the models are (Strict)


def build_validators() -> None:
    """Build now what Strict defers: a server does it before it takes requests, so the first
    laptop to sync does not wait for it."""
    _adapter()
    for model in MODELS.values():
        model.model_rebuild(force=True)


def parse_record(data: dict[str, Any]) -> Record:
    """Validate a dict (e.g. one line of an export) into the model its ``kind`` names.

    Raises pydantic.ValidationError; callers turn it into a ValidationProblem.
    """
    return _adapter().validate_python(data)


def record_from_json(text: str | bytes) -> Record:
    return _adapter().validate_json(text)
