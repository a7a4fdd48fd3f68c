"""Starts the real front door (Rasa server, action server, web app) for tests."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    def __init__(self, var_dir: Path, ports: tuple[int, int, int] | None = None,
                 **env: str) -> None:
        self.var_dir = var_dir
        self.port, self.rasa_port, self.action_port = ports or (free_port(), free_port(),
                                                                 free_port())
        self.env = {
            **os.environ,
            "FRONTDOOR_VAR_DIR": str(var_dir),
            "FRONTDOOR_PORT": str(self.port),
            "FRONTDOOR_RASA_PORT": str(self.rasa_port),
            "FRONTDOOR_ACTION_PORT": str(self.action_port),
            "FRONTDOOR_MESSAGES_PER_MINUTE": "600",
            "FRONTDOOR_CONVERSATIONS_PER_MINUTE_PER_CLIENT": "600",
            **env,
        }
        self.proc: subprocess.Popen | None = None
        self.log_path = var_dir / "stack.log"
        self._offset = 0
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 240) -> Stack:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "a")
        self._offset = self.log_path.stat().st_size
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=self.env,
                                     stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"stack exited early:\n{self.log()[-3000:]}")
            if "The front door is ready" in self.log()[self._offset:]:
                return self
            time.sleep(0.5)
        raise RuntimeError(f"stack not ready in {timeout}s:\n{self.log()[-3000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def child_pids(self) -> dict[str, int]:
        return {name: int(pid) for name, pid in re.findall(r"started ([\w-]+) \(pid (\d+)\)",
                                                             self.log()[self._offset:])}

    def stop(self, timeout: float = 30) -> int:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # Never leave a child behind, even if the supervisor itself was killed.
        for pid in self.child_pids().values():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._log.close()
        return self.proc.returncode if self.proc else 0


STAFF_PASSWORD = "correct horse battery"


def add_staff(stack: Stack, username: str, role: str = "loket", *options: str) -> str:
    """An account made with `bot users add` on this stack (password STAFF_PASSWORD)."""
    subprocess.run([sys.executable, "-m", "bot", "users", "add", username, "--role", role,
                    *options], input=STAFF_PASSWORD + "\n", text=True, env=stack.env,
                   check=True)
    return username


def loket_headers(stack: Stack, username: str) -> dict[str, str]:
    """A loket account made with `bot users add` on this stack, logged in: bearer headers."""
    add_staff(stack, username)
    token = httpx.post(f"{stack.url}/api/v1/staff/login", json={
        "username": username, "password": STAFF_PASSWORD}).json()["token"]
    return {"Authorization": f"Bearer {token}"}


class Resident:
    """A resident chatting over the public API."""

    def __init__(self, base_url: str, language: str = "nl") -> None:
        self.http = httpx.Client(base_url=base_url, timeout=60)
        r = self.http.post("/api/v1/conversations", json={"language": language})
        r.raise_for_status()
        self.id = r.json()["id"]
        self.last = r.json()["messages"]
        self.latencies: list[float] = []

    def say(self, text: str) -> list[dict]:
        started = time.perf_counter()
        r = self.http.post(f"/api/v1/conversations/{self.id}/messages", json={"text": text})
        self.latencies.append(time.perf_counter() - started)
        r.raise_for_status()
        self.last = r.json()["messages"]
        return self.last

    @property
    def asked(self) -> str | None:
        """The slot of the last question the bot asked, if any."""
        for m in reversed(self.last):
            if m.get("custom", {}).get("kind") == "question":
                return m["custom"]["slot"]
        return None

    def texts(self) -> str:
        return "\n".join(m["text"] for m in self.last)

    def answer(self, answers: dict[str, str], until: str | None = None,
               limit: int = 40) -> list[str]:
        """Answers each question from `answers` (by slot); returns the slots asked."""
        asked = []
        for _ in range(limit):
            slot = self.asked
            if slot is None or slot == until:
                return asked
            asked.append(slot)
            if slot not in answers:
                raise AssertionError(f"no answer for {slot}; bot said: {self.texts()}")
            self.say(answers[slot])
        raise AssertionError(f"questionnaire did not end; asked {asked}")
