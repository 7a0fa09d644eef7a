"""fieldkit.core.gcpause: the collector is off inside (nested too) and back as it was after."""

import gc
import threading

import pytest

from fieldkit.core.gcpause import paused_gc


@pytest.fixture(autouse=True)
def _collector_on():
    """Each test starts with the collector on, as in a process without Qt, whatever tests ran
    before (the desktop's tests switch automatic collection off: pyside_workarounds)."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_restored_after_even_on_error():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block ending does not switch it back on
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_on_two_threads():
    inside, release = threading.Event(), threading.Event()

    def other():
        with paused_gc():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=other)
    t.start()
    inside.wait(5)
    with paused_gc():
        pass
    assert not gc.isenabled()  # the other thread's pause is still on
    release.set()
    t.join(5)
    assert gc.isenabled()


def test_works_as_a_decorator():
    @paused_gc()
    def f():
        return gc.isenabled()

    assert f() is False and f() is False
    assert gc.isenabled()
