"""The same tests run against every store implementation."""

from datetime import timedelta

import pytest

from bot.stores import StoreError, create_store
from bot.stores.base import Conversation, Session, StoredMessage, User, now


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
    else:
        url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path}/t.db"
    s = create_store(url)
    if request.param == "postgresql":
        _empty(s)  # one server for the session: each test starts from empty tables
    yield s
    s.close()


def _empty(store):
    from bot.stores.sql import metadata

    with store.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


def test_conversation_roundtrip(store):
    c = Conversation(id="abc", language="nl")
    store.create_conversation(c)
    got = store.get_conversation("abc")
    assert got.id == "abc" and got.language == "nl" and got.status == "bot"
    assert got.created_at.tzinfo is not None
    got.status = "waiting"
    got.signals = [{"category": "suicide", "priority": "P1", "at": "t"}]
    store.update_conversation(got)
    again = store.get_conversation("abc")
    assert again.status == "waiting" and again.signals[0]["category"] == "suicide"
    assert store.get_conversation("nope") is None
    with pytest.raises(StoreError):
        store.create_conversation(Conversation(id="abc", language="nl"))


def test_closed_conversations_leave_the_list(store):
    store.create_conversation(Conversation(id="a", language="nl"))
    store.create_conversation(Conversation(id="b", language="en", status="closed"))
    assert [c.id for c in store.list_conversations()] == ["a"]
    assert {c.id for c in store.list_conversations(include_closed=True)} == {"a", "b"}


def test_messages_keep_order(store):
    store.create_conversation(Conversation(id="a", language="nl"))
    store.append_messages([StoredMessage("a", "resident", "hallo"),
                           StoredMessage("a", "bot", "Hallo!", {"kind": "info"},
                                         [{"title": "Ja", "payload": "/affirm"}])])
    store.append_messages([StoredMessage("a", "resident", "tweede")])
    msgs = store.get_messages("a")
    assert [m.text for m in msgs] == ["hallo", "Hallo!", "tweede"]
    assert msgs[1].custom == {"kind": "info"} and msgs[1].buttons[0]["payload"] == "/affirm"


def test_record_writes_messages_and_conversation_together(store):
    c = Conversation(id="a", language="nl")
    store.create_conversation(c)
    assert store.claim_conversation("a", "els")
    c.status, c.priority = "waiting", "P2"
    store.record(c, [StoredMessage("a", "resident", "hallo")])
    store.record(c, [])  # no messages: the conversation alone
    got = store.get_conversation("a")
    assert [m.text for m in store.get_messages("a")] == ["hallo"]
    assert got.priority == "P2"
    # Like update_conversation, it never undoes a takeover.
    assert got.taken_over_by == "els"


def test_a_failed_record_writes_nothing(store):
    if store.__class__.__name__ != "SQLStore":
        pytest.skip("one transaction is a property of the SQL store")
    c = Conversation(id="a", language="nl")
    store.create_conversation(c)
    c.priority = "P1"
    # The messages go in first; the conversation's row then fails: nothing may remain.
    c.updated_at = "not a time"
    with pytest.raises(Exception):  # noqa: B017 - the driver's error differs per database
        store.record(c, [StoredMessage("a", "resident", "hallo")])
    assert store.get_messages("a") == [] and store.get_conversation("a").priority == "P3"


def test_users_and_sessions(store):
    store.add_user(User(username="els", role="loket", password_hash="h"))
    with pytest.raises(StoreError):
        store.add_user(User(username="els", role="admin", password_hash="h"))
    assert store.get_user("els").role == "loket"
    assert store.get_user("nobody") is None
    store.save_session(Session("t1", "els", "loket", now() + timedelta(hours=1)))
    assert store.get_session("t1").username == "els"
    store.delete_session("t1")
    assert store.get_session("t1") is None


def test_sqlite_survives_reopening(tmp_path):
    url = f"sqlite:///{tmp_path}/persist.db"
    s = create_store(url)
    s.create_conversation(Conversation(id="keep", language="nl"))
    s.close()
    assert create_store(url).get_conversation("keep") is not None


def test_unknown_scheme_is_refused():
    with pytest.raises(ValueError):
        create_store("ftp://x")


