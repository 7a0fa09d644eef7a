"""What Help > About shows: the version, where the data lives, and what FieldKit is built from.

Everything here is read from the running installation, never typed in by hand: libraries and their
licences from ``importlib.metadata`` (the bundle carries the ``.dist-info`` folders of exactly the
distributions it contains), fonts from the files in ``resources/fonts`` and the licence files beside
them. No Qt here, so the same information is available to ``--selftest`` and to support scripts.

    >>> info = about_info()
    >>> info.version, info.data_dir
    ('0.1.0', PosixPath('/home/sato/.local/share/FieldKit'))
    >>> [c.name for c in info.libraries][:3]
    ['annotated-types', 'anyio', 'argon2-cffi']
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import platform
import re
import struct
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fieldkit import __version__

ROOT_DISTRIBUTION = "fieldkit"
FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}
# Names a licence file goes by, in distributions and in font folders.
_LICENCE_NAME = re.compile(r"(licen[cs]e|copying|notice|ofl|copyright)", re.IGNORECASE)
_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Component:
    """One library or font that ships with FieldKit, and the licence it ships under."""

    kind: str  # "library" or "font"
    name: str
    version: str
    licence: str  # short form: an SPDX expression or the licence's own title
    copyright: str = ""
    url: str = ""
    # Where the full texts are: names inside the distribution's metadata, or font-folder paths.
    licence_files: tuple[str, ...] = ()

    def licence_text(self) -> str:
        """The full licence texts, one after another, or '' when none is shipped."""
        texts = []
        for name in self.licence_files:
            text = _read_licence_file(self, name)
            if text:
                texts.append(f"==> {Path(name).name} <==\n{text.strip()}\n")
        return "\n".join(texts)


@dataclass(frozen=True)
class AboutInfo:
    version: str
    data_dir: Path
    python: str
    platform: str
    bundled: bool  # running from a PyInstaller bundle rather than a Python environment
    qt: str  # the Qt for Python version, from metadata (Qt itself is not imported here)
    libraries: list[Component] = field(default_factory=list)
    fonts: list[Component] = field(default_factory=list)

    def as_text(self) -> str:
        """A plain-text summary, for support requests ("copy to clipboard")."""
        lines = [
            f"FieldKit {self.version}",
            f"Data folder: {self.data_dir}",
            f"Python {self.python} on {self.platform}" + (" (bundled)" if self.bundled else ""),
            f"Qt for Python {self.qt}",
            "",
            "Fonts:",
        ]
        lines += [f"  {c.name} {c.version} - {c.licence}" for c in self.fonts] or ["  (none)"]
        lines += ["", "Libraries:"]
        lines += [f"  {c.name} {c.version} - {c.licence}" for c in self.libraries]
        return "\n".join(lines)


def about_info(data_dir: str | os.PathLike | None = None) -> AboutInfo:
    from fieldkit.core.paths import resolve_data_dir

    try:
        qt = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        qt = "not installed"
    return AboutInfo(
        version=app_version(),
        data_dir=resolve_data_dir(data_dir),
        python=platform.python_version(),
        platform=f"{platform.system()} {platform.release()} ({platform.machine()})",
        bundled=bool(getattr(sys, "frozen", False)),
        qt=qt,
        libraries=libraries(),
        fonts=fonts(),
    )


def app_version() -> str:
    """The version the package declares; the build refuses to bundle a FieldKit without one."""
    return __version__


# ---- libraries -----------------------------------------------------------------------------------
def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


DESKTOP_EXTRA = 'extra == "desktop"'


def runtime_distributions(root: str = ROOT_DISTRIBUTION) -> list[str]:
    """The installed distributions FieldKit needs at run time: its requirements, recursively.

    Requirements behind an extra are skipped, except FieldKit's own ``desktop`` extra (Qt, which
    the app needs and a server install leaves out); ones for another platform are skipped because they
    are not installed. In a bundle only the metadata the build copied exists, so this lists exactly
    what was bundled.
    """
    seen: dict[str, str] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = _canonical(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist.metadata["Name"] or name
        for requirement in dist.requires or []:
            marker = re.sub(r"extra\s*==\s*", "extra == ", requirement.replace("'", '"'))
            # FieldKit's own desktop extra (Qt) is part of the app; other extras are not.
            if "extra ==" in marker and not (key == _canonical(root) and DESKTOP_EXTRA in marker):
                continue
            match = _REQUIREMENT_NAME.match(requirement)
            if match:
                todo.append(match.group(1))
    seen.pop(_canonical(root), None)
    return sorted(seen.values(), key=str.lower)


@cache
def libraries() -> list[Component]:
    out = []
    for name in runtime_distributions():
        dist = metadata.distribution(name)
        meta = dist.metadata
        files = _distribution_licence_files(dist)
        out.append(
            Component(
                kind="library",
                name=meta["Name"] or name,
                version=dist.version,
                licence=_short_licence(meta, dist, files),
                copyright=meta.get("Author") or meta.get("Maintainer") or "",
                url=_project_url(meta),
                licence_files=tuple(files),
            )
        )
    return out


def _distribution_licence_files(dist: metadata.Distribution) -> list[str]:
    """Paths, relative to the .dist-info folder, of the licence texts the distribution ships."""
    found: list[str] = []
    for declared in dist.metadata.get_all("License-File") or []:
        for candidate in (f"licenses/{declared}", declared):
            if dist.read_text(candidate) is not None:
                found.append(candidate)
                break
    if found:
        return found
    for path in dist.files or []:  # older wheels: licence files without a License-File header
        parts = Path(str(path)).parts
        if len(parts) >= 2 and parts[0].endswith(".dist-info") and _LICENCE_NAME.search(parts[-1]):
            found.append("/".join(parts[1:]))
    return found


def _short_licence(meta, dist: metadata.Distribution, files: list[str]) -> str:
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    declared = (meta.get("License") or "").strip()
    if declared and "\n" not in declared and len(declared) <= 40:
        return declared
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return " / ".join(classifiers)
    for name in files:
        recognised = recognise_licence(dist.read_text(name) or "")
        if recognised:
            return recognised
    if declared:
        return declared.splitlines()[0][:60]
    return "see licence text" if files else "unknown"


# Phrases that identify a licence text whose file does not say its name (first match wins).
_SIGNATURES = (
    ("GNU LESSER GENERAL PUBLIC LICENSE", "LGPL"),
    ("GNU GENERAL PUBLIC LICENSE", "GPL"),
    ("Apache License", "Apache-2.0"),
    ("Mozilla Public License", "MPL-2.0"),
    ("SIL OPEN FONT LICENSE", "OFL-1.1"),
    ("IPA Font License", "IPA"),
    ("Permission is granted to anyone to use this software for any purpose", "Zlib"),
    ("Permission is hereby granted, free of charge", "MIT"),
    ("Redistribution and use in source and binary forms", "BSD"),
)


def recognise_licence(text: str) -> str:
    """A short licence name for a licence text, from the phrases that identify it, else ''."""
    folded = " ".join(text.split()).lower()
    for phrase, name in _SIGNATURES:
        if phrase.lower() in folded:
            return name
    return ""


def _project_url(meta) -> str:
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
            return url.strip()
    return meta.get("Home-page") or ""


# ---- fonts ---------------------------------------------------------------------------------------
def fonts(folder: Path | None = None) -> list[Component]:
    """The fonts in ``resources/fonts`` (any depth), each with the licence files beside it."""
    if folder is None:
        from fieldkit.core.resources import resource_path

        try:
            folder = resource_path("fonts")
        except FileNotFoundError:
            return []
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES):
        names = font_names(path)
        licences = _font_licence_files(path, names.get("family", ""))
        out.append(
            Component(
                kind="font",
                name=names.get("full") or names.get("family") or path.stem,
                version=_font_version(names.get("version", "")),
                licence=names.get("licence_title") or _recognise_files(licences) or "unknown",
                copyright=names.get("copyright", ""),
                url=names.get("licence_url", ""),
                licence_files=tuple(str(p) for p in licences),
            )
        )
    return out


def _font_licence_files(font: Path, family: str = "") -> list[Path]:
    """Licence files in the font's folder; with several, the ones named most like the font.

    "DejaVu_LICENSE.txt" goes with DejaVu Sans and "IPA_Font_License_v1.0.txt" with IPAexGothic:
    the longest shared start of the letters in the names decides (at least 3 letters).
    """
    candidates = sorted(
        p
        for p in font.parent.iterdir()
        if p.is_file() and p.suffix.lower() not in FONT_SUFFIXES and _LICENCE_NAME.search(p.name)
    )
    keys = {_letters(family), _letters(font.stem)} - {""}

    def shared(path: Path) -> int:
        name = _letters(path.name)
        return max((len(os.path.commonprefix([key, name])) for key in keys), default=0)

    best = max((shared(p) for p in candidates), default=0)
    if best >= 3:
        return [p for p in candidates if shared(p) == best]
    return candidates


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _recognise_files(paths: Iterable[Path]) -> str:
    for path in paths:
        try:
            recognised = recognise_licence(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if recognised:
            return recognised
    return ""


def _font_version(raw: str) -> str:
    match = re.search(r"\d+(\.\d+)*", raw)
    return match.group(0) if match else raw


_NAME_IDS = {0: "copyright", 1: "family", 4: "full", 5: "version", 13: "licence", 14: "licence_url"}


def font_names(path: Path) -> dict[str, str]:
    """Copyright, family, version and licence from a TrueType/OpenType font's ``name`` table.

    Reads only the table directory and the name table; a damaged or unknown file gives {}.
    """
    try:
        data = path.read_bytes()
        offset = 0
        if data[:4] == b"ttcf":  # a collection: the first font speaks for the file
            offset = struct.unpack(">I", data[12:16])[0]
        num_tables = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
        table = None
        for i in range(num_tables):
            rec = offset + 12 + 16 * i
            tag, _checksum, start, _length = struct.unpack(">4sIII", data[rec : rec + 16])
            if tag == b"name":
                table = start
                break
        if table is None:
            return {}
        _fmt, count, strings = struct.unpack(">HHH", data[table : table + 6])
        found: dict[str, tuple[int, str]] = {}
        for i in range(count):
            rec = table + 6 + 12 * i
            plat, enc, lang, name_id, length, start = struct.unpack(">HHHHHH", data[rec : rec + 12])
            key = _NAME_IDS.get(name_id)
            if key is None:
                continue
            raw = data[table + strings + start : table + strings + start + length]
            if plat == 3 or plat == 0:
                text, rank = raw.decode("utf-16-be", errors="replace"), 2
                if plat == 3 and lang == 0x409:
                    rank = 3  # Windows, US English: what every font has
            elif plat == 1 and enc == 0:
                text, rank = raw.decode("mac_roman", errors="replace"), 1
            else:
                continue
            if key not in found or rank > found[key][0]:
                found[key] = (rank, text.strip())
    except (OSError, struct.error, IndexError):
        return {}
    names = {key: text for key, (_rank, text) in found.items()}
    licence = names.get("licence", "")
    if licence:
        names["licence_title"] = _licence_title(licence)
    return names


def _licence_title(description: str) -> str:
    """Name ID 13 holds a sentence or the whole licence; keep what names it."""
    lowered = description.lower()
    if "licenses/ipa" in lowered:  # IPA fonts name their licence only by its OSI address
        return "IPA Font License 1.0"
    if "scripts.sil.org/ofl" in lowered or "openfontlicense.org" in lowered:
        return "SIL Open Font License 1.1"
    if "bitstream vera" in lowered:  # DejaVu: Vera's licence plus public-domain changes
        return "Bitstream Vera Fonts License"
    for known in ("SIL Open Font License", "Apache License", "IPA Font License"):
        if known.lower() in lowered:
            version = re.search(known + r",?\s*(Version\s*)?(\d+(\.\d+)?)", description, re.I)
            return f"{known} {version.group(2)}" if version else known
    first = description.splitlines()[0].strip()
    return first if len(first) <= 80 else first[:77] + "..."


def _read_licence_file(component: Component, name: str) -> str:
    if component.kind == "font":
        try:
            return Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
    try:
        return metadata.distribution(component.name).read_text(name) or ""
    except metadata.PackageNotFoundError:
        return ""
