"""Content-addressed file storage for attachments: ``<data dir>/attachments/ab/abcdef...``.

The name is the SHA-256 of the content, so the same photo added twice is stored once and a file
can be checked against its record. Files are written aside and renamed, so a crash never leaves a
half-written blob under a valid name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .atomic import write_bytes
from .errors import FieldKitError
from .messages import Message


class BlobStore:
    """Plain files. An encrypting store (the security layer) overrides ``_encode``/``_decode``."""

    #: True when bytes written under this store are encrypted; code that keeps other copies of
    #: attachment bytes (e.g. a half-downloaded file during sync) must then keep them in memory.
    encrypts_at_rest = False

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, content: bytes) -> str:
        sha = hashlib.sha256(content).hexdigest()
        target = self.path(sha)
        if target.is_file():
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, self._encode(content, sha))
        return sha

    def get(self, sha256: str) -> bytes:
        try:
            raw = self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise FieldKitError(Message("attachments.missing", sha=sha256[:12])) from None
        content = self._decode(raw, sha256)
        if hashlib.sha256(content).hexdigest() != sha256:
            raise FieldKitError(Message("attachments.damaged", sha=sha256[:12]))
        return content

    def _encode(self, content: bytes, sha256: str) -> bytes:
        return content

    def _decode(self, raw: bytes, sha256: str) -> bytes:
        return raw
