"""Console accounts: Argon2 passwords, sessions, CSRF tokens, back-off after wrong passwords.

Sessions and API tokens are random secrets kept only as SHA-256 hashes. A session expires after
``SESSION_HOURS`` or ``IDLE_MINUTES`` without a request, and its user's disabling or password
reset ends it at once. Wrong passwords: three are free, then each attempt must wait 2, 4, 8 ...
up to 300 seconds, per account and per client address (remembered in the database per account).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fieldkit.core.messages import Message
from fieldkit.core.reference import reference

from . import queries as q
from .db import Handle
from .filters import Scope
from .regions import REGIONS

ROLES = ("admin", "officer", "viewer")
LANGS = ("en", "ja")
SESSION_HOURS = 10
IDLE_MINUTES = 60
FREE_FAILURES = 3
MAX_WAIT = 300
MIN_PASSWORD = 10

_hasher = PasswordHasher()  # argon2-cffi's defaults: Argon2id, RFC 9106 low-memory profile
_DUMMY = _hasher.hash("not a password of anyone")


class AccountError(ValueError):
    """Bad input for an account command or form; the message says what and where."""


class TooManyAttempts(Exception):
    def __init__(self, wait: int) -> None:
        super().__init__(f"too many wrong passwords: try again in {wait} seconds")
        self.wait = wait


def now() -> datetime:
    return datetime.now(UTC)


def iso(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    countries: tuple[str, ...]
    region: str
    lang: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_print(self) -> bool:
        return self.role in ("admin", "officer")

    @property
    def scope(self) -> Scope:
        """Admins read every embassy; others their countries (or region) plus the registry."""
        if self.role == "admin" or (self.role == "viewer" and not self.countries):
            return Scope(None)
        return Scope((*self.countries, "*"))

    @classmethod
    def from_row(cls, row: dict) -> User:
        countries = tuple(c for c in row["countries"].split(",") if c)
        if row["region"]:
            countries = tuple(dict.fromkeys((*countries, *REGIONS.get(row["region"], ()))))
        return cls(row["id"], row["name"], row["role"], countries, row["region"], row["lang"])


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(Message("console.password_short", n=MIN_PASSWORD))
    if len(password) > 1024:
        raise AccountError(Message("console.password_long"))
    return password


def _countries(raw: str) -> str:
    codes = [c.strip().upper() for c in raw.split(",") if c.strip()]
    known = reference().countries
    for c in codes:
        if c not in known:
            raise AccountError(Message("console.unknown_country", code=repr(c)))
    return ",".join(dict.fromkeys(codes))


def add_user(db: Handle, name: str, role: str, password: str, countries: str = "",
             region: str = "", lang: str = "en") -> None:  # fmt: skip
    name = name.strip()
    if not name or len(name) > 80 or any(ch.isspace() for ch in name):
        raise AccountError(Message("console.bad_user_name"))
    if role not in ROLES:
        raise AccountError(Message("console.bad_role", roles=", ".join(ROLES), role=repr(role)))
    codes = _countries(countries or "")
    if region and region not in REGIONS:
        raise AccountError(
            Message("console.unknown_region", region=repr(region), regions=", ".join(REGIONS))
        )
    if role == "officer" and not (codes or region):
        raise AccountError(Message("console.officer_scope"))
    if lang not in LANGS:
        raise AccountError(Message("console.bad_lang"))
    pw = _hasher.hash(check_password(password))
    with db.write() as c:
        if q.user_by_name(c, name):
            raise AccountError(Message("console.user_exists", name=repr(name)))
        q.add_user(c, name, pw, role, codes, region, lang, iso(now()))


def _user_row(c, name: str) -> dict:
    row = q.user_by_name(c, name)
    if row is None:
        raise AccountError(Message("console.no_user", name=repr(name)))
    return row


def disable_user(db: Handle, name: str) -> None:
    with db.write() as c:
        row = _user_row(c, name)
        if row["disabled_at"]:
            raise AccountError(Message("console.already_disabled", name=repr(name)))
        q.set_user(c, row["id"], disabled_at=iso(now()))
        q.drop_sessions_of(c, row["id"])


def reset_password(db: Handle, name: str, password: str) -> None:
    pw = _hasher.hash(check_password(password))
    with db.write() as c:
        row = _user_row(c, name)
        q.set_user(c, row["id"], pw_hash=pw, failures=0, last_failure=None, disabled_at=None)
        q.drop_sessions_of(c, row["id"])


def list_users(db: Handle) -> list[dict]:
    with db.read() as c:
        rows = q.users(c)
    for r in rows:
        r.pop("pw_hash")
    return rows


def set_language(db: Handle, user: User, lang: str) -> None:
    if lang not in LANGS:
        raise AccountError(Message("console.bad_lang"))
    with db.write() as c:
        q.set_user(c, user.id, lang=lang)


def _wait(failures: int, last: str | None, at: datetime) -> int:
    if failures < FREE_FAILURES or not last:
        return 0
    delay = min(MAX_WAIT, 2 ** (failures - FREE_FAILURES + 1))
    left = (datetime.fromisoformat(last) + timedelta(seconds=delay) - at).total_seconds()
    return max(0, int(left + 0.999))


class AddressThrottle:
    """Wrong passwords per client address (guessing across many user names), in memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[int, float]] = {}

    def wait(self, addr: str) -> int:
        with self._lock:
            n, last = self._seen.get(addr, (0, 0.0))
        if n < FREE_FAILURES * 3:
            return 0
        delay = min(MAX_WAIT, 2 ** (n - FREE_FAILURES * 3 + 1))
        return max(0, int(last + delay - time.monotonic() + 0.999))

    def failed(self, addr: str) -> None:
        with self._lock:
            n, _ = self._seen.get(addr, (0, 0.0))
            self._seen[addr] = (n + 1, time.monotonic())
            if len(self._seen) > 10_000:
                self._seen.pop(next(iter(self._seen)))

    def ok(self, addr: str) -> None:
        with self._lock:
            self._seen.pop(addr, None)


