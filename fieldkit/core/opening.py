"""Opening the user's store: the one entry point the CLI and the desktop app share.

No passphrase: the unencrypted store (a new folder gets an unencrypted one, as scripts and tests
expect); an encrypted store then asks for its passphrase. With a passphrase: the encrypted store,
created encrypted if new; an unencrypted one is not converted behind the user's back
(``fieldkit encrypt`` or the app's offer does that, deliberately).
"""

from __future__ import annotations

from pathlib import Path

from .messages import Message
from .store import Store


def open_store(data_dir: Path, *, passphrase: str | None = None, create: bool = True) -> Store:
    from .security.files import StoreState, store_path, store_state, truncation_problem

    data_dir = Path(data_dir)
    state = store_state(data_dir)
    if passphrase is None:
        if state is StoreState.ENCRYPTED:
            from .errors import StoreError
            from .security.errors import PassphraseRequired

            # An encrypted store is whole pages of noise; anything else is some other file.
            why = truncation_problem(store_path(data_dir))
            if why:
                raise StoreError(
                    Message("store.not_fieldkit_why", path=str(store_path(data_dir)), why=why)
                )
            raise PassphraseRequired(
                Message("store.passphrase_required", path=str(store_path(data_dir)))
            )
        return Store.open(data_dir, create=create, lock=_shared_lock)
    if state is StoreState.PLAIN:
        from .security.errors import NotEncrypted

        raise NotEncrypted(Message("store.not_encrypted_yet", path=str(store_path(data_dir))))
    from .security.unlocking import open_encrypted

    return open_encrypted(data_dir, passphrase, create=create, lock=_shared_lock)


def _shared_lock(data_dir: Path):
    """A shared lock on the store: encrypting or re-keying it elsewhere waits until it closes."""
    from .security.inuse import StoreLock

    return StoreLock.shared(data_dir)
