import pytest
from fastapi.testclient import TestClient

from bot.api.app import create_app
from bot.rasa_client import RasaUnavailable
from bot.settings import Settings
from bot.staff import accounts
from bot.stores import create_store


class StubRasa:
    """Stands in for the Rasa server in HTTP-layer tests only; the end-to-end
    tests in tests/e2e use the real one."""

    def __init__(self) -> None:
        self.down = False
        self.received: list[tuple[str, str, dict]] = []
        self.intent = {"name": "greet", "confidence": 0.9}
        self.ranking: list[dict] = []
        # Messages the next reply carries instead of the echo (e.g. a ticket request).
        self.next_messages: list[dict] | None = None

    async def send(self, sender, text, metadata, timeout=None):
        if self.down:
            raise RasaUnavailable("ConnectError")
        self.received.append((sender, text, metadata))
        messages, self.next_messages = self.next_messages, None
        return {"messages": messages or [{"text": f"echo {text}", "custom": {"kind": "info"}}],
                "intent": self.intent, "intent_ranking": self.ranking}

    async def ready(self):
        return not self.down

    async def aclose(self):
        pass


@pytest.fixture
def rasa():
    return StubRasa()


@pytest.fixture
def store():
    return create_store("memory://")


@pytest.fixture
def settings(tmp_path):
    return Settings(var_dir=tmp_path, messages_per_minute=5, login_attempts_per_minute=5,
                    conversations_per_minute_per_client=50)


@pytest.fixture
def client(settings, store, rasa):
    with TestClient(create_app(settings, store=store, rasa=rasa)) as c:
        yield c


@pytest.fixture
def staff_token(client, store):
    def login(role="loket", name=None):
        name = name or f"user-{role}"
        if store.get_user(name) is None:
            accounts.add_user(store, name, role, "correct horse battery")
        r = client.post("/api/v1/staff/login",
                        json={"username": name, "password": "correct horse battery"})
        assert r.status_code == 200, r.text
        return r.json()["token"]

    return login
