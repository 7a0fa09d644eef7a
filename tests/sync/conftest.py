from __future__ import annotations

import pytest
from hqserver import HQServer, Laptop


@pytest.fixture
def hq(tmp_path):
    server = HQServer(tmp_path / "hq" / "hq.db").start()
    yield server
    server.stop()


@pytest.fixture
def laptops(hq, tmp_path):
    """Factory: laptops(n, embassy="KE") -> list of enrolled Laptop objects."""
    made: list[Laptop] = []

    def make(n: int = 1, embassy: str = "KE") -> list[Laptop]:
        out = []
        for _ in range(n):
            i = len(made) + 1
            lap = Laptop(hq, tmp_path / f"laptop{i}", embassy, f"laptop {i}")
            made.append(lap)
            out.append(lap)
        return out

    yield make
    for lap in made:
        lap.close()
