"""How hard a passphrase is to guess, for the meter in the app and the check in the CLI.

zxcvbn (Dropbox's estimator) knows common passwords, names, dictionary words, keyboard patterns,
dates and l33t substitutions, which a length-and-character-classes rule does not. Anything the user
has told FieldKit about themselves (name, post) counts as guessable too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn 0-4: 3 is "safely unguessable" against an offline attack on a slow hash
MAX_CHECKED = 100  # zxcvbn's cost grows with length; beyond this a passphrase is long enough

LABELS = ("very weak", "weak", "fair", "strong", "very strong")


@dataclass(frozen=True)
class Strength:
    score: int  # 0-4
    label: str
    acceptable: bool
    problem: str = ""  # why it is not acceptable, one sentence
    hints: list[str] = field(default_factory=list)
    crack_time: str = ""  # offline, slow hash: what the Argon2 cost buys


def check_strength(passphrase: str, user_words: Iterable[str] = ()) -> Strength:
    if not passphrase:
        return Strength(0, LABELS[0], False, "the passphrase is empty")
    from zxcvbn import zxcvbn

    words = [w for w in user_words if w] + ["fieldkit", "embassy", "japan", "jica", "mofa"]
    result = zxcvbn(passphrase[:MAX_CHECKED], user_inputs=words)
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    hints = [h for h in feedback.get("suggestions", []) if h]
    warning = feedback.get("warning") or ""
    crack = result.get("crack_times_display", {}).get("offline_slow_hashing_1e4_per_second", "")
    problem = ""
    if len(passphrase) < MIN_LENGTH:
        problem = f"it is shorter than {MIN_LENGTH} characters"
    elif passphrase != passphrase.strip():
        problem = "it starts or ends with a space (easy to get wrong when typing it later)"
    elif score < MIN_SCORE:
        problem = "it is too easy to guess" + (
            f" ({warning.rstrip('.').lower()})" if warning else ""
        )
    if not hints and problem:
        hints = ["Use four or more unrelated words, or a long sentence only you would write."]
    return Strength(score, LABELS[score], not problem, problem, hints, crack)
