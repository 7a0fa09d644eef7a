"""The reference lists HQ governs: published by HQ IT, versioned, sent to laptops at their sync.

``fieldkit-hq reference publish FILE|DIR`` checks the files (fieldkit.core.reference_check: one
line naming file, row and field) and stores each changed list whole, under the next version, in
one transaction; a code dropped from a list stays in it as ``retired``. Until HQ publishes a list,
the list FieldKit ships is HQ's. HQ validates pushed records against its own lists, so a code a
laptop was offered is never refused. The version rides on each sync's last pull page; a laptop
whose version differs fetches ``GET /v1/reference`` before it applies that page.

Posts decide what a device reads: a device enrolled for a post reads its own records and those of
every country the post covers (its embassy's country and the ones it is also accredited to).
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request

from fieldkit.core import reference as ref
from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import Message
from fieldkit.core.reference_check import check
from sync import protocol as p

from .common import Refused, now_iso
from .db import Database
from .migrations import Track

# Steps of the "reference" track (see migrations.py): its own table of applied steps.
STEP_1 = """
CREATE TABLE reference_lists (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    published_at TEXT NOT NULL
);
-- The post a device was enrolled for (none: an embassy added by its country code before posts).
CREATE TABLE device_posts (device_id TEXT PRIMARY KEY, post TEXT NOT NULL);
"""
MIGRATIONS = Track("reference", [(1, STEP_1, STEP_1)], table="reference_schema")
MAX_FILE = 4 * 1024 * 1024

_lock = threading.Lock()
_cache: dict[tuple, dict[str, list[dict]]] = {}  # signature -> lists (never mutated)


def _signature(c) -> tuple:
    """What identifies HQ's lists now: the version and when it was published (versions alone
    repeat between databases)."""
    row = c.execute(
        "SELECT coalesce(max(version), 0), max(published_at) FROM reference_lists"
    ).fetchone()
    return int(row[0]), row[1]


def current(c) -> tuple[int, dict[str, list[dict]]]:
    """(version, every governed list as HQ has it): published ones, else the shipped ones.
    Read once per version: devices ask for their post's countries at every request."""
    sig = _signature(c)
    lists = _cache.get(sig)
    if lists is None:
        lists = {name: ref.shipped(name) for name in ref.GOVERNED}
        lists.update(published(c)[1])
        with _lock:
            if len(_cache) > 8:
                _cache.clear()
            _cache[sig] = lists
    return sig[0], lists


def version_of(c) -> int:
    return _signature(c)[0]


def published(c) -> tuple[int, dict[str, list[dict]]]:
    """Only the lists HQ has published (what laptops are sent)."""
    rows = c.execute("SELECT name, version, data FROM reference_lists").fetchall()
    return max((int(r[1]) for r in rows), default=0), {r[0]: json.loads(r[2]) for r in rows}


def refresh(db: Database, c=None) -> ref.Reference:
    """HQ's lists as this process's reference data (the models validate pushed records with
    them), re-read when another process published. Before HQ publishes anything, HQ's lists
    are the shipped ones the process already has."""
    if c is None:
        with db.read() as c2:
            return refresh(db, c2)
    sig = _signature(c)
    if sig[0] == 0:
        return ref.reference()
    with _lock:
        if getattr(ref.reference(), "signature", None) == sig:
            return ref.reference()
        _, lists = published(c)
        installed = ref.install(ref.Reference(None, lists, sig[0]))
        installed.signature = sig
        return installed


def refresh_now_and_then(db: Database, every: float = 2.0) -> None:
    """``refresh`` at most every ``every`` seconds: for the console, whose pages use HQ's lists
    but whose requests do not authenticate a device (which refreshes every time)."""
    now = time.monotonic()
    if now - _last_check.get(id(db), -every) < every:
        return
    _last_check[id(db)] = now
    refresh(db)


_last_check: dict[int, float] = {}


