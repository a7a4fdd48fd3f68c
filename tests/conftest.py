"""Fixtures shared by every test directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.e2e.stack import free_port


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server on a free port for the whole session (`make redis-deps`
    installs Debian's package). Missing is a failure, not a skip: the Redis
    implementations must be tested."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed; run `make redis-deps`")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no", "--dir", str(workdir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    import redis

    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; CI runs as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server (Debian's package; `make postgres-deps`) in a throwaway
    data directory on a free port, for the whole session. Missing is a failure."""
    initdb = shutil.which("initdb") or str(PG_BIN / "initdb")
    if not Path(initdb).exists():
        pytest.fail("PostgreSQL is not installed; run `make postgres-deps`")
    bindir = Path(initdb).resolve().parent
    # Not under pytest's own temp folder: the postgres user cannot enter root's.
    base = Path(tempfile.mkdtemp(prefix="frontdoor-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "frontdoor",
                                 "--auth=trust", "-E", "UTF8"]),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    port = free_port()
    proc = subprocess.Popen(_as_postgres([str(bindir / "postgres"), "-D", str(data),
                                          "-p", str(port), "-k", str(sock),
                                          "-c", "listen_addresses=127.0.0.1",
                                          "-c", "fsync=off"]),
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while subprocess.run([str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                         stdout=subprocess.DEVNULL).returncode != 0:
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("PostgreSQL did not start")
        time.sleep(0.1)
    subprocess.run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                    "-U", "frontdoor", "frontdoor"], check=True)
    yield f"postgresql://frontdoor@127.0.0.1:{port}/frontdoor"
    proc.terminate()
    proc.wait(20)
    shutil.rmtree(base, ignore_errors=True)
