"""Production mode on one machine: two web processes, two Rasa servers and two action
servers sharing a real Redis (Rasa's tracker and lock stores, live updates, rate
limits) and a real PostgreSQL (conversations, tickets, staff, audit). A conversation
goes on correctly whichever web process gets the next message, and a staff member on
one process sees, live, what a resident does on the other."""

from __future__ import annotations

import json
import queue
import socket
import threading

import httpx
import pytest
import redis

from tests.e2e.stack import Resident, Stack, loket_headers
from tests.e2e.test_stack import SELF

pytestmark = pytest.mark.stack


def free_pair() -> int:
    """A port p with p and p + 1 both free (replica i listens on base + i)."""
    for _ in range(50):
        with socket.socket() as a:
            a.bind(("127.0.0.1", 0))
            port = a.getsockname()[1]
            try:
                with socket.socket() as b:
                    b.bind(("127.0.0.1", port + 1))
                    return port
            except OSError:
                continue
    raise RuntimeError("no two free ports in a row")


@pytest.fixture(scope="module")
def prod(tmp_path_factory, redis_url, postgres_url):
    s = Stack(tmp_path_factory.mktemp("prod"), ports=(free_pair(), free_pair(), free_pair()),
              FRONTDOOR_REPLICAS="2", REDIS_URL=redis_url, DATABASE_URL=postgres_url)
    s.start(timeout=400)
    s.urls = [s.url, f"http://127.0.0.1:{s.port + 1}"]
    yield s
    assert s.stop() == 0


def test_every_process_runs_and_the_stores_are_shared(prod, redis_url):
    names = set(prod.child_pids())
    assert names == {"rasa-1", "rasa-2", "actions-1", "actions-2", "web-1", "web-2"}
    for url in prod.urls:
        assert httpx.get(f"{url}/healthz").json() == {"web": "ok", "rasa": "ok"}
    r = Resident(prod.urls[0])
    r.say("hallo")
    # Rasa's trackers live in Redis, not in a local file.
    assert redis.Redis.from_url(redis_url).keys("frontdoor:*")
    assert not (prod.var_dir / "trackers.db").exists()


def test_a_conversation_goes_on_whichever_process_gets_the_next_message(prod, staff):
    """Every message goes to the other web process (so to the other Rasa server and
    action server): the questionnaire still asks each question once, in order, and
    ends in a ticket that both processes can read."""
    r = Resident(prod.urls[0])
    clients = [httpx.Client(base_url=u, timeout=60) for u in prod.urls]
    turn = 0

    def say(text):
        nonlocal turn
        turn += 1
        r.http = clients[turn % 2]
        return Resident.say(r, text)

    r.say = say
    r.say("/start_questionnaire")
    asked = r.answer(SELF)
    assert asked[:2] == ["for_whom", "question"] and len(asked) == len(set(asked))
    ticket = next(m["custom"] for m in r.last if m["custom"].get("ticket_id"))
    for url in prod.urls:
        t = httpx.get(f"{url}/api/v1/tickets/{ticket['ticket_id']}",
                      headers=staff).json()
        assert t["reference"] == ticket["reference"] and t["question"] == SELF["question"]


@pytest.fixture(scope="module")
def staff(prod) -> dict:
    return loket_headers(prod, "els-prod")


def stream(url: str, headers: dict | None = None) -> queue.Queue:
    events: queue.Queue = queue.Queue()
    opened = threading.Event()

    def read():
        try:
            with httpx.stream("GET", url, headers=headers or {}, timeout=None) as resp:
                opened.set()
                for line in resp.iter_lines():
                    if line.startswith("data: "):
                        events.put(json.loads(line[6:]))
        except httpx.HTTPError:
            pass

    threading.Thread(target=read, daemon=True).start()
    assert opened.wait(10)
    return events


def test_staff_on_one_process_see_and_answer_a_resident_on_the_other(prod, staff):
    web1, web2 = prod.urls
    queue_feed = stream(f"{web2}/api/v1/staff/events", staff)  # staff on web 2
    r = Resident(web1)  # the resident on web 1
    widget = stream(f"{web1}/api/v1/conversations/{r.id}/events")
    r.say("ik wil niet meer leven")
    while True:
        event = queue_feed.get(timeout=5)
        if event.get("conversation_id") == r.id and event.get("signals"):
            break
    assert event["priority"] == "P1" and event["signals"] == ["suicide"]
    http = httpx.Client(base_url=web2, headers=staff, timeout=30)
    assert http.post(f"/api/v1/staff/conversations/{r.id}/takeover").status_code == 204
    assert widget.get(timeout=5)["messages"][0]["custom"]["takeover"]
    http.post(f"/api/v1/staff/conversations/{r.id}/messages", json={"text": "Ik ben er."})
    assert widget.get(timeout=5)["messages"][0]["text"] == "Ik ben er."
    assert r.say("dank u") == []  # web 1 knows web 2's staff member has the chat
    back = http.post(f"/api/v1/staff/conversations/{r.id}/handback").json()["messages"]
    assert back[0]["custom"]["handback"] and len(back) > 1