def read_files(path: Path) -> dict[str, Any]:
    """The governed lists in FILE (``summits.json``) or in DIR (its ``*.json`` of governed
    names; other files there are skipped): list name -> parsed JSON. One line on a bad file."""
    if path.is_dir():
        files = sorted(f for f in path.glob("*.json") if f.stem in ref.GOVERNED)
        if not files:
            raise FieldKitError(Message("reference.no_lists_in_folder", path=str(path),
                                        names=", ".join(ref.GOVERNED)))  # fmt: skip
    elif path.is_file():
        files = [path]
    else:
        raise FieldKitError(Message("reference.no_such_file", path=str(path)))
    out = {}
    for f in files:
        if f.stem not in ref.GOVERNED:
            raise FieldKitError(
                Message("reference.not_governed", file=f.name, names=", ".join(ref.GOVERNED))
            )
        if f.stat().st_size > MAX_FILE:
            raise FieldKitError(Message("reference.bad_file", file=f.name,
                                        why=Message("reference.why_too_large", most=MAX_FILE)))  # fmt: skip
        try:
            out[f.stem] = json.loads(f.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise FieldKitError(Message("reference.bad_file", file=f.name,
                                        why=Message("reference.why_json", detail=str(exc)[:120]))
                                ) from None  # fmt: skip
    return out


def publish(db: Database, files: dict[str, Any]) -> dict[str, Any]:
    """Publish lists (name -> parsed JSON) as the next version; unchanged lists are not stored.
    Returns {"version", "changed": {name: (active, retired)}}. Raises FieldKitError."""
    with db.write() as c:
        version, lists = current(c)
        changed = check(files, lists)
        if changed:
            version += 1
            at = now_iso()
            for name, rows in changed.items():
                data = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
                c.execute("DELETE FROM reference_lists WHERE name = ?", (name,))
                c.execute(
                    "INSERT INTO reference_lists (name, version, data, published_at) "
                    "VALUES (?, ?, ?, ?)",
                    (name, version, data, at),
                )
    if changed:
        refresh(db)
    return {"version": version, "changed": {n: _counts(r) for n, r in changed.items()}}


def show(db: Database) -> list[dict[str, Any]]:
    """Each governed list: version (0: as shipped), when published, active and retired codes."""
    with db.read() as c:
        stamps = {
            r[0]: (int(r[1]), r[2])
            for r in c.execute("SELECT name, version, published_at FROM reference_lists")
        }
        _, lists = current(c)
    out = []
    for name in ref.GOVERNED:
        active, retired = _counts(lists[name])
        v, at = stamps.get(name, (0, None))
        out.append({"list": name, "version": v, "published_at": at, "active": active,
                    "retired": retired})  # fmt: skip
    return out


def _counts(rows: list[dict]) -> tuple[int, int]:
    retired = sum(1 for r in rows if r.get("retired"))
    return len(rows) - retired, retired


# ---- posts and what a device reads -----------------------------------------------------------
def resolve_post(c, text: str) -> tuple[str, str | None]:
    """(embassy key, post code) for what ``device add --embassy/--post`` was given: a post code
    (``emb-ke``) or a 2-letter country code (an embassy of old: its country's embassy post).

    An embassy's records are kept under its country's code, as before posts existed; another
    post's (consulate-general, mission) under its post code."""
    text = text.strip()
    _, lists = current(c)
    posts = {r["code"]: r for r in lists["posts"] if not r.get("retired")}
    if len(text) == 2 and text.isascii() and text.isalpha():
        cc = text.upper()
        own = next((r for r in posts.values()
                    if r.get("type") == "embassy" and r.get("country") == cc), None)  # fmt: skip
        return cc, own["code"] if own else None
    post = posts.get(text.lower())
    if post is None:
        raise Refused(400, Message("hq.unknown_post", post=repr(text[:40])), "unknown_post")
    return storage_key(post), post["code"]


def storage_key(post: dict) -> str:
    return post["country"] if post.get("type") == "embassy" else post["code"]


def readable(c, embassy: str, post: str | None) -> tuple[str, ...]:
    """The embassy keys a device reads: its own, and every country its post covers."""
    if not post:
        return (embassy,)
    _, lists = current(c)
    row = next((r for r in lists["posts"] if r["code"] == post), None)
    covered = [cc for cc in (row or {}).get("countries", []) if cc != embassy]
    return (embassy, *covered)


router = APIRouter(prefix="/v1")


@router.get("/reference")
def reference_lists(request: Request):
    """The lists HQ published, whole, with their version (laptops ask when it changed)."""
    from .routes import device, reply

    store = request.app.state.store
    device(request)
    with store.read() as c:
        version, lists = published(c)
    return reply(request, p.ReferenceLists(version=version, lists=lists))
