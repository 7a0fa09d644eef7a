"""The desktop bundle: its size on disk and as .tar.gz, and how fast it starts beside the source tree.

    uv run pyinstaller build.spec --noconfirm        # first, or pass --build
    uv run python benchmarks/bench_bundle.py [--build] [--runs 5]

Start times are whole-process wall times (what a user waits for), each the median of --runs runs,
bundle and source interleaved so both see the same machine load:
- ``--version``: bare start (the bundle's bootloader and unpacking vs. the interpreter starting);
- ``--selftest``: store, search, encryption, a PDF and Qt offscreen: most of the app's imports;
- ``smoke``: the desktop window with the meetings list (when this build has ``fieldkit smoke``),
  on a store with demo data.
The baseline is the source tree run by the same Python (``python -m fieldkit``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "FieldKit"
TARGET_MB = 180


def bundle_executable() -> Path:
    name = "fieldkit-console.exe" if sys.platform == "win32" else "fieldkit-console"
    return BUNDLE / name


def size_on_disk(folder: Path) -> tuple[int, int, int]:
    """(bytes of file content, bytes of disk blocks used, number of files); links not followed."""
    content = blocks = files = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        st = path.stat()
        content += st.st_size
        blocks += getattr(st, "st_blocks", (st.st_size + 4095) // 4096 * 8) * 512
        files += 1
    return content, blocks, files


def largest_parts(folder: Path, top: int = 8) -> list[tuple[str, int]]:
    internal = folder / "_internal" if (folder / "_internal").is_dir() else folder
    sizes: Counter[str] = Counter()
    for path in internal.rglob("*"):
        if path.is_file() and not path.is_symlink():
            parts = path.relative_to(internal).parts
            key = "/".join(parts[:3]) if parts[0] == "PySide6" else parts[0]
            sizes[key] += path.stat().st_size
    return sizes.most_common(top)


def tar_gz_size(folder: Path) -> tuple[int, float]:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as fh:
        with tarfile.open(fileobj=fh, mode="w:gz", compresslevel=6) as tar:
            tar.add(folder, arcname=folder.name)
        size = fh.tell()
    return size, time.perf_counter() - start


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return elapsed, result.stdout


def compare(label: str, args: list[str], env: dict[str, str], runs: int) -> dict:
    bundle_cmd = [str(bundle_executable()), *args]
    source_cmd = [sys.executable, "-m", "fieldkit", *args]
    timed(bundle_cmd, env)  # first runs warm the page cache for both: we measure warm starts
    timed(source_cmd, env)
    bundle, source = [], []
    for _ in range(runs):
        bundle.append(timed(bundle_cmd, env)[0])
        source.append(timed(source_cmd, env)[0])
    b, s = statistics.median(bundle), statistics.median(source)
    print(f"{label:<12} bundle {b:6.2f} s   source {s:6.2f} s   bundle/source {b / s:5.2f}x")
    return {
        "what": label,
        "bundle_s": round(b, 3),
        "source_s": round(s, 3),
        "ratio": round(b / s, 2),
    }


def has_smoke(env: dict[str, str]) -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "fieldkit", "smoke", "--help"], capture_output=True, env=env
    )
    return result.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bundle size and start time vs. the source tree")
    parser.add_argument("--build", action="store_true", help="build the bundle first (timed)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    figures: dict = {}
    if args.build:
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "build.spec",
                "--noconfirm",
                "--log-level",
                "WARN",
            ],
            cwd=ROOT,
            check=True,
        )
        figures["build_s"] = round(time.perf_counter() - start, 1)
        print(f"build        {figures['build_s']:.1f} s")
    if not bundle_executable().exists():
        raise SystemExit(
            f"no bundle at {BUNDLE}: run `uv run pyinstaller build.spec` or pass --build"
        )

    content, blocks, files = size_on_disk(BUNDLE)
    archive, seconds = tar_gz_size(BUNDLE)
    mb = 2**20
    verdict = "within" if blocks <= TARGET_MB * mb else "OVER"
    print(f"size         {content / mb:.1f} MB in {files} files, {blocks / mb:.1f} MB of disk blocks "
          f"({verdict} the {TARGET_MB} MB target)")  # fmt: skip
    print(
        f"tar.gz       {archive / mb:.1f} MB ({archive / content:.0%} of the content, {seconds:.1f} s)"
    )
    for part, size in largest_parts(BUNDLE):
        print(f"             {size / mb:6.1f} MB  {part}")
    figures.update(
        content_mb=round(content / mb, 1),
        disk_mb=round(blocks / mb, 1),
        files=files,
        tar_gz_mb=round(archive / mb, 1),
        target_mb=TARGET_MB,
    )

    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp:
        env = dict(
            os.environ, QT_QPA_PLATFORM="offscreen", FIELDKIT_DATA_DIR=str(Path(tmp) / "data")
        )
        starts = [
            compare("--version", ["--version"], env, args.runs),
            compare("--selftest", ["--selftest"], env, args.runs),
        ]
        if has_smoke(env):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "fieldkit",
                    "demo-data",
                    "--meetings",
                    "2000",
                    "--seed",
                    "1",
                ],
                env=env,
                check=True,
                capture_output=True,
            )
            starts.append(compare("smoke", ["smoke"], env, args.runs))
        else:
            print("smoke        (no `fieldkit smoke` in this build yet: not timed)")
    figures["start"] = starts
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0 if blocks <= TARGET_MB * mb else 1


if __name__ == "__main__":
    sys.exit(main())
