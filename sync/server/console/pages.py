"""Pages every signed-in user has: sign in and out, dashboard, records, record page, photos,
printing, account (language, API tokens)."""

from __future__ import annotations

import io
import json
import secrets
from datetime import UTC, date, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from fieldkit.core.errors import FieldKitError
from fieldkit.core.reference import reference

from . import auth, indexer, printing
from . import queries as q
from .filters import ConsoleFilter, FilterError, parse, parse_page, parse_sort
from .i18n import gettext
from .recordview import history, view
from .web import COOKIE, LOGIN_COOKIE, PREFIX, BadInput, Console, NotFound

THUMB = 320


def router(console: Console) -> APIRouter:
    r = APIRouter(prefix=PREFIX, include_in_schema=False)
    db = console.db

    def selection(request: Request) -> ConsoleFilter:
        try:
            return parse(request.query_params)
        except FilterError as exc:
            raise BadInput(exc.args[0]) from None

    # ---- sign in / out ----------------------------------------------------------------------
    @r.get("/login")
    def login_page(request: Request, next: str = ""):
        token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
        resp = console.render(request, "login.html", login_csrf=token, next=_safe_next(next))
        _login_cookie(request, resp, token)
        return resp

    @r.post("/login")
    async def login(request: Request):
        form = await request.form()
        _ = gettext(console.lang_of(request))
        sent, expected = str(form.get("csrf", "")), request.cookies.get(LOGIN_COOKIE, "")
        name, password = str(form.get("name", "")), str(form.get("password", ""))
        nxt = _safe_next(str(form.get("next", "")))
        addr = request.client.host if request.client else "?"
        if not sent or sent != expected:
            raise BadInput(_("The sign-in form has expired. Reload the page and sign in again."),
                           403)  # fmt: skip
        try:
            user = auth.sign_in(db, name, password, addr, console.addresses)
        except auth.TooManyAttempts as exc:
            printing.record_audit(db, _nobody(name), "console_sign_in_refused", None,
                                  {"address": addr, "wait": exc.wait})  # fmt: skip
            return console.render(request, "login.html", status=429, login_csrf=expected,
                                  next=nxt, name=name, error=_(
                "Too many wrong passwords. Try again in %(n)s seconds.", n=exc.wait))  # fmt: skip
        if user is None:
            printing.record_audit(db, _nobody(name), "console_sign_in_failed", None,
                                  {"address": addr})  # fmt: skip
            return console.render(request, "login.html", status=401, login_csrf=expected,
                                  next=nxt, name=name,
                                  error=_("Wrong user name or password."))  # fmt: skip
        token, _csrf = auth.new_session(db, user)
        printing.record_audit(db, user, "console_sign_in", None, {"address": addr})
        resp = RedirectResponse(nxt or f"{PREFIX}/", status_code=303)
        resp.set_cookie(COOKIE, token, max_age=auth.SESSION_HOURS * 3600, path=PREFIX,
                        httponly=True, samesite="strict", secure=_https(request))  # fmt: skip
        resp.delete_cookie(LOGIN_COOKIE, path=PREFIX)
        return resp

    @r.post("/logout")
    async def logout(request: Request):
        user, csrf = console.current(request)
        await console.form(request, csrf)
        auth.end_session(db, request.cookies.get(COOKIE, ""))
        printing.record_audit(db, user, "console_sign_out", None, {})
        resp = RedirectResponse(f"{PREFIX}/login", status_code=303)
        resp.delete_cookie(COOKIE, path=PREFIX)
        return resp

    # ---- dashboard ----------------------------------------------------------------------------
    @r.get("/")
    def dashboard(request: Request):
        user, _csrf = console.current(request)
        indexer.catch_up(db)
        today = date.today()
        since = (today.replace(day=1) - timedelta(days=335)).replace(day=1).isoformat()
        scope = user.scope
        with db.read() as c:
            months = q.per_month(c, db.dialect, scope, since)
            posts = q.per_post(c, db.dialect, scope, since)
            month_post = q.per_month_post(c, db.dialect, scope, since)
            month_field = q.per_month_field(c, db.dialect, scope, since, reference().policy_fields)
        # The year's totals per policy field from the month table (one scan, not one per field).
        fields = dict.fromkeys(reference().policy_fields, 0)
        for _month, code, n in month_field:
            fields[code] += n
            overdue = q.overdue_by_post(c, db.dialect, scope, today)
            devices = q.devices(c, scope)
        by_month: dict[str, dict[str, int]] = {}
        for month, kind, n in months:
            by_month.setdefault(month, {"meeting": 0, "visit": 0})[kind] = n
        by_post: dict[str, dict[str, int]] = {}
        for embassy, kind, n in posts:
            by_post.setdefault(embassy, {"meeting": 0, "visit": 0})[kind] = n
        late: dict[str, dict[str, int]] = {}
        for embassy, kind, n in overdue:
            late.setdefault(embassy, {"followup": 0, "project": 0})[kind] = n
        # 14 days to the hour, in the UTC form devices.last_sync is written in (now_iso): by
        # calendar day alone a laptop 14 days and 23 hours quiet was not yet shown as stale.
        stale_before = (datetime.now(UTC) - timedelta(days=14)).isoformat(timespec="milliseconds")
        for d in devices:
            d["stale"] = not d["revoked_at"] and (
                not d["last_sync"] or d["last_sync"] < stale_before
            )
        top = max([n for m in by_month.values() for n in m.values()] or [1])
        months_out = [(m, n, _month_end(m)) for m, n in sorted(by_month.items())]
        cross_post = _cross(month_post)
        cross_field = _cross(month_field)
        return console.render(
            request, "dashboard.html", by_month=months_out, top=top,
            cross_post=cross_post, cross_field=cross_field,
            by_post=sorted(by_post.items()), fields=sorted(fields.items(), key=lambda kv: -kv[1]),
            field_top=max(fields.values() or [1]) or 1, late=sorted(late.items()),
            devices=devices, since=since, today=today.isoformat(),
        )  # fmt: skip

    # ---- records --------------------------------------------------------------------------------
    @r.get("/records")
    def records(request: Request):
        user, _csrf = console.current(request)
        f = selection(request)
        qp = request.query_params
        try:
            sort = parse_sort(qp.get("sort"))
            page, per = parse_page(qp.get("page"), qp.get("per_page"))
        except FilterError as exc:
            raise BadInput(exc.args[0]) from None
        indexer.catch_up(db)
        with db.read() as c:
            plan = q.text_plan(c, db.dialect, user.scope, f, sort)
            rows, more = q.list_page(c, db.dialect, user.scope, f, sort, page, per, plan)
            total = q.count(c, db.dialect, user.scope, f, plan=plan)
        seen = (page - 1) * per + len(rows)
        pages = -(-total // per) if total is not None and total <= q.COUNT_CAP else None
        return console.render(
            request, "records.html", rows=rows, total=total, seen=seen, more=more,
            cap=q.COUNT_CAP, page=page, pages=pages, per=per, sort=sort, f=f,
            qs=f.query_string(sort=sort, per_page=per if per != 50 else None),
            posts=_posts(user), levels=list(reference().classifications),
        )  # fmt: skip

    @r.get("/records/{record_id}")
    def record(request: Request, record_id: str):
        user, _csrf = console.current(request)
        with db.read() as c:
            row = q.record(c, user.scope, record_id)
            if row is None:
                raise NotFound()
            kids = [json.loads(d) for d in q.children(c, user.scope, record_id)]
            versions = q.history(c, record_id)
        data = json.loads(row["data"])
        lang = user.lang
        v = view(data, lang)
        if v["classified"]:
            printing.record_audit(db, user, "console_view", record_id,
                                  {"classification": data.get("classification")},
                                  embassy=row["embassy"])  # fmt: skip
        project = None
        if v["project_id"]:
            with db.read() as c:
                p = q.record(c, user.scope, v["project_id"])
            project = json.loads(p["data"]) if p else None
        return console.render(
            request, "record.html", row=row, v=v, data=data, project=project,
            followups=[k for k in kids if k["kind"] == "followup"],
            photos=[k for k in kids if k["kind"] == "attachment"
                    and k.get("media_type", "").startswith("image/")],
            files=[k for k in kids if k["kind"] == "attachment"
                   and not k.get("media_type", "").startswith("image/")],
            history=history(versions), printable=row["kind"] in ("meeting", "visit"),
        )  # fmt: skip

    @r.get("/files/{sha}")
    def file(request: Request, sha: str, thumb: int = 0):
        user, _csrf = console.current(request)
        with db.read() as c:
            att = q.attachment(c, user.scope, sha) if len(sha) == 64 else None
        path = db.blob_path(sha) if att else None
        if att is None or not path.is_file():
            raise NotFound()
        media = att.get("media_type") or "application/octet-stream"
        if thumb and media.startswith("image/"):
            from PIL import Image, ImageOps

            with Image.open(path) as im:
                im = ImageOps.exif_transpose(im)
                im.thumbnail((THUMB, THUMB))
                out = io.BytesIO()
                im.convert("RGB").save(out, "JPEG", quality=80)
            return Response(out.getvalue(), media_type="image/jpeg",
                            headers={"Cache-Control": "private, max-age=3600"})  # fmt: skip
        disposition = "inline" if media.startswith("image/") else "attachment"
        return Response(path.read_bytes(), media_type=media,
                        headers={"Content-Disposition": disposition,
                                 "Cache-Control": "private, max-age=3600"})  # fmt: skip

    # ---- printing -----------------------------------------------------------------------------
    @r.get("/records/{record_id}/pdf")
    def record_pdf(request: Request, record_id: str, lang: str = ""):
        user, _csrf = console.printer(request)
        with db.read() as c:
            if q.record(c, user.scope, record_id) is None:
                raise NotFound()
        return _pdf(user, ConsoleFilter(), "record", lang or user.lang, record_id,
                    f"record-{record_id[:8]}.pdf")  # fmt: skip

    @r.get("/print")
    def print_selection(request: Request, report: str = "digest", lang: str = ""):
        user, _csrf = console.printer(request)
        f = selection(request)
        if report not in printing.REPORTS or report == "record":
            raise BadInput(f"report: choose digest, brief, followups or projects, not {report!r}")
        indexer.catch_up(db)
        return _pdf(user, f, report, lang or user.lang, None, f"{report}.pdf")

    def _pdf(user, f, report, lang, record_id, filename):
        if lang not in ("en", "ja"):
            raise BadInput("lang: choose en or ja")
        try:
            pdf = printing.render(db, user, f, report, lang, record_id)
        except printing.NotVisible:
            raise NotFound() from None
        except FieldKitError as exc:
            raise BadInput(exc.args[0]) from None
        return Response(pdf, media_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store",
        })  # fmt: skip

    # ---- account --------------------------------------------------------------------------------
    @r.get("/account")
    def account(request: Request, new_token: str = ""):
        user, _csrf = console.current(request)
        with db.read() as c:
            tokens = q.tokens_of(c, user.id)
        return console.render(request, "account.html", tokens=tokens, new_token="")

    @r.post("/account/language")
    async def language(request: Request):
        user, csrf = console.current(request)
        form = await console.form(request, csrf)
        try:
            auth.set_language(db, user, str(form.get("lang", "")))
        except auth.AccountError as exc:
            raise BadInput(exc.args[0]) from None
        return RedirectResponse(f"{PREFIX}/account", status_code=303)

    @r.post("/account/tokens")
    async def add_token(request: Request):
        user, csrf = console.current(request)
        form = await console.form(request, csrf)
        try:
            token = auth.new_api_token(db, user, str(form.get("name", "")))
        except auth.AccountError as exc:
            raise BadInput(exc.args[0]) from None
        printing.record_audit(db, user, "console_token_created", None, {"name": form.get("name")})
        with db.read() as c:
            tokens = q.tokens_of(c, user.id)
        # Shown once, in this answer only: HQ keeps just its hash.
        return console.render(request, "account.html", tokens=tokens, new_token=token)

    @r.post("/account/tokens/{token_id}/revoke")
    async def revoke_token(request: Request, token_id: int):
        user, csrf = console.current(request)
        await console.form(request, csrf)
        with db.write() as c:
            if not q.revoke_token(c, user.id, token_id, auth.iso(auth.now())):
                raise NotFound()
        return RedirectResponse(f"{PREFIX}/account", status_code=303)

    return r


