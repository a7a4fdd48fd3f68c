import pytest


def new(client, **body):
    r = client.post("/api/v1/conversations", json=body or None)
    assert r.status_code == 201, r.text
    return r.json()


def test_create_returns_opaque_id_and_opening(client, rasa):
    data = new(client, language="nl")
    assert len(data["id"]) >= 22  # ≥128 bits in URL-safe base64
    assert data["messages"][0]["text"] == "echo /greet"
    assert rasa.received[0][2] == {"language": "nl"}
    assert new(client)["id"] != data["id"]


def test_create_without_body_and_browser_language(client, rasa):
    r = client.post("/api/v1/conversations", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert r.status_code == 201
    assert rasa.received[-1][2] == {"language": "en"}


def test_send_message_returns_contract_messages(client, rasa):
    cid = new(client)["id"]
    r = client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "hallo"})
    assert r.status_code == 200
    assert r.json() == {"messages": [{"text": "echo hallo", "custom": {"kind": "info"}}]}


def test_unknown_conversation_is_404_in_plain_words(client):
    r = client.post("/api/v1/conversations/doesnotexist/messages", json={"text": "hoi"})
    assert r.status_code == 404
    assert "gesprek" in r.json()["detail"]
    r = client.post(f"/api/v1/conversations/{'x' * 500}/messages", json={"text": "hoi"})
    assert r.status_code == 404


@pytest.mark.parametrize("body, word", [
    ({"text": ""}, "leeg"),
    ({"text": "   \n "}, "leeg"),
    ({"text": "a" * 2001}, "te lang"),
    ({"text": 42}, "niet lezen"),
    ({"text": None}, "niet lezen"),
    ({"txt": "hoi"}, "niet lezen"),
    ({"text": "hoi", "language": "xx"}, "taal"),
    ([1, 2], "niet lezen"),
])
def test_bad_messages_get_4xx_with_plain_detail(client, body, word):
    cid = new(client)["id"]
    r = client.post(f"/api/v1/conversations/{cid}/messages", json=body)
    assert 400 <= r.status_code < 500
    assert isinstance(r.json()["detail"], str) and word in r.json()["detail"]


def test_exactly_2000_characters_is_fine(client):
    cid = new(client)["id"]
    assert client.post(f"/api/v1/conversations/{cid}/messages",
                       json={"text": "a" * 2000}).status_code == 200


def test_invalid_json_and_wrong_content(client):
    cid = new(client)["id"]
    for data in (b"{not json", b"", b"\xff\xfe"):
        r = client.post(f"/api/v1/conversations/{cid}/messages", content=data,
                        headers={"Content-Type": "application/json"})
        assert r.status_code == 422, data
        assert isinstance(r.json()["detail"], str)
    r = client.post("/api/v1/conversations", content=b"{oops",
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 422


def test_huge_body_is_refused_before_reading(client):
    cid = new(client)["id"]
    r = client.post(f"/api/v1/conversations/{cid}/messages",
                    content=b'{"text": "' + b"a" * 100_000 + b'"}',
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_rate_limit_per_conversation(client):
    cid = new(client)["id"]
    codes = [client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "hoi"}).status_code
             for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[-1] == 429
    # Another conversation is not affected.
    other = new(client)["id"]
    assert client.post(f"/api/v1/conversations/{other}/messages",
                       json={"text": "hoi"}).status_code == 200


def test_rasa_down_gives_a_friendly_answer_and_keeps_the_message(client, rasa, store):
    cid = new(client)["id"]
    rasa.down = True
    r = client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "ik heb hulp nodig"})
    assert r.status_code == 200
    text = r.json()["messages"][0]["text"]
    assert "14 0123" in text and "112" in text
    assert [m.text for m in store.get_messages(cid) if m.sender == "resident"] == [
        "ik heb hulp nodig"]


def test_bsn_never_reaches_rasa_or_the_store(client, rasa, store):
    cid = new(client)["id"]
    r = client.post(f"/api/v1/conversations/{cid}/messages",
                    json={"text": "mijn bsn is 111222333"})
    assert "burgerservicenummer" in r.json()["messages"][0]["text"]
    assert "111222333" not in rasa.received[-1][1]
    assert all("111222333" not in m.text for m in store.get_messages(cid))


def test_security_headers(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert 'src="/widget/widget.js"' in r.text


def test_favicon_is_not_a_404(client):
    assert client.get("/favicon.ico").status_code == 204
