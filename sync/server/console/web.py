"""The console's web plumbing: templates, the signed-in user, CSRF checks, error pages.

Pages are rendered on the server (Jinja2); the few static files come from ``static/``. Every page
is sent with headers that keep it out of caches and frames and allow only HQ's own scripts.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from fieldkit.core.messages import render as render_message
from fieldkit.core.reference import reference

from . import auth, i18n
from .db import Handle
from .regions import NAMES_JA, REGIONS

HERE = Path(__file__).parent
PREFIX = "/console"
COOKIE = "fieldkit_console"
LOGIN_COOKIE = "fieldkit_console_login"
HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'",
}


class SignInNeeded(Exception):
    pass


class Forbidden(Exception):
    pass


class NotFound(Exception):
    pass


class BadInput(Exception):
    """A request the console refuses: one sentence, shown on an error page (or JSON for the API)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Console:
    def __init__(self, db: Handle) -> None:
        self.db = db
        self.addresses = auth.AddressThrottle()
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(["html"]),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.install_gettext_callables(i18n.gettext("en"), i18n.ngettext("en"), newstyle=True)
        self.env.filters["thousands"] = lambda n: f"{n:,}"

    # ---- who is asking ------------------------------------------------------------------------
    def current(self, request: Request) -> tuple[auth.User, str]:
        found = auth.session_user(self.db, request.cookies.get(COOKIE, ""))
        if found is None:
            raise SignInNeeded()
        request.state.user, request.state.csrf = found
        return found

    def admin(self, request: Request) -> tuple[auth.User, str]:
        user, csrf = self.current(request)
        if not user.is_admin:
            raise Forbidden()
        return user, csrf

    def printer(self, request: Request) -> tuple[auth.User, str]:
        user, csrf = self.current(request)
        if not user.can_print:
            raise Forbidden()
        return user, csrf

    async def form(self, request: Request, csrf: str) -> dict[str, Any]:
        """The posted form, after checking its CSRF token against the session's."""
        form = await request.form()
        sent = str(form.get("csrf", ""))
        if not sent or not secrets.compare_digest(sent, csrf):
            raise BadInput("This form has expired or did not come from this console (its CSRF "
                           "token is missing or wrong). Reload the page and try again.", 403)  # fmt: skip
        return {k: v for k, v in form.multi_items()}

    # ---- pages ----------------------------------------------------------------------------------
    def lang_of(self, request: Request) -> str:
        user = getattr(request.state, "user", None)
        if user is not None:
            return user.lang
        asked = request.query_params.get("lang", "")
        if asked in i18n.LANGS:
            return asked
        return "ja" if request.headers.get("accept-language", "").startswith("ja") else "en"

    def render(self, request: Request, template: str, status: int = 200, **ctx) -> HTMLResponse:
        lang = self.lang_of(request)
        _ = i18n.gettext(lang)
        ref = reference()
        ctx.update(
            _=_, gettext=_, ngettext=i18n.ngettext(lang), lang=lang, request=request,
            user=getattr(request.state, "user", None), csrf=getattr(request.state, "csrf", ""),
            prefix=PREFIX, ref=ref, label=lambda table, code: label(table, code, lang),
            country=lambda code: country_name(code, lang), regions=REGIONS,
            region_name=lambda r: NAMES_JA.get(r, r) if lang == "ja" else r.replace("_", " ").title(),
            path=request.url.path,
        )  # fmt: skip
        html = self.env.get_template(template).render(**ctx)
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def error_page(self, request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith(PREFIX + "/api/"):
            body = {"error": str(message), "code": getattr(message, "code", "console")}
            return JSONResponse(body, status_code=status)
        text = render_message(message, self.lang_of(request))
        return self.render(request, "error.html", status=status, message=text)


def label(table: str, code: str | None, lang: str) -> str:
    if not code:
        return ""
    codes = getattr(reference(), table)
    return codes[code].label(lang) if code in codes else code


def country_name(code: str | None, lang: str) -> str:
    if code == "*":
        return "本省登録簿" if lang == "ja" else "HQ registry"
    return label("countries", code, lang) if code else ""


def install_handlers(app, console: Console) -> None:
    async def sign_in(request: Request, exc: SignInNeeded):
        if request.url.path.startswith(PREFIX + "/api/"):
            return JSONResponse({"error": "no valid API token: send 'Authorization: Bearer "
                                 "TOKEN' (make one on your account page)", "code": "console"},
                                status_code=401)  # fmt: skip
        target = request.url.path + ("?" + request.url.query if request.url.query else "")
        response = RedirectResponse(f"{PREFIX}/login?next={quote(target)}", status_code=303)
        response.delete_cookie(COOKIE, path=PREFIX)
        return response

    async def forbidden(request: Request, exc: Forbidden):
        _ = i18n.gettext(console.lang_of(request))
        return console.error_page(request, 403, _("Your account may not open this page."))

    async def not_found(request: Request, exc: NotFound):
        _ = i18n.gettext(console.lang_of(request))
        return console.error_page(request, 404, _("There is no such page or record."))

    async def bad(request: Request, exc: BadInput):
        return console.error_page(request, exc.status, exc.args[0])

    app.add_exception_handler(SignInNeeded, sign_in)
    app.add_exception_handler(Forbidden, forbidden)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(BadInput, bad)
