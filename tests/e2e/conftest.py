"""One real stack for all end-to-end modules: starting Rasa costs half a minute."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.e2e.stack import Stack

STAFF_PASSWORD = "correct horse battery"


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
    subprocess.run([sys.executable, "-m", "bot", "users", "add", "loket-e2e", "--role", "loket"],
                   input=STAFF_PASSWORD + "\n", text=True, env=stack.env, check=True)
    import httpx

    token = httpx.post(f"{stack.url}/api/v1/staff/login", json={
        "username": "loket-e2e", "password": STAFF_PASSWORD}).json()["token"]
    return {"Authorization": f"Bearer {token}"}
