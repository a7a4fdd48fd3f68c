"""Content API, the editor pages, feedback and the learning loop (HTTP layer; the bot's
answer is rendered through the same NLG endpoint Rasa calls)."""

import re

import pytest

from bot.stores.base import StoredMessage

NEW_DEBT_TEXT = "Schulden? Bel ons gerust op {phone}. Wij helpen u gratis en snel."


def _bearer(staff_token, client, role):
    token = staff_token(role)
    client.cookies.clear()
    return {"Authorization": f"Bearer {token}"}


def _bot_answer(client, topic="debt_help", lang_conv=None):
    """What Rasa gets back from the NLG endpoint for a topic answer."""
    body = {"response": "utter_topic_answer", "arguments": {"topic": topic},
            "tracker": {"sender_id": lang_conv or "nobody", "slots": {}}}
    return client.post("/nlg", json=body).json()


def test_anonymous_gets_401_and_loket_cannot_edit(client, staff_token):
    assert client.get("/api/v1/content/debt_help/nl").status_code == 401
    assert client.put("/api/v1/content/debt_help/nl", json={"body": "x"}).status_code == 401
    loket = _bearer(staff_token, client, "loket")
    assert client.get("/api/v1/content/debt_help/nl", headers=loket).status_code == 200
    r = client.put("/api/v1/content/debt_help/nl", headers=loket,
                   json={"body": "Nieuw.", "status": "published"})
    assert r.status_code == 403
    assert "Nieuw." not in _bot_answer(client)["text"]


def test_publish_changes_the_bot_answer_at_once(client, staff_token):
    before = _bot_answer(client)
    assert before["custom"]["topic"] == "debt_help" and "schuld" in before["text"].lower()
    comms = _bearer(staff_token, client, "communicatie")
    r = client.put("/api/v1/content/debt_help/nl", headers=comms,
                   json={"body": NEW_DEBT_TEXT, "status": "draft",
                         "links": [{"title": "Geldfit", "url": "https://www.geldfit.nl"}]})
    assert r.status_code == 200 and r.json()["status"] == "draft"
    assert _bot_answer(client)["text"] == before["text"]  # a draft is not used
    r = client.post("/api/v1/content/debt_help/nl/publish", headers=comms)
    assert r.status_code == 200 and r.json()["status"] == "published"
    after = _bot_answer(client)
    assert after["text"].startswith("Schulden? Bel ons gerust op 14 0123.")
    assert after["custom"]["links"] == [{"title": "Geldfit", "url": "https://www.geldfit.nl"}]
    assert after["custom"]["format"] == "markdown"
    assert r.json()["published"]["author"] == "user-communicatie"


def test_bad_content_is_refused_with_problems(client, staff_token):
    comms = _bearer(staff_token, client, "communicatie")
    r = client.put("/api/v1/content/debt_help/nl", headers=comms,
                   json={"body": "[klik](javascript:alert(1))", "status": "published",
                         "links": [{"title": "x", "url": "http://x.nl"}]})
    assert r.status_code == 422
    assert len(r.json()["detail"]["problems"]) == 2
    assert client.put("/api/v1/content/nope/nl", headers=comms,
                      json={"body": "x"}).status_code == 404
    assert client.put("/api/v1/content/debt_help/xx", headers=comms,
                      json={"body": "x"}).status_code == 404
    assert client.put("/api/v1/content/debt_help/nl", headers=comms,
                      json={"body": "x", "next_step": "fly"}).status_code == 422


def test_script_in_content_stays_text(client, staff_token):
    comms = _bearer(staff_token, client, "communicatie")
    body = "Let op <script>alert(1)</script> <img src=x onerror=alert(1)>"
    r = client.put("/api/v1/content/privacy/nl", headers=comms,
                   json={"body": body, "status": "published", "next_step": "none"})
    assert r.status_code == 200
    assert _bot_answer(client, "privacy")["text"] == body  # the widget shows it as text
    check = client.post("/api/v1/content/check", headers=comms,
                        json={"body": body, "language": "nl"}).json()
    assert check["notices"] and check["preview"]["text"] == body


