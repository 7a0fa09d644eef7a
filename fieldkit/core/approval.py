"""Approval (決裁) of meeting records and visit reports: draft -> submitted -> approved.

The rules, shared by the CLI, the app, imports and sync:

- A new record is a **draft**. Its drafter (anyone) **submits** it once an approver is named on it.
- Only the **named approver** (the record's ``approver``, compared with the user name of
  Settings / FIELDKIT_USER, ignoring case and spacing) approves it or **returns** it with a
  comment; a returned record is a draft again, and the comment stays on it until it is approved.
  A drafter may approve their own record only when they are its named approver (a head of mission
  writing up their own meeting): the rule is "the named approver approves", nothing else.
- Approval records who approved, on which laptop (its enrolled device name, else the host name),
  and when, and writes an ``approve`` entry to the audit log (so do submit, return and amend).
- An **approved** record is locked: an edit through any path (``fieldkit edit``, the editors,
  ``fieldkit import``) is refused. A change after approval is an **amendment**: ``amend`` makes the
  next revision amendment N, a draft that needs approval again; the approved text stays in the
  record's history.
- Editing a **submitted** record takes it back to draft (it must be submitted again), so an
  approver never approves text that changed after it was submitted.
- Records saved before FieldKit recorded approvals are **filed** ("filed before FieldKit recorded
  approvals"): final like an approved record (locked, amendable), printed without a draft mark.

Sync: ``approval`` is one field of the record, and HQ's merge treats a change of it on one laptop
against any change on another as a conflict (``sync.merge``).
"""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING, Any

from .envelope import utcnow
from .errors import FieldKitError
from .messages import Message

if TYPE_CHECKING:
    from .models import Record

KINDS = ("meeting", "visit")
DRAFT, SUBMITTED, APPROVED, FILED = "draft", "submitted", "approved", "filed"
STATUSES = (DRAFT, SUBMITTED, APPROVED, FILED)
FINAL = (APPROVED, FILED)  # locked: only an amendment changes them
FIELD = "approval"
# Codes picked by status (written out so the catalogue check sees each one).
LOCKED_CODE = {APPROVED: "approval.locked_approved", FILED: "approval.locked_filed"}
WRONG_STATUS_CODE = {
    DRAFT: "approval.wrong_status_draft",
    SUBMITTED: "approval.wrong_status_submitted",
    APPROVED: "approval.wrong_status_approved",
}
STATUS_CODE = {
    DRAFT: "approval.status.draft",
    SUBMITTED: "approval.status.submitted",
    APPROVED: "approval.status.approved",
    FILED: "approval.status.filed",
}
KIND_CODE = {"project": "kind.project", "organisation": "kind.organisation",
             "person": "kind.person", "followup": "kind.followup", "attachment": "kind.attachment"}  # fmt: skip


def status_message(status: str) -> Message:
    """The status in words ("draft", 決裁待ち ...), rendered in the reader's language."""
    return Message(STATUS_CODE[status])


def applies(record: Record) -> bool:
    return record.kind in KINDS


def status_of(record: Record) -> str | None:
    """The approval status of a meeting or visit; None for other kinds."""
    return record.approval.status if applies(record) else None


