"""Runs the Rasa server, the action server and the web app as one command.

Ctrl-C stops all three; if one of them dies, the others are stopped and the
command fails loudly with the name and exit code of the one that died."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from bot import BOT_DIR, ROOT
from bot.settings import Settings, get_settings


@dataclass
class Child:
    name: str
    cmd: list[str]
    proc: subprocess.Popen | None = None
    env: dict[str, str] | None = None  # on top of the supervisor's environment


def redis_endpoint(url: str, key_prefix: str) -> dict:
    """Rasa's Redis tracker/lock store settings from a redis:// URL."""
    u = urlsplit(url)
    out = {"type": "redis", "url": u.hostname or "localhost", "port": u.port or 6379,
           "db": int(u.path.strip("/") or 0), "key_prefix": key_prefix,
           "use_ssl": u.scheme == "rediss"}
    if u.password:
        out["password"] = unquote(u.password)
    return out


def write_endpoints(settings: Settings, replica: int = 0) -> Path:
    """Rasa's endpoints.yml for one replica, generated from the settings."""
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    endpoints = {
        "action_endpoint": {"url": f"http://127.0.0.1:{settings.action_port + replica}/webhook"},
        "nlg": {"url": f"http://127.0.0.1:{settings.port + replica}/nlg",
                "token": settings.nlg_token},
    }
    if settings.redis_url:
        # Several Rasa servers: one tracker per conversation in Redis, and Rasa's
        # RedisLockStore so two servers never handle one conversation at once.
        endpoints["tracker_store"] = {**redis_endpoint(settings.redis_url, "frontdoor"),
                                      # retention: a tracker expires by itself
                                      "record_exp": settings.retention_days * 86400}
        endpoints["lock_store"] = redis_endpoint(settings.redis_url, "frontdoor")
    else:
        endpoints["tracker_store"] = {"type": "SQL", "dialect": "sqlite",
                                      "db": str(settings.trackers_path)}
    path = settings.var_dir / (f"endpoints-{replica}.yml" if replica else "endpoints.yml")
    path.write_text(yaml.safe_dump(endpoints))
    path.chmod(0o600)  # it holds the NLG token and the Redis password
    return path


def children(settings: Settings) -> list[Child]:
    py = sys.executable
    out = []
    for i in range(max(1, settings.replicas)):
        suffix = f"-{i + 1}" if settings.replicas > 1 else ""
        endpoints = write_endpoints(settings, i)
        out += [
            Child(f"rasa{suffix}", [py, "-m", "rasa", "run", "--model", str(settings.model_path),
                                    "--endpoints", str(endpoints),
                                    "--credentials", str(BOT_DIR / "credentials.yml"),
                                    "--interface", "127.0.0.1",
                                    "--port", str(settings.rasa_port + i),
                                    "--log-file", str(settings.var_dir / f"rasa{suffix}.log")]),
            Child(f"actions{suffix}", [py, "-m", "rasa_sdk", "--actions", "actions",
                                       "--port", str(settings.action_port + i)]),
            Child(f"web{suffix}", [py, "-m", "uvicorn", "bot.api.app:app_factory", "--factory",
                                   "--host", settings.host, "--port", str(settings.port + i),
                                   "--no-access-log"],
                  env={**WEB_ENV, **({} if settings.rasa_url else {
                      "FRONTDOOR_RASA_URL": f"http://127.0.0.1:{settings.rasa_port + i}"})}),
        ]
    return out


# One BLAS/OpenMP thread in the web process: it serves requests side by side, and more
# threads per sentence encoding only fight Rasa for the same cores (`make bench`: the
# semantic layer's CPU per message went from about 4 ms to under 2 ms).
WEB_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as resp:  # noqa: S310 - local URL
            return resp.status == 200
    except OSError:
        return False


