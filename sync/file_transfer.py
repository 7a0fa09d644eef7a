"""Attachments between a laptop and HQ: uploads in pieces that resume from the last byte HQ
acknowledged, downloads in ranges that resume where the part stops (a mixin of SyncClient)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fieldkit.core.messages import Message

from . import protocol as p
from .link import SyncError, _Cut, _HTTPFailure, _parse, _range_total


class FileTransfer:
    """SyncClient's file steps; it provides the state, the store, the sizes and the requests."""

    def _upload_files(self) -> None:
        todo = self.state.blobs_to_upload()
        if not todo:
            return
        sizes = dict(todo)
        received: dict[str, int] = {}
        shas = list(sizes)
        for i in range(0, len(shas), 1000):
            st = self._call("POST", "/v1/blobs/status", p.BlobStatusResponse,
                            p.BlobStatusRequest(sha256=shas[i : i + 1000]))  # fmt: skip
            received.update(st.received)
        total = sum(sizes[s] for s, r in received.items() if r != -1)
        sent = 0
        self.progress("files up", 0, total)
        for sha in shas:
            offset = received.get(sha, 0)
            if offset == -1:
                self.state.mark_blob(sha, "uploaded")
                continue
            content = self.store.blobs.get(sha)
            failures = 0
            refused = False
            while offset < len(content):
                piece = content[offset : offset + self.chunk_size.size]
                try:
                    resp = self._send(
                        "PUT", f"/v1/blobs/{sha}", params={"offset": offset}, content=piece,
                        headers={"Content-Type": "application/octet-stream"}, cut_ok=True,
                    )  # fmt: skip
                except _Cut as cut:  # HQ keeps what it acknowledged: resume there, smaller
                    failures = self._after_cut(self.chunk_size, cut, failures)
                    continue
                except _HTTPFailure as exc:
                    if exc.resp.status_code == 409 and exc.code.startswith("offset:"):
                        offset = int(exc.code.split(":", 1)[1])  # HQ had more than we knew
                        continue
                    if exc.resp.status_code == 422 and exc.code == "bad_hash":
                        raise SyncError(Message("sync.attachment_damaged", sha=sha[:12])) from None
                    if exc.resp.status_code == 404 and exc.code == "no_record":
                        # No record HQ lets this laptop hold names it (any more): the check
                        # against HQ at the end of this sync removes such records.
                        refused = True
                        break
                    raise self._explain(exc) from None
                failures = 0
                self.chunk_size.grow()
                ack = _parse(resp, p.BlobAck)
                sent += ack.received - offset
                offset = ack.received
                self.progress("files up", sent, total)
                if ack.complete:
                    break
            if refused:
                continue
            self.state.mark_blob(sha, "uploaded")
            self.report.files_sent += 1

    def _download_files(self) -> None:
        wanted = [s for s in self.state.wanted_blobs() if not self.store.blobs.has(s)]
        for s in self.state.wanted_blobs():
            if self.store.blobs.has(s):
                self.state.mark_blob(s, "have")
        # A half-downloaded photo resumes from where it stopped. For a plain store the part waits
        # on disk for the next sync; an encrypted store must never hold photo bytes in plaintext,
        # so there the part lives in memory and resumes only within this sync.
        parts = (
            _MemoryParts()
            if self.store.blobs.encrypts_at_rest
            else _DiskParts(self.store.data_dir / "sync-partial")
        )
        for n, sha in enumerate(wanted):
            self.progress("files down", n, len(wanted))
            self._download_one(sha, parts)
            self.progress("files down", n + 1, len(wanted))

    def _download_one(self, sha: str, parts: _DiskParts | _MemoryParts) -> None:
        """One file in ranges of the piece size: a cut range is asked again, halved, from where
        the part stops (HQ answers ranges); a damaged file starts again."""
        failures = damaged = 0
        while damaged <= self.retries + 1:
            have = parts.size(sha)
            end = have + self.chunk_size.size - 1
            try:
                resp = self._send(
                    "GET", f"/v1/blobs/{sha}", headers={"Range": f"bytes={have}-{end}"},
                    cut_ok=True,
                )  # fmt: skip
            except _Cut as cut:
                failures = self._after_cut(self.chunk_size, cut, failures)
                continue
            except _HTTPFailure as exc:
                if exc.resp.status_code == 404:
                    self.report.files_waiting += 1  # not on HQ yet: the next sync tries again
                    return
                if exc.resp.status_code != 416:  # 416: we already have it all
                    raise self._explain(exc) from None
                resp = None
            failures = 0
            complete = True
            if resp is not None:
                self.chunk_size.grow()
                partial = resp.status_code == 206
                parts.add(sha, resp.content, append=bool(have) and partial)
                size = _range_total(resp.headers.get("content-range", "")) if partial else None
                complete = size is None or parts.size(sha) >= size
            if not complete:
                continue
            content = parts.read(sha)
            parts.discard(sha)
            if hashlib.sha256(content).hexdigest() == sha:
                self.store.blobs.put(content)
                self.state.mark_blob(sha, "have")
                self.report.files_received += 1
                return
            damaged += 1  # damaged: start this file again


class _DiskParts:
    """Partial downloads as files, kept across syncs (plain stores only)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def size(self, sha: str) -> int:
        part = self.folder / sha
        return part.stat().st_size if part.is_file() else 0

    def add(self, sha: str, data: bytes, append: bool) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / sha, "ab" if append else "wb") as fh:
            fh.write(data)

    def read(self, sha: str) -> bytes:
        part = self.folder / sha
        return part.read_bytes() if part.is_file() else b""

    def discard(self, sha: str) -> None:
        (self.folder / sha).unlink(missing_ok=True)


class _MemoryParts:
    """Partial downloads in memory, for encrypted stores."""

    def __init__(self) -> None:
        self.parts: dict[str, bytearray] = {}

    def size(self, sha: str) -> int:
        return len(self.parts.get(sha, b""))

    def add(self, sha: str, data: bytes, append: bool) -> None:
        if append:
            self.parts.setdefault(sha, bytearray()).extend(data)
        else:
            self.parts[sha] = bytearray(data)

    def read(self, sha: str) -> bytes:
        return bytes(self.parts.get(sha, b""))

    def discard(self, sha: str) -> None:
        self.parts.pop(sha, None)
