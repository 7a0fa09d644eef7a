"""Writing a file all or nothing: written beside the target, flushed, then renamed over it.

    from fieldkit.core.atomic import atomic_write, write_bytes, write_text
    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(...)

An error half-way leaves any earlier file at the target untouched and no partial file. The file
and its folder are fsynced, so after a power cut the target holds the old or the new content.

Only a regular file (or a name not yet taken) is replaced. A device, a pipe or a socket
(``/dev/null``, ``/dev/stdout``, a FIFO a script reads) is written to directly: renaming over it
would put a regular file where the device was. A symlink is followed, so the link stays a link.
Errors are one line naming the target, never the temporary name.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import FieldKitError
from .messages import Message


def check_target(target: str | os.PathLike, *, hint: str = "") -> Path:
    """The path to write (symlinks followed), or a one-line FieldKitError saying why not.

    ``hint`` is the kind of file wanted (e.g. "PDF"), named when the target is a folder."""
    given = Path(target).expanduser()
    if not str(target).strip():
        raise FieldKitError(Message("file.no_name"))
    path = Path(os.path.realpath(given))
    if path.is_dir():
        if hint:
            raise FieldKitError(Message("file.is_folder_want", target=str(given), kind=hint))
        raise FieldKitError(Message("file.is_folder", target=str(given)))
    if not path.parent.is_dir():
        raise FieldKitError(
            Message("file.folder_missing", target=str(given), folder=str(given.parent))
        )
    return path


def is_special(path: Path) -> bool:
    """True for an existing target that is not a regular file (device, FIFO, socket)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


@contextmanager
def atomic_write(
    target: str | os.PathLike,
    mode: str = "wb",
    *,
    encoding: str | None = None,
    newline: str | None = None,
    private: bool = False,
    hint: str = "",
) -> Iterator[IO[Any]]:
    """A file object whose content replaces ``target`` when the block ends without an error.

    ``private`` makes a new file readable by the user only (0600); otherwise a replaced file keeps
    its permission bits.
    """
    if mode not in ("w", "wb"):
        raise ValueError("atomic_write writes whole files: mode 'w' or 'wb'")
    given = Path(target).expanduser()
    path = check_target(target, hint=hint)
    text = {"encoding": encoding or "utf-8", "newline": newline} if mode == "w" else {}
    if is_special(path):
        try:
            with open(path, mode, **text) as fh:
                yield fh
        except OSError as exc:
            raise _one_line(exc, given) from None
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        perms = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        perms = 0o600 if private else None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o666)
        with open(fd, mode, **text) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if perms is not None:
            os.chmod(tmp, perms)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, FieldKitError):
            raise _one_line(exc, given) from None
        raise


def write_bytes(target: str | os.PathLike, content: bytes, **kw: Any) -> Path:
    with atomic_write(target, "wb", **kw) as fh:
        fh.write(content)
    return Path(target)


def write_text(target: str | os.PathLike, text: str, *, encoding: str = "utf-8", **kw) -> Path:
    with atomic_write(target, "w", encoding=encoding, **kw) as fh:
        fh.write(text)
    return Path(target)


def write_with(target: str | os.PathLike, mode: str, write: Callable[[IO[Any]], Any], **kw):
    """``write(fh)`` into an atomic file; returns what ``write`` returned."""
    with atomic_write(target, mode, **kw) as fh:
        return write(fh)


def fsync_dir(path: Path) -> None:
    """Make a rename durable. Windows cannot open a folder for this; NTFS journals renames."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _one_line(exc: OSError, target: Path) -> FieldKitError:
    reason = exc.strerror or type(exc).__name__
    return FieldKitError(Message("file.cannot_write", target=str(target), reason=reason))