def run(settings: Settings | None = None) -> int:
    settings = settings or get_settings()
    env = dict(os.environ)
    env.setdefault("FRONTDOOR_NLG_TOKEN", secrets.token_urlsafe(24))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # Rasa reads telemetry settings at start; keep it quiet and offline.
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    # The action server has no --interface flag; this keeps it on loopback.
    env.setdefault("SANIC_HOST", "127.0.0.1")
    os.environ.update({"FRONTDOOR_NLG_TOKEN": env["FRONTDOOR_NLG_TOKEN"]})
    get_settings.cache_clear()
    settings = Settings(**{**settings.dict(), "nlg_token": env["FRONTDOOR_NLG_TOKEN"]})
    if not settings.model_path.exists():
        print(f"no model at {settings.model_path}; run `make model` first", file=sys.stderr)
        return 2
    if settings.replicas > 1 and not (settings.redis_url and settings.database_url):
        # Separate processes share nothing on the embedded default.
        print("more than one replica needs REDIS_URL and DATABASE_URL (see README, "
              "production mode; `make run-prod` starts both locally)", file=sys.stderr)
        return 2
    procs = children(settings)

    def launch(child: Child) -> None:
        # Own session: Ctrl-C reaches only the supervisor, which stops the children in
        # order, so a child ending on the same signal is never mistaken for a crash.
        child.proc = subprocess.Popen(child.cmd, cwd=ROOT, env={**env, **(child.env or {})},
                                      start_new_session=True)
        print(f"started {child.name} (pid {child.proc.pid})", flush=True)

    for child in procs:
        launch(child)
    # Production mode: the other replicas carry on while a crashed process comes back.
    # The embedded default has no other replica, so it stops loudly instead.
    restart = settings.replicas > 1

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    base = f"http://{settings.host}:{settings.port}"
    webs = [f"http://{settings.host}:{settings.port + i}/" for i in range(settings.replicas)]
    announced = False
    failed: Child | None = None
    while not stopping:
        for child in procs:
            if child.proc.poll() is not None:
                if restart:
                    print(f"!!! {child.name} stopped unexpectedly with exit code "
                          f"{child.proc.returncode}; starting it again", flush=True)
                    launch(child)
                    continue
                failed = child
                break
        if failed:
            break
        if not announced and all(
                _ready(f"http://{settings.host}:{settings.port + i}/healthz") and
                _ready(f"http://127.0.0.1:{settings.rasa_port + i}/webhooks/frontdoor/")
                for i in range(max(1, settings.replicas))):
            announced = True
            print(f"\n  The front door is ready: {base}/\n"
                  f"  Resident API: {base}/api/v1/conversations   API docs: {base}/docs\n"
                  f"  Loket console: {base}/staff (log in with a loket account)\n"
                  f"  Content editor: {base}/content (log in with a communicatie account)\n"
                  f"  Staff: create an account with `.venv/bin/bot users add NAME --role "
                  f"loket|communicatie|admin`\n"
                  + (f"  Web processes: {', '.join(webs)} (put a load balancer in front; "
                     f"any of them takes any conversation)\n" if settings.replicas > 1 else "")
                  + "  Stop with Ctrl-C.\n", flush=True)
        time.sleep(0.5)

    for child in procs:
        if child.proc.poll() is None:
            child.proc.terminate()
    deadline = time.monotonic() + 15
    for child in procs:
        try:
            child.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.proc.kill()
    if failed:
        print(f"\n!!! {failed.name} stopped unexpectedly with exit code {failed.proc.returncode}; "
              f"stopped the others. See the output above"
              f"{' and var/rasa.log' if failed.name == 'rasa' else ''}.\n",
              file=sys.stderr, flush=True)
        return 1
    print("stopped all processes")
    return 0


def run_prod(replicas: int = 2) -> int:
    """Production mode on this machine: `replicas` of each process sharing Redis and
    PostgreSQL. Starts a local Redis and PostgreSQL (under var/prod) for whichever of
    REDIS_URL and DATABASE_URL is not set, and stops them afterwards."""
    from bot.local_services import ServiceError, start_postgres, start_redis

    settings = get_settings()
    started = []
    try:
        if not settings.redis_url:
            started.append(start_redis(settings.var_dir / "prod" / "redis",
                                       settings.local_redis_port))
            os.environ["REDIS_URL"] = started[-1].url
        if not settings.database_url:
            started.append(start_postgres(settings.var_dir / "prod" / "postgres",
                                          settings.local_postgres_port))
            os.environ["DATABASE_URL"] = started[-1].url
    except ServiceError as exc:
        for service in started:
            service.stop()
        print(f"cannot start production mode: {exc}", file=sys.stderr)
        return 2
    for service in started:
        print(f"started {service.url.split(':', 1)[0]} at {service.url}", flush=True)
    os.environ["FRONTDOOR_REPLICAS"] = str(replicas)
    get_settings.cache_clear()
    try:
        return run(get_settings())
    finally:
        for service in started:
            service.stop()
