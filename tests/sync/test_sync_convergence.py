"""Three laptops in two embassies make random edits, deletes and syncs in random order (hypothesis):
all laptops of an embassy converge to HQ's state, every edit is applied or kept as a conflict,
nothing is duplicated, and the other embassy sees none of it. Then the same through a link that
cuts connections at random byte offsets."""

from __future__ import annotations

import json
import random
import tempfile
from datetime import date
from pathlib import Path

from hqserver import HQServer, Laptop
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from netsim import LinkSimulator

from fieldkit.core.errors import FieldKitError
from fieldkit.core.models import Meeting
from sync.state import SyncState

FIELDS = ("subject", "place", "key_points")
LAPTOPS = (("KE", "ke-1"), ("KE", "ke-2"), ("TZ", "tz-1"))

op = st.tuples(
    st.integers(0, 2),  # which laptop
    st.sampled_from(["create", "edit", "edit", "edit", "delete", "restore", "sync", "sync"]),
    st.integers(0, 50),  # which record (modulo what the laptop has)
    st.sampled_from(FIELDS),
)


def _user(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k not in ("revision", "updated_at", "updated_by")}


def run_scenario(ops, cut_seed: int | None = None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="fk-conv-"))
    hq = HQServer(tmp / "hq.db").start()
    link = None
    if cut_seed is not None:
        rng = random.Random(cut_seed)
        link = LinkSimulator(hq.port, cut=lambda n: rng.choice([None, None, rng.randint(50, 9000)]))
        link.start()
    laps = [Laptop(hq, tmp / name, emb, name) for emb, name in LAPTOPS]
    url = link.url if link else None
    created: dict[str, set[str]] = {"KE": set(), "TZ": set()}
    # (record id, field, value) that must reach HQ. A value overwritten on the same laptop
    # before it synced never has to: the outbox sends each record's latest state.
    edits: list[tuple[str, str, str]] = []
    unsent: list[dict[tuple[str, str], str]] = [{} for _ in LAPTOPS]
    counter = 0
    try:
        for who, action, pick, fld in ops:
            lap = laps[who]
            emb = LAPTOPS[who][0]
            ids = sorted(lap.store.ids())
            trash = sorted(
                r[0] for r in lap.store.conn.execute(
                    "SELECT id FROM records WHERE deleted_at IS NOT NULL")
            )  # fmt: skip
            counter += 1
            value = f"{lap.name} v{counter}"
            try:
                if action == "create" or (action == "edit" and not ids):
                    rec = lap.store.create(
                        Meeting(subject=value, date=date(2026, 1, 1 + counter % 28), country=emb)
                    )
                    created[emb].add(rec.id)
                elif action == "edit":
                    rid = ids[pick % len(ids)]
                    lap.store.update(rid, {fld: value})
                    unsent[who][(rid, fld)] = value
                elif action == "delete" and ids:
                    lap.store.delete(ids[pick % len(ids)])
                elif action == "restore" and trash:
                    lap.store.restore(trash[pick % len(trash)])
                elif action == "sync":
                    try:
                        lap.sync(url=url, retries=3, backoff=0.01)
                    except FieldKitError:
                        continue  # a cut link: the next sync goes on from there
                    edits.extend((r, f, v) for (r, f), v in unsent[who].items())
                    unsent[who].clear()
            except FieldKitError:
                pass
        for pending in unsent:
            edits.extend((r, f, v) for (r, f), v in pending.items())
        # Settle: resolve every conflict (either way), then sync everyone until quiet.
        for _round in range(4):
            for i, lap in enumerate(laps):
                state = SyncState(lap.store)
                for k in state.conflicts():
                    state.resolve(k["id"], "mine" if i % 2 else "theirs")
                for _ in range(5):
                    try:
                        lap.sync(url=url, retries=6, backoff=0.01)
                        break
                    except FieldKitError:
                        continue
        for lap in laps:
            lap.sync()  # direct, no cuts: the final check of convergence
        for lap in laps:
            lap.sync()

        hq_records = {r["id"]: r for r in hq.store.export()}
        for emb in ("KE", "TZ"):
            on_hq = {
                rid: _user({k: v for k, v in r.items() if k != "_hq"})
                for rid, r in hq_records.items()
                if r["_hq"]["embassy"] == emb
            }
            assert set(on_hq) == created[emb]  # nothing lost, nothing duplicated
            for lap, (lemb, _) in zip(laps, LAPTOPS, strict=True):
                local = {
                    r["id"]: _user(r)
                    for r in (json.loads(d) for (d,) in
                              lap.store.conn.execute("SELECT data FROM records"))
                }  # fmt: skip
                if lemb == emb:
                    assert local == on_hq, f"{lap.name} differs from HQ"
                    assert lap.store.outbox() == []
                    # Every laptop of the embassy shows the conflicts still open on HQ.
                    open_here = {k["id"] for k in SyncState(lap.store).conflicts()}
                    assert open_here == {k["id"] for k in hq.store.open_conflicts(emb)}
                else:
                    assert not set(local) & set(on_hq)  # the other embassy sees none of it
        # Every edit reached HQ, or sits in a conflict as "mine".
        with hq.store.read() as c:
            versions = [  # superseded ones, and the current ones (the records)
                json.loads(d)
                for (d,) in c.execute(
                    "SELECT data FROM versions UNION ALL SELECT data FROM records"
                )
            ]
            mines = [json.loads(d) for (d,) in c.execute("SELECT mine FROM conflicts")]
        seen = {(v["id"], f, v.get(f)) for v in versions + mines for f in FIELDS}
        missing = [e for e in edits if e not in seen]
        assert missing == []
    finally:
        for lap in laps:
            lap.close()
        if link:
            link.stop()
        hq.stop()


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(st.lists(op, min_size=5, max_size=40))
def test_random_edits_converge(ops):
    run_scenario(ops)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(st.lists(op, min_size=5, max_size=30), st.integers(0, 10_000))
def test_random_edits_converge_through_a_link_that_cuts(ops, seed):
    run_scenario(ops, cut_seed=seed)
