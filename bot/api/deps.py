"""Shared request dependencies: the app's services, rate limits, staff auth."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from functools import lru_cache

from fastapi import Depends, HTTPException, Request, Response
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from bot.chat import ChatService
from bot.settings import Settings
from bot.staff import accounts, console
from bot.stores.base import Session, Store, User
from bot.timing import phase

STAFF_COOKIE = "frontdoor_staff"


@dataclass
class Services:
    settings: Settings
    store: Store
    chat: ChatService
    limiter: MovingWindowRateLimiter


def make_limiter(uri: str) -> MovingWindowRateLimiter:
    storage = storage_from_string(uri)
    limiter = MovingWindowRateLimiter(storage)
    # limits 2.x keeps only a weak reference to its storage; keep it alive here.
    limiter.storage_ref = storage
    return limiter


def services(request: Request) -> Services:
    return request.app.state.services


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def within_limit(svc: Services, per_minute: int, *key: str) -> bool:
    with phase("limits"):
        return svc.limiter.hit(_per_minute(per_minute), *key)


@lru_cache(maxsize=64)
def _per_minute(n: int):
    return parse(f"{n}/minute")


def live_session(svc: Services, token: str | None) -> Session | None:
    """The session of `token` unless it expired or sat idle too long."""
    if not token:
        return None
    return accounts.session_for(svc.store, token, svc.settings.staff_idle_minutes)


class LoginRefused(Exception):
    """`reason`: rate (too many attempts from this client), locked, wrong."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def attempt_login(svc: Services, username: str, password: str, client: str) -> User:
    """One login attempt, for the API and the login page alike. Repeated wrong passwords
    lock the username for a while, even with the right password after them; the lock
    lives in the rate-limit storage, so it holds across web processes with Redis."""
    username = username.strip().lower()[:64]
    s = svc.settings
    if not within_limit(svc, s.login_attempts_per_minute, "login", client):
        raise LoginRefused("rate")
    lock = parse(f"{s.lockout_after_failures}/{s.lockout_minutes} minutes")
    if not svc.limiter.test(lock, "login-fail", username):
        _audit_refusal(svc, username, "login_locked")
        raise LoginRefused("locked")
    user = accounts.authenticate(svc.store, username, password[:1024])
    if user is None:
        svc.limiter.hit(lock, "login-fail", username)
        _audit_refusal(svc, username, "login_failed")
        raise LoginRefused("wrong")
    return user


def _audit_refusal(svc: Services, username: str, action: str) -> None:
    """For existing accounts only: a name typed at random (or a password typed into the
    name field) must not end up in the log."""
    user = svc.store.get_user(username)
    if user is not None:
        console.audit(svc.store, user, action)


def _token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.cookies.get(STAFF_COOKIE)


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    """The staff session as an HttpOnly, SameSite=Strict cookie (API and login page)."""
    response.set_cookie(STAFF_COOKIE, token, httponly=True, samesite="strict",
                        secure=settings.secure_cookies,
                        max_age=settings.staff_session_hours * 3600, path="/")


def csrf_token(session: Session) -> str:
    """Derived from the session's secret; pages put it in forms and fetch headers."""
    return hashlib.sha256(f"csrf:{session.token_hash}".encode()).hexdigest()[:40]


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def staff_session(request: Request, svc: Services = Depends(services)) -> Session:
    session = live_session(svc, _token(request))
    if session is None:
        raise HTTPException(401, "login required", headers={"WWW-Authenticate": "Bearer"})
    # A browser sends the cookie on its own: a changing request that came with the cookie
    # must also carry the page's CSRF token (bearer-token clients are not at risk).
    by_cookie = not request.headers.get("authorization", "").lower().startswith("bearer ")
    if by_cookie and request.method in UNSAFE_METHODS:
        sent = request.headers.get("x-csrf-token", "")
        if not secrets.compare_digest(sent, csrf_token(session)):
            raise HTTPException(403, "missing or wrong CSRF token (X-CSRF-Token header)")
    return session


def require_role(*roles: str):
    def check(session: Session = Depends(staff_session)) -> Session:
        if session.role not in roles:
            raise HTTPException(403, f"role {session.role!r} may not use this; needs {roles}")
        return session

    return check
