"""What a crash leaves in the log file: where it happened, never what the user wrote.

Exception messages can quote record text (a validation error shows the value it refused), and the
log file is plain text even when the store is encrypted. So the log keeps the exception types and
the stack (file, line, function, source line), and drops the messages; the on-screen error dialog
still shows everything, since the screen is not the disk.
"""

from __future__ import annotations

import traceback


def redacted_traceback(exc: BaseException) -> str:
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[BaseException] = []
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    for i, err in enumerate(reversed(chain)):
        if i:
            lines.append("During handling of the above, another exception occurred:")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(err.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line}")
        kind = type(err)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message not logged)")
    return "\n".join(lines)