def _cross(rows: list[tuple]) -> dict:
    """A month x column table from (month, column, n) rows: only the columns with a figure, the
    biggest cell for the bars, each month's last day for the links."""
    cells: dict[tuple[str, str], int] = {(m, col): n for m, col, n in rows}
    months = sorted({m for m, _col, _n in rows})
    columns = sorted({col for _m, col, _n in rows})
    return {"months": [(m, _month_end(m)) for m in months], "columns": columns, "cells": cells,
            "top": max(cells.values() or [1])}  # fmt: skip


def _month_end(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - timedelta(days=1)).isoformat()


def _posts(user: auth.User) -> list[str]:
    if user.scope.embassies is None:
        return sorted(reference().countries)
    return [c for c in user.scope.embassies if c != "*"]


def _nobody(name: str) -> auth.User:
    return auth.User(0, name.strip()[:80] or "(empty)", "viewer", (), "", "en")


def _safe_next(target: str) -> str:
    # Only a path inside the console: never an address elsewhere (open redirect).
    return target if target.startswith(PREFIX + "/") and not target.startswith("//") else ""


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


def _login_cookie(request: Request, resp, token: str) -> None:
    resp.set_cookie(LOGIN_COOKIE, token, max_age=3600, path=PREFIX, httponly=True,
                    samesite="strict", secure=_https(request))  # fmt: skip
