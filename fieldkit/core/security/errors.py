"""What can go wrong when unlocking, converting or re-keying; each message says what to do."""

from __future__ import annotations

from ..errors import FieldKitError, StoreError

FORGOTTEN = (
    "A forgotten passphrase cannot be recovered: nobody, including HQ, can decrypt this laptop's "
    "store without it. Records already synced are safe at HQ; a fresh enrolment brings the "
    "embassy's records back."
)


class WrongPassphrase(StoreError):
    """The passphrase does not open the store (or page 1 of the file was altered)."""


class PassphraseRequired(StoreError):
    """The store is encrypted and no passphrase was given."""


class NotEncrypted(StoreError):
    """A passphrase was given for a store that is still unencrypted."""


class DamagedStore(StoreError):
    """The encrypted file is cut short or fails its integrity checks; it was left untouched."""


class StoreInUse(StoreError):
    """Another window or command has the store open; conversion and re-key need it alone."""


class WeakPassphrase(FieldKitError):
    """The new passphrase fails the strength check."""
