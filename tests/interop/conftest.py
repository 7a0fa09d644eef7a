"""Fixtures for the IATI and calendar tests: the committed sample files, and line lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "activity-standard-example-annotated.xml"  # the official IATI 2.03 example
MESSY = DATA / "messy-2.02.xml"


def line_of(path: Path, marker: str) -> int:
    """The line number of the first line of ``path`` containing ``marker``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


@pytest.fixture
def messy() -> Path:
    return MESSY


@pytest.fixture
def example() -> Path:
    return EXAMPLE
