"""The app lock: after ``settings.lock_minutes`` without input, or on demand (Ctrl+L).

Locking covers every FieldKit window with an opaque panel, replaces window titles (an editor's
title names its record) and shows the unlock screen; only the passphrase, or quitting, leaves it.
Open editors and dialogs stay as they were underneath, so nothing typed is lost; their drafts
keep being saved into the encrypted store. The store stays open while locked: the lock keeps
out someone at the keyboard, the encryption protects a laptop that is switched off or stolen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldKitError
from fieldkit.core.security.backoff import Backoff
from fieldkit.core.security.blobs import EncryptedBlobStore
from fieldkit.core.security.errors import WrongPassphrase
from fieldkit.core.security.unlocking import verify_passphrase
from fieldkit.core.store import Store

from .unlock import (
    ChoosePassphrase,
    ChoosePassphraseDialog,
    PassphraseField,
    UnlockDialog,
    error_text,
    forgotten_text,
    progress_text,
)

MS_PER_MINUTE = 60_000  # tests shorten it
INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class Cover(QWidget):
    """An opaque panel over a whole window, following its size."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        label = QLabel(self.tr("FieldKit is locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        self.setGeometry(target.rect())
        target.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect())
            self.raise_()
        return False


class AppLock(QObject):
    def __init__(self, window, store: Store) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.locked = False
        self._covers: list[tuple[QWidget, Cover, str]] = []
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

        self.lock_action = QAction(window)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.change_action = QAction(window)
        self.change_action.setObjectName("changePassphraseAction")
        self.change_action.triggered.connect(self.change_passphrase)
        self.change_action.setEnabled(self.encrypted)
        self.retranslate()
        self._add_to_menu()
        self.restart()
        if not self.encrypted:
            QTimer.singleShot(0, self.offer_encryption)

    def retranslate(self) -> None:
        self.lock_action.setText(self.tr("Lock FieldKit"))
        self.change_action.setText(self.tr("Change passphrase…"))

    @property
    def encrypted(self) -> bool:
        return isinstance(self.store.blobs, EncryptedBlobStore)

    def _add_to_menu(self) -> None:
        menu = getattr(self.window, "file_menu", None)
        if menu is None:
            menus = self.window.menuBar().actions()
            menu = menus[0].menu() if menus else self.window.menuBar().addMenu(self.tr("&File"))
        quit_action = getattr(self.window, "acts", {}).get("quit")
        before = quit_action if quit_action in menu.actions() else None
        for action in (self.lock_action, self.change_action):
            if before is not None:
                menu.insertAction(before, action)
            else:
                menu.addAction(action)
        if before is not None:
            menu.insertSeparator(before)
        self.window.addAction(self.lock_action)  # the shortcut works with the menu closed too

    # ---- idle ----------------------------------------------------------------------------------
    def minutes(self) -> int:
        return int(getattr(self.store.settings, "lock_minutes", 0) or 0)

    def restart(self) -> None:
        if self.locked:
            return
        minutes = self.minutes()
        if minutes > 0:
            self.idle.start(minutes * MS_PER_MINUTE)
        else:
            self.idle.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.window and event.type() == QEvent.Type.LanguageChange:
            # A QObject gets no LanguageChange of its own; the window's tells us the menu changed.
            self.retranslate()
        if obj is self.window and event.type() == QEvent.Type.Close:
            # The offer must not outlive the window (it would stay up as a modal orphan).
            offer = getattr(self, "offer", None)
            if offer is not None and offer.isVisible():
                offer.reject()
            self.idle.stop()
        if not self.locked and event.type() in INPUT_EVENTS:
            # Restarting a running timer is cheap; input events arrive a few hundred per second.
            self.restart()
        return False

    # ---- locking -------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.stop()
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and not isinstance(w, UnlockDialog) and not w.inherits("QMenu"):
                self._covers.append((w, Cover(w), w.windowTitle()))
                w.setWindowTitle(self.tr("FieldKit (locked)"))
        if not self.encrypted:
            # Nothing to check a passphrase against: say so rather than pretend.
            QMessageBox.information(
                self.window,
                self.tr("FieldKit is locked"),
                self.tr(
                    "This store is not encrypted, so it has no passphrase: anyone can unlock it. "
                    "Encrypt it (restart FieldKit and accept the offer) to protect it."
                ),
            )
            self._unlock()
            return
        self.dialog = UnlockDialog(
            self.store.data_dir,
            lambda p: verify_passphrase(self.store, p),
            locked=True,
            parent=self.window,
        )
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.exec()
        if self.dialog.quit_requested:
            QApplication.closeAllWindows()
            QApplication.quit()
            return
        self._unlock()

    def _unlock(self) -> None:
        for w, cover, title in self._covers:
            try:
                w.removeEventFilter(cover)
                cover.deleteLater()
                w.setWindowTitle(title)
            except RuntimeError:  # the window was closed meanwhile
                pass
        self._covers = []
        self.locked = False
        self.restart()

    # ---- encrypting an unencrypted store -------------------------------------------------------
    def offer_encryption(self) -> None:
        """Over the window, not blocking it: the user may say "Not now" and is asked next time."""
        self.offer = ChoosePassphraseDialog(
            self.store.data_dir, convert=True, parent=self.window, open_plain=self.store
        )
        self.offer.accepted.connect(self._encrypted)
        self.offer.open()

    def _encrypted(self) -> None:
        self.change_action.setEnabled(self.encrypted)
        show = getattr(self.window, "show_status", None)
        if show:
            show(self.tr("The data on this laptop is now encrypted."))

    # ---- passphrase change ---------------------------------------------------------------------
    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.store, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            show = getattr(self.window, "show_status", None)
            if show:
                show(self.tr("Passphrase changed."))


class ChangePassphraseDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Change passphrase"))
        self.setMinimumWidth(520)
        self.current = PassphraseField(self.tr("Current passphrase"))
        self.chooser = ChoosePassphrase((store.settings.user_name, store.settings.post))
        self.chooser.first_label.setText(self.tr("New passphrase:"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("changeMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Change"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        self.cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.clicked.connect(self.reject)
        self.ok.clicked.connect(self._go)
        self.chooser.validityChanged.connect(self.ok.setEnabled)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Current passphrase:")))
        lay.addWidget(self.current)
        lay.addWidget(self.chooser)
        note = QLabel(forgotten_text())
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def _go(self) -> None:
        from PySide6.QtGui import QGuiApplication

        from fieldkit.core.security.convert import change_passphrase

        from . import ops

        if not self.current.text():
            self.message.setText(self.tr("Type the current passphrase first."))
            return
        if self.current.text() == self.chooser.passphrase():
            self.message.setText(self.tr("The new passphrase is the same as the current one."))
            return
        self.ok.setEnabled(False)
        ops.wait_all(30_000)  # background reads finish before the file is swapped
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            change_passphrase(
                self.store, self.current.text(), self.chooser.passphrase(), report=self._report
            )
        except WrongPassphrase:
            self.current.clear()
            failures = Backoff(self.store.data_dir).load().failures
            self.message.setText(
                self.tr(
                    "The current passphrase is wrong; nothing was changed ({n} wrong in a row)."
                ).format(n=failures)
            )
            self.ok.setEnabled(self.chooser.is_valid())
            return
        except FieldKitError as exc:
            self.message.setText(error_text(exc))
            self.ok.setEnabled(self.chooser.is_valid())
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    def _report(self, step: str) -> None:
        self.message.setText(progress_text(step))
        QCoreApplication.processEvents()