def test_restore_brings_an_old_version_back(client, staff_token):
    comms = _bearer(staff_token, client, "communicatie")
    original = client.get("/api/v1/content/loneliness/nl", headers=comms).json()
    client.put("/api/v1/content/loneliness/nl", headers=comms,
               json={"body": "Slechte tekst.", "status": "published"})
    assert _bot_answer(client, "loneliness")["text"].startswith("Slechte tekst.")
    r = client.post("/api/v1/content/loneliness/nl/restore", headers=comms,
                    json={"version": original["published"]["version"]})
    assert r.json()["latest"]["body"] == original["published"]["body"]
    client.post("/api/v1/content/loneliness/nl/publish", headers=comms)
    assert not _bot_answer(client, "loneliness")["text"].startswith("Slechte tekst.")
    history = client.get("/api/v1/content/loneliness/nl/history", headers=comms).json()
    assert [h["version"] for h in history] == [4, 3, 2, 1]


def test_unpublished_topic_sends_residents_to_the_desk(client, staff_token):
    comms = _bearer(staff_token, client, "communicatie")
    client.post("/api/v1/content/day_activities/nl/unpublish", headers=comms)
    text = _bot_answer(client, "day_activities")["text"]
    assert "14 0123" in text and "geen informatie" in text


def test_check_gives_readability_and_the_widget_message(client, staff_token):
    comms = _bearer(staff_token, client, "communicatie")
    r = client.post("/api/v1/content/check", headers=comms, json={
        "body": "Bel {phone}. Of {telefoon}.", "language": "nl", "next_step": "call_desk",
        "links": [{"title": "Site", "url": "https://www.voorbeeld.example"}]}).json()
    assert r["readability"]["score"] is not None
    assert r["unknown_placeholders"] == ["telefoon"]
    assert r["preview"]["text"].startswith("Bel 14 0123. Of {telefoon}.")
    assert "Loket Zorg en Welzijn" in r["preview"]["text"]  # the next step's sentence
    assert r["preview"]["custom"]["links"][0]["url"] == "https://www.voorbeeld.example"


def test_cookie_session_needs_the_csrf_token(client, staff_token):
    staff_token("communicatie")  # the client keeps the cookie
    r = client.put("/api/v1/content/debt_help/nl", json={"body": "Zonder token."})
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]


def test_feedback_is_counted_once_per_topic_and_shows_in_the_overview(client, store,
                                                                      staff_token):
    conv = client.post("/api/v1/conversations", json={"language": "tr"}).json()["id"]
    url = f"/api/v1/conversations/{conv}/feedback"
    assert client.post(url, json={"topic": "debt_help", "helpful": True}).status_code == 404
    store.append_messages([StoredMessage(conv, "bot", "…", {"kind": "answer",
                                                           "topic": "debt_help"})])
    assert client.post(url, json={"topic": "debt_help", "helpful": False}).status_code == 204
    assert client.post(url, json={"topic": "debt_help", "helpful": True}).status_code == 409
    assert client.post(url, json={"topic": "debt_help", "helpful": "ja"}).status_code == 422
    assert client.post("/api/v1/conversations/nope/feedback",
                       json={"topic": "debt_help", "helpful": True}).status_code == 404
    comms = _bearer(staff_token, client, "communicatie")
    overview = client.get("/api/v1/content", headers=comms).json()
    assert overview["feedback"]["debt_help"] == {"helpful": 0, "not_helpful": 1}
    assert overview["topics"]["debt_help"]["tr"]["status"] == "published"


def test_fallbacks_are_kept_redacted_for_the_editor(client, rasa, staff_token):
    conv = client.post("/api/v1/conversations", json={"language": "nl"}).json()["id"]
    rasa.next_messages = [{"text": "Sorry", "custom": {"kind": "info", "fallback": True}}]
    client.post(f"/api/v1/conversations/{conv}/messages",
                json={"text": "waar moet mijn container staan, bel 0612345678"})
    comms = _bearer(staff_token, client, "communicatie")
    unanswered = client.get("/api/v1/content-feedback", headers=comms).json()["unanswered"]
    assert unanswered[0]["text"] == "waar moet mijn container staan, bel [nummer]"
    assert client.get("/api/v1/content-feedback",
                      headers=_bearer(staff_token, client, "loket")).status_code == 403


