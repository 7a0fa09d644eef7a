"""Fixtures for the security tests: real encrypted stores in temporary folders."""

from __future__ import annotations

import pytest
from security_helpers import PASS

from fieldkit.core.opening import open_store


@pytest.fixture
def keyed(data_dir):
    store = open_store(data_dir, passphrase=PASS)
    yield store
    store.close()
