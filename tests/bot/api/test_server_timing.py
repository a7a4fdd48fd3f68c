"""The Server-Timing header: off by default, and when on, where a message's time went."""

from fastapi.testclient import TestClient

from bot.api.app import create_app
from bot.settings import Settings
from bot.timing import parse


def _timing(response) -> dict[str, float]:
    return parse(response.headers["server-timing"])


def test_off_by_default(client):
    r = client.post("/api/v1/conversations", json={"language": "nl"})
    assert r.status_code == 201 and "server-timing" not in r.headers


def test_phases_of_a_message(tmp_path, store, rasa):
    settings = Settings(var_dir=tmp_path, server_timing=True)
    with TestClient(create_app(settings, store=store, rasa=rasa)) as c:
        cid = c.post("/api/v1/conversations", json={"language": "nl"}).json()["id"]
        r = c.post(f"/api/v1/conversations/{cid}/messages",
                   json={"text": "Ik zoek hulp bij het huishouden voor mijn moeder"})
        assert r.status_code == 200
        t = _timing(r)
        # Each phase of the gateway is there, and none is longer than the whole request.
        assert {"store", "safety", "semantic-cpu", "rasa", "limits", "app"} <= set(t)
        assert all(0 <= v <= t["app"] for k, v in t.items() if k != "semantic-cpu")
        assert t["semantic-cpu"] > 0  # the encoder really ran on this text

        # A conversation nobody has is answered without Rasa: no rasa phase.
        r = c.post("/api/v1/conversations/nope/messages", json={"text": "hallo"})
        assert r.status_code == 404 and "rasa" not in _timing(r)