def test_safety_state_roundtrip(store):
    store.create_conversation(Conversation(id="s", language="nl"))
    c = store.get_conversation("s")
    assert c.safety == {}
    c.safety = {"pending": "may_call", "safe_now": "no"}
    store.update_conversation(c)
    assert store.get_conversation("s").safety == {"pending": "may_call", "safe_now": "no"}


def test_sql_store_adds_columns_to_an_older_database(tmp_path):
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path}/old.db"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE conversations (id VARCHAR(64) PRIMARY KEY, language VARCHAR(8) NOT NULL,"
            " status VARCHAR(16) NOT NULL, priority VARCHAR(4) NOT NULL, signals TEXT NOT NULL,"
            " created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL)")
        conn.exec_driver_sql("INSERT INTO conversations VALUES ('old', 'nl', 'bot', 'P3', '[]',"
                             " '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    store = create_store(url)
    assert store.get_conversation("old").safety == {}


def _ticket(n: int, status: str = "new", **data):
    from datetime import timedelta

    from bot.stores.base import Ticket, now

    return Ticket(id=f"t{n}", reference=f"VB-{n:05d}", conversation_id=f"c{n}", priority="P3",
                  status=status, created_at=now() + timedelta(seconds=n),
                  data={"id": f"t{n}", "question": "Ik wil hulp bij het huishouden.", **data})


def test_ticket_roundtrip(store):
    store.create_ticket(_ticket(1, language="nl"))
    got = store.get_ticket("t1")
    assert got.reference == "VB-00001" and got.data["language"] == "nl"
    assert got.created_at.tzinfo is not None
    assert store.get_ticket_by_reference("VB-00001").id == "t1"
    assert store.get_ticket("nope") is None and store.get_ticket_by_reference("VB-0") is None


def test_ticket_id_and_reference_are_unique(store):
    from bot.stores.base import StoreError

    store.create_ticket(_ticket(1))
    with pytest.raises(StoreError):
        store.create_ticket(_ticket(1))
    duplicate_reference = _ticket(2)
    duplicate_reference.reference = "VB-00001"
    with pytest.raises(StoreError):
        store.create_ticket(duplicate_reference)


def test_tickets_list_newest_first_and_by_status(store):
    for n in (1, 2, 3):
        store.create_ticket(_ticket(n))
    t = store.get_ticket("t2")
    t.status = "handled"
    store.update_ticket(t)
    assert [t.id for t in store.list_tickets()] == ["t3", "t2", "t1"]
    assert [t.id for t in store.list_tickets(status="new")] == ["t3", "t1"]


def test_conversation_keeps_its_ticket(store):
    store.create_conversation(Conversation(id="c1", language="nl"))
    c = store.get_conversation("c1")
    c.ticket_id = "t1"
    store.update_conversation(c)
    assert store.get_conversation("c1").ticket_id == "t1"


def test_content_versions_are_numbered_per_topic_and_language(store):
    from bot.stores.base import ContentVersion

    a = store.add_content_version(ContentVersion("debt_help", "nl", "Eerste tekst."))
    b = store.add_content_version(ContentVersion("debt_help", "nl", "Tweede.",
                                                 links=[{"title": "Info", "url": "https://x.nl"}],
                                                 status="published", author="ans"))
    c = store.add_content_version(ContentVersion("debt_help", "en", "First."))
    assert (a.version, b.version, c.version) == (1, 2, 1)
    nl = store.list_content_versions("debt_help", "nl")
    assert [v.version for v in nl] == [2, 1]
    assert nl[0].links == [{"title": "Info", "url": "https://x.nl"}]
    assert nl[0].status == "published" and nl[0].author == "ans"
    assert len(store.list_content_versions()) == 3
    assert store.list_content_versions("privacy") == []


def test_feedback_unanswered_and_settings(store):
    from bot.stores.base import Feedback, Unanswered

    store.add_feedback(Feedback("debt_help", "nl", True))
    store.add_feedback(Feedback("debt_help", "ar", False))
    assert [(f.topic, f.language, f.helpful) for f in store.list_feedback()] == [
        ("debt_help", "nl", True), ("debt_help", "ar", False)]
    store.add_unanswered(Unanswered("waar kan ik mijn fiets kwijt", "nl"))
    assert store.list_unanswered()[0].text == "waar kan ik mijn fiets kwijt"
    assert store.get_setting("profile") is None
    store.put_setting("profile", {"phone": "14 0123"})
    store.put_setting("profile", {"phone": "14 0999", "name": "Gemeente Één"})
    assert store.get_setting("profile") == {"phone": "14 0999", "name": "Gemeente Één"}


def test_one_staff_member_at_a_time_takes_a_conversation_over(store):
    store.create_conversation(Conversation(id="a", language="nl", status="waiting"))
    assert store.claim_conversation("a", "els")
    assert store.claim_conversation("a", "els")  # the same person again: still hers
    assert not store.claim_conversation("a", "piet")
    assert store.get_conversation("a").status == "staff"
    assert store.get_conversation("a").taken_over_by == "els"
    assert not store.claim_conversation("nope", "els")
    assert not store.release_conversation("a", "piet", "waiting")
    assert store.release_conversation("a", "els", "waiting")
    got = store.get_conversation("a")
    assert got.taken_over_by is None and got.status == "waiting"


def test_a_stale_copy_cannot_undo_a_takeover(store):
    """The chat service writes the conversation it read before staff took it over."""
    store.create_conversation(Conversation(id="a", language="nl"))
    stale = store.get_conversation("a")
    assert store.claim_conversation("a", "els")
    stale.signals = [{"category": "suicide", "priority": "P1", "at": "t"}]
    store.update_conversation(stale)
    got = store.get_conversation("a")
    assert got.taken_over_by == "els" and got.status == "staff" and got.signals
    before_release = store.get_conversation("a")
    assert store.release_conversation("a", "els", "bot")
    store.update_conversation(before_release)  # still says "staff"
    got = store.get_conversation("a")
    assert got.taken_over_by is None and got.status == "waiting"


def test_staff_records_are_kept_in_order(store):
    from bot.stores.base import StaffRecord

    store.add_staff_record(StaffRecord("a", "note", "els", {"text": "gebeld"}))
    store.add_staff_record(StaffRecord("b", "assign", "piet", {"to": "piet"}))
    store.add_staff_record(StaffRecord("a", "status", "els", {"status": "handled"}))
    assert [r.kind for r in store.list_staff_records(["a"])] == ["note", "status"]
    assert store.list_staff_records(["a"])[0].data == {"text": "gebeld"}
    assert len(store.list_staff_records()) == 3
    assert store.list_staff_records([]) == []
    many = [f"c{i}" for i in range(1200)] + ["a"]  # more than SQLite takes in one IN
    assert [r.kind for r in store.list_staff_records(many)] == ["note", "status"]


def test_audit_log_is_append_only_and_newest_first(store):
    from bot.stores.base import AuditEntry

    store.add_audit(AuditEntry("els", "loket", "view", conversation_id="a"))
    store.add_audit(AuditEntry("els", "loket", "takeover", conversation_id="a"))
    store.add_audit(AuditEntry("ann", "admin", "login"))
    assert [e.action for e in store.list_audit()] == ["login", "takeover", "view"]
    assert [e.action for e in store.list_audit(conversation_id="a")] == ["takeover", "view"]
    assert [e.action for e in store.list_audit(limit=1)] == ["login"]
    assert not any(hasattr(store, name) for name in ("delete_audit", "update_audit"))


def test_sessions_remember_when_they_were_last_used(store):
    at = now()
    store.save_session(Session("t1", "els", "loket", at + timedelta(hours=1)))
    store.touch_session("t1", at)
    assert store.get_session("t1").last_seen == at


def test_users_are_listed_and_can_be_switched_off(store):
    store.add_user(User(username="piet", role="loket", password_hash="h", display_name="Piet"))
    store.add_user(User(username="ann", role="admin", password_hash="h"))
    assert [(u.username, u.display_name) for u in store.list_users()] == [("ann", ""),
                                                                            ("piet", "Piet")]
    assert store.set_user_active("piet", False)
    assert store.get_user("piet").active is False
    assert not store.set_user_active("nobody", False)


def test_web_processes_starting_at_once_on_an_empty_postgresql(postgres_url):
    """Each process creates the tables at start; on PostgreSQL they take turns."""
    import threading
    import uuid

    import sqlalchemy as sa

    name = "race_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/" + name
    errors = []

    def start():
        try:
            create_store(url).close()
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
