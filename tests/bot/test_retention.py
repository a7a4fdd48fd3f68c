"""Retention with a clock the test controls, on every store implementation."""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta

import yaml

from bot import retention
from bot.settings import Settings
from bot.stores.base import (
    Conversation,
    Feedback,
    Session,
    StaffRecord,
    StoredMessage,
    Ticket,
    Unanswered,
    now,
)
from tests.bot.stores.test_stores import store  # noqa: F401 - every implementation

NOW = now()


def days(n: float):
    return NOW - timedelta(days=n)


def ticket(tid: str, status: str, created, handled=None) -> Ticket:
    data = {"id": tid, "question": "…"}
    if handled is not None:
        data["handled_at"] = handled.isoformat()
    return Ticket(tid, f"VB-{tid.upper()}", "c", "P3", status, created, data)


def test_what_is_past_its_time_goes_and_the_rest_stays(store, tmp_path):  # noqa: F811
    settings = Settings(var_dir=tmp_path, retention_days=30)
    store.create_conversation(Conversation(id="old", language="nl", updated_at=days(31),
                                           created_at=days(40)))
    store.create_conversation(Conversation(id="new", language="nl", updated_at=days(1),
                                           created_at=days(35)))
    store.append_messages([StoredMessage("old", "resident", "ik wil niet meer", at=days(31)),
                           StoredMessage("new", "resident", "eerste", at=days(35)),
                           StoredMessage("new", "resident", "laatste", at=days(1))])
    store.add_staff_record(StaffRecord("old", "note", "els", {"text": "x"}, at=days(31)))
    store.add_staff_record(StaffRecord("new", "note", "els", {"text": "y"}, at=days(1)))
    store.add_feedback(Feedback("debt_help", "nl", True, at=days(31)))
    store.add_feedback(Feedback("debt_help", "nl", False, at=days(2)))
    store.add_unanswered(Unanswered("vraag", "nl", at=days(31)))
    store.save_session(Session("s-old", "els", "loket", days(31)))
    store.create_ticket(ticket("t1", "handled", days(500), handled=days(400)))  # > 12 months
    store.create_ticket(ticket("t2", "handled", days(500), handled=days(20)))
    store.create_ticket(ticket("t3", "new", days(900)))  # open: never deleted
    store.create_ticket(ticket("t4", "handled", days(400)))  # handled before handled_at

    counts = retention.run(store, settings, at=NOW)

    assert store.get_conversation("old") is None and store.get_messages("old") == []
    assert [m.text for m in store.get_messages("new")] == ["laatste"]
    assert [r.conversation_id for r in store.list_staff_records()] == ["new"]
    assert [f.helpful for f in store.list_feedback()] == [False]
    assert store.list_unanswered() == []
    assert store.get_session("s-old") is None
    assert {t.id for t in store.list_tickets()} == {"t2", "t3"}
    assert counts["conversations"] == 1 and counts["tickets"] == 2
    assert counts["messages"] == 2 and counts["feedback"] == 1
    # The clock moves on: now the second conversation and ticket are past their time.
    later = retention.run(store, settings, at=NOW + timedelta(days=400))
    assert later["conversations"] == 1 and later["tickets"] == 1
    assert {t.id for t in store.list_tickets()} == {"t3"}


def test_sqlite_trackers_go_whole_never_half(tmp_path):
    path = tmp_path / "trackers.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                     "type_name TEXT, timestamp REAL, data TEXT)")
        rows = [("old", days(40)), ("old", days(31)), ("mixed", days(40)), ("mixed", days(2))]
        conn.executemany("INSERT INTO events (sender_id, timestamp) VALUES (?, ?)",
                         [(s, t.timestamp()) for s, t in rows])
    assert retention.purge_sqlite_trackers(path, days(30)) == 1
    with sqlite3.connect(path) as conn:
        left = conn.execute("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id")
        assert dict(left.fetchall()) == {"mixed": 2}


def test_redis_trackers_expire_by_themselves(tmp_path):
    from bot.supervisor import write_endpoints

    settings = Settings(var_dir=tmp_path, redis_url="redis://:geheim@cache:6380/2",
                        retention_days=30)
    path = write_endpoints(settings)
    assert path.stat().st_mode & 0o077 == 0  # a password in it: only the owner reads it
    endpoints = yaml.safe_load(path.read_text())
    assert endpoints["tracker_store"] == {
        "type": "redis", "url": "cache", "port": 6380, "db": 2, "password": "geheim",
        "key_prefix": "frontdoor", "use_ssl": False, "record_exp": 30 * 86400}
    assert endpoints["lock_store"]["type"] == "redis"


def test_the_web_app_runs_the_job_by_itself(tmp_path):
    from fastapi.testclient import TestClient

    from bot.api.app import create_app
    from bot.stores import create_store
    from tests.bot.api.conftest import StubRasa

    mem = create_store("memory://")
    mem.create_conversation(Conversation(id="old", language="nl", updated_at=days(31)))
    app = create_app(Settings(var_dir=tmp_path, retention_days=30), store=mem,
                     rasa=StubRasa())
    with TestClient(app):
        deadline = time.monotonic() + 10
        while mem.get_conversation("old") is not None and time.monotonic() < deadline:
            time.sleep(0.05)
    assert mem.get_conversation("old") is None