def same_person(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def laptop_name(store) -> str:
    """This laptop as an approval names it: its enrolled device name (or id), else the host."""
    try:
        with store.tx.read() as conn:
            rows = dict(
                conn.execute(
                    "SELECT key, value FROM sync_state WHERE key IN ('device_name', 'device_id')"
                ).fetchall()
            )
    except Exception:  # noqa: BLE001 - a store without sync tables: not enrolled
        rows = {}
    return rows.get("device_name") or rows.get("device_id") or socket.gethostname() or "laptop"


# ---- the lock: what every edit path checks (Writer.replace) -------------------------------------
def guard_edit(old: Record, new: Record) -> Record:
    """``new`` as an ordinary edit of ``old`` may store it, or a refusal.

    An approved or filed record is locked; ``approval`` itself changes only through the workflow
    (submit, approve, return, amend); content edited while submitted takes the record back to draft.
    """
    if not applies(old):
        return new
    if new.approval != old.approval:
        raise FieldKitError(Message("approval.not_by_edit", id=old.id))
    st = old.approval.status
    if st in FINAL:
        raise FieldKitError(Message(LOCKED_CODE[st], id=old.id, short=old.id[:8]))
    if st == SUBMITTED:
        return new.model_copy(update={FIELD: old.approval.model_copy(update={"status": DRAFT})})
    return new


def guard_new(record: Record) -> None:
    """A meeting or visit created here (``new``, the editors) starts as a plain draft: creating
    one already submitted or approved would skip the approver. Imports and sync bring records
    with the approval they had elsewhere and do not come this way."""
    if applies(record) and record.approval != type(record.approval)():
        raise FieldKitError(Message("approval.not_by_edit", id=record.id))


# ---- the workflow: each step is one transaction and one audit entry -----------------------------
def _step(store, record_id: str, make, event: str, *, source=None, **detail: Any) -> Record:
    from .store.common import Changes

    changes = Changes(source=source)
    with store.tx.write():
        old = store.get(record_id)
        if not applies(old):
            raise FieldKitError(Message("approval.not_approvable", id=old.id,
                                        kind=Message(KIND_CODE[old.kind])))  # fmt: skip
        new = make(old)
        saved = store.writer.replace(old, new, event, workflow=True)
        store.audit(event, saved.id, kind=saved.kind, revision=saved.revision,
                    amendment=saved.approval.amendment, **detail)  # fmt: skip
        changes.add(saved)
    store.writer.announce(changes)
    return saved


def _need(old: Record, *statuses: str) -> None:
    st = old.approval.status
    if st not in statuses:
        raise FieldKitError(Message(WRONG_STATUS_CODE[statuses[0]], id=old.id,
                                    short=old.id[:8], status=status_message(st)))  # fmt: skip


def _need_approver(store, old: Record) -> str:
    me = store.author
    if not same_person(old.approver, me):
        code = "approval.no_approver" if not old.approver.strip() else "approval.not_approver"
        raise FieldKitError(Message(code, id=old.id, user=me, approver=old.approver))
    return me


def submit(store, record_id: str, *, source=None) -> Record:
    """The drafter hands a draft to its named approver."""

    def make(old: Record) -> Record:
        _need(old, DRAFT)
        if not old.approver.strip():
            raise FieldKitError(Message("approval.no_approver", id=old.id, user=store.author,
                                        approver=""))  # fmt: skip
        return _with(old, status=SUBMITTED, submitted_by=store.author, submitted_at=utcnow())

    return _step(store, record_id, make, "submit", source=source)


def approve(store, record_id: str, *, source=None) -> Record:
    """The named approver approves a submitted record: who, on which laptop, when."""
    laptop = laptop_name(store)

    def make(old: Record) -> Record:
        _need(old, SUBMITTED)
        me = _need_approver(store, old)
        return _with(old, status=APPROVED, approved_by=old.approver or me, approved_at=utcnow(),
                     approved_on=laptop, return_comment="", returned_by="", returned_at=None)  # fmt: skip

    return _step(store, record_id, make, "approve", source=source, laptop=laptop)


def return_to_drafter(store, record_id: str, comment: str, *, source=None) -> Record:
    """The named approver sends a submitted record back to draft, with a comment kept on it."""
    comment = comment.strip()
    if not comment:
        raise FieldKitError(Message("approval.comment_required"))

    def make(old: Record) -> Record:
        _need(old, SUBMITTED)
        me = _need_approver(store, old)
        return _with(old, status=DRAFT, returned_by=me, returned_at=utcnow(),
                     return_comment=comment)  # fmt: skip

    return _step(store, record_id, make, "return", source=source, comment=comment)


def amend(store, record_id: str, *, source=None) -> Record:
    """A change after approval: the next revision becomes amendment N, a draft to approve again."""

    def make(old: Record) -> Record:
        _need(old, APPROVED, FILED)
        a = old.approval
        return old.model_copy(
            update={
                FIELD: type(a)(
                    status=DRAFT, amendment=a.amendment + 1, amends_revision=old.revision
                )  # fmt: skip
            }
        )

    return _step(store, record_id, make, "amend", source=source)


def _with(old: Record, **changes: Any) -> Record:
    return old.model_copy(update={FIELD: old.approval.model_copy(update=changes)})


# ---- lists --------------------------------------------------------------------------------------
def waiting_for(store, user: str | None = None) -> list[str]:
    """Ids of submitted meetings and visits whose named approver is ``user`` (default: me),
    newest first. The approver is read from the JSON in SQL: parsing every submitted record into
    its model took 0.9 s for 2,240 of them; the window asks again after every change, and at
    every start. The submitted records come from the partial index ``records_submitted``
    (``upgrade_waiting_index``) instead of a walk over every meeting (0.1 s at 100,000). Named:
    without statistics SQLite prefers ``records_list`` (every live record); the condition is
    written out as literals, as a query must repeat a partial index's to use it."""
    me = user if user is not None else store.author
    with store.tx.read() as conn:
        rows = conn.execute(
            "SELECT id, json_extract(data, '$.approver') FROM records INDEXED BY records_submitted "
            "WHERE status = 'submitted' AND deleted_at IS NULL AND kind IN ('meeting', 'visit') "
            "ORDER BY date DESC, updated_at DESC"
        ).fetchall()
    return [rid for rid, approver in rows if same_person(approver or "", me)]


def upgrade_waiting_index(conn) -> None:
    """Store upgrade: an index of the submitted records only (a few among 100,000), in the
    order ``waiting_for`` lists them. It follows the ``status`` column, which every write
    (editor, import, sync) derives from the record's JSON (``indexing.index_record``)."""
    conn.execute(
        "CREATE INDEX IF NOT EXISTS records_submitted ON records(date, updated_at) "
        f"WHERE status = '{SUBMITTED}' AND deleted_at IS NULL"
    )


def waiting_rows(store, user: str | None = None) -> list[dict[str, Any]]:
    """The list rows (``store.summaries``) of ``waiting_for``, with who submitted each and when."""
    from .store.common import chunks

    ids = waiting_for(store, user)
    rows = store.summaries(ids)
    sent: dict[str, tuple] = {}
    with store.tx.read() as conn:
        for part in chunks(ids, 500):
            marks = ",".join("?" * len(part))
            for rid, by, at in conn.execute(
                "SELECT id, json_extract(data, '$.approval.submitted_by'), "
                f"json_extract(data, '$.approval.submitted_at') FROM records WHERE id IN ({marks})",
                part,
            ):
                sent[rid] = (by or "", at or "")
    for row in rows:
        row["submitted_by"], row["submitted_at"] = sent.get(row["id"], ("", ""))
    return rows


# ---- the store upgrade --------------------------------------------------------------------------
def upgrade_filed(conn) -> None:
    """Store upgrade: meetings and visits saved before approvals were recorded become ``filed``
    (their JSON gets the approval, the list column ``status`` says so). Nothing is queued for HQ:
    HQ and other laptops read the same status from the old JSON (``Approvable``)."""
    import json

    from .models import Approval

    filed = json.dumps(Approval(status=FILED).model_dump(mode="json"))
    conn.execute(
        "UPDATE records SET data = json_set(data, '$.approval', json(?)) "
        "WHERE kind IN ('meeting', 'visit') AND json_extract(data, '$.approval') IS NULL",
        (filed,),
    )
    # An earlier step may have rewritten the JSON already (read through the models): the column
    # follows the JSON either way.
    conn.execute(
        "UPDATE records SET status = json_extract(data, '$.approval.status') "
        "WHERE kind IN ('meeting', 'visit')"
    )


# ---- demo data ----------------------------------------------------------------------------------
def demo_statuses(records: list, today, seed: int = 1) -> None:
    """Give demo meetings and visits the approvals an embassy's records have: the last two weeks'
    drafts and records waiting for approval; the weeks before mostly approved (by their approver
    two days after the meeting), with a few still waiting or never submitted; older ones approved
    but for the odd forgotten draft or submission. A store of 100,000 demo meetings then has a
    few hundred waiting, as an embassy would, not one in twelve of its records. In place; its own
    random numbers, so the rest of the demo data stays as each seed made it."""
    import random
    from datetime import UTC, datetime, time, timedelta

    from .models import Approval

    r = random.Random(seed * 7919 + 14)
    for i, rec in enumerate(records):
        if rec.kind not in KINDS:
            continue
        approver = rec.approver or "Ambassador Tanaka Ken"
        age = (today - rec.date).days
        roll = r.random()
        drafter = getattr(rec, "drafter", "") or (getattr(rec, "visitors", None) or [""])[0]
        # The morning after the meeting, but never after today (demo data holds no future).
        sent_on = min(rec.date + timedelta(days=1), today)
        submitted = datetime.combine(sent_on, time(9, 30), UTC)
        # (approved, submitted) shares by age; the rest are drafts.
        approved_share, submitted_share = (0.0, 0.4) if age <= 14 else (
            (0.85, 0.08) if age <= 60 else (0.98, 0.005))  # fmt: skip
        if roll < approved_share:
            a = Approval(status=APPROVED, submitted_by=drafter, submitted_at=submitted,
                         approved_by=approver, approved_on="demo laptop",
                         approved_at=submitted + timedelta(days=1, hours=r.randint(0, 6)))  # fmt: skip
        elif roll < approved_share + submitted_share:
            a = Approval(status=SUBMITTED, submitted_by=drafter, submitted_at=submitted)
        else:
            a = Approval()
        records[i] = rec.model_copy(update={"approval": a, "approver": approver})
