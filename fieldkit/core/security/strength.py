"""How hard a passphrase is to guess, for the meter in the app and the check in the CLI.

zxcvbn (Dropbox's estimator) knows common passwords, names, dictionary words, keyboard patterns,
dates and l33t substitutions, which a length-and-character-classes rule does not. Anything the user
has told FieldKit about themselves (name, post) counts as guessable too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fieldkit.core.messages import Message

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn 0-4: 3 is "safely unguessable" against an offline attack on a slow hash
MAX_CHECKED = 100  # zxcvbn's cost grows with length; beyond this a passphrase is long enough

LABELS = ("very weak", "weak", "fair", "strong", "very strong")  # passphrase.strength_0..4


@dataclass(frozen=True)
class Strength:
    score: int  # 0-4
    label: str  # a Message, like problem and crack_time (the English text itself)
    acceptable: bool
    problem: str = ""  # why it is not acceptable, one sentence
    hints: list[str] = field(default_factory=list)  # zxcvbn's own words (msgctxt zxcvbn), or ours
    crack_time: str = ""  # offline, slow hash: what the Argon2 cost buys


def check_strength(passphrase: str, user_words: Iterable[str] = ()) -> Strength:
    if not passphrase:
        return Strength(0, _label(0), False, Message("passphrase.empty"))
    from zxcvbn import zxcvbn

    words = [w for w in user_words if w] + ["fieldkit", "embassy", "japan", "jica", "mofa"]
    result = zxcvbn(passphrase[:MAX_CHECKED], user_inputs=words)
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    hints = [h for h in feedback.get("suggestions", []) if h]
    warning = feedback.get("warning") or ""
    seconds = result.get("crack_times_seconds", {}).get("offline_slow_hashing_1e4_per_second")
    crack = duration(float(seconds)) if seconds is not None else ""
    problem: str = ""
    if len(passphrase) < MIN_LENGTH:
        problem = Message("passphrase.too_short", n=MIN_LENGTH)
    elif passphrase != passphrase.strip():
        problem = Message("passphrase.edge_space")
    elif score < MIN_SCORE:
        # zxcvbn's warning quoted inside the sentence, lower case and without its full stop
        quoted = warning.rstrip(".").lower()
        problem = (
            Message("passphrase.too_easy_because", warning=quoted)
            if warning
            else Message("passphrase.too_easy")
        )
    if not hints and problem:
        hints = [Message("passphrase.hint")]
    return Strength(score, _label(score), not problem, problem, hints, crack)


def _label(score: int) -> Message:
    return Message(f"passphrase.strength_{score}")


def duration(seconds: float) -> Message:
    """How long guessing takes, as zxcvbn words it ("3 hours", "centuries"), coded."""
    units = (("second", 1), ("minute", 60), ("hour", 3600), ("day", 86400))
    units += (("month", 86400 * 31), ("year", 86400 * 31 * 12))
    if seconds < 1:
        return Message("duration.less_than_second")
    if seconds >= 86400 * 31 * 12 * 100:
        return Message("duration.centuries")
    name, size = next((n, s) for n, s in reversed(units) if seconds >= s)
    return Message(f"duration.{name}s", n=round(seconds / size))
