"""The post (embassy, consulate-general, mission) chosen from HQ's list, by typing any part of its
English or Japanese name or its code. ``text()`` is what Settings keeps: the post's code; a post
typed before the list existed (free text) stays as it was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from fieldkit.core.reference import reference
from fieldkit.ui import i18n


class PostPicker(QComboBox):
    def __init__(self, value: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._by_key: dict[str, str] = {}
        ja = i18n.current_language() == "ja"
        self.addItem("", None)
        posts = sorted(
            reference().offered("posts").values(), key=lambda p: p.label("ja" if ja else "en")
        )
        for p in posts:
            first, second = (p.name_ja, p.name) if ja else (p.name, p.name_ja)
            self.addItem(f"{first} / {second}", p.code)
            for key in (f"{first} / {second}", p.code, p.name, p.name_ja):
                self._by_key[key.casefold()] = p.code
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumWidth(320)
        self.setText(value)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - the name QLineEdit uses
        self.lineEdit().setPlaceholderText(text)

    def text(self) -> str:
        """The post's code when the text names a post of the list, else the text as typed."""
        typed = self.currentText().strip()
        return self._by_key.get(typed.casefold(), typed)

    def setText(self, value: str) -> None:  # noqa: N802 - the name QLineEdit uses
        code = self._by_key.get((value or "").strip().casefold())
        post = reference().post(code or value or "")
        i = self.findData(post.code) if post else -1
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setCurrentIndex(0)
            self.setEditText(value or "")
