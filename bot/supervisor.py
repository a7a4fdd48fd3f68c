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

import yaml

from bot import BOT_DIR, ROOT
from bot.settings import Settings, get_settings


@dataclass
class Child:
    name: str
    cmd: list[str]
    proc: subprocess.Popen | None = None


def write_endpoints(settings: Settings) -> Path:
    """Rasa's endpoints.yml, generated from the settings (paths and ports)."""
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    endpoints = {
        "action_endpoint": {"url": f"http://127.0.0.1:{settings.action_port}/webhook"},
        "nlg": {"url": f"http://127.0.0.1:{settings.port}/nlg", "token": settings.nlg_token},
        "tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(settings.trackers_path)},
    }
    path = settings.var_dir / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def children(settings: Settings) -> list[Child]:
    py = sys.executable
    endpoints = write_endpoints(settings)
    return [
        Child("rasa", [py, "-m", "rasa", "run", "--model", str(settings.model_path),
                       "--endpoints", str(endpoints),
                       "--credentials", str(BOT_DIR / "credentials.yml"),
                       "--interface", "127.0.0.1", "--port", str(settings.rasa_port),
                       "--log-file", str(settings.var_dir / "rasa.log")]),
        Child("actions", [py, "-m", "rasa_sdk", "--actions", "actions",
                          "--port", str(settings.action_port)]),
        Child("web", [py, "-m", "uvicorn", "bot.api.app:app_factory", "--factory",
                      "--host", settings.host, "--port", str(settings.port),
                      "--no-access-log"]),
    ]


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
    procs = children(settings)
    for child in procs:
        # Own session: Ctrl-C reaches only the supervisor, which stops the children in
        # order, so a child ending on the same signal is never mistaken for a crash.
        child.proc = subprocess.Popen(child.cmd, cwd=ROOT, env=env, start_new_session=True)
        print(f"started {child.name} (pid {child.proc.pid})", flush=True)

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    base = f"http://{settings.host}:{settings.port}"
    announced = False
    failed: Child | None = None
    while not stopping:
        for child in procs:
            if child.proc.poll() is not None:
                failed = child
                break
        if failed:
            break
        if not announced and _ready(f"{base}/healthz") and _ready(
                f"http://127.0.0.1:{settings.rasa_port}/webhooks/frontdoor/"):
            announced = True
            print(f"\n  The front door is ready: {base}/\n"
                  f"  Resident API: {base}/api/v1/conversations   API docs: {base}/docs\n"
                  f"  Loket console: {base}/staff (log in with a loket account)\n"
                  f"  Content editor: {base}/content (log in with a communicatie account)\n"
                  f"  Staff: create an account with `.venv/bin/bot users add NAME --role "
                  f"loket|communicatie|admin`\n"
                  f"  Stop with Ctrl-C.\n", flush=True)
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
