"""Staff accounts: argon2-hashed passwords, opaque session tokens, roles."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.stores.base import Session, Store, User, now

ROLES = ("loket", "communicatie", "admin")
MIN_PASSWORD_LENGTH = 12
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")
_hasher = PasswordHasher()
# Verifying against a dummy hash keeps the timing equal for unknown usernames.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    pass


def add_user(store: Store, username: str, role: str, password: str,
             display_name: str = "") -> User:
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise AccountError("username: 2-63 characters, lower-case letters, digits, . _ -")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    display_name = " ".join(display_name.split())[:64]
    user = User(username=username, role=role, password_hash=_hasher.hash(password),
                display_name=display_name)
    store.add_user(user)
    return user


def authenticate(store: Store, username: str, password: str) -> User | None:
    user = store.get_user(username.strip().lower())
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user if user and user.active else None


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(store: Store, user: User, hours: int) -> tuple[str, Session]:
    token = secrets.token_urlsafe(32)
    session = Session(token_hash=_hash_token(token), username=user.username, role=user.role,
                      expires_at=now() + timedelta(hours=hours), last_seen=now())
    store.save_session(session)
    return token, session


# Writing last_seen on every request would make each page view a write.
TOUCH_EVERY = timedelta(seconds=60)


def session_alive(store: Store, token_hash: str, idle_minutes: int = 30) -> bool:
    """Whether a session still counts, without counting this question as use (an open
    live stream must not keep an unattended console logged in)."""
    session = store.get_session(token_hash)
    at = now()
    return session is not None and session.expires_at > at and (
        session.last_seen is None or at - session.last_seen <= timedelta(minutes=idle_minutes))


def session_for(store: Store, token: str, idle_minutes: int = 30) -> Session | None:
    """The live session of `token`; ends it after `idle_minutes` without use."""
    session = store.get_session(_hash_token(token))
    if session is None:
        return None
    at = now()
    idle = session.last_seen is not None and \
        at - session.last_seen > timedelta(minutes=idle_minutes)
    user = store.get_user(session.username)
    if session.expires_at <= at or idle or user is None or not user.active:
        # An account an admin switched off loses its open sessions at once.
        store.delete_session(session.token_hash)
        return None
    if session.last_seen is None or at - session.last_seen > TOUCH_EVERY:
        store.touch_session(session.token_hash, at)
        session.last_seen = at
    return session


def set_active(store: Store, username: str, active: bool) -> None:
    if not store.set_user_active(username, active):
        raise AccountError(f"no user {username!r}")


def display_name(store: Store, username: str) -> str:
    user = store.get_user(username)
    return (user.display_name if user and user.display_name else username)


def end_session(store: Store, token: str) -> None:
    store.delete_session(_hash_token(token))
