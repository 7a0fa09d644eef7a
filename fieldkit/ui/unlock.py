"""Opening the store when the desktop app starts: unlock, first start, conversion.

    store = open_store_interactively(data_dir)   # None if the user quit
    install_lock(window, store)                  # idle lock, Lock action, change passphrase

First start: the user chooses a passphrase (with a strength meter) and the store is created
encrypted. An existing unencrypted store opens, and the window offers to encrypt it at once (or
not now, and asks again at the next start). An encrypted store: the passphrase, with wrong attempts slowed down.
FIELDKIT_PASSPHRASE, if set, is tried first (scripts, tests, kiosk set-ups).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldKitError
from fieldkit.core.opening import open_store
from fieldkit.core.security.backoff import Backoff, UnlockDelayed
from fieldkit.core.security.errors import (
    DamagedStore,
    WrongPassphrase,
)
from fieldkit.core.security.files import StoreState, store_state
from fieldkit.core.settings import Settings, load_settings
from fieldkit.core.store import Store

from .passphrase import ChoosePassphrase, PassphraseField, StrengthMeter
from .security_words import error_text, forgotten_text, progress_text

__all__ = [  # lock.py and the tests take these from here
    "ChoosePassphrase",
    "ChoosePassphraseDialog",
    "PassphraseField",
    "StrengthMeter",
    "UnlockDialog",
    "error_text",
    "forgotten_text",
    "install_lock",
    "open_store_interactively",
    "progress_text",
]


def _user_words(data_dir: Path) -> tuple[str, ...]:
    try:
        s = load_settings(data_dir)
    except FieldKitError:
        s = Settings()
    return (s.user_name, s.post)


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def show_forgotten(parent: QWidget | None) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("Unlock", "Forgotten passphrase"))
    box.setText(QCoreApplication.translate("Unlock", "A forgotten passphrase cannot be recovered."))
    box.setInformativeText(
        QCoreApplication.translate(
            "Unlock",
            "Nobody, including HQ, can decrypt the data on this laptop without it. Records that "
            "were synced are safe at HQ: ask HQ for a fresh enrolment, which brings the embassy's "
            "records back to a new, empty FieldKit folder. Unsynced changes on this laptop are "
            "lost.",
        )
    )
    box.addButton(QCoreApplication.translate("Unlock", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


class ChoosePassphraseDialog(QDialog):
    """First start (a new encrypted store) or conversion of an unencrypted one."""

    def __init__(
        self,
        data_dir: Path,
        convert: bool,
        parent: QWidget | None = None,
        open_plain: Store | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.convert = convert
        self.open_plain = open_plain  # converting the store the app already has open
        self.store: Store | None = None
        self.plain_chosen = False
        self.setWindowTitle(self.tr("Protect the data on this laptop"))
        self.setMinimumWidth(560)
        if convert:
            intro = self.tr(
                "The records on this laptop are not encrypted: anyone who copies the FieldKit "
                "folder can read them. Choose a passphrase to encrypt them now. Nothing is lost "
                "if this is interrupted."
            )
        else:
            intro = self.tr(
                "FieldKit encrypts everything it keeps on this laptop: records, drafts, history "
                "and photos. Choose a passphrase; you will type it each time FieldKit starts or "
                "is unlocked."
            )
        self.chooser = ChoosePassphrase(_user_words(self.data_dir))
        self.status = _wrapped()
        self.status.setObjectName("unlockStatus")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Encrypt"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        self.ok.setDefault(True)
        if convert:
            self.later = buttons.addButton(
                self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole
            )
        else:
            self.later = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._go)
        self.later.clicked.connect(self._later)
        self.chooser.validityChanged.connect(self.ok.setEnabled)
        lay = QVBoxLayout(self)
        lay.addWidget(_bold(intro))
        lay.addWidget(self.chooser)
        lay.addWidget(_wrapped(forgotten_text()))
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self.chooser.first.setFocus()

    def _later(self) -> None:
        self.plain_chosen = self.convert
        self.reject()

    def _report(self, step: str) -> None:
        self.status.setText(progress_text(step))
        QCoreApplication.processEvents()

    def _go(self) -> None:
        if not self.chooser.is_valid():
            return
        passphrase = self.chooser.passphrase()
        self.ok.setEnabled(False)
        self.later.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.open_plain is not None:
                from fieldkit.core.security.convert import encrypt_open_store

                from . import ops

                ops.wait_all(30_000)  # background reads finish before the file is replaced
                encrypt_open_store(self.open_plain, passphrase, report=self._report)
                self.store = self.open_plain
            elif self.convert:
                from fieldkit.core.security.convert import encrypt_store

                encrypt_store(self.data_dir, passphrase, report=self._report)
                self.store = open_store(self.data_dir, passphrase=passphrase)
            else:
                self._report("creating the encrypted store")
                self.store = open_store(self.data_dir, passphrase=passphrase)
        except FieldKitError as exc:
            self.status.setText(error_text(exc))
            self.ok.setEnabled(self.chooser.is_valid())
            self.later.setEnabled(True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()


class UnlockDialog(QDialog):
    """Ask for the passphrase until ``attempt`` accepts it; wrong attempts are slowed down.

    ``attempt(passphrase)`` returns a result or raises WrongPassphrase / UnlockDelayed /
    DamagedStore; the app's start opens the store with it, the lock screen only checks it.
    """

    def __init__(
        self,
        data_dir: Path,
        attempt: Callable[[str], Any],
        *,
        locked: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.attempt = attempt
        self.locked = locked
        self.result_value: Any = None
        self.backoff = Backoff(self.data_dir)
        self.setObjectName("unlockDialog")
        if locked:
            self.setWindowTitle(self.tr("FieldKit is locked"))
            head = self.tr("FieldKit is locked. Enter the passphrase to continue.")
        else:
            self.setWindowTitle(self.tr("Unlock FieldKit"))
            head = self.tr("Enter the passphrase for the FieldKit data in {folder}.").format(
                folder=self.data_dir
            )
        self.setMinimumWidth(460)
        self.field = PassphraseField(self.tr("Passphrase"))
        self.message = _wrapped()
        self.message.setObjectName("unlockMessage")
        self.message.setStyleSheet("color: #b3261e;")
        forgot = QPushButton(self.tr("Forgot the passphrase?"))
        forgot.setObjectName("linkButton")
        forgot.setFlat(True)
        # Enter is for unlocking: an auto-default button in a dialog takes Enter whenever the
        # default one is disabled (as Unlock is while a wrong passphrase is being checked).
        forgot.setAutoDefault(False)
        forgot.clicked.connect(lambda: show_forgotten(self))
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        quit_text = self.tr("Quit FieldKit") if locked else self.tr("Quit")
        self.quit = buttons.addButton(quit_text, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._try)  # also Enter in the field: Unlock is the default button
        self.quit.clicked.connect(self._quit)
        lay = QVBoxLayout(self)
        lay.addWidget(_bold(head))
        lay.addWidget(self.field)
        lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(forgot)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(buttons)
        self.quit_requested = False
        self._countdown = QTimer(self)
        self._countdown.setInterval(500)
        self._countdown.timeout.connect(self._tick)
        self._tick()
        self.field.setFocus()

    def reject(self) -> None:  # Esc or the window's close button
        if not self.locked:  # a lock screen is left only by unlocking or quitting
            self._quit()

    def _quit(self) -> None:
        self.quit_requested = True
        super().reject()

    def _tick(self) -> None:
        wait = self.backoff.remaining()
        if wait > 0:
            self.ok.setEnabled(False)
            self.message.setText(
                self.tr("Too many wrong passphrases. Try again in {n} s.").format(
                    n=int(wait + 0.999)
                )
            )
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self._countdown.stop()
            if not self.ok.isEnabled():
                self.ok.setEnabled(True)
                self.message.setText("")

    def _try(self) -> None:
        if not self.ok.isEnabled():
            return
        passphrase = self.field.text()
        if not passphrase:
            self.message.setText(self.tr("Type the passphrase first."))
            return
        self.ok.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_value = self.attempt(passphrase)
        except WrongPassphrase:
            self.field.clear()
            self.ok.setEnabled(True)
            failures = self.backoff.load().failures
            self.message.setText(
                self.tr("Wrong passphrase ({n} wrong in a row).").format(n=failures)
            )
            self._tick()
            return
        except UnlockDelayed:
            self._tick()
            return
        except DamagedStore as exc:
            self.message.setText(error_text(exc))
            return  # Unlock stays disabled: the file needs help, not more guesses
        except FieldKitError as exc:
            self.ok.setEnabled(True)
            self.message.setText(error_text(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.field.clear()
        self.accept()


def open_store_interactively(data_dir: Path, parent: QWidget | None = None) -> Store | None:
    """The store for the app, or None if the user gave up (the app then exits quietly)."""
    data_dir = Path(data_dir)
    state = store_state(data_dir)
    env = os.environ.get("FIELDKIT_PASSPHRASE") or None
    if env and state is not StoreState.PLAIN:
        return open_store(data_dir, passphrase=env)
    if state is StoreState.MISSING:
        dialog = ChoosePassphraseDialog(data_dir, convert=False, parent=parent)
        dialog.exec()
        # Deleted by Qt now, not by Python's garbage collector at exit (after QApplication has
        # gone, which crashed the process on the way out).
        dialog.deleteLater()
        return dialog.store
    if state is StoreState.PLAIN:
        # The app opens; ``install_lock`` then offers to encrypt it over the window (and again at
        # every start until it is done), converting the open store in place.
        return open_store(data_dir)
    dialog = UnlockDialog(
        data_dir, lambda p: open_store(data_dir, passphrase=p, create=False), parent=parent
    )
    dialog.exec()
    dialog.deleteLater()
    return dialog.result_value


def install_lock(window, store: Store) -> None:
    """The idle lock, the Lock action (Ctrl+L) and Change passphrase…, added to the window."""
    from fieldkit.ui.lock import AppLock

    window.app_lock = AppLock(window, store)
