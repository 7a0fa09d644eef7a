"""What the editor tests share: open an editor and wait until it is ready, save and wait."""

from __future__ import annotations


def ready(qtbot, editor):
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor._ready, timeout=5000)
    return editor


def save(qtbot, editor, timeout: int = 10000):
    with qtbot.waitSignal(editor.saved, timeout=timeout) as blocker:
        assert editor.save() is True
    return blocker.args[0]
