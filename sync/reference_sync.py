"""The laptop's side of HQ-governed reference lists: fetched when HQ's version changed, kept in
the store (the ``meta`` row ``reference``, inside the encrypted store like every record).

Every pull page names HQ's version; when it is not the one the laptop holds, the laptop fetches
the lists (``GET /v1/reference``) before applying the page, so records using a code HQ just
published are readable at once. A code the laptop knew and HQ's lists no longer have stays,
marked retired: records tagged with it keep loading whatever HQ sends.
"""

from __future__ import annotations

import json

from fieldkit.core import reference as ref

from . import protocol as p


def held_version(store) -> int:
    with store.tx.read() as c:
        return ref.stored_lists(c)[0]


def follow(client, page: p.PullPage) -> bool:
    """Fetch and keep HQ's lists if ``page`` says HQ has another version; True if it did."""
    if page.reference is None or page.reference == held_version(client.store):
        return False
    got = client._call("GET", "/v1/reference", p.ReferenceLists)
    keep(client.store, got.version, got.lists)
    return True


def keep(store, version: int, lists: dict[str, list[dict]]) -> None:
    """Store HQ's lists (only governed ones, rows with a code) and use them from now on."""
    with store.tx.write() as c:
        _, old = ref.stored_lists(c)
        new = {}
        for name in ref.GOVERNED:
            if name in lists:
                rows = [r for r in lists[name] or [] if isinstance(r, dict) and r.get("code")]
            elif name in old:  # HQ no longer publishes it (a new HQ database): the shipped list
                rows = ref.shipped(name)
            else:
                continue
            before = old.get(name) or ref.shipped(name)
            codes = {r["code"] for r in rows}
            new[name] = rows + [
                {**r, "retired": True} for r in before if r.get("code") not in codes
            ]
        data = json.dumps({"version": version, "lists": new}, ensure_ascii=False)
        c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (ref.STORE_KEY, data))
    with store.tx.read() as c:
        ref.use_store(c, store.data_dir)