def test_profile_is_edited_by_admin_and_used_in_every_text(client, staff_token):
    admin = _bearer(staff_token, client, "admin")
    comms = _bearer(staff_token, client, "communicatie")
    assert client.put("/api/v1/profile", headers=comms, json={"phone": "1"}).status_code == 403
    r = client.put("/api/v1/profile", headers=admin,
                   json={"phone": "14 0999", "debt_first_talk_weeks": 3})
    assert r.status_code == 200 and r.json()["phone"] == "14 0999"
    assert "14 0999" in _bot_answer(client, "contact")["text"]
    bad = client.put("/api/v1/profile", headers=admin,
                     json={"website": "http://x.nl", "crisis_days": "veel", "bsn": "1"})
    assert bad.status_code == 422


# --- the editor pages ----------------------------------------------------------------

def _page_login(client, store, role="communicatie"):
    from bot.staff import accounts

    name = f"page-{role}"
    if store.get_user(name) is None:
        accounts.add_user(store, name, role, "correct horse battery")
    client.cookies.clear()
    form = client.get("/staff/login?next=/content")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    r = client.post("/staff/login", data={"username": name, "password": "correct horse battery",
                                          "csrf": csrf, "next": "/content"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/content"


@pytest.mark.parametrize("path", ["/content", "/content/debt_help/nl",
                                  "/content/debt_help/nl/history", "/content/profile"])
def test_pages_ask_anonymous_visitors_to_log_in(client, path):
    client.cookies.clear()
    r = client.get(path)
    assert r.status_code == 401 and 'name="password"' in r.text


def test_editor_page_saves_publishes_and_escapes(client, store):
    _page_login(client, store)
    page = client.get("/content")
    assert page.status_code == 200 and "Schulden" in page.text
    edit = client.get("/content/debt_help/nl")
    csrf = re.search(r'name="csrf" value="([^"]+)"', edit.text).group(1)
    r = client.post("/content/debt_help/nl", data={
        "csrf": csrf, "action": "publish", "body": "Nieuw <script>alert(1)</script>",
        "next_step": "questionnaire", "link_title_0": "Geldfit",
        "link_url_0": "https://www.geldfit.nl"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/content/debt_help/nl?saved=publish")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert _bot_answer(client)["text"].startswith("Nieuw <script>")
    no_token = client.post("/content/debt_help/nl", data={"action": "publish", "body": "x"})
    assert no_token.status_code == 403
    bad = client.post("/content/debt_help/nl", data={"csrf": csrf, "action": "publish",
                                                      "body": "[x](javascript:alert(1))"})
    assert bad.status_code == 422 and "https://" in bad.text


def test_editor_history_restores(client, store):
    _page_login(client, store)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/content/privacy/nl").text
                     ).group(1)
    client.post("/content/privacy/nl", data={"csrf": csrf, "action": "publish",
                                             "body": "Korte tekst.", "next_step": "none"})
    history = client.get("/content/privacy/nl/history")
    assert "Versie 2" in history.text and "Versie 1" in history.text
    r = client.post("/content/privacy/nl/restore", data={"csrf": csrf, "version": "1"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/api/v1/content/privacy/nl", headers={"X-CSRF-Token": csrf}
                      ).json()["latest"]["note"] == "teruggezet van versie 1"


def test_loket_and_admin_cannot_open_the_editor(client, store):
    _page_login(client, store, "loket")
    assert client.get("/content").status_code == 403
    _page_login(client, store, "admin")
    assert client.get("/content/debt_help/nl").status_code == 403
    assert client.get("/content/profile").status_code == 200


def test_login_page_refuses_wrong_passwords_and_foreign_redirects(client, store):
    from bot.staff import accounts

    accounts.add_user(store, "ans", "communicatie", "correct horse battery")
    client.cookies.clear()
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/staff/login").text).group(1)
    r = client.post("/staff/login", data={"username": "ans", "password": "wrong",
                                          "csrf": csrf, "next": "/content"})
    assert r.status_code == 401 and "klopt niet" in r.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    r = client.post("/staff/login", data={"username": "ans", "password": "correct horse battery",
                                          "csrf": csrf, "next": "//evil.example"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/content"
