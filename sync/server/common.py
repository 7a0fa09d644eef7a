"""What every part of HQ shares: the refusal exception, the authenticated device, small helpers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sync.protocol import MAX_INT  # the largest integer HQ stores; larger ones are refused (422)

REGISTRY = "*"  # the embassy of HQ-published records every laptop reads
__all__ = ["MAX_INT", "REGISTRY", "Device", "Refused", "now_iso"]


class Refused(Exception):
    """A request HQ will not serve: HTTP ``status`` and a sentence for the user (a coded Message
    where the laptop shows it in its user's language)."""

    def __init__(self, status: int, message: str, code: str = "") -> None:
        from fieldkit.core.messages import Message

        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message if isinstance(message, Message) else None

    def __reduce__(self):  # raised in a reader process (readers.py) and re-raised here
        return (type(self), (self.status, self.message or str(self), self.code))


@dataclass(frozen=True)
class Device:
    id: str
    embassy: str
    name: str
    # What it may hold (see handling.py): its role and classification ceiling.
    role: str = "staff"
    ceiling: str = "CONFIDENTIAL"
    ceiling_rank: int = 2
    # The other embassy keys its post covers (countries it is also accredited to): see reference.py
    scope: tuple[str, ...] = ()

    @property
    def readable(self) -> tuple[str, ...]:
        """Embassy keys whose records it reads: its own, its post's other countries, the registry."""
        return (self.embassy, *self.scope, REGISTRY)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def secret_hash(secret: str) -> str:
    # Tokens and codes are random (>= 60 bits): a plain SHA-256 is enough to keep them unusable
    # if the database leaks, and costs nothing per request.
    return hashlib.sha256(secret.encode()).hexdigest()


def chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def marks(n: int) -> str:
    return ",".join("?" * n)
