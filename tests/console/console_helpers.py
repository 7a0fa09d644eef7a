"""Helpers for the HQ console tests: a real HQ database filled through the sync push API with the demo
records of several embassies, console users of each role, and signed-in HTTP clients."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from fieldkit.core.demo import build
from sync import protocol as p
from sync.server.console.db import Handle
from sync.server.storage import Device, HQStore

PASSWORD = "correct horse battery"
TODAY = date(2026, 11, 20)


def records_by_embassy(seed: int = 3) -> dict[str, list[dict]]:
    """The demo records, each given to the embassy of its country (children follow parents)."""
    records, _ = build(meetings=60, visits=20, projects=12, seed=seed, today=TODAY)
    country = {r.id: r.country_code() for r in records}
    out: dict[str, list[dict]] = {}
    for r in records:
        cc = r.country_code() or country.get(getattr(r, "parent_id", None) or "") or "KE"
        out.setdefault(cc, []).append(r.model_dump(mode="json"))
    return out


def push(store: HQStore, embassy: str, records: list[dict], name: str = "") -> Device:
    info = store.add_device(embassy, name or f"{embassy} laptop 1")
    store.enroll(info["code"], "test")
    dev = Device(info["device_id"], embassy, info["name"])
    for i in range(0, len(records), 500):
        muts = [p.Mutation(ids=[f"m-{r['id']}"], base=None, record=r) for r in records[i : i + 500]]
        resp = store.push(dev, p.PushRequest(mutations=muts))
        assert not [o for o in resp.outcomes if o.status == "rejected"], resp.outcomes[:3]
    return dev


def sign_in(client: TestClient, name: str, password: str = PASSWORD):
    page = client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return client.post("/console/login", data={"name": name, "password": password,
                                               "csrf": csrf}, follow_redirects=False)  # fmt: skip


def csrf_of(client: TestClient) -> str:
    page = client.get("/console/account")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def db_of(app) -> Handle:
    return app.state.console.db


def photos_for(store: HQStore, records: list[dict]) -> list[dict]:
    """A real JPEG attached to the first visit or meeting of ``records``, its bytes in HQ's
    attachment folder (as a finished upload leaves them)."""
    import hashlib
    import io
    import uuid

    from PIL import Image

    parent = next(r for r in records if r["kind"] in ("visit", "meeting"))
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(buf, "JPEG")
    content = buf.getvalue()
    content += parent["id"].encode()  # distinct bytes per embassy; still a valid JPEG
    sha = hashlib.sha256(content).hexdigest()
    path = store.blob_path(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return [
        {
            "kind": "attachment",
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, sha)),
            "parent_id": parent["id"],
            "sha256": sha,
            "media_type": "image/jpeg",
            "size": len(content),
            "filename": "site.jpg",
            "caption": "Site photo",
        }
    ]
