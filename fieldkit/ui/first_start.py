"""Who drafts the records: asked when the app starts and the settings do not say.

Every record carries its drafter's name and post, and printed records show them in the
signature box; without a name FieldKit would fall back to the login name ("root" on many field
laptops). The app asks right after the passphrase on first start, and at each start until a
name is given. The same values are Settings → "Your name" / "Post (embassy)" and
``fieldkit config user_name NAME`` / ``fieldkit config post NAME``; FIELDKIT_USER (scripts)
answers the question too.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.settings import Settings, load_settings, save_settings
from fieldkit.ui.post_picker import PostPicker


def needs_asking(settings: Settings) -> bool:
    return not settings.user_name.strip() and not os.environ.get("FIELDKIT_USER")


class WhoDialog(QDialog):
    """Name and post, both needed to go on; "Later" asks again at the next start."""

    def __init__(self, data_dir: Path, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.setObjectName("whoDialog")
        self.setWindowTitle(self.tr("Who is using FieldKit"))
        self.setMinimumWidth(460)
        intro = QLabel(
            self.tr(
                "Your name and post are written on every record you draft and printed in its "
                "signature box. You can change them later in Settings."
            )
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(settings.user_name)
        self.name.setPlaceholderText(self.tr("e.g. Sato Yuki"))
        self.post = PostPicker(settings.post)  # a post code, chosen from the list HQ publishes
        self.post.setPlaceholderText(self.tr("e.g. Embassy of Japan in Kenya"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Post (embassy)"), self.post)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.later = buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.later.setAutoDefault(False)
        self.ok.clicked.connect(self.accept)
        self.later.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.name.setFocus()

    def accept(self) -> None:
        name, post = self.name.text().strip(), self.post.text().strip()
        if not name or not post:
            self.error.setText(self.tr("Give both your name and your post."))
            self.error.show()
            (self.name if not name else self.post).setFocus()
            return
        try:
            new = Settings.model_validate(
                {**self.settings.model_dump(), "user_name": name, "post": post}
            )
            save_settings(self.data_dir, new)
        except (OSError, ValueError) as exc:
            self.error.setText(
                self.tr("Could not save the settings: {reason}").format(
                    reason=getattr(exc, "strerror", None) or exc
                )
            )
            self.error.show()
            return
        self.settings = new
        super().accept()


def ask_who_if_unknown(data_dir: Path, store=None, parent: QWidget | None = None) -> Settings:
    """Ask for name and post when the settings have no name; the settings in force after."""
    settings = store.settings if store is not None else load_settings(Path(data_dir))
    if not needs_asking(settings):
        return settings
    dialog = WhoDialog(data_dir, settings, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        settings = dialog.settings
        if store is not None:
            store.settings = settings  # the records drafted from now on carry them
    dialog.deleteLater()
    return settings
