"""Attachment bytes: a folder of files named by their sha256, and who may have them.

Knowing a hash is never enough: a file is served to, and reported as held for, only the embassies
that uploaded it themselves (proving they had the bytes) or were given it (the registry's files,
which every laptop reads). Partial uploads are kept per embassy, so nobody learns how much of
someone else's file HQ holds. Uploads append under a file lock, so several worker processes (or
machines sharing the folder) never interleave pieces of one file.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from pathlib import Path

from sync import protocol as p

from .common import REGISTRY, Device, Refused, marks
from .db import Database
from .handling import visible_params, visible_sql

VISIBLE = visible_sql("r")


class Blobs:
    def __init__(self, db: Database, folder: Path) -> None:
        self.db = db
        self.dir = Path(folder)
        (self.dir / "partial").mkdir(parents=True, exist_ok=True)

    def path(self, sha: str) -> Path:
        return self.dir / sha[:2] / sha

    def _partial(self, dev: Device, sha: str) -> Path:
        return self.dir / "partial" / dev.embassy / sha

    def _owned(self, dev: Device, shas: list[str]) -> set[str]:
        """Files this device's embassy holds at HQ that a record the device may hold names."""
        if not shas:
            return set()
        out = set()
        keys = marks(len(dev.readable))  # its embassy, its post's other countries, the registry
        with self.db.read() as c:
            for i in range(0, len(shas), 500):
                among, params = self.db.in_list(shas[i : i + 500])
                out.update(
                    r[0]
                    for r in c.execute(
                        f"SELECT o.sha256 FROM blob_owners o WHERE o.embassy IN ({keys}) "
                        f"AND o.sha256 {among} AND EXISTS (SELECT 1 FROM records r WHERE "
                        f"r.sha256 = o.sha256 AND r.embassy IN ({keys}) AND {VISIBLE})",
                        [*dev.readable, *params, *dev.readable, *visible_params(dev)],
                    ).fetchall()
                )  # fmt: skip
        return out

    def _named(self, dev: Device, shas: list[str]) -> set[str]:
        """Files named by a record this device may hold (others do not exist for it)."""
        out = set()
        with self.db.read() as c:
            for i in range(0, len(shas), 500):
                among, params = self.db.in_list(shas[i : i + 500])
                out.update(
                    r[0]
                    for r in c.execute(
                        f"SELECT DISTINCT sha256 FROM records r WHERE sha256 {among} "
                        f"AND embassy IN ({marks(len(dev.readable))}) AND {VISIBLE}",
                        [*params, *dev.readable, *visible_params(dev)],
                    ).fetchall()
                )
        return out

    def _claim(self, dev: Device, sha: str) -> tuple[int, str] | None:
        """(size, embassy the file will belong to) from a record this device may read that
        names the file: its own embassy's first, else the registry's."""
        with self.db.read() as c:
            rows = c.execute(
                "SELECT embassy, data FROM records r WHERE sha256 = ? "
                f"AND embassy IN ({marks(len(dev.readable))}) AND {VISIBLE}",
                (sha, *dev.readable, *visible_params(dev)),
            ).fetchall()
        if not rows:
            return None
        # Its own embassy's record first, then another country of its post, the registry last.
        rows.sort(key=lambda r: (r[0] == REGISTRY, r[0] != dev.embassy))
        embassy, data = rows[0]
        return int(json.loads(data).get("size", 0)), embassy

    def status(self, dev: Device, shas: list[str]) -> dict[str, int]:
        owned = self._owned(dev, shas)
        named = self._named(dev, shas) if shas else set()
        out = {}
        for sha in shas:
            if sha in owned and self.path(sha).is_file():
                out[sha] = -1
            elif sha not in named:
                out[sha] = 0  # as for a file nobody has: nothing about a record it may not hold
            else:
                part = self._partial(dev, sha)
                out[sha] = part.stat().st_size if part.is_file() else 0
        return out

    def put_chunk(self, dev: Device, sha: str, offset: int, chunk: bytes) -> p.BlobAck:
        claim = self._claim(dev, sha)
        if claim is None:
            raise Refused(404, f"no attachment record of your embassy names file {sha[:12]}...; "
                          "sync the records first", "no_record")  # fmt: skip
        size, owner = claim
        if size > p.MAX_BLOB:
            raise Refused(413, f"attachment {sha[:12]}... is larger than HQ accepts")
        if sha in self._owned(dev, [sha]) and self.path(sha).is_file():
            return p.BlobAck(sha256=sha, received=size, complete=True)
        part = self._partial(dev, sha)
        part.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "ab") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)  # one writer per partial file, across processes
            have = os.fstat(fh.fileno()).st_size
            if offset != have:
                raise Refused(409, f"upload of {sha[:12]}... must continue at byte {have}",
                              f"offset:{have}")  # fmt: skip
            if have + len(chunk) > size:
                raise Refused(422, f"attachment {sha[:12]}... is longer than its record says")
            fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
            have += len(chunk)
            if have < size:
                return p.BlobAck(sha256=sha, received=have, complete=False)
            digest = hashlib.sha256()
            with open(part, "rb") as rd:
                for block in iter(lambda: rd.read(1 << 20), b""):
                    digest.update(block)
            if digest.hexdigest() != sha:
                part.unlink()
                raise Refused(422, f"attachment {sha[:12]}... arrived damaged (checksum "
                              "mismatch); it will be sent again", "bad_hash")  # fmt: skip
            final = self.path(sha)
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.is_file():
                part.unlink()  # the same bytes, uploaded by another embassy too
            else:
                os.replace(part, final)
        with self.db.write() as c:
            c.execute(
                self.db.sql("insert_ignore") + " blob_owners (sha256, embassy) VALUES (?, ?)"
                + self.db.sql("on_conflict_ignore"),
                (sha, owner),
            )  # fmt: skip
        return p.BlobAck(sha256=sha, received=size, complete=True)

    def file_for(self, dev: Device, sha: str) -> Path:
        # The same answer whether the file is missing or someone else's.
        if sha not in self._owned(dev, [sha]) or not self.path(sha).is_file():
            raise Refused(404, f"HQ has no attachment {sha[:12]}... for your embassy", "no_blob")
        return self.path(sha)

    def grant(self, sha: str, embassy: str) -> None:
        """Give an embassy (or the registry) a file HQ holds, e.g. one HQ publishes itself."""
        with self.db.write() as c:
            c.execute(
                self.db.sql("insert_ignore") + " blob_owners (sha256, embassy) VALUES (?, ?)"
                + self.db.sql("on_conflict_ignore"),
                (sha, embassy),
            )  # fmt: skip
