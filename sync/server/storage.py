"""HQ's store: the facade that the API, the CLI and the web console receive.

The work is done by modules named for their job (``devices``, ``push``, ``pull``, ``blobs``,
``admin``) over one database interface (``db.Database``: SQLite or PostgreSQL, SQL that differs
in one place). ``HQStore.read()``/``write()`` and ``.dialect`` are that interface, for queries of
the console's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sync import protocol as p

from . import admin, devices, handling, migrations, pull, push
from .blobs import Blobs
from .common import MAX_INT, REGISTRY, Device, Refused, now_iso
from .db import Database, DatabaseError

__all__ = ["MAX_INT", "REGISTRY", "Device", "HQStore", "Refused", "now_iso"]


def default_blobs(target: str | Path) -> Path:
    """Attachments beside an SQLite database (``hq.db.blobs``); PostgreSQL needs ``--blobs``."""
    return Path(str(target) + ".blobs")


class _NoBlobs:
    dir = None

    def __getattr__(self, name):
        raise Refused(500, "give the attachments folder with --blobs DIR (or FIELDKIT_HQ_BLOBS) "
                      "when HQ stores on PostgreSQL")  # fmt: skip


class HQStore:
    """HQ's database and attachment folder. Thread-safe; with PostgreSQL, process-safe too."""

    def __init__(
        self, target: str | Path, blobs: str | Path | None = None, *, password_file=None,
        create: bool = True,
    ) -> None:  # fmt: skip
        try:
            self.db = Database.open(target, password_file=password_file)
        except DatabaseError as exc:
            raise Refused(500, str(exc)) from None
        if blobs is None and self.db.dialect == "sqlite":
            blobs = default_blobs(target)
        self.path = Path(target) if self.db.dialect == "sqlite" else None
        # On PostgreSQL the folder has no natural place: commands that touch no attachment
        # (device, stats, export...) run without it; serving needs it (see cli.cmd_serve).
        self.blobs = Blobs(self.db, Path(blobs)) if blobs is not None else _NoBlobs()
        self.blob_dir = self.blobs.dir
        if create:
            try:
                migrations.ensure(self.db, self.blob_dir)
            except migrations.SchemaError as exc:
                self.db.close()
                raise Refused(500, str(exc), "schema") from None
            from . import reference

            reference.refresh(self.db)  # records HQ takes in are checked with HQ's own lists

    # ---- the database interface (see db.py) --------------------------------------------------
    @property
    def dialect(self) -> str:
        return self.db.dialect

    @contextmanager
    def read(self) -> Iterator[Any]:
        with self.db.read() as c:
            yield c

    @contextmanager
    def write(self) -> Iterator[Any]:
        with self.db.write() as c:
            yield c

    def close(self) -> None:
        self.db.close()

    # ---- devices -----------------------------------------------------------------------------
    def add_device(
        self, embassy: str, name: str, hours: float = 72, role: str = "staff",
        ceiling: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        return devices.add_device(self.db, embassy, name, hours, role, ceiling)

    def set_role(self, device_id: str, role: str) -> bool:
        return devices.set_role(self.db, device_id, role)

    def set_ceiling(self, device_id: str, level: str | None) -> bool:
        return devices.set_ceiling(self.db, device_id, level)

    def set_handling(self, device_id: str, role: str, level: str | None) -> bool:
        return devices.set_handling(self.db, device_id, role, level)

    def set_embassy_ceiling(self, embassy: str, level: str) -> str:
        return handling.set_embassy_ceiling(self.db, embassy, level)

    def embassy_ceilings(self) -> dict[str, str]:
        return handling.embassy_ceilings(self.db)

    def enroll(self, code: str, app_version: str = "") -> p.EnrollResponse:
        return devices.enroll(self.db, code, app_version)

    def authenticate(self, token: str) -> Device:
        return devices.authenticate(self.db, token)

    def revoke(self, device_id: str) -> bool:
        return devices.revoke(self.db, device_id)

    def devices(self) -> list[dict[str, Any]]:
        return devices.devices(self.db)

    # ---- sync --------------------------------------------------------------------------------
    def push(self, dev: Device, req: p.PushRequest) -> p.PushResponse:
        return push.push(self.db, dev, req)

    def pull(self, dev: Device, since: int, limit: int) -> p.PullPage:
        return p.PullPage.model_validate_json(self.pull_json(dev, since, limit))

    def pull_json(self, dev: Device, since: int, limit: int) -> str:
        return pull.pull_json(self.db, dev, since, limit)

    def versions(self, dev: Device, kind: str) -> p.VersionsResponse:
        return pull.versions(self.db, dev, kind)

    def fetch(self, dev: Device, ids: list[str]) -> p.FetchResponse:
        return pull.fetch(self.db, dev, ids)

    def withdrawn(self, dev: Device, ids: list[str]) -> p.WithdrawnResponse:
        return pull.withdrawn(self.db, dev, ids)

    # ---- attachments -------------------------------------------------------------------------
    def blob_path(self, sha: str) -> Path:
        return self.blobs.path(sha)

    def blob_status(self, dev: Device, shas: list[str]) -> dict[str, int]:
        return self.blobs.status(dev, shas)

    def put_chunk(self, dev: Device, sha: str, offset: int, chunk: bytes) -> p.BlobAck:
        return self.blobs.put_chunk(dev, sha, offset, chunk)

    def blob_for(self, dev: Device, sha: str) -> Path:
        return self.blobs.file_for(dev, sha)

    # ---- HQ administration -------------------------------------------------------------------
    def import_registry(self, records: list[dict], embassy: str | None = None) -> dict[str, int]:
        return admin.import_registry(self.db, records, embassy)

    def stats(self) -> dict[str, Any]:
        return admin.stats(self.db)

    def export(self) -> Iterator[dict[str, Any]]:
        return admin.export(self.db)

    def open_conflicts(self, embassy: str | None = None) -> list[dict[str, Any]]:
        return admin.open_conflicts(self.db, embassy)

    def audit_events(self) -> list[dict[str, Any]]:
        return admin.audit_events(self.db)
