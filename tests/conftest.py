"""Fixtures shared by every test directory."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from bot.local_services import ServiceError, start_postgres, start_redis
from tests.e2e.stack import free_port


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server on a free port for the whole session (`make redis-deps`
    installs Debian's package). Missing is a failure, not a skip: the Redis
    implementations must be tested."""
    try:
        service = start_redis(tmp_path_factory.mktemp("redis"), free_port())
    except ServiceError as exc:
        pytest.fail(str(exc))
    yield service.url
    service.stop()


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server (Debian's package; `make postgres-deps`) in a throwaway
    folder on a free port, for the whole session. Missing is a failure."""
    # Not under pytest's own temp folder: the postgres user cannot enter root's.
    folder = Path(tempfile.mkdtemp(prefix="frontdoor-pg-"))
    try:
        service = start_postgres(folder, free_port())
    except ServiceError as exc:
        pytest.fail(str(exc))
    yield service.url
    service.stop()
    shutil.rmtree(folder, ignore_errors=True)
