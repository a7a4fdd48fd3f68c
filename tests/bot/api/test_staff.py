def test_queue_needs_login(client):
    r = client.get("/api/v1/staff/queue")
    assert r.status_code == 401


def test_queue_needs_the_loket_role(client, staff_token):
    token = staff_token("communicatie")
    client.cookies.clear()
    r = client.get("/api/v1/staff/queue", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 403


def test_wrong_password_is_401(client, staff_token):
    staff_token("loket", name="els")
    r = client.post("/api/v1/staff/login", json={"username": "els", "password": "nope"})
    assert r.status_code == 401


def test_login_sets_a_secure_cookie_and_returns_a_token(client, staff_token, store):
    from bot.staff import accounts

    accounts.add_user(store, "els", "loket", "correct horse battery")
    r = client.post("/api/v1/staff/login",
                    json={"username": "els", "password": "correct horse battery"})
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer" and body["role"] == "loket"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_queue_lists_conversations_p1_first(client, staff_token, store):
    ids = [client.post("/api/v1/conversations", json={"language": lang}).json()["id"]
           for lang in ("nl", "en")]
    conv = store.get_conversation(ids[1])
    conv.priority = "P1"
    conv.signals = [{"category": "suicide", "priority": "P1", "at": "2026-01-01T00:00:00+00:00"}]
    store.update_conversation(conv)
    token = staff_token("loket")
    client.cookies.clear()
    r = client.get("/api/v1/staff/queue", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    queue = r.json()
    assert [q["conversation_id"] for q in queue] == [ids[1], ids[0]]
    assert queue[0]["priority"] == "P1" and queue[0]["signals"][0]["category"] == "suicide"
    assert queue[1] == {"conversation_id": ids[0], "priority": "P3", "signals": [],
                        "status": "bot", "language": "nl", "handling": "new",
                        "updated_at": queue[1]["updated_at"],
                        "created_at": queue[1]["created_at"]}


def test_cookie_login_works_and_logout_ends_it(client, staff_token):
    token = staff_token("loket")  # the client keeps the cookie
    assert client.get("/api/v1/staff/queue").status_code == 200
    # A change by cookie needs the page's CSRF token, logging out too.
    assert client.post("/api/v1/staff/logout").status_code == 403
    assert client.post("/api/v1/staff/logout",
                       headers={"Authorization": f"Bearer {token}"}).status_code == 204
    client.cookies.clear()
    assert client.get("/api/v1/staff/queue").status_code == 401


def test_login_is_rate_limited(client, staff_token):
    staff_token("loket", name="els")
    codes = [client.post("/api/v1/staff/login",
                         json={"username": "els", "password": "wrong"}).status_code
             for _ in range(6)]
    assert codes[-1] == 429


def test_staff_bad_input_is_precise(client):
    r = client.post("/api/v1/staff/login", json={"username": 1})
    assert r.status_code == 422
    assert r.json()["errors"]
