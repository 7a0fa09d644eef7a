"""A smaller ICU data library for the Linux bundle: the same ICU, only the locales FieldKit speaks.

Qt's Linux wheels link ICU 73, whose data library (``libicudata.so.73``) is 32 MB: a third of the
Qt in the bundle. The app's languages are English and Japanese, and Qt uses ICU only for
services with locale tailoring (collation, case mapping) and for text codecs. Every locale's
names, units, currencies, time zone names, rule-based number spelling and transliterators make up
two thirds of the data; this keeps those for ``root``, English and Japanese, and keeps everything
that is not per locale (converters, normalisation, time zone rules, supplemental data, the
word dictionaries for Japanese, Chinese, Thai, Lao, Khmer and Burmese) and the collation rules
of every locale, the one locale service Qt itself uses (file dialogs sort names with it). A
locale's names of languages, countries, currencies, units and time zones fall back to ``root``,
as ICU does for any locale it lacks; Qt takes those names from its own CLDR tables anyway.

The data is ICU's common data package, which the library exports as the symbol ``icudt73_dat``.
``icupkg`` (Debian's icu-devtools) removes items from it, and the C compiler wraps the result in a
new shared library with the same name and symbol, so nothing else in Qt changes.

    python packaging/trim_icu.py SRC/libicudata.so.73 OUT_DIR    # prints the new library's path
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGUAGES = ("en", "ja")
# A locale's own bundle: "fr.res", "zh_Hant_TW.res", "coll/ar_SA.res" (not "supplementalData.res",
# "pool.res", "zoneinfo64.res", which serve every locale).
_LOCALE_BUNDLE = re.compile(r"^(?:[a-z]+/)?([a-z]{2,3})(?:_[A-Za-z0-9_]*)?\.res$")
_DROPPED_WHOLE = ("translit/", "unames.icu")  # transliterators; Unicode character names


class TrimError(RuntimeError):
    """The ICU data could not be trimmed (a tool is missing or the library is not what we expect)."""


def wanted(item: str) -> bool:
    """True for the items of the data package the trimmed library keeps."""
    name = re.sub(r"^icudt\d+[lbe]/", "", item)  # listings may name the package: "icudt73l/ja.res"
    if name.startswith(_DROPPED_WHOLE):
        return False
    base = name.rsplit("/", 1)[-1]
    if base in ("res_index.res", "root.res", "pool.res"):
        return True
    if name.startswith("coll/"):
        return True  # collation for every locale: a Thai or Swedish laptop sorts names its way
    match = _LOCALE_BUNDLE.match(name)
    return match is None or match.group(1) in KEEP_LANGUAGES


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        hint = " (Debian: apt-get install icu-devtools)" if name == "icupkg" else ""
        raise TrimError(f"{name} is needed to trim ICU's data{hint}")
    return path


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, and where its bytes lie in the file (offset, size)."""
    symbols = subprocess.run(
        ["readelf", "-sW", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(
        r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+(icudt\d+_dat)\b",
        symbols,
    )
    if not found:
        raise TrimError(f"{library.name} exports no icudt*_dat symbol")
    address, size, section, symbol = found.groups()
    sections = subprocess.run(
        ["readelf", "-SW", str(library)], capture_output=True, text=True, check=True
    ).stdout
    header = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not header:
        raise TrimError(f"{library.name}: section {section} of {symbol} not found")
    section_address, section_offset = (int(v, 16) for v in header.groups())
    return symbol, int(address, 16) - section_address + section_offset, int(size, 0)


def trim(library: Path, out_dir: Path) -> Path:
    """Write a trimmed copy of ``library`` into ``out_dir`` (same file name) and return its path."""
    icupkg, cc = _tool("icupkg"), _tool("cc")
    symbol, offset, size = _data_symbol(library)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fieldkit-icu-") as tmp:
        work = Path(tmp)
        # icupkg takes the package name (the items' prefix) from the file name.
        package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")
        (work / "small").mkdir()
        full, small = work / f"{package}.dat", work / "small" / f"{package}.dat"
        with library.open("rb") as fh:
            fh.seek(offset)
            full.write_bytes(fh.read(size))
        items = subprocess.run(
            [icupkg, "-l", str(full)], capture_output=True, text=True, check=True
        ).stdout.split()
        if len(items) < 100:
            raise TrimError(
                f"{library.name}: only {len(items)} items in the ICU data; not trimming"
            )
        dropped = [item for item in items if not wanted(item)]
        (work / "drop.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
        subprocess.run(
            [icupkg, "-r", str(work / "drop.txt"), str(full), str(small)],
            capture_output=True, check=True,
        )  # fmt: skip
        # The same symbol, aligned as ICU requires, in a library of the same soname.
        source = work / "data.S"
        source.write_text(
            f".section .rodata\n.balign 16\n.globl {symbol}\n.type {symbol}, @object\n"
            f'{symbol}:\n.incbin "{small}"\n.size {symbol}, .-{symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="utf-8",
        )
        target = out_dir / library.name
        subprocess.run(
            [cc, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(target), str(source)],
            capture_output=True, check=True,
        )  # fmt: skip
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split("\n\n")[-1].strip())
    print(trim(Path(sys.argv[1]), Path(sys.argv[2])))
