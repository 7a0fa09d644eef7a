"""Devices and enrolment: one-time codes traded for device tokens, authentication, revocation."""

from __future__ import annotations

import math
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from fieldkit.core.messages import Message
from sync import protocol as p

from . import handling
from . import reference as hq_reference
from .common import Device, Refused, now_iso, secret_hash
from .db import Database

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over a phone line
MAX_CODE_HOURS = 24 * 365  # a code valid for more than a year is a mistake, not a plan


def normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def add_device(
    db: Database, embassy: str, name: str, hours: float = 72, role: str = handling.DEFAULT_ROLE,
    ceiling: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """A device waiting for enrolment, and its one-time code (shown once, stored hashed)."""
    role = handling.check_role(role)
    ceiling = handling.check_level(ceiling) if ceiling else None
    # A post code (emb-ke, cg-hongkong) or, as before posts, a 2-letter country code.
    with db.read() as c:
        embassy, post = hq_reference.resolve_post(c, embassy)
    name = name.strip()
    if not name:
        raise Refused(400, "device name is empty")
    if len(name) > 200:
        raise Refused(400, f"device name is too long ({len(name)} characters; at most 200)")
    # (A code already expired is refused by the CLI; tests make one on purpose.)
    if not (isinstance(hours, int | float) and math.isfinite(hours)) or abs(hours) > MAX_CODE_HOURS:
        raise Refused(400, f"--hours must be a number of hours, at most {MAX_CODE_HOURS}, "
                      f"got {hours!r}")  # fmt: skip
    device_id = secrets.token_hex(8)
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
    expires = (datetime.now(UTC) + timedelta(hours=hours)).isoformat(timespec="seconds")
    with db.write() as c:
        c.execute(
            "INSERT INTO devices (id, embassy, name, created_at, role, ceiling) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (device_id, embassy, name, now_iso(), role, ceiling),
        )
        if post:
            c.execute("INSERT INTO device_posts (device_id, post) VALUES (?, ?)", (device_id, post))
        c.execute(
            "INSERT INTO enrol_codes (code_hash, device_id, expires_at) VALUES (?, ?, ?)",
            (secret_hash(normalise_code(code)), device_id, expires),
        )
    return {"device_id": device_id, "embassy": embassy, "name": name, "code": code,
            "expires_at": expires, "role": role, "ceiling": ceiling, "post": post}  # fmt: skip


def enroll(db: Database, code: str, app_version: str = "") -> p.EnrollResponse:
    """Trade a one-time code for a device token. A used, expired or unknown code is refused."""
    h = secret_hash(normalise_code(code))
    token = secrets.token_urlsafe(32)
    with db.write() as c:
        row = c.execute(
            "SELECT e.device_id, e.expires_at, e.used_at, d.embassy, d.name, d.revoked_at, d.role, "
            "d.ceiling, dp.post FROM enrol_codes e JOIN devices d ON d.id = e.device_id "
            "LEFT JOIN device_posts dp ON dp.device_id = d.id WHERE e.code_hash = ?",
            (h,),
        ).fetchone()
        if row is None:
            raise Refused(403, Message("hq.enrol_code_unknown"), "bad_code")
        device_id, expires, used, embassy, name, revoked, role, ceiling, post = row
        if used:
            raise Refused(403, Message("hq.enrol_code_used"), "code_used")
        if revoked:
            raise Refused(403, Message("hq.device_revoked"), "revoked")
        if expires < datetime.now(UTC).isoformat(timespec="seconds"):
            raise Refused(403, Message("hq.enrol_code_expired"), "code_expired")
        # Only the first of two racing requests with the same code gets a token.
        cur = c.execute(
            "UPDATE enrol_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL",
            (now_iso(), h),
        )
        if cur.rowcount != 1:
            raise Refused(403, Message("hq.enrol_code_used"), "code_used")
        c.execute(
            "UPDATE devices SET token_hash = ?, enrolled_at = ?, app_version = ? WHERE id = ?",
            (secret_hash(token), now_iso(), app_version[:40], device_id),
        )
        ceiling = handling.ceiling_of(c, embassy, ceiling)
    return p.EnrollResponse(device_id=device_id, token=token, embassy=embassy, device_name=name,
                            role=role, ceiling=ceiling, post=post)  # fmt: skip


def authenticate(db: Database, token: str) -> Device:
    with db.read() as c:
        row = c.execute(
            "SELECT d.id, d.embassy, d.name, d.revoked_at, d.role, "
            "coalesce(d.ceiling, e.ceiling), dp.post FROM devices d "
            "LEFT JOIN embassy_ceilings e ON e.embassy = d.embassy "
            "LEFT JOIN device_posts dp ON dp.device_id = d.id WHERE d.token_hash = ?",
            (secret_hash(token),),
        ).fetchone()
        # HQ validates with the lists it publishes; another process may have just published.
        hq_reference.refresh(db, c)
        scope = hq_reference.readable(c, row[1], row[6])[1:] if row is not None else ()
    if row is None:
        raise Refused(401, Message("hq.token_unknown"), "bad_token")
    if row[3]:
        raise Refused(401, Message("hq.token_revoked"), "revoked")
    ceiling = row[5] or handling.DEFAULT_CEILING
    return Device(row[0], row[1], row[2], row[4], ceiling, handling.rank(ceiling), scope)


def revoke(db: Database, device_id: str) -> bool:
    with db.write() as c:
        cur = c.execute(
            # The token hash stays so the laptop is told it was revoked, not "unknown".
            "UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (now_iso(), device_id),
        )
        return cur.rowcount == 1


def devices(db: Database) -> list[dict[str, Any]]:
    with db.read() as c:
        rows = c.execute(
            "SELECT d.id, d.embassy, d.name, d.created_at, d.enrolled_at, d.revoked_at, "
            "d.last_sync, d.app_version, d.role, d.ceiling AS device_ceiling, dp.post, "
            f"coalesce(d.ceiling, e.ceiling, '{handling.DEFAULT_CEILING}') AS ceiling "
            "FROM devices d LEFT JOIN embassy_ceilings e ON e.embassy = d.embassy "
            "LEFT JOIN device_posts dp ON dp.device_id = d.id ORDER BY d.embassy, d.name"
        ).fetchall()
    return [dict(zip(r.keys(), r, strict=True)) for r in rows]


def set_role(db: Database, device_id: str, role: str) -> bool:
    """A device's role from its next request on; records it may no longer hold leave the laptop
    at its next sync (see client.SyncClient._verify)."""
    role = handling.check_role(role)
    with db.write() as c:
        return (
            c.execute("UPDATE devices SET role = ? WHERE id = ?", (role, device_id)).rowcount == 1
        )


def set_ceiling(db: Database, device_id: str, level: str | None) -> bool:
    """A device's own ceiling (None: its embassy's again)."""
    level = handling.check_level(level) if level else None
    with db.write() as c:
        cur = c.execute("UPDATE devices SET ceiling = ? WHERE id = ?", (level, device_id))
        return cur.rowcount == 1


def set_handling(db: Database, device_id: str, role: str, level: str | None) -> bool:
    """Role and own ceiling together (the console's form): both checked, then one write."""
    role = handling.check_role(role)
    level = handling.check_level(level) if level else None
    with db.write() as c:
        cur = c.execute(
            "UPDATE devices SET role = ?, ceiling = ? WHERE id = ?", (role, level, device_id)
        )
        return cur.rowcount == 1


def touch(db: Database, device_id: str) -> None:
    with db.write() as c:
        c.execute("UPDATE devices SET last_sync = ? WHERE id = ?", (now_iso(), device_id))
