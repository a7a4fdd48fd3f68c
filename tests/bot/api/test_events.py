"""The server-sent event streams, over a real HTTP server (uvicorn in a thread): the
resident's pushed messages and the staff queue's live updates.

A stub stands in for the Rasa server; tests/e2e/test_console_browser.py runs the same
flow on the real stack in chromium."""

from __future__ import annotations

import json
import queue
import threading
import time

import httpx
import pytest
import uvicorn

from bot.api.app import create_app
from bot.staff import accounts
from tests.e2e.stack import free_port


@pytest.fixture
def live(settings, store, rasa):
    app = create_app(settings, store=store, rasa=rasa)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(),
                                           log_level="warning", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(10)


class Stream:
    """Reads one event stream in a thread; `next()` is the next `data:` as JSON."""

    def __init__(self, url: str, headers: dict | None = None) -> None:
        self.events: queue.Queue = queue.Queue()
        self.status: queue.Queue = queue.Queue()
        self.ended = threading.Event()
        threading.Thread(target=self._read, args=(url, headers or {}), daemon=True).start()
        assert self.status.get(timeout=10) == 200
        time.sleep(0.1)  # the server subscribed before it answered; a little margin

    def _read(self, url, headers):
        try:
            with httpx.stream("GET", url, headers=headers, timeout=None) as r:
                self.status.put(r.status_code)
                assert r.headers["content-type"].startswith("text/event-stream")
                for line in r.iter_lines():
                    if line.startswith("data: "):
                        self.events.put(json.loads(line[6:]))
        except httpx.HTTPError:
            pass  # the server stops at the end of the test
        self.ended.set()

    def next(self, timeout: float = 5) -> dict:
        return self.events.get(timeout=timeout)

    def empty_for(self, seconds: float) -> bool:
        try:
            self.events.get(timeout=seconds)
            return False
        except queue.Empty:
            return True


def login(http: httpx.Client, store, name="els", role="loket") -> dict:
    accounts.add_user(store, name, role, "correct horse battery", display_name="Els")
    r = http.post("/api/v1/staff/login", json={"username": name,
                                                "password": "correct horse battery"})
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_the_resident_gets_staff_messages_pushed_and_nothing_twice(live, store, rasa):
    with httpx.Client(base_url=live) as http:
        cid = http.post("/api/v1/conversations", json={"language": "nl"}).json()["id"]
        widget = Stream(f"{live}/api/v1/conversations/{cid}/events")
        els = login(http, store)
        http.post(f"/api/v1/conversations/{cid}/messages", json={"text": "hallo"})
        assert widget.empty_for(0.3)  # the reply came with the POST: not pushed again

        http.post(f"/api/v1/staff/conversations/{cid}/takeover", headers=els)
        notice = widget.next()["messages"][0]
        assert notice["text"].startswith("U praat nu met Els.")
        assert notice["custom"]["kind"] == "info" and notice["custom"]["staff_name"] == "Els"

        http.post(f"/api/v1/conversations/{cid}/messages", json={"text": "fijn, dank u"})
        http.post(f"/api/v1/staff/conversations/{cid}/messages", headers=els,
                  json={"text": "<b>Hoe</b> kan ik helpen?"})
        pushed = widget.next()["messages"]
        assert pushed == [{"text": "<b>Hoe</b> kan ik helpen?",
                           "custom": {"kind": "staff", "staff_name": "Els"}}]

        http.post(f"/api/v1/staff/conversations/{cid}/handback", headers=els)
        back = widget.next()["messages"]
        assert back[0]["custom"]["handback"] and back[1]["text"] == "echo /resume"


def test_the_staff_queue_hears_a_p1_signal_at_once(live, store):
    with httpx.Client(base_url=live) as http:
        els = login(http, store)
        feed = Stream(f"{live}/api/v1/staff/events", els)
        cid = http.post("/api/v1/conversations", json={"language": "nl"}).json()["id"]
        while feed.next()["conversation_id"] != cid:
            pass  # the opening messages
        sent = time.monotonic()
        http.post(f"/api/v1/conversations/{cid}/messages",
                  json={"text": "ik wil niet meer leven"})
        event = feed.next()
        while not event.get("signals"):
            event = feed.next()
        assert event == {"conversation_id": cid, "priority": "P1", "signals": ["suicide"]}
        assert time.monotonic() - sent < 2


def test_the_staff_conversation_stream_shows_both_sides(live, store):
    with httpx.Client(base_url=live) as http:
        els = login(http, store)
        cid = http.post("/api/v1/conversations", json={"language": "nl"}).json()["id"]
        view = Stream(f"{live}/api/v1/staff/conversations/{cid}/events", els)
        http.post(f"/api/v1/conversations/{cid}/messages", json={"text": "goedemorgen"})
        got = view.next()
        assert got["type"] == "messages"
        assert [(m["from"], m["text"]) for m in got["messages"]] == [("resident", "goedemorgen")]
        assert view.next()["messages"][0]["text"] == "echo goedemorgen"
        http.post(f"/api/v1/staff/conversations/{cid}/notes", headers=els, json={"text": "x"})
        assert view.next() == {"type": "work", "change": "note"}


def test_event_streams_need_login_and_a_known_conversation(live, store):
    with httpx.Client(base_url=live) as http:
        assert http.get("/api/v1/staff/events").status_code == 401
        assert http.get("/api/v1/staff/conversations/x/events").status_code == 401
        assert http.get("/api/v1/conversations/unknown/events").status_code == 404


def test_a_staff_stream_ends_when_the_session_sat_idle(live, store, monkeypatch):
    from datetime import timedelta

    from bot.api import sse
    from bot.stores.base import now

    monkeypatch.setattr(sse, "KEEPALIVE_SECONDS", 0.2)
    with httpx.Client(base_url=live) as http:
        els = login(http, store)
        feed = Stream(f"{live}/api/v1/staff/events", els)
        time.sleep(0.6)
        assert not feed.ended.is_set()  # keep-alives do not end it, nor count as use
        session = accounts.session_for(store, els["Authorization"].split()[1])
        store.touch_session(session.token_hash, now() - timedelta(minutes=31))
        assert feed.ended.wait(3)
        assert http.get("/api/v1/staff/events", headers=els).status_code == 401
