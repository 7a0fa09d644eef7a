"""Summit briefs on the HQ console: a page per summit with, for every taking-part country the
desk may see, what the laptops' brief says (fieldkit.core.brief: counts, last meeting, the
partner's open requests with our answers so far, follow-ups and deliverables, projects, days left),
printable and as a PDF download made by the laptop's own report (fieldkit.reports.brief).

The data is read through ``printing.SelectionSource``: only the records of the user's posts, so a
desk never sees, nor counts, another desk's countries.
"""

from __future__ import annotations

import io
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fieldkit.core.brief import build, summit_code
from fieldkit.core.errors import FieldKitError
from fieldkit.core.reference import reference

from . import indexer, printing
from .filters import ConsoleFilter
from .web import PREFIX, BadInput, Console, NotFound

MAX_COUNTRY_PARAMS = 60


def router(console: Console) -> APIRouter:
    r = APIRouter(prefix=PREFIX, include_in_schema=False)
    db = console.db

    def _brief(request: Request, user, code: str, lang: str):
        try:
            code = summit_code(code)
        except FieldKitError:
            raise NotFound() from None
        countries = request.query_params.getlist("country")
        if len(countries) > MAX_COUNTRY_PARAMS:
            raise BadInput(f"country: at most {MAX_COUNTRY_PARAMS}")
        indexer.catch_up(db)
        src = printing.SelectionSource(db, user, ConsoleFilter(), lang)
        try:
            return src, build(src, code, countries, today=date.today())
        except FieldKitError as exc:
            raise BadInput(exc.args[0]) from None

    @r.get("/summits")
    def summits(request: Request):
        console.current(request)
        ref = reference()
        today = date.today()
        rows = []
        for code, s in ref.summits.items():
            start, end = ref.summit_dates(code)
            rows.append({"code": code, "name": s, "start": start, "end": end,
                         "days": (start - today).days if start else None,
                         "retired": getattr(s, "retired", False)})  # fmt: skip
        # The next ones first, then the past ones, most recent first; undated at the end.
        rows.sort(key=lambda x: (x["start"] is None, x["days"] is not None and x["days"] < 0,
                                 abs(x["days"]) if x["days"] is not None else 0))  # fmt: skip
        return console.render(request, "summits.html", rows=rows)

    @r.get("/summits/{code}")
    def summit(request: Request, code: str):
        user, _csrf = console.current(request)
        _src, brief = _brief(request, user, code, user.lang)
        qs = "&".join(f"country={c}" for c in request.query_params.getlist("country"))
        return console.render(request, "summit.html", brief=brief, qs=qs,
                              summit=reference().summits[brief.summit])  # fmt: skip

    @r.get("/summits/{code}/pdf")
    def summit_pdf(request: Request, code: str, lang: str = ""):
        user, _csrf = console.printer(request)
        lang = lang or user.lang
        if lang not in ("en", "ja"):
            raise BadInput("lang: choose en or ja")
        src, brief = _brief(request, user, code, lang)
        from fieldkit.reports.brief import brief_report

        out = io.BytesIO()
        brief_report(src, out, summit=brief.summit, event="print", lang=lang, data=brief)
        return Response(out.getvalue(), media_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="brief-{brief.summit}.pdf"',
            "Cache-Control": "no-store",
        })  # fmt: skip

    return r
