"""What the security dialogs say about the core's words, in the interface language.

The core speaks in coded messages (fieldkit.core.messages): strength labels and problems, how long
guessing takes, conversion steps; zxcvbn's own feedback is catalogued word for word. Errors from
unlocking, converting or re-keying are said as one sentence of the dialogs' own.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication

from fieldkit.core import messages
from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import Message, render
from fieldkit.core.security.backoff import UnlockDelayed
from fieldkit.core.security.errors import DamagedStore, NotEncrypted, StoreInUse, WeakPassphrase

# ---- words that come from the core or from zxcvbn, in the interface language -------------------
# The core sends coded messages (fieldkit.core.messages). zxcvbn's feedback is zxcvbn's own
# English: the catalogue holds it word for word under msgctxt "zxcvbn".
ZXCVBN = "zxcvbn"


def strength_label(label: str) -> str:
    return render(label)


def feedback_text(text: str) -> str:
    """A zxcvbn warning or suggestion (or our own hint) in the interface language."""
    return render(text) if isinstance(text, Message) else messages.text(ZXCVBN, text)


def crack_time_text(display: str) -> str:
    """How long guessing would take ("3 hours", "centuries") in the interface language."""
    return render(display)


def problem_text(problem: str) -> str:
    """Why the core's strength check refused a passphrase, in the interface language."""
    if isinstance(problem, Message) and problem.code == "passphrase.too_easy_because":
        # The core quotes zxcvbn's warning in lower case without its full stop; quote the
        # translation the same way (untranslated: the core's quotation stays).
        original = _quoted_warnings().get(problem.params.get("warning", ""))
        translated = feedback_text(original) if original else None
        if translated and translated != original:
            problem = Message(problem.code, warning=translated.rstrip(".。"))
    return render(problem)


@cache
def _quoted_warnings() -> dict[str, str]:
    english = messages.catalogue(messages.SOURCE).entries.values()
    return {e.source.rstrip(".").lower(): e.source for e in english if e.context == ZXCVBN}


def progress_text(step: str) -> str:
    """A conversion step reported by the core, as the dialog shows it."""
    if getattr(step, "code", "") == "convert.done":
        return QCoreApplication.translate("SecurityWording", "Done.")
    text = render(step)
    return text[:1].upper() + text[1:] + "…"


def forgotten_text() -> str:
    """fieldkit.core.security.errors.FORGOTTEN in the interface language (a test keeps them equal)."""
    return QCoreApplication.translate(
        "Unlock",
        "A forgotten passphrase cannot be recovered: nobody, including HQ, can decrypt this "
        "laptop's store without it. Records already synced are safe at HQ; a fresh enrolment "
        "brings the embassy's records back.",
    )


def error_text(exc: FieldKitError) -> str:
    """A refusal from the core as one sentence in the interface language (details kept)."""
    if isinstance(exc, UnlockDelayed):
        return QCoreApplication.translate(
            "Unlock", "Too many wrong passphrases. Try again in {n} s."
        ).format(n=int(exc.wait + 0.999))
    if isinstance(exc, StoreInUse):
        return QCoreApplication.translate(
            "Unlock",
            "The data is open in another FieldKit window or command. Close it and try again.",
        )
    if isinstance(exc, DamagedStore):
        return QCoreApplication.translate(
            "Unlock",
            "The data file is damaged or was altered, so FieldKit cannot open it. It was left "
            "untouched. Details: {detail}",
        ).format(detail=exc)
    if isinstance(exc, WeakPassphrase):
        return QCoreApplication.translate("Unlock", "The new passphrase is not strong enough.")
    if isinstance(exc, NotEncrypted):
        return QCoreApplication.translate("Unlock", "The data on this laptop is not encrypted.")
    return QCoreApplication.translate("Unlock", "This could not be done: {detail}").format(
        detail=exc
    )
