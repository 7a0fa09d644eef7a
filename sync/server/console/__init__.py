"""The HQ console: a web interface for desk officers, evaluation staff and HQ IT, served by
``fieldkit-hq serve`` beside the sync API at ``/console/``.

``mount(app)`` adds its pages, its JSON feed and its static files to HQ's FastAPI app, creates its
tables (``schema.py``) and indexes any records not yet indexed. Records are read-only here:
editing stays on the laptops.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

HERE = Path(__file__).parent


def mount(app: FastAPI) -> None:
    from fieldkit.core.resources import resource_path

    from . import admin, dataout, indexer, pages, schema, summits
    from .db import Handle
    from .web import PREFIX, Console, install_handlers

    db = Handle(app.state.store)
    schema.ensure(db)
    indexer.catch_up(db)
    console = Console(db)
    app.state.console = console
    install_handlers(app, console)
    app.include_router(pages.router(console))
    app.include_router(admin.router(console))
    app.include_router(dataout.router(console))
    app.include_router(summits.router(console))  # summit briefs (#16)
    app.mount(PREFIX + "/static", StaticFiles(directory=HERE / "static"), name="console-static")

    @app.get(PREFIX, include_in_schema=False)
    def _home():
        return RedirectResponse(PREFIX + "/", status_code=307)

    @app.get(PREFIX + "/fonts/ipaexg.ttf", include_in_schema=False)
    def _japanese_font():
        # The reports' own Japanese font, for browsers without one (the page asks for it only
        # when no local Japanese font is found, and only for CJK characters).
        return FileResponse(resource_path("fonts", "ipaexg.ttf"), media_type="font/ttf",
                            headers={"Cache-Control": "public, max-age=86400"})  # fmt: skip
