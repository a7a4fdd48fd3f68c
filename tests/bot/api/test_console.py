"""The staff API of the loket console: take over, write, hand back, status, notes,
assignment, false alarms, audit, roles, CSRF, lock-out, idle timeout.

A stub stands in for the Rasa server to drive the gateway; the browser test in
tests/e2e/test_console_browser.py runs the same flow on the real stack."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from bot.api.app import create_app
from bot.settings import Settings
from bot.staff import accounts
from bot.stores.base import now


def start(client, language="nl"):
    return client.post("/api/v1/conversations", json={"language": language}).json()["id"]


def say(client, cid, text):
    r = client.post(f"/api/v1/conversations/{cid}/messages", json={"text": text})
    assert r.status_code == 200, r.text
    return r.json()["messages"]


@pytest.fixture
def staff(client, store):
    """A loket client by bearer token (no cookie: CSRF does not apply)."""
    accounts.add_user(store, "els", "loket", "correct horse battery", display_name="Els")

    def headers(name="els", role="loket"):
        if store.get_user(name) is None:
            accounts.add_user(store, name, role, "correct horse battery")
        r = client.post("/api/v1/staff/login",
                        json={"username": name, "password": "correct horse battery"})
        client.cookies.clear()
        return {"Authorization": f"Bearer {r.json()['token']}"}

    return headers


def test_take_over_pauses_the_bot_and_messages_flow_both_ways(client, rasa, store, staff):
    els = staff()
    cid = start(client, "en")
    say(client, cid, "I want to talk to a person")
    base = f"/api/v1/staff/conversations/{cid}"
    assert client.post(f"{base}/takeover", headers=els).status_code == 204
    notice = store.get_messages(cid)[-1]
    # In the resident's language, with the employee's name.
    assert notice.custom["takeover"] and notice.custom["staff_name"] == "Els"
    assert notice.text == "You are now talking with Els. Els works for Gemeente Voorbeeld."

    asked = len(rasa.received)
    assert say(client, cid, "hello, are you there?") == []  # the bot stays silent
    assert len(rasa.received) == asked  # Rasa is not asked while staff have the chat

    r = client.post(f"{base}/messages", json={"text": "Yes, I am here."}, headers=els)
    assert r.status_code == 201
    assert r.json()["custom"] == {"kind": "staff", "staff_name": "Els"}
    detail = client.get(base, headers=els).json()
    assert detail["status"] == "staff" and detail["taken_over_by"] == "els"
    assert [m["from"] for m in detail["messages"][-3:]] == ["bot", "resident", "staff"]
    assert detail["messages"][-2]["text"] == "hello, are you there?"

    r = client.post(f"{base}/handback", headers=els)
    assert r.status_code == 200
    said = r.json()["messages"]
    assert said[0]["custom"]["handback"] and "Els" in said[0]["text"]
    assert rasa.received[-1][1] == "/resume"  # the bot goes on where it was
    assert said[1]["text"] == "echo /resume"
    assert client.get(base, headers=els).json()["status"] in ("waiting", "bot")
    assert say(client, cid, "thanks")[0]["text"] == "echo thanks"  # the bot answers again


def test_two_staff_cannot_take_over_the_same_conversation(client, store, staff):
    els, piet = staff(), staff("piet")
    cid = start(client)
    base = f"/api/v1/staff/conversations/{cid}"
    assert client.post(f"{base}/takeover", headers=els).status_code == 204
    r = client.post(f"{base}/takeover", headers=piet)
    assert r.status_code == 409 and "els" in r.json()["detail"]
    assert client.post(f"{base}/messages", json={"text": "hoi"}, headers=piet).status_code == 409
    assert client.post(f"{base}/handback", headers=piet).status_code == 409
    # A second click by the same person tells the resident nothing new.
    before = len(store.get_messages(cid))
    assert client.post(f"{base}/takeover", headers=els).status_code == 204
    assert len(store.get_messages(cid)) == before


def test_writing_needs_a_takeover_first(client, staff):
    cid = start(client)
    r = client.post(f"/api/v1/staff/conversations/{cid}/messages", json={"text": "hoi"},
                    headers=staff())
    assert r.status_code == 409 and "take over" in r.json()["detail"]


def test_the_safety_check_still_runs_and_flags_while_staff_have_the_chat(client, rasa, store,
                                                                         staff):
    els = staff()
    cid = start(client)
    client.post(f"/api/v1/staff/conversations/{cid}/takeover", headers=els)
    msgs = say(client, cid, "ik wil niet meer leven")
    assert msgs[0]["custom"]["safety"] == {"category": "suicide", "priority": "P1"}
    assert "0800-0113" in msgs[0]["text"]
    assert not any(m["custom"].get("slot") == "safe_now" for m in msgs)  # staff ask that
    queue = client.get("/api/v1/staff/queue", headers=els).json()
    assert queue[0]["conversation_id"] == cid and queue[0]["priority"] == "P1"
    assert queue[0]["status"] == "staff"


def test_status_notes_assignment_and_a_handled_conversation_leaves_the_queue(client, store,
                                                                             staff):
    els = staff()
    cid = start(client)
    say(client, cid, "Mijn man slaat me als hij gedronken heeft")
    base = f"/api/v1/staff/conversations/{cid}"
    assert client.post(f"{base}/assign", headers=els).status_code == 204
    assert client.post(f"{base}/notes", json={"text": "Teruggebeld, is veilig bij zus."},
                       headers=els).status_code == 204
    assert client.post(f"{base}/status", json={"status": "in_progress"},
                       headers=els).status_code == 204
    detail = client.get(base, headers=els).json()
    assert detail["assigned_to"] == "els" and detail["handling"] == "in_progress"
    assert detail["notes"][0]["text"] == "Teruggebeld, is veilig bij zus."
    assert detail["notes"][0]["by"] == "els"
    assert detail["waiting_since"] is None  # picked up
    assert client.post(f"{base}/status", json={"status": "done"},
                       headers=els).status_code == 422
    assert client.post(f"{base}/notes", json={"text": " "}, headers=els).status_code == 422
    client.post(f"{base}/status", json={"status": "handled"}, headers=els)
    queue = client.get("/api/v1/staff/queue", headers=els).json()
    assert cid not in [q["conversation_id"] for q in queue]
    # A new signal from the resident puts it back.
    say(client, cid, "hij staat weer voor de deur en dreigt me te vermoorden")
    queue = client.get("/api/v1/staff/queue", headers=els).json()
    assert queue[0]["conversation_id"] == cid and queue[0]["handling"] == "new"


def test_status_also_moves_the_ticket(client, rasa, store, staff):
    from tests.bot.api.test_tickets import walk_to_ticket

    els = staff()
    cid, _ = walk_to_ticket(client, rasa)
    ticket_id = store.get_conversation(cid).ticket_id
    assert ticket_id
    base = f"/api/v1/staff/conversations/{cid}"
    assert client.get(base, headers=els).json()["ticket"]["id"] == ticket_id
    client.post(f"{base}/status", json={"status": "in_progress"}, headers=els)
    assert store.get_ticket(ticket_id).status == "in_progress"
    client.post(f"{base}/status", json={"status": "handled"}, headers=els)
    # Retention of a handled ticket counts from this moment.
    assert store.get_ticket(ticket_id).data["handled_at"]
    client.post(f"{base}/status", json={"status": "in_progress"}, headers=els)
    assert "handled_at" not in store.get_ticket(ticket_id).data


def test_a_false_alarm_is_recorded_with_who_and_why_and_never_deleted(client, store, staff):
    els = staff()
    cid = start(client)
    say(client, cid, "ik wil niet meer leven")
    base = f"/api/v1/staff/conversations/{cid}"
    r = client.post(f"{base}/signals/0/false-alarm", json={"reason": ""}, headers=els)
    assert r.status_code == 422
    assert client.post(f"{base}/signals/9/false-alarm", json={"reason": "x"},
                       headers=els).status_code == 404
    r = client.post(f"{base}/signals/0/false-alarm",
                    json={"reason": "Citaat uit een boek, gebeld en nagevraagd."}, headers=els)
    assert r.status_code == 204
    detail = client.get(base, headers=els).json()
    signal = detail["signals"][0]
    assert signal["category"] == "suicide"  # still there
    assert signal["false_alarm"]["by"] == "els"
    assert signal["false_alarm"]["reason"].startswith("Citaat")
    assert detail["priority"] == "P3"
    assert store.get_conversation(cid).signals[0]["category"] == "suicide"


def test_the_audit_log_records_views_and_changes_for_admins_only(client, store, staff):
    els = staff()
    cid = start(client)
    base = f"/api/v1/staff/conversations/{cid}"
    client.get(base, headers=els)
    client.post(f"{base}/notes", json={"text": "notitie"}, headers=els)
    client.post(f"{base}/takeover", headers=els)
    assert client.get("/api/v1/staff/audit", headers=els).status_code == 403
    admin = staff("ann", "admin")
    log = client.get("/api/v1/staff/audit", headers=admin).json()
    mine = [(e["username"], e["action"]) for e in log if e["conversation_id"] == cid]
    assert mine == [("els", "takeover"), ("els", "note"), ("els", "view")]
    client.get(base, headers=els)  # the console reloading: still one view
    log = client.get("/api/v1/staff/audit", headers=admin).json()
    assert [e["action"] for e in log if e["conversation_id"] == cid].count("view") == 1
    assert {"username": "els", "action": "login"}.items() <= next(
        e for e in log if e["action"] == "login" and e["username"] == "els").items()
    # Nothing in the API changes or deletes an entry.
    routes = {(m, r.path) for r in client.app.routes for m in getattr(r, "methods", ())}
    assert not any("audit" in path and m in ("PUT", "PATCH", "DELETE") for m, path in routes)


def test_communicatie_cannot_read_tickets_or_conversations(client, store, staff):
    cid = start(client)
    comm = staff("carla", "communicatie")
    assert client.get("/api/v1/staff/queue", headers=comm).status_code == 403
    assert client.get(f"/api/v1/staff/conversations/{cid}", headers=comm).status_code == 403
    assert client.get("/api/v1/tickets", headers=comm).status_code == 403
    assert client.get("/api/v1/tickets/xyz", headers=comm).status_code == 403
    assert client.get("/staff/tickets/xyz", headers=comm).status_code == 403


def test_anonymous_gets_401_everywhere_under_staff(client):
    """Every route under /staff and /api/v1/staff, except the login itself."""
    checked = 0
    for route in client.app.routes:
        path = getattr(route, "path", "")
        if not path.startswith(("/staff", "/api/v1/staff", "/api/v1/tickets")):
            continue
        if path in ("/staff/login", "/api/v1/staff/login"):
            continue
        url = path.replace("{conversation_id}", "abc").replace("{key}", "abc") \
            .replace("{index}", "0")
        for method in route.methods - {"HEAD"}:
            r = client.request(method, url, json={})
            assert r.status_code == 401, (method, path, r.status_code)
            checked += 1
    assert checked >= 15


def test_cookie_requests_that_change_something_need_the_csrf_token(client, store):
    accounts.add_user(store, "els", "loket", "correct horse battery")
    client.post("/api/v1/staff/login",
                json={"username": "els", "password": "correct horse battery"})
    cid = start(client)
    r = client.post(f"/api/v1/staff/conversations/{cid}/notes", json={"text": "x"})
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    page = client.get(f"/staff/conversations/{cid}")
    assert page.status_code == 200
    import re

    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)
    r = client.post(f"/api/v1/staff/conversations/{cid}/notes", json={"text": "x"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 204


@pytest.fixture
def lenient_client(tmp_path, store, rasa):
    """Many attempts per minute from one client, so the per-username lock-out shows."""
    settings = Settings(var_dir=tmp_path, login_attempts_per_minute=100)
    with TestClient(create_app(settings, store=store, rasa=rasa)) as c:
        yield c


def test_repeated_wrong_passwords_lock_the_account(lenient_client, store):
    accounts.add_user(store, "els", "loket", "correct horse battery")
    codes = [lenient_client.post("/api/v1/staff/login",
                                 json={"username": "els", "password": "wrong"}).status_code
             for _ in range(5)]
    assert codes == [401] * 5
    r = lenient_client.post("/api/v1/staff/login",
                            json={"username": "ELS", "password": "correct horse battery"})
    assert r.status_code == 423 and "locked" in r.json()["detail"]
    lenient_client.post("/api/v1/staff/login", json={"username": "nobody", "password": "x"})
    actions = [(e.username, e.action) for e in store.list_audit()]
    assert actions == [("els", "login_locked")] + [("els", "login_failed")] * 5
    # Another account is not affected.
    accounts.add_user(store, "piet", "loket", "correct horse battery")
    assert lenient_client.post("/api/v1/staff/login", json={
        "username": "piet", "password": "correct horse battery"}).status_code == 200


def test_the_login_page_says_the_account_is_locked(lenient_client, store):
    import re

    accounts.add_user(store, "els", "loket", "correct horse battery")
    for password in ["a", "b", "c", "d", "e", "correct horse battery"]:
        form = lenient_client.get("/staff/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        r = lenient_client.post("/staff/login", data={"username": "els", "password": password,
                                                      "csrf": csrf, "next": ""},
                                follow_redirects=False)
    assert r.status_code == 423 and "geblokkeerd" in r.text


def test_an_idle_session_ends(client, store, staff):
    headers = staff()
    assert client.get("/api/v1/staff/queue", headers=headers).status_code == 200
    token = headers["Authorization"].split()[1]
    session = accounts.session_for(store, token)
    store.touch_session(session.token_hash, now() - timedelta(minutes=31))
    assert client.get("/api/v1/staff/queue", headers=headers).status_code == 401
    assert client.get("/api/v1/staff/queue", headers=headers).status_code == 401  # gone


def test_login_page_sends_each_role_to_its_own_start(client, store):
    import re

    for name, role, home in [("els", "loket", "/staff"), ("carla", "communicatie", "/content"),
                             ("ann", "admin", "/staff/audit")]:
        accounts.add_user(store, name, role, "correct horse battery")
        client.cookies.clear()
        form = client.get("/staff/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        r = client.post("/staff/login", data={"username": name, "password":
                                              "correct horse battery", "csrf": csrf,
                                              "next": ""}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == home
        assert client.get(home).status_code == 200


def test_console_pages_need_the_loket_role(client, store, staff):
    cid = start(client)
    assert client.get("/staff").status_code == 401
    assert "Inloggen" in client.get("/staff").text
    staff("carla", "communicatie")
    client.post("/api/v1/staff/login", json={"username": "carla",
                                             "password": "correct horse battery"})
    assert client.get("/staff").status_code == 403
    assert client.get(f"/staff/conversations/{cid}").status_code == 403
    assert client.get("/staff/audit").status_code == 403


def test_unknown_conversation_is_404_not_500(client, staff):
    els = staff()
    assert client.get("/api/v1/staff/conversations/nope", headers=els).status_code == 404
    assert client.post("/api/v1/staff/conversations/nope/takeover",
                       headers=els).status_code == 404
    assert client.get("/api/v1/conversations/nope/events").status_code == 404


def test_admins_manage_accounts_and_a_switched_off_account_loses_its_session(client, store,
                                                                             staff):
    els = staff()
    admin = staff("ann", "admin")
    assert client.get("/api/v1/staff/users", headers=els).status_code == 403
    r = client.post("/api/v1/staff/users", headers=admin, json={
        "username": "Piet", "role": "loket", "password": "correct horse battery",
        "display_name": "Piet"})
    assert r.status_code == 201 and r.json()["username"] == "piet"
    assert client.post("/api/v1/staff/users", headers=admin, json={
        "username": "piet", "role": "loket", "password": "correct horse battery"}
    ).status_code == 409
    assert client.post("/api/v1/staff/users", headers=admin, json={
        "username": "kees", "role": "baas", "password": "correct horse battery"}
    ).status_code == 422
    assert client.post("/api/v1/staff/users", headers=admin, json={
        "username": "kees", "role": "loket", "password": "kort"}).status_code == 422
    users = client.get("/api/v1/staff/users", headers=admin).json()
    assert {u["username"] for u in users} == {"ann", "els", "piet"}
    assert not any("password" in k for u in users for k in u)

    assert client.get("/api/v1/staff/queue", headers=els).status_code == 200
    assert client.post("/api/v1/staff/users/els/active", headers=admin,
                       json={"active": False}).status_code == 204
    assert client.get("/api/v1/staff/queue", headers=els).status_code == 401
    assert client.post("/api/v1/staff/login", json={
        "username": "els", "password": "correct horse battery"}).status_code == 401
    assert client.post("/api/v1/staff/users/ann/active", headers=admin,
                       json={"active": False}).status_code == 409  # not yourself
    assert client.post("/api/v1/staff/users/nobody/active", headers=admin,
                       json={"active": True}).status_code == 404
    log = client.get("/api/v1/staff/audit", headers=admin).json()
    users_log = [(e["action"], e["detail"]) for e in log if e["action"].startswith("user_")]
    assert users_log == [("user_disable", "els"), ("user_add", "piet (loket)")]
    assert log[0]["action"] == "login_failed" and log[0]["username"] == "els"


def test_the_accounts_page_adds_and_switches_off_with_csrf(client, store):
    import re

    accounts.add_user(store, "ann", "admin", "correct horse battery")
    client.post("/api/v1/staff/login", json={"username": "ann",
                                             "password": "correct horse battery"})
    page = client.get("/staff/users")
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = client.post("/staff/users", data={"username": "piet", "role": "loket",
                                          "password": "kort", "csrf": csrf})
    assert r.status_code == 422 and "minstens 12 tekens" in r.text
    r = client.post("/staff/users", data={"username": "piet", "role": "loket",
                                          "password": "correct horse battery",
                                          "display_name": "Piet", "csrf": csrf},
                    follow_redirects=False)
    assert r.status_code == 303
    assert store.get_user("piet").display_name == "Piet"
    assert client.post("/staff/users/piet/active", data={"active": "0"}).status_code == 403
    client.post("/staff/users/piet/active", data={"active": "0", "csrf": csrf})
    assert store.get_user("piet").active is False
