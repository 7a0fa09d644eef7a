"""HQ IT's pages: devices (add with a one-time code, rename, revoke), open conflicts, the audit
log, publishing the project registry with a preview of what changes, and the reference lists HQ
uses (read-only until HQ governs them)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from fieldkit.core.models import parse_record
from sync.server.storage import REGISTRY, Refused

from . import printing
from . import queries as q
from .filters import Scope
from .web import PREFIX, BadInput, Console, NotFound

MAX_REGISTRY = 20 * 1024 * 1024
# The lists HQ's filters, dashboards and reports use, shown on the reference page in this order.
REFERENCE_TABLES = ("summits", "policy_fields", "instruments", "schemes", "posts", "countries")


def router(console: Console) -> APIRouter:
    r = APIRouter(prefix=PREFIX + "/admin", include_in_schema=False)
    db = console.db
    store = db.store

    def device_page(request: Request, added: dict | None = None):
        # The admin sees every device, with its post, role and ceilings (as `device list`).
        from sync.server import handling

        return console.render(request, "devices.html", devices=store.devices(), added=added,
                              levels=handling.levels())  # fmt: skip

    @r.get("/devices")
    def devices(request: Request):
        console.admin(request)
        return device_page(request)

    @r.post("/devices")
    async def add_device(request: Request):
        user, csrf = console.admin(request)
        form = await console.form(request, csrf)
        try:
            info = store.add_device(str(form.get("embassy", "")), str(form.get("name", "")),
                                    role=str(form.get("role", "") or "staff"))  # fmt: skip
        except Refused as exc:
            raise BadInput(exc.args[0]) from None
        printing.record_audit(db, user, "console_device_added", None,
                              {"device": info["device_id"], "name": info["name"],
                               "role": info["role"]},
                              embassy=info["embassy"])  # fmt: skip
        # The code is in this answer only; HQ keeps its hash.
        return device_page(request, added=info)

    @r.post("/devices/{device_id}/handling")
    async def handling_rules(request: Request, device_id: str):
        """Role and ceiling, as `fieldkit-hq device set-role / set-ceiling`: from the laptop's
        next sync on, it receives only what they allow and removes what it may no longer hold."""
        user, csrf = console.admin(request)
        form = await console.form(request, csrf)
        role = str(form.get("role", "")).strip()
        ceiling = str(form.get("ceiling", "")).strip()
        own = None if ceiling in ("", "embassy") else ceiling
        try:  # both checked, then written in one transaction: a refusal changes nothing
            if not store.set_handling(device_id, role, own):
                raise NotFound()
        except Refused as exc:
            raise BadInput(exc.args[0]) from None
        printing.record_audit(db, user, "console_device_handling", None,
                              {"device": device_id, "role": role,
                               "ceiling": ceiling or "embassy"})  # fmt: skip
        return RedirectResponse(f"{PREFIX}/admin/devices", status_code=303)

    @r.post("/devices/{device_id}/rename")
    async def rename(request: Request, device_id: str):
        user, csrf = console.admin(request)
        form = await console.form(request, csrf)
        name = str(form.get("name", "")).strip()
        if not name or len(name) > 120:
            raise BadInput("name: give the device a name of 1-120 characters")
        with db.write() as c:
            if not q.rename_device(c, device_id, name):
                raise NotFound()
        printing.record_audit(db, user, "console_device_renamed", None,
                              {"device": device_id, "name": name})  # fmt: skip
        return RedirectResponse(f"{PREFIX}/admin/devices", status_code=303)

    @r.post("/devices/{device_id}/revoke")
    async def revoke(request: Request, device_id: str):
        user, csrf = console.admin(request)
        await console.form(request, csrf)
        if not store.revoke(device_id):
            with db.read() as c:
                known = any(d["id"] == device_id for d in q.devices(c, Scope(None)))
            if not known:
                raise NotFound()
            raise BadInput(f"device {device_id} is already revoked", 409)
        printing.record_audit(db, user, "console_device_revoked", None, {"device": device_id})
        return RedirectResponse(f"{PREFIX}/admin/devices", status_code=303)

    @r.get("/conflicts")
    def conflicts(request: Request):
        console.admin(request)
        with db.read() as c:
            rows = q.open_conflicts(c, Scope(None))
        for row in rows:
            row["fields"] = json.loads(row["fields"])
        return console.render(request, "conflicts.html", conflicts=rows)

    @r.get("/audit")
    def audit(request: Request, event: str = "", embassy: str = "", author: str = "",
              since: str = "", until: str = "", page: int = 1):  # fmt: skip
        console.admin(request)
        if page < 1:
            raise BadInput("page: must be 1 or more")
        with db.read() as c:
            rows = q.audit_page(c, event=event, embassy=embassy.upper(), author=author,
                                since=since, until=until, page=page)  # fmt: skip
            events = q.audit_events(c)
        return console.render(request, "audit.html", rows=rows, events=events, page=page,
                              flt={"event": event, "embassy": embassy, "author": author,
                                   "since": since, "until": until})  # fmt: skip

    @r.get("/reference")
    def reference_lists(request: Request):
        # Read-only: lists are published from the command line (fieldkit-hq reference publish),
        # where a bad file is refused in one line; this page shows what laptops get.
        from fieldkit.core.reference import Reference
        from sync.server import reference as hq_reference

        console.admin(request)
        with store.read() as c:
            version, lists = hq_reference.current(c)
        ref = Reference(None, lists, version)
        tables = [(table, list(getattr(ref, table).values())) for table in REFERENCE_TABLES]
        return console.render(request, "reference.html", tables=tables, version=version)

    @r.get("/registry")
    def registry(request: Request):
        console.admin(request)
        return console.render(request, "registry.html", preview=None)

    @r.post("/registry")
    async def registry_post(request: Request):
        user, csrf = console.admin(request)
        form = await console.form(request, csrf)
        upload = form.get("file")
        text = str(form.get("payload", ""))
        if upload is not None and hasattr(upload, "read"):
            raw = await upload.read(MAX_REGISTRY + 1)
            if len(raw) > MAX_REGISTRY:
                raise BadInput("file: larger than 20 MB")
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise BadInput("file: not UTF-8 text (a JSON-lines file is expected)") from None
        embassy = str(form.get("embassy", "")).strip().upper() or None
        records = _parse_lines(text)
        if form.get("publish") == "1":
            try:
                counts = store.import_registry(records, embassy=embassy)
            except Refused as exc:
                raise BadInput(exc.args[0]) from None
            printing.record_audit(db, user, "console_registry_published", None, counts)
            return console.render(request, "registry.html", preview=None, published=counts)
        preview = _preview(records, embassy)
        return console.render(request, "registry.html", preview=preview, payload=text,
                              embassy=embassy or "")  # fmt: skip

    def _preview(records: list[dict], embassy: str | None) -> list[dict]:
        out = []
        with db.read() as c:
            for n, data in enumerate(records, 1):
                try:
                    rec = parse_record(data)
                except ValueError as exc:
                    first = getattr(exc, "errors", lambda **_: [{}])(include_url=False)[0]
                    where = ".".join(str(x) for x in first.get("loc", ()))
                    raise BadInput(f"line {n}: {where}: {first.get('msg', exc)}") from None
                target = (embassy or getattr(rec, "country", None) or REGISTRY).upper()
                found = q.records_by_id(c, Scope(None), [rec.id])
                doc = rec.model_dump(mode="json")
                if not found:
                    out.append({"id": rec.id, "title": rec.title_text(), "target": target,
                                "state": "new", "fields": []})  # fmt: skip
                    continue
                old_embassy, old_data = found[0]
                old = json.loads(old_data)
                changed = sorted(k for k in set(doc) | set(old)
                                 if k not in ("revision",) and doc.get(k) != old.get(k))  # fmt: skip
                state = "refused" if old_embassy != target else ("changed" if changed else "same")
                out.append({"id": rec.id, "title": rec.title_text(), "target": target,
                            "state": state, "fields": changed, "owner": old_embassy})  # fmt: skip
        return out

    return r


def _parse_lines(text: str) -> list[dict]:
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise BadInput(f"line {n}: not JSON ({exc})") from None
        if not isinstance(obj, dict):
            raise BadInput(f"line {n}: expected a JSON object")
        obj.pop("_hq", None)
        records.append(obj)
    if not records:
        raise BadInput("file: no records in it (one JSON object a line is expected)")
    return records
