"""The parts of the record envelope that need no pydantic: kinds, ids, times.

Kept apart from ``models`` so that commands which never touch a record body (``fieldkit status``)
start without importing pydantic or building the record schemas.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

KINDS = ("meeting", "visit", "project", "organisation", "person", "followup", "attachment")
CONTACT_KINDS = ("organisation", "person")
# What a user creates and edits by hand (an attachment comes with its meeting or visit).
USER_KINDS = tuple(k for k in KINDS if k != "attachment")

# Fields the store owns; a user's edit never sets them directly.
ENVELOPE = frozenset(
    {"id", "kind", "revision", "created_at", "updated_at", "created_by", "updated_by", "deleted_at"}
)


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    # Millisecond precision: exact round trips through JSON and SQLite text, and enough to order edits.
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)