def sign_in(
    db: Handle, name: str, password: str, addr: str, addresses: AddressThrottle
) -> User | None:
    """The user, or None for a wrong name or password (the caller cannot tell which); raises
    TooManyAttempts while the account or the address must wait."""
    at = now()
    wait = addresses.wait(addr)
    with db.read() as c:
        row = q.user_by_name(c, name.strip())
    if row is not None:
        wait = max(wait, _wait(row["failures"], row["last_failure"], at))
    if wait:
        raise TooManyAttempts(wait)
    try:
        ok = _hasher.verify(row["pw_hash"] if row else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if row is None or not ok or row["disabled_at"]:
        addresses.failed(addr)
        if row is not None:
            with db.write() as c:
                fresh = q.user_by_id(c, row["id"])
                q.set_user(c, row["id"], failures=fresh["failures"] + 1, last_failure=iso(at))
        return None
    addresses.ok(addr)
    with db.write() as c:
        q.set_user(c, row["id"], failures=0, last_failure=None)
        if _hasher.check_needs_rehash(row["pw_hash"]):
            q.set_user(c, row["id"], pw_hash=_hasher.hash(password))
    return User.from_row(row)


def new_session(db: Handle, user: User) -> tuple[str, str]:
    """A session token (for the cookie) and its CSRF token."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    at = now()
    with db.write() as c:
        q.purge_sessions(c, iso(at))
        q.add_session(c, digest(token), user.id, csrf, iso(at),
                      iso(at + timedelta(hours=SESSION_HOURS)))  # fmt: skip
    return token, csrf


def session_user(db: Handle, token: str) -> tuple[User, str] | None:
    """The signed-in user and the session's CSRF token, or None (unknown, expired, idle too
    long, or the user was disabled)."""
    if not token:
        return None
    h = digest(token)
    at = now()
    with db.read() as c:
        s = q.session(c, h)
        row = q.user_by_id(c, s["user_id"]) if s else None
    if s is None or row is None or row["disabled_at"]:
        return None
    idle_since = datetime.fromisoformat(s["last_seen"])
    if s["expires_at"] < iso(at) or at - idle_since > timedelta(minutes=IDLE_MINUTES):
        with db.write() as c:
            q.drop_session(c, h)
        return None
    if at - idle_since > timedelta(minutes=1):  # one write a minute at most per session
        with db.write() as c:
            q.touch_session(c, h, iso(at))
    return User.from_row(row), s["csrf"]


def end_session(db: Handle, token: str) -> None:
    with db.write() as c:
        q.drop_session(c, digest(token))


def new_api_token(db: Handle, user: User, name: str) -> str:
    name = name.strip()
    if not name or len(name) > 80:
        raise AccountError(Message("console.token_name"))
    token = "fkc_" + secrets.token_urlsafe(32)
    with db.write() as c:
        q.add_token(c, digest(token), user.id, name, iso(now()))
    return token


def token_user(db: Handle, token: str) -> User | None:
    with db.read() as c:
        found = q.token_user(c, digest(token))
        row = q.user_by_id(c, found[1]) if found else None
    if not found or row is None or row["disabled_at"]:
        return None
    with db.write() as c:
        q.touch_token(c, found[0], iso(now()))
    return User.from_row(row)
