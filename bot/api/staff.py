"""Staff API: login/logout and the queue (role loket)."""

import logging

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, StrictStr

from bot.api.deps import (
    STAFF_COOKIE,
    Services,
    _token,
    client_key,
    require_role,
    services,
    set_session_cookie,
    within_limit,
)
from bot.safety.signals import PRIORITY_RANK
from bot.staff import accounts
from bot.stores.base import Session

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/staff", tags=["staff"])


class Login(BaseModel):
    username: StrictStr
    password: StrictStr


class LoginResult(BaseModel):
    token: str
    token_type: str = "bearer"
    username: str
    role: str
    expires_at: str


class Signal(BaseModel):
    category: str
    priority: str
    at: str
    excerpt: str | None = None
    layer: str | None = None
    language: str | None = None


class SafetyFollowUp(BaseModel):
    safe_now: str | None = None
    may_call: str | None = None
    callback_phone: str | None = None


class QueueItem(BaseModel):
    conversation_id: str
    ticket_id: str | None = None
    priority: str
    signals: list[Signal]
    status: str
    language: str
    updated_at: str
    safety: SafetyFollowUp | None = None


@router.post("/login", response_model=LoginResult)
def login(body: Login, request: Request, response: Response, svc: Services = Depends(services)):
    """Returns a bearer token and sets the same token as an HttpOnly cookie."""
    if not within_limit(svc, svc.settings.login_attempts_per_minute, "login", client_key(request)):
        raise HTTPException(429, "too many login attempts; wait a minute")
    user = accounts.authenticate(svc.store, body.username[:64], body.password[:1024])
    if user is None:
        log.info("staff login failed")
        raise HTTPException(401, "wrong username or password")
    token, session = accounts.start_session(svc.store, user, svc.settings.staff_session_hours)
    set_session_cookie(response, token, svc.settings)
    log.info("staff login role=%s", user.role)
    return LoginResult(token=token, username=user.username, role=user.role,
                       expires_at=session.expires_at.isoformat())


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, svc: Services = Depends(services)):
    token = _token(request)
    if token:
        accounts.end_session(svc.store, token)
    response.delete_cookie(STAFF_COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/queue", response_model=list[QueueItem], response_model_exclude_none=True)
def queue(session: Session = Depends(require_role("loket")), svc: Services = Depends(services)):
    """Open conversations: highest priority first, then longest waiting."""
    items = sorted(svc.store.list_conversations(),
                   key=lambda c: (PRIORITY_RANK.get(c.priority, 9), c.updated_at))
    return [QueueItem(conversation_id=c.id, ticket_id=c.ticket_id, priority=c.priority,
                      status=c.status,
                      language=c.language, updated_at=c.updated_at.isoformat(),
                      signals=[Signal(**{k: s.get(k) for k in Signal.__fields__})
                               for s in c.signals],
                      safety=SafetyFollowUp(**{k: c.safety.get(k)
                                               for k in SafetyFollowUp.__fields__})
                      if c.safety else None)
            for c in items]
