"""Encryption benchmarks (issue: protect a lost laptop): the store with SQLCipher on vs off.

    uv run python benchmarks/bench_security.py [--meetings 10000] [--visits 2000] [--rounds 5]

Same run, same machine, same records; the baseline is the unencrypted store:
- load: Store.create_many of every demo record (validation, history, outbox, FTS) into a fresh
  store, unencrypted vs encrypted (target: encrypted at most 25% slower);
- search: median over typical queries of Store.search (top 50), both stores, warm;
- status: median of Store.status() in process, both stores; and ``fieldkit status`` as a whole
  process, which for the encrypted store includes unlocking;
- unlock: open_store with the passphrase (Argon2id + page checks + opening) vs opening the
  unencrypted store, and Argon2id alone with the parameters stated (target: at most 1 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fieldkit.core import demo
from fieldkit.core.opening import open_store
from fieldkit.core.security.kdf import KDF, derive_key

PASS = "ngong hills geothermal sunrise tea"
QUERIES = [
    "geothermal", "地熱", "Ministry of Energy", "TICAD", "EV assembly", "海底ケーブル",
    "procurement", "Kenya", "ケニア", "feasibility study", "本省", "grid stability",
    "重要鉱物", "customs", "ab", "日本", "JBIC", "maintenance plan",
]  # fmt: skip


def timed(fn, *args, **kw):
    t = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - t, result


def median_ms(values) -> float:
    return statistics.median(values) * 1000


def line(label: str, base: float, ours: float, unit: str, target: str = "") -> None:
    ratio = ours / base if base else float("nan")
    slower = (ratio - 1) * 100
    print(
        f"  {label:<34} plain {base:9.2f} {unit}  encrypted {ours:9.2f} {unit}  "
        f"ratio {ratio:5.2f}x ({slower:+.0f}%){'  ' + target if target else ''}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--meetings", type=int, default=10_000)
    ap.add_argument("--visits", type=int, default=2_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--load-rounds", type=int, default=3)
    args = ap.parse_args()
    records, counts = demo.build(meetings=args.meetings, visits=args.visits, projects=300, seed=7)
    print(f"records: {len(records):,} ({counts})")
    print(f"key derivation: {KDF.describe()}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # ---- load: fresh stores, alternating which goes first, median of the rounds
        lp, le = [], []
        for r in range(args.load_rounds):
            plain_dir, enc_dir = tmp / f"plain{r}", tmp / f"encrypted{r}"
            order = [("plain", plain_dir), ("enc", enc_dir)]
            for name, folder in order if r % 2 == 0 else order[::-1]:
                store = open_store(folder, passphrase=PASS if name == "enc" else None)
                t, _ = timed(store.create_many, records)
                store.close()
                (lp if name == "plain" else le).append(t)
        print(f"load (create_many of all records in one transaction, median of {len(lp)})")
        line("all records", statistics.median(lp), statistics.median(le), "s ", "(target <= 1.25x)")
        plain = open_store(plain_dir)
        enc = open_store(enc_dir, passphrase=PASS)

        # ---- search, interleaved so both see the same machine load
        sp, se = [], []
        for _ in range(args.rounds):
            for q in QUERIES:
                sp.append(timed(plain.search, q, limit=50)[0])
                se.append(timed(enc.search, q, limit=50)[0])
        print(f"search ({len(QUERIES)} queries x {args.rounds}, top 50, median)")
        line("Store.search", median_ms(sp), median_ms(se), "ms", "(target <= 1.25x)")

        # ---- status in process
        tp = [timed(plain.status)[0] for _ in range(args.rounds * 4)]
        te = [timed(enc.status)[0] for _ in range(args.rounds * 4)]
        print("status (median)")
        line("Store.status()", median_ms(tp), median_ms(te), "ms", "(target <= 1.25x)")
        plain.close()
        enc.close()
        size = (enc_dir / "fieldkit.db").stat().st_size
        print(
            f"  store files: plain {(plain_dir / 'fieldkit.db').stat().st_size / 1e6:.1f} MB, "
            f"encrypted {size / 1e6:.1f} MB"
        )

        # ---- unlock
        salt = (enc_dir / "fieldkit.db").read_bytes()[:16]
        kdf = [timed(derive_key, PASS, salt)[0] for _ in range(args.rounds)]
        op, oe = [], []
        for _ in range(args.rounds):
            t, s = timed(open_store, plain_dir)
            s.close()
            op.append(t)
            t, s = timed(open_store, enc_dir, passphrase=PASS)
            s.close()
            oe.append(t)
        print("unlock (median)")
        print(f"  Argon2id alone:                    {median_ms(kdf):7.0f} ms")
        line("open_store", median_ms(op), median_ms(oe), "ms", "(target: encrypted <= 1000 ms)")

        # ---- fieldkit status as a whole process
        exe = [sys.executable, "-m", "fieldkit", "status"]
        env_p = dict(os.environ, FIELDKIT_DATA_DIR=str(plain_dir))
        env_e = dict(os.environ, FIELDKIT_DATA_DIR=str(enc_dir), FIELDKIT_PASSPHRASE=PASS)
        pp, pe = [], []
        for _ in range(args.rounds):
            pp.append(timed(subprocess.run, exe, env=env_p, check=True, capture_output=True)[0])
            pe.append(timed(subprocess.run, exe, env=env_e, check=True, capture_output=True)[0])
        print("fieldkit status, whole process (median; encrypted includes unlocking)")
        line("fieldkit status", median_ms(pp), median_ms(pe), "ms")


if __name__ == "__main__":
    main()
