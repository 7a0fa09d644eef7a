"""Reports made on HQ by the laptop's own reports package, over one user's selection.

``SelectionSource`` gives ``fieldkit.reports`` what it reads from a laptop store (get, get_many,
children, iter_records, summaries, settings, author, audit, blobs), answered from HQ's records that
the user may read and that match the selection. A report's classified prints are written to HQ's
audit log under the user's name.
"""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import Record, record_from_json
from fieldkit.core.query import RecordFilter

from . import queries as q
from .auth import User, iso, now
from .db import Handle
from .filters import ConsoleFilter

BATCH = 500


class NotVisible(FieldKitError):
    pass


@dataclass
class _Settings:
    language: str
    paper_size: str = "A4"

    def post_name(self, lang: str = "en") -> str:  # reports ask in their language (#16)
        return "HQ"


class _Blobs:
    def __init__(self, db: Handle, source: SelectionSource) -> None:
        self.db, self.source = db, source

    def get(self, sha: str) -> bytes:
        with self.db.read() as c:
            att = q.attachment(c, self.source.user.scope, sha)
        path = self.db.blob_path(sha)
        if att is None or not path.is_file():
            raise FileNotFoundError("the photo has not reached HQ yet")
        return path.read_bytes()


class SelectionSource:
    def __init__(self, db: Handle, user: User, selection: ConsoleFilter, lang: str) -> None:
        self.db = db
        self.user = user
        self.selection = selection
        self.settings = _Settings(language=lang)
        self.blobs = _Blobs(db, self)

    @property
    def author(self) -> str:
        return self.user.name

    def get(self, record_id: str, *, include_deleted: bool = False) -> Record:
        with self.db.read() as c:
            row = q.record(c, self.user.scope, record_id)
        if row is None or (row["deleted"] and not include_deleted):
            raise NotVisible(f"no record with id {record_id}")
        return record_from_json(row["data"])

    def get_many(self, ids) -> list[Record]:
        ids = list(ids)
        out: dict[str, Record] = {}
        with self.db.read() as c:
            for _, data in q.records_by_id(c, self.user.scope, ids):
                rec = record_from_json(data)
                out[rec.id] = rec
        return [out[i] for i in ids if i in out]

    def children(self, parent_id: str, kind: str | None = None) -> list[Record]:
        with self.db.read() as c:
            rows = q.children(c, self.user.scope, parent_id)
        recs = [record_from_json(d) for d in rows]
        return [r for r in recs if kind is None or r.kind == kind]

    def iter_records(self, flt: RecordFilter = RecordFilter(), *, sort: str = "date",
                     batch: int = 1000):  # fmt: skip
        combined = self.selection.and_record_filter(flt)
        sort = sort if sort in q.SORTS else "date"
        with self.db.read() as c:
            ids = q.iter_ids(c, self.db.dialect, self.user.scope, combined, sort)
        for i in range(0, len(ids), batch):
            yield from self.get_many(ids[i : i + batch])

    def summaries(self, ids) -> list[dict[str, Any]]:
        return [{"id": r.id, "kind": r.kind, "title": r.title_text(), "country": r.country_code(),
                 "date": (r.sort_date() or None) and r.sort_date().isoformat()}
                for r in self.get_many(ids)]  # fmt: skip

    def audit(self, event: str, record_id: str | None = None, **detail: Any) -> None:
        record_audit(self.db, self.user, f"console_{event}", record_id, detail)


def record_audit(db: Handle, user: User, event: str, record_id: str | None, detail: dict,
                 embassy: str = "*") -> None:  # fmt: skip
    with db.write() as c:
        q.audit(c, str(uuid.uuid4()), iso(now()), user.name, event, embassy, record_id, detail)


REPORTS = ("record", "digest", "followups", "projects", "brief")


def render(db: Handle, user: User, selection: ConsoleFilter, report: str, lang: str,
           record_id: str | None = None) -> bytes:  # fmt: skip
    """The PDF of ``report`` over the selection (or of one record), as bytes."""
    from fieldkit.reports import (
        DigestQuery,
        digest_report,
        followups_report,
        projects_report,
        record_report,
    )  # fmt: skip

    src = SelectionSource(db, user, selection, lang)
    out = io.BytesIO()
    if report == "record":
        record_report(src, record_id, out, event="print", lang=lang)
    elif report in ("digest", "brief"):
        query = DigestQuery(
            date_from=selection.date_from, date_to=selection.date_to,
            countries=selection.countries, policy_fields=selection.policy_fields,
            summit=selection.summit or None,
        )  # fmt: skip
        if report == "digest":
            digest_report(src, query, out, event="print", lang=lang)
        else:
            from .brief import brief_report

            brief_report(src, query, out, lang=lang)
    elif report == "followups":
        followups_report(src, out, countries=selection.countries, event="print", lang=lang)
    elif report == "projects":
        projects_report(src, out, countries=selection.countries, event="print", lang=lang)
    else:
        raise FieldKitError(f"unknown report {report!r}; choose from {', '.join(REPORTS)}")
    return out.getvalue()


def _today() -> date:
    return date.today()


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
