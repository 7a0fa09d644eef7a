"""Settings: who you are, your post, default marking, language, paper size, HQ server.

Saved to ``<data dir>/settings.json`` through ``fieldkit.core.settings`` (the same file the CLI's
``fieldkit config`` edits). A bad value is shown beside its field and nothing is saved. A new
language applies at once: the translators are swapped and every window retranslates itself.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.reference import reference
from fieldkit.core.settings import Settings, load_settings, save_settings
from fieldkit.ui import i18n
from fieldkit.ui.post_picker import PostPicker


def check_server_url(text: str) -> str | None:
    """None if ``text`` is empty or an http(s) address with a host, else the reason."""
    text = text.strip()
    if not text:
        return None
    if any(c.isspace() for c in text):
        return QCoreApplication.translate("SettingsDialog", "an address cannot contain spaces")
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return QCoreApplication.translate(
            "SettingsDialog", "expected an address like https://hq.example.go.jp"
        )
    return None


class SettingsDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None, store=None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.store = store
        self.settings = load_settings(self.data_dir)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)

        s = self.settings
        self.user_name = QLineEdit(s.user_name)
        self.post = PostPicker(s.post)  # a post code, chosen from the list HQ publishes
        self.post.setPlaceholderText(self.tr("e.g. Embassy of Japan in Kenya"))
        self.classification = QComboBox()
        lang = i18n.current_language()
        for code, level in reference().classifications.items():
            self.classification.addItem(level.label(lang), code)
        current = s.default_classification or reference().default_classification
        self.classification.setCurrentIndex(max(self.classification.findData(current), 0))
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("日本語", "ja")
        self.language.setCurrentIndex(max(self.language.findData(s.language), 0))
        self.paper = QComboBox()
        self.paper.addItem("A4", "A4")
        self.paper.addItem("Letter", "Letter")
        self.paper.setCurrentIndex(max(self.paper.findData(s.paper_size), 0))
        self.server = QLineEdit(s.server_url)
        self.server.setPlaceholderText("https://")
        self.server_error = QLabel()
        self.server_error.setObjectName("fieldError")
        self.server_error.setWordWrap(True)
        self.server_error.hide()
        self.server.textChanged.connect(lambda _t: self._validate())
        self.form_error = QLabel()
        self.form_error.setObjectName("fieldError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Your name"), self.user_name)
        form.addRow(self.tr("Post (embassy)"), self.post)
        form.addRow(self.tr("Default marking"), self.classification)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Paper size"), self.paper)
        form.addRow(self.tr("HQ server address"), self.server)
        form.addRow("", self.server_error)
        for field, name in (
            (self.user_name, self.tr("Your name")),
            (self.post, self.tr("Post (embassy)")),
            (self.classification, self.tr("Default marking")),
            (self.language, self.tr("Language")),
            (self.paper, self.tr("Paper size")),
            (self.server, self.tr("HQ server address")),
        ):
            field.setAccessibleName(name)
        note = QLabel(self.tr("Your name and post are written on every record you create or edit."))
        note.setObjectName("hint")
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def _validate(self) -> bool:
        problem = check_server_url(self.server.text())
        self.server_error.setText(
            self.tr("HQ server address: {problem}").format(problem=problem) if problem else ""
        )
        self.server_error.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)
        return problem is None

    def values(self) -> dict:
        return {
            "user_name": self.user_name.text().strip(),
            "post": self.post.text().strip(),
            "default_classification": self.classification.currentData() or "",
            "language": self.language.currentData() or "",
            "paper_size": self.paper.currentData(),
            "server_url": self.server.text().strip(),
        }

    def accept(self) -> None:
        if not self._validate():
            return
        try:
            new = Settings.model_validate({**self.settings.model_dump(), **self.values()})
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            self.form_error.setText(f"{where}: {first.get('msg', '')}")
            self.form_error.show()
            return
        try:
            save_settings(self.data_dir, new)
        except OSError as exc:
            self.form_error.setText(
                self.tr("Could not save the settings: {reason}").format(reason=exc.strerror or exc)
            )
            self.form_error.show()
            return
        old_language = self.settings.language
        self.settings = new
        if self.store is not None:
            self.store.settings = new  # new records get the new name and post at once
        if new.language != old_language:
            i18n.apply_language(new.language)
        super().accept()


def edit_settings(parent: QWidget | None, data_dir: Path, store=None) -> Settings | None:
    """Show the dialog; the saved settings, or None if cancelled."""
    dialog = SettingsDialog(data_dir, parent, store)
    return dialog.settings if dialog.exec() == QDialog.DialogCode.Accepted else None
