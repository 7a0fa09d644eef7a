"""What an IATI file's bytes really are, when its XML declaration says otherwise.

    fh = decoded(fh, name, notes)   # then hand fh to the parser

Published files contradict their declaration in two ways seen in practice: a file declared
ISO-8859-1 (or Windows-1252, or US-ASCII) whose text is UTF-8, which a parser believing the
declaration turns into "CafÃ© æ—¥æœ¬èªž"; and UTF-16 without a byte-order mark. Both are repaired
(read as what they are, and a note says so); a declaration of UTF-16 over 8-bit text, or of an
encoding nobody knows, is refused with a plain message. Nothing here holds more than one chunk.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import IO

from fieldkit.core.messages import Message

HEAD = 4096
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_EIGHT_BIT = {"iso-8859-1", "latin-1", "latin1", "iso_8859-1", "l1", "windows-1252", "cp1252"}
_ASCII = {"us-ascii", "ascii"}
_UTF16 = {"utf-16", "utf-16le", "utf-16be", "ucs-2", "iso-10646-ucs-2"}


class EncodingRefused(Exception):
    """The declaration contradicts the bytes in a way that cannot be repaired; the message says
    how (plain text, no bytes from the file)."""


def decoded(fh: IO[bytes], name: str, note: Callable[[str], None]) -> IO[bytes]:
    """A reader of ``fh`` whose bytes agree with their declaration (``note`` hears repairs)."""
    head = fh.read(HEAD)
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _Prefixed(head, fh, len(head))
    for bom_less, codec in ((b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be")):
        if head.startswith(bom_less):
            note(Message("iati.utf16_without_bom", name=name, order=codec[-2:].upper()))
            return _Recoded(head, fh, codec)
    found = _DECLARATION.match(head)
    declared = found.group(1).decode("ascii").lower() if found else ""
    if not declared or declared in ("utf-8", "utf8"):
        return _Prefixed(head, fh, len(head))
    if declared in _UTF16:  # no NUL bytes: the text is not UTF-16, whatever it says
        if _utf8_throughout(head, fh) is not None:
            note(Message("iati.declared_but_utf8", name=name, declared=declared.upper()))
            return _Prefixed(_as_utf8(head, found), fh, len(head))
        raise EncodingRefused(
            Message("iati.encoding_not_utf16", name=name, declared=declared.upper())
        )
    try:
        codecs.lookup(declared)
    except LookupError:
        raise EncodingRefused(
            Message("iati.encoding_unknown", name=name, declared=repr(declared[:40]))
        ) from None
    # Non-ASCII text that is valid UTF-8 throughout is UTF-8 whatever the declaration says.
    if (declared in _EIGHT_BIT or declared in _ASCII) and _utf8_throughout(head, fh):
        note(Message("iati.declared_but_utf8", name=name, declared=declared.upper()))
        return _Prefixed(_as_utf8(head, found), fh, len(head))
    return _Prefixed(head, fh, len(head))


def _as_utf8(head: bytes, found: re.Match) -> bytes:
    start, end = found.span(1)
    return head[:start] + b"UTF-8" + head[end:]


def _utf8_throughout(head: bytes, fh: IO[bytes]) -> bool | None:
    """True: valid UTF-8 with some non-ASCII text; False: ASCII only; None: not UTF-8.

    Reads the whole file once (in 1 MB chunks, only for files whose declaration is in doubt),
    then goes back to where it was.
    """
    try:
        here = fh.tell()
    except (OSError, AttributeError, ValueError):
        here = None
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    wide = False
    chunk = head
    try:
        while True:
            if not chunk.isascii():
                wide = True
                decoder.decode(chunk)
            if here is None:
                break  # a stream: the first chunk must do
            chunk = fh.read(1024 * 1024)
            if not chunk:
                decoder.decode(b"", final=True)
                break
    except UnicodeDecodeError:
        return None
    finally:
        if here is not None:
            fh.seek(here)
    return wide


class _Prefixed:
    """``head`` (already read, maybe repaired), then the rest of ``fh``."""

    def __init__(self, head: bytes, fh: IO[bytes], raw: int) -> None:
        self.head = head
        self.fh = fh
        self.raw = raw  # how many bytes of the file ``head`` stands for
        self.consumed = 0  # bytes of the file itself read so far (for progress)

    def read(self, n: int = -1) -> bytes:
        if self.head:  # a full head is topped up to the size asked: the prolog checks see it
            data, self.head = self.head, b""
            full = self.raw >= HEAD and n and n > len(data)
            more = self.fh.read(n - len(data)) if full else b""
            self.consumed += self.raw + len(more)
            return data + more
        data = self.fh.read(n)
        self.consumed += len(data)
        return data


class _Recoded:
    """UTF-16 without a byte-order mark, handed on as UTF-8 (declaration rewritten to match)."""

    def __init__(self, head: bytes, fh: IO[bytes], codec: str) -> None:
        self.fh = fh
        self.decoder = codecs.getincrementaldecoder(codec)("replace")
        self.pending = head
        self.first = True
        self.consumed = 0

    def read(self, n: int = -1) -> bytes:
        raw = self.pending or self.fh.read(n if n and n > 0 else 64 * 1024)
        self.pending = b""
        self.consumed += len(raw)
        text = self.decoder.decode(raw, final=not raw)
        if self.first:
            self.first = False
            text = re.sub(
                r"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])[A-Za-z0-9._-]+",
                r"\g<1>UTF-8",
                text.lstrip("\ufeff"),
            )
        data = text.encode("utf-8")
        if not data and raw:
            return self.read(n)  # half a character so far: read on
        return data
