"""Data out: CSV of any filtered list, and the read-only JSON feed (per-user API tokens) for
Excel Power Query and Power BI. Both read the selection a page at a time, never a whole table."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from fieldkit.core.envelope import KINDS
from fieldkit.core.marking import effective_marking
from fieldkit.core.query import RecordFilter
from fieldkit.core.transfer import _cell, csv_columns

from . import auth, indexer, printing
from . import queries as q
from .filters import ConsoleFilter, FilterError, parse, parse_page, parse_sort
from .web import PREFIX, BadInput, Console, SignInNeeded

BATCH = 500
# A cell starting with one of these is run as a formula by Excel/LibreOffice (CSV injection):
# such cells get a leading apostrophe, which the spreadsheet shows as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def columns_for(f: ConsoleFilter) -> list[str]:
    kinds = RecordFilter.expand_kinds(f.kinds) or KINDS
    cols: dict[str, None] = {}
    for kind in kinds:
        cols.update(dict.fromkeys(csv_columns(kind)))
    return ["embassy", "kind", *cols]


class FeedRecord(BaseModel):
    model_config = {"extra": "allow"}
    id: str
    kind: str
    embassy: str
    hq_version: int


class FeedPage(BaseModel):
    page: int
    per_page: int
    total: int  # exact, or (total_is_lower_bound) at least this many
    total_is_lower_bound: bool
    more: bool
    records: list[FeedRecord]


class FeedError(BaseModel):
    error: str
    code: str


bearer = HTTPBearer(auto_error=False, description="an API token from the console's account page")


def router(console: Console) -> APIRouter:
    r = APIRouter(prefix=PREFIX)
    db = console.db

    @r.get("/export.csv", include_in_schema=False)
    def export_csv(request: Request, sort: str = "date"):
        user, _csrf = console.printer(request)
        try:
            f = parse(request.query_params)
            sort = parse_sort(sort)
        except FilterError as exc:
            raise BadInput(exc.args[0]) from None
        indexer.catch_up(db)
        cols = columns_for(f)
        printing.record_audit(db, user, "console_export_csv", None, {"filter": f.params()})

        def rows():
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")
            buf.write("\ufeff")  # UTF-8 BOM: Excel then reads Japanese correctly
            w.writerow(cols)
            after = 0
            while True:
                with db.read() as c:
                    batch = q.export_rows(c, db.dialect, user.scope, f, sort, after, BATCH)
                recs = [(embassy, json.loads(data)) for embassy, _version, data in batch]
                parents = _parents(db, user.scope, [rec for _, rec in recs])
                for embassy, rec in recs:
                    rec["embassy"] = embassy
                    # A follow-up's row carries its meeting's caveats too (core.marking).
                    m = effective_marking(rec, parents.get(rec.get("parent_id") or ""))
                    rec["classification"], rec["caveats"] = m.classification, list(m.caveats)
                    w.writerow([_csv_cell(rec.get(col)) for col in cols])
                yield buf.getvalue().encode("utf-8")
                buf.seek(0)
                buf.truncate()
                if len(batch) < BATCH:
                    return
                after += BATCH

        return StreamingResponse(rows(), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": 'attachment; filename="fieldkit-records.csv"',
            "Cache-Control": "no-store",
        })  # fmt: skip

    @r.get(
        "/api/records",
        response_model=FeedPage,
        responses={400: {"model": FeedError}, 401: {"model": FeedError}},
        summary="Records the token's user may read, filtered and paged",
        tags=["console feed"],
    )
    def feed(
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        q_: Annotated[
            str,
            Query(
                alias="q", max_length=500, description='words and "phrases"; every one must match'
            ),
        ] = "",
        kind: Annotated[str, Query(description="record kinds, comma-separated")] = "",
        post: Annotated[str, Query(description="embassies (country codes), comma-separated")] = "",
        region: str = "",
        country: Annotated[str, Query(description="the records' own country field")] = "",
        field: Annotated[str, Query(description="policy fields, comma-separated")] = "",
        summit: str = "",
        instrument: str = "",
        date_from: Annotated[str, Query(alias="from", description="YYYY-MM-DD")] = "",
        date_to: Annotated[str, Query(alias="to", description="YYYY-MM-DD")] = "",
        classification: str = "",
        status: str = "",
        overdue: bool = False,
        sort: str = "date",
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> FeedPage:
        user = auth.token_user(db, creds.credentials) if creds else None
        if user is None:
            raise SignInNeeded()
        try:
            f = parse({"q": q_, "kind": kind, "post": post, "region": region, "country": country,
                       "field": field, "summit": summit, "instrument": instrument,
                       "from": date_from, "to": date_to, "classification": classification,
                       "status": status, "overdue": "1" if overdue else ""})  # fmt: skip
            sort = parse_sort(sort)
            page, per = parse_page(str(page), str(per_page))
        except FilterError as exc:
            raise BadInput(exc.args[0]) from None
        indexer.catch_up(db)
        with db.read() as c:
            plan = q.text_plan(c, db.dialect, user.scope, f, sort)
            rows = q.export_rows(c, db.dialect, user.scope, f, sort, (page - 1) * per, per + 1,
                                 plan)  # fmt: skip
            total = q.count(c, db.dialect, user.scope, f, plan=plan)
        more = len(rows) > per
        records: list[Any] = []
        for embassy, version, data in rows[:per]:
            rec = json.loads(data)
            rec["embassy"] = embassy
            rec["hq_version"] = version
            records.append(rec)
        seen = (page - 1) * per + len(records)
        known = total is not None and total <= q.COUNT_CAP
        return FeedPage(page=page, per_page=per, total=total if known else max(seen, q.COUNT_CAP
                        if total is not None else seen), total_is_lower_bound=not known, more=more,
                        records=records)  # fmt: skip

    return r


def _parents(db, scope, records: list[dict]) -> dict[str, dict]:
    """The parent records (meetings, visits) of ``records`` by id, within the user's scope."""
    ids = sorted({r["parent_id"] for r in records if r.get("parent_id")})
    if not ids:
        return {}
    with db.read() as c:
        rows = q.records_by_id(c, scope, ids)
    return {p["id"]: p for p in (json.loads(data) for _embassy, data in rows)}


def _csv_cell(value: Any) -> str:
    if isinstance(value, str):
        return neutralise(value)
    text = _cell(value)
    return neutralise(text) if isinstance(value, (list, dict)) else text
