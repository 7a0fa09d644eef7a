"""build.spec: it parses, its version rule and its Qt filter do what they say; optionally a build.

The full bundle build takes a minute or two and is what CI's .ci/run does after the tests; set
FIELDKIT_TEST_BUNDLE=1 to run it here too.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"


def spec_parts(*names: str, **namespace) -> dict:
    """Execute only the named top-level definitions of build.spec (no PyInstaller needed)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    wanted = []
    for node in tree.body:
        targets = (
            [node.name]
            if isinstance(node, ast.FunctionDef)
            else [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        )
        if set(targets) & set(names):
            wanted.append(node)
    assert {n.name if isinstance(n, ast.FunctionDef) else n.targets[0].id for n in wanted} == set(
        names
    )
    scope = {"re": re, "sys": sys, "Path": Path, "os": os, "ast": ast, **namespace}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), scope)
    return scope


def test_spec_parses_and_bundles_what_the_app_needs():
    source = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(source)
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and hasattr(n.func, "id")}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= calls
    assert "console=False" in source and "console=True" in source
    for icon in ("fieldkit.ico", "fieldkit.icns"):
        assert icon in source
        assert (ROOT / "resources" / "icons" / "app" / icon).is_file()


def test_version_comes_from_the_package_and_a_missing_one_stops_the_build(tmp_path):
    from fieldkit import __version__

    assert spec_parts("read_version", ROOT=ROOT)["read_version"]() == __version__
    package = tmp_path / "fieldkit"
    package.mkdir()
    for text in ('"""No version here."""\n', '__version__ = ""\n', "__version__ = None\n"):
        (package / "__init__.py").write_text(text, encoding="utf-8")
        with pytest.raises(SystemExit, match="__version__"):
            spec_parts("read_version", ROOT=tmp_path)["read_version"]()


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", False),
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", False),
        ("PySide6/Qt/lib/libQt6PdfQuick.so.6", False),
        ("libQt6Quick.so.6", False),  # the top-level link to it goes too
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("PySide6/Qt/lib/libQt6PdfWidgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6", True),
        ("libQt6Core.so.6", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqlinuxfb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so", False),
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qt_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_ja.qm", False),
        ("PySide6/Qt/translations/qtwebengine_ja.qm", False),
        ("PySide6/Qt/libexec/QtWebEngineProcess", False),
        ("PySide6/Qt/lib/QtQuick.framework/Versions/A/Resources/Info.plist", False),  # macOS
        ("PySide6/Qt/lib/QtPdf.framework/Versions/A/QtPdf", True),
        ("resources/fonts/ipaexg.ttf", True),
        ("resources/messages/ja.po", True),  # every FieldKit text in Japanese
        ("resources/messages/messages.pot", True),
        ("sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux file names")
def test_qt_filter_keeps_what_the_app_uses(dest, kept):
    names = ("QT_DROP", "KEEP_PLATFORMS", "KEEP_PLUGIN_DIRS", "KEEP_IMAGE_PLUGINS")
    scope = spec_parts(*names, "KEEP_TRANSLATION", "keep")
    assert scope["keep"](dest) is kept


@pytest.mark.skipif(
    os.environ.get("FIELDKIT_TEST_BUNDLE") != "1", reason="set FIELDKIT_TEST_BUNDLE=1 (slow)"
)
def test_bundle_builds_and_passes_its_selftest(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
         "--distpath", str(dist), "--workpath", str(work)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    exe = (
        dist
        / "FieldKit"
        / ("fieldkit-console.exe" if sys.platform == "win32" else "fieldkit-console")
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDKIT_DATA_DIR=str(tmp_path / "user"))
    result = subprocess.run(
        [str(exe), "--selftest"], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(bundle," in result.stdout and "self-test passed" in result.stdout
