"""One real stack for all end-to-end modules: starting Rasa costs half a minute."""

from __future__ import annotations

import pytest

from tests.e2e.stack import Stack, loket_headers


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    # Rasa gets 4 s, so the test that pauses Rasa does not wait long.
    s = Stack(tmp_path_factory.mktemp("stack"), FRONTDOOR_RASA_TIMEOUT_SECONDS="4").start()
    yield s
    # Ctrl-C stops every process cleanly (checked once, at the end of the session).
    assert s.stop() == 0 and "stopped all processes" in s.log()


@pytest.fixture(scope="session")
def staff(stack):
    """Bearer headers of a loket account made with `bot users add`."""
    return loket_headers(stack, "loket-e2e")
