from datetime import timedelta

import pytest

from bot.staff import accounts
from bot.stores import create_store
from bot.stores.base import now


@pytest.fixture
def store():
    return create_store("memory://")


def test_password_is_hashed_with_argon2(store):
    accounts.add_user(store, "Els", "loket", "correct horse battery")
    user = store.get_user("els")
    assert user.password_hash.startswith("$argon2")
    assert "correct horse" not in user.password_hash


def test_authenticate(store):
    accounts.add_user(store, "els", "loket", "correct horse battery")
    assert accounts.authenticate(store, "els", "correct horse battery").role == "loket"
    assert accounts.authenticate(store, "els", "wrong password!!") is None
    assert accounts.authenticate(store, "nobody", "correct horse battery") is None


@pytest.mark.parametrize("name, role, password", [
    ("els", "loket", "short"), ("els", "boss", "correct horse battery"),
    ("Els Jansen!", "loket", "correct horse battery"), ("", "loket", "correct horse battery"),
])
def test_bad_accounts_are_refused(store, name, role, password):
    with pytest.raises(accounts.AccountError):
        accounts.add_user(store, name, role, password)


def test_sessions_expire_and_end(store):
    user = accounts.add_user(store, "els", "loket", "correct horse battery")
    token, session = accounts.start_session(store, user, hours=1)
    assert len(token) >= 40
    assert accounts.session_for(store, token).username == "els"
    session.expires_at = now() - timedelta(seconds=1)
    store.save_session(session)
    assert accounts.session_for(store, token) is None
    token, _ = accounts.start_session(store, user, hours=1)
    accounts.end_session(store, token)
    assert accounts.session_for(store, token) is None
