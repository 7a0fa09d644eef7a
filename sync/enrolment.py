"""Enrolment: binding a laptop to its embassy with a one-time code from HQ IT."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from fieldkit.core.messages import Message
from fieldkit.core.store import Store
from sync.state import SyncState

from . import credentials
from . import protocol as p
from .link import (
    SyncError,
    _headers,
    _hq_protocol,
    _normalise_server,
    _parse,
    _plain,
    _server_message,
    httpx,
)


def enroll(
    store: Store,
    server: str,
    code: str,
    *,
    device_name: str = "",
    transport: httpx.BaseTransport | None = None,
    verify: str | bool = True,
) -> dict[str, Any]:
    """Bind this laptop to its embassy with a one-time code from HQ IT; keep the credential."""
    server = _normalise_server(server)
    try:
        req = p.EnrollRequest(
            code=code.strip(), device_name=device_name, local_device_id=store.device_id
        )
    except ValidationError as exc:  # one line, never pydantic's page of text
        err = exc.errors(include_url=False)[0]
        name = ".".join(str(x) for x in err.get("loc", ()))
        code = "sync.bad_device_name" if name == "device_name" else "sync.bad_enrolment_code"
        raise SyncError(Message(code, why=err.get("msg", "invalid").lower())) from None
    body, headers = p.encode(req, compress_with="identity")
    try:
        with httpx.Client(transport=transport, timeout=60, verify=verify) as http:
            resp = http.post(f"{server}/v1/enroll", content=body, headers={**_headers(), **headers})
    except httpx.HTTPError as exc:
        raise SyncError(Message("sync.cannot_reach", server=server, why=_plain(exc))) from None
    if resp.status_code >= 400:
        raise SyncError(Message("sync.enrolment_refused", why=_server_message(resp)))
    info = _parse(resp, p.EnrollResponse)
    st = SyncState(store)
    saved = credentials.save_token(store.data_dir, info.device_id, info.token, store=store)
    for key, value in (
        ("server", server),
        ("device_id", info.device_id),
        ("embassy", info.embassy),
        ("device_name", info.device_name),
        ("post", info.post),
        ("token_store", saved.where),
        ("verify", verify if isinstance(verify, str) else ""),
    ):
        st.set(key, value)
    st.set("last_error", None)
    named = _hq_protocol(resp)
    st.set("hq_protocol", str(named) if named else None)
    st.set_terms(info.role, info.ceiling)
    if info.post and not store.settings.post.strip():
        # The laptop's post, as HQ enrolled it, unless the user already chose one.
        from fieldkit.core.settings import save_settings

        store.settings.post = info.post
        save_settings(store.data_dir, store.settings)
    return {
        "server": server,
        "device_id": info.device_id,
        "embassy": info.embassy,
        "device_name": info.device_name,
        "post": info.post,
        "credential": saved.describe(),
    }


def default_device_name() -> str:
    import platform

    return platform.node() or "laptop"
