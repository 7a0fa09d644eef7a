"""Wrong passphrases slow the next attempt down, across restarts of the app or the command.

The count lives in a small plain file beside the store (``unlock-attempts.json``): it must be
readable before the store is unlocked. It holds times only, nothing from the records. Someone who
copies the store file can of course skip this; what protects a copied file is the cost of Argon2 on
every guess. The delay is against guessing at the keyboard of a found laptop. Failures are written
to the store's audit log at the next successful unlock.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import write_text
from ..errors import StoreError

ATTEMPTS_FILE = "unlock-attempts.json"
FREE_ATTEMPTS = 3  # typos happen: the first three wrong attempts cost nothing extra
MAX_DELAY = 300.0
MAX_KEPT = 100  # failure times kept for the audit log
MAX_COUNTED = 1_000_000  # a count beyond this is as good as this (and an edited file anyway)
_MAX_DOUBLINGS = 9  # 2**9 = 512 s > MAX_DELAY: beyond this the cap holds, no float overflows


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong attempts in a row: 0,0,0, 2, 4, 8, ... 300.

    Any count, however absurd (10**30, negative), gives a delay between 0 and MAX_DELAY.
    """
    if failures < FREE_ATTEMPTS:
        return 0.0
    doublings = min(failures - FREE_ATTEMPTS + 1, _MAX_DOUBLINGS)
    return min(MAX_DELAY, float(2**doublings))


class UnlockDelayed(StoreError):
    """Too many wrong passphrases: the next attempt is allowed only after ``wait`` seconds."""

    def __init__(self, wait: float, failures: int) -> None:
        self.wait = wait
        self.failures = failures
        super().__init__(
            f"{failures} wrong passphrases in a row: wait {int(wait + 0.999)} s before trying again"
        )


@dataclass
class Attempts:
    failures: int = 0
    last_failure: float = 0.0  # epoch seconds
    times: list[str] = field(default_factory=list)  # ISO times of failures not yet audited


class Backoff:
    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(data_dir) / ATTEMPTS_FILE
        self.clock = clock

    def load(self) -> Attempts:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            failures = int(data.get("failures", 0))
            last = float(data.get("last_failure", 0.0))
            times = [str(t)[:40] for t in data.get("times", [])][-MAX_KEPT:]
            if not math.isfinite(last):
                raise ValueError("last_failure is not a time")
            return Attempts(max(0, min(failures, MAX_COUNTED)), last, times)
        except FileNotFoundError:
            return Attempts()
        except (OSError, ValueError, TypeError, AttributeError, OverflowError, RecursionError):
            # Damaged or edited: do not lock the owner out, but do not forget failures either.
            return Attempts(failures=FREE_ATTEMPTS, last_failure=self.clock())

    def remaining(self) -> float:
        """Seconds until the next attempt is allowed (0 if now)."""
        state = self.load()
        now = self.clock()
        # A failure "in the future" (a clock set back, an edited file) must not make the owner
        # wait the longest delay again and again until the clock catches up: a little ahead
        # counts as now, far ahead (more than the longest delay) as long enough ago.
        last = state.last_failure
        if last > now:
            last = now if last - now <= MAX_DELAY else now - MAX_DELAY
        wait = last + delay_after(state.failures) - now
        return max(0.0, min(wait, MAX_DELAY))

    def check(self) -> None:
        wait = self.remaining()
        if wait > 0:
            raise UnlockDelayed(wait, self.load().failures)

    def failed(self) -> Attempts:
        state = self.load()
        now = self.clock()
        state.failures += 1
        state.last_failure = now
        state.times = [*state.times, datetime.fromtimestamp(now, UTC).isoformat()][-MAX_KEPT:]
        self._save(state)
        return state

    def clear(self) -> None:
        """After a successful unlock (and after its failures went into the audit log)."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def _save(self, state: Attempts) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text(
            self.path,
            json.dumps(
                {
                    "failures": state.failures,
                    "last_failure": state.last_failure,
                    "times": state.times,
                }
            ),
            private=True,
        )
