"""Faults in production mode (`make test-faults`): two of each process on a real Redis
and a real PostgreSQL, residents walking the questionnaire at the same time, and in the
middle of it kill -9 of a web process, a Rasa server and an action server, and a Redis
restart. Nothing a resident got an answer to may be lost, every conversation ends in
its ticket, and while a part is down residents get the phone number and the safety
check still shows the emergency numbers."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest

from bot.local_services import start_postgres, start_redis
from tests.e2e.stack import Stack, free_port, loket_headers
from tests.e2e.test_production import free_pair
from tests.e2e.test_stack import SELF

pytestmark = [pytest.mark.stack, pytest.mark.faults]
PHONE = "14 0123"  # the demo municipality's number in the friendly messages
RESIDENTS = 6


class Balancer:
    """What a load balancer does for a resident: the next web process in turn, and on
    a refused or broken connection another one."""

    def __init__(self, urls: list[str]) -> None:
        self.clients = [httpx.Client(base_url=u, timeout=60) for u in urls]
        self.turn = 0
        self.lock = threading.Lock()

    def post(self, path: str, body: dict) -> httpx.Response:
        last: Exception | None = None
        for attempt in range(20):
            with self.lock:
                self.turn += 1
                client = self.clients[self.turn % len(self.clients)]
            try:
                r = client.post(path, json=body)
                if r.status_code < 500:
                    return r
                last = RuntimeError(f"HTTP {r.status_code}")
            except httpx.TransportError as exc:
                last = exc
            time.sleep(0.25 * (attempt + 1))
        raise AssertionError(f"no web process answered: {last!r}")


class Walker(threading.Thread):
    """A resident walking the questionnaire; remembers every message that got a 200."""

    def __init__(self, lb: Balancer) -> None:
        super().__init__(daemon=True)
        self.lb = lb
        self.acknowledged: list[str] = []
        self.ticket: dict | None = None
        self.friendly = 0
        self.error: str | None = None

    def say(self, text: str) -> list[dict]:
        r = self.lb.post(f"/api/v1/conversations/{self.id}/messages", {"text": text})
        assert r.status_code == 200, r.text
        self.acknowledged.append(text)
        messages = r.json()["messages"]
        if any(PHONE in m["text"] for m in messages):
            self.friendly += 1
        for m in messages:
            if m["custom"].get("ticket_id"):
                self.ticket = m["custom"]
        return messages

    def run(self) -> None:
        try:
            r = self.lb.post("/api/v1/conversations", {"language": "nl"})
            self.id = r.json()["id"]
            last = self.say("/start_questionnaire")
            for _ in range(120):
                if self.ticket:
                    return
                slot = next((m["custom"]["slot"] for m in reversed(last)
                             if m["custom"].get("kind") == "question"), None)
                time.sleep(0.3)  # a resident reads and types
                # No question (a part was down): ask the bot to pick up where it was.
                last = self.say(SELF[slot] if slot in SELF else "/resume")
            self.error = "questionnaire did not end"
        except Exception as exc:  # noqa: BLE001 - reported by the test
            self.error = repr(exc)


@pytest.fixture(scope="module")
def services():
    folder = Path(tempfile.mkdtemp(prefix="frontdoor-faults-"))
    folder.chmod(0o755)  # the postgres user must be able to enter it
    redis_port = free_port()
    running = {"redis": start_redis(folder / "redis", redis_port),
               "pg": start_postgres(folder / "pg", free_port()),
               "folder": folder, "redis_port": redis_port}
    yield running
    # The test restarts Redis: stop the one that runs now.
    running["redis"].stop()
    running["pg"].stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def prod(tmp_path_factory, services):
    s = Stack(tmp_path_factory.mktemp("faults"), ports=(free_pair(), free_pair(), free_pair()),
              FRONTDOOR_REPLICAS="2", REDIS_URL=services["redis"].url,
              DATABASE_URL=services["pg"].url, FRONTDOOR_RASA_TIMEOUT_SECONDS="8")
    s.start(timeout=400)
    s.urls = [s.url, f"http://127.0.0.1:{s.port + 1}"]
    yield s
    assert s.stop() == 0


def kill(stack: Stack, name: str) -> None:
    os.kill(stack.child_pids()[name], signal.SIGKILL)


def wait_healthy(stack: Stack, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if all(httpx.get(f"{u}/healthz", timeout=2).json()["rasa"] == "ok"
                   for u in stack.urls):
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    raise AssertionError("the stack did not recover")


def one_message(url: str, text: str) -> list[dict]:
    """A new conversation on one web process, then `text`; the opening may already be
    the friendly message when Rasa is down."""
    http = httpx.Client(base_url=url, timeout=60)
    cid = http.post("/api/v1/conversations", json={"language": "nl"}).json()["id"]
    r = http.post(f"/api/v1/conversations/{cid}/messages", json={"text": text})
    assert r.status_code == 200
    return r.json()["messages"]


def test_nothing_is_lost_when_processes_die_under_load(prod, services):
    lb = Balancer(prod.urls)
    walkers = [Walker(lb) for _ in range(RESIDENTS)]
    for w in walkers:
        w.start()
    time.sleep(4)

    # 1. kill -9 a web process: the balancer sends residents to the other one.
    kill(prod, "web-1")
    time.sleep(3)

    # 2. kill -9 a Rasa server: its web process answers with the phone number, and a
    #    signal still gets the emergency numbers at once.
    wait_healthy(prod)
    kill(prod, "rasa-2")
    time.sleep(1)
    said = one_message(prod.urls[1], "ik wil niet meer leven")
    texts = "\n".join(m["text"] for m in said)
    assert said[0]["custom"]["safety"]["category"] == "suicide"
    assert "113" in texts and PHONE in texts
    wait_healthy(prod)

    # 3. kill -9 an action server: the questionnaire's next step fails, the resident
    #    gets the phone number, not silence.
    kill(prod, "actions-1")
    said = one_message(prod.urls[0], "/start_questionnaire")
    assert any(PHONE in m["text"] for m in said), said
    time.sleep(3)

    # 4. Redis restarts (its append-only file keeps the trackers and locks).
    services["redis"].stop()
    time.sleep(2)
    services["redis"] = start_redis(services["folder"] / "redis", services["redis_port"])
    wait_healthy(prod)

    for w in walkers:
        w.join(300)
    problems = [w.error for w in walkers if w.error]
    assert problems == []
    log = prod.log()
    for name in ("web-1", "rasa-2", "actions-1"):
        assert f"!!! {name} stopped unexpectedly" in log  # and was started again

    # Every acknowledged message and every ticket is in the shared database.
    staff = loket_headers(prod, "els-faults")
    http = httpx.Client(base_url=prod.urls[1], headers=staff, timeout=60)
    for w in walkers:
        stored = [m["text"] for m in http.get(f"/api/v1/staff/conversations/{w.id}").json()[
            "messages"] if m["from"] == "resident"]
        missing = [t for t in w.acknowledged if t not in stored and not t.startswith("/")]
        assert missing == [], (w.id, missing)
        t = http.get(f"/api/v1/tickets/{w.ticket['ticket_id']}").json()
        assert t["reference"] == w.ticket["reference"] and t["question"] == SELF["question"]
    print(f"\n{RESIDENTS} residents, every one ended in a ticket; friendly answers with the "
          f"phone number while a part was down: {sum(w.friendly for w in walkers)}")
