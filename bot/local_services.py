"""Local Redis and PostgreSQL servers from Debian's packages, for `make run-prod` and the
tests: each in a folder of its own, on a port of its own, never as a system service."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PG_BINDIRS = [Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin")]


class ServiceError(RuntimeError):
    pass


@dataclass
class LocalService:
    url: str
    proc: subprocess.Popen

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def _wait(check, proc: subprocess.Popen, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise ServiceError(f"{what} did not start")
        time.sleep(0.1)


def start_redis(folder: Path, port: int) -> LocalService:
    binary = shutil.which("redis-server")
    if binary is None:
        raise ServiceError("redis-server is not installed; run `make redis-deps`")
    folder.mkdir(parents=True, exist_ok=True)
    # Append-only file: a restarted Redis still has the trackers and locks it had.
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1",
                             "--dir", str(folder), "--appendonly", "yes", "--save", ""],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    import redis

    client = redis.Redis(port=port)

    def up() -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    _wait(up, proc, "redis-server")
    return LocalService(f"redis://127.0.0.1:{port}/0", proc)


def _pg_bindir() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    for d in PG_BINDIRS:
        if (d / "initdb").exists():
            return d
    raise ServiceError("PostgreSQL is not installed; run `make postgres-deps`")


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def start_postgres(folder: Path, port: int, database: str = "frontdoor") -> LocalService:
    """Creates the cluster on first use; the folder must be one the postgres user can
    enter when this runs as root (not under a 0700 home or pytest's temp folder)."""
    bindir = _pg_bindir()
    data, sock = folder / "data", folder / "sock"
    sock.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        for p in (folder, sock):
            shutil.chown(p, "postgres")
    if not (data / "PG_VERSION").exists():
        subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", database,
                                     "--auth=trust", "-E", "UTF8"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    proc = subprocess.Popen(_as_postgres([str(bindir / "postgres"), "-D", str(data),
                                          "-p", str(port), "-k", str(sock),
                                          "-c", "listen_addresses=127.0.0.1"]),
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    ready = [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)]
    _wait(lambda: subprocess.run(ready, stdout=subprocess.DEVNULL).returncode == 0, proc,
          "PostgreSQL")
    exists = subprocess.run([str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U",
                             database, "-d", "postgres", "-tAc",
                             f"SELECT 1 FROM pg_database WHERE datname = '{database}'"],
                            capture_output=True, text=True, check=True).stdout.strip()
    if exists != "1":
        subprocess.run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                        "-U", database, database], check=True)
    return LocalService(f"postgresql://{database}@127.0.0.1:{port}/{database}", proc)
