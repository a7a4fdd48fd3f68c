"""Staff API: login/logout, the live queue, one conversation, take over / write /
hand back, status, notes, assignment, false alarms (role loket) and the audit log
(role admin). Thin: the work happens in bot.staff.console."""

import logging

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, StrictBool, StrictStr

from bot.api import sse
from bot.api.deps import (
    STAFF_COOKIE,
    LoginRefused,
    Services,
    _token,
    attempt_login,
    client_key,
    require_role,
    services,
    set_session_cookie,
    staff_session,
)
from bot.events.base import QUEUE, conversation_channel
from bot.staff import accounts, console
from bot.stores.base import Session

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/staff", tags=["staff"])
loket = require_role("loket")

REFUSED = {"rate": (429, "too many login attempts; wait a minute"),
           "locked": (423, "account locked after repeated wrong passwords; try again later"),
           "wrong": (401, "wrong username or password")}


class Login(BaseModel):
    username: StrictStr
    password: StrictStr


class LoginResult(BaseModel):
    token: str
    token_type: str = "bearer"
    username: str
    role: str
    expires_at: str


class Text(BaseModel):
    text: StrictStr


class Status(BaseModel):
    status: StrictStr


class Reason(BaseModel):
    reason: StrictStr


class NewUser(BaseModel):
    username: StrictStr
    role: StrictStr
    password: StrictStr
    display_name: StrictStr = ""


class Active(BaseModel):
    active: StrictBool


@router.post("/login", response_model=LoginResult)
def login(body: Login, request: Request, response: Response, svc: Services = Depends(services)):
    """Returns a bearer token and sets the same token as an HttpOnly cookie."""
    try:
        user = attempt_login(svc, body.username, body.password, client_key(request))
    except LoginRefused as refused:
        log.info("staff login refused: %s", refused.reason)
        raise HTTPException(*REFUSED[refused.reason]) from None
    token, session = accounts.start_session(svc.store, user, svc.settings.staff_session_hours)
    set_session_cookie(response, token, svc.settings)
    console.audit(svc.store, session, "login")
    log.info("staff login role=%s", user.role)
    return LoginResult(token=token, username=user.username, role=user.role,
                       expires_at=session.expires_at.isoformat())


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, session: Session = Depends(staff_session),
           svc: Services = Depends(services)):
    """Ends the session (401 when there is none, like every other staff route)."""
    accounts.end_session(svc.store, _token(request))
    console.audit(svc.store, session, "logout")
    response.delete_cookie(STAFF_COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/queue", response_model_exclude_none=True)
def queue(session: Session = Depends(loket), svc: Services = Depends(services)) -> list[dict]:
    """Open conversations: P1 first, then P2, then the longest waiting."""
    return [{k: v for k, v in item.items() if v is not None}
            for item in console.queue(svc.store)]


def _alive(svc: Services, session: Session):
    return lambda: accounts.session_alive(svc.store, session.token_hash,
                                          svc.settings.staff_idle_minutes)


@router.get("/events")
async def queue_events(session: Session = Depends(loket), svc: Services = Depends(services)):
    """Server-sent events: `{"conversation_id", "priority"?, "signals"?, "change"?}` each
    time the queue changes (new signal, message, staff action); reload the queue then."""
    return await sse.stream(svc.chat.bus, QUEUE, lambda event: event, _alive(svc, session))


async def _act(svc: Services, conversation_id: str, action, *args):
    """Runs a console action on the conversation (its refusals, ConsoleError, answer
    through the app's error handler)."""
    conv, _ = console.conversation(svc.store, conversation_id)
    return await action(svc.chat, conv, *args)


@router.get("/conversations/{conversation_id}")
def conversation(conversation_id: str, session: Session = Depends(loket),
                 svc: Services = Depends(services)) -> dict:
    """The conversation with its messages, signals, notes, staff state and ticket."""
    conv, work = console.conversation(svc.store, conversation_id)
    console.audit_view(svc.store, session, conv)
    return console.detail(svc.store, conv, work)


@router.get("/conversations/{conversation_id}/events")
async def conversation_events(conversation_id: str, session: Session = Depends(loket),
                              svc: Services = Depends(services)):
    """Server-sent events of one conversation: `{"type": "messages", "messages":
    [{"from", "text", "custom", "at"}]}` for every new message, `{"type": "work"}`
    when staff changed something (reload the conversation then)."""
    conv, _ = console.conversation(svc.store, conversation_id)
    return await sse.stream(svc.chat.bus, conversation_channel(conv.id), lambda e: e,
                            _alive(svc, session))


@router.post("/conversations/{conversation_id}/takeover", status_code=204)
async def take_over(conversation_id: str, session: Session = Depends(loket),
                    svc: Services = Depends(services)):
    """Pauses the bot; the resident reads that they now talk with this staff member.
    409 when another staff member has it."""
    await _act(svc, conversation_id, console.take_over, session)
    return Response(status_code=204)


@router.post("/conversations/{conversation_id}/messages", status_code=201)
async def send(conversation_id: str, body: Text, session: Session = Depends(loket),
               svc: Services = Depends(services)) -> dict:
    """A message to the resident (only by whoever took the conversation over)."""
    return await _act(svc, conversation_id, console.send, session, body.text)


@router.post("/conversations/{conversation_id}/handback")
async def hand_back(conversation_id: str, session: Session = Depends(loket),
                    svc: Services = Depends(services)) -> dict:
    """The bot goes on where it was; returns what it said to the resident."""
    return {"messages": await _act(svc, conversation_id, console.hand_back, session)}


@router.post("/conversations/{conversation_id}/status", status_code=204)
async def set_status(conversation_id: str, body: Status, session: Session = Depends(loket),
                     svc: Services = Depends(services)):
    """new, in_progress or handled (also on the ticket); handled leaves the queue."""
    await _act(svc, conversation_id, console.set_status, session, body.status)
    return Response(status_code=204)


@router.post("/conversations/{conversation_id}/notes", status_code=204)
async def add_note(conversation_id: str, body: Text, session: Session = Depends(loket),
                   svc: Services = Depends(services)):
    await _act(svc, conversation_id, console.add_note, session, body.text)
    return Response(status_code=204)


@router.post("/conversations/{conversation_id}/assign", status_code=204)
async def assign(conversation_id: str, session: Session = Depends(loket),
                 svc: Services = Depends(services)):
    """Assigns the conversation to the logged-in staff member."""
    await _act(svc, conversation_id, console.assign_to_self, session)
    return Response(status_code=204)


@router.post("/conversations/{conversation_id}/signals/{index}/false-alarm", status_code=204)
async def false_alarm(conversation_id: str, index: int, body: Reason,
                      session: Session = Depends(loket), svc: Services = Depends(services)):
    """Marks signal `index` as a false alarm, with who and why; it is never deleted."""
    await _act(svc, conversation_id, console.false_alarm, session, index, body.reason)
    return Response(status_code=204)


@router.get("/audit")
def audit_log(limit: int = 500, session: Session = Depends(require_role("admin")),
              svc: Services = Depends(services)) -> list[dict]:
    """Who viewed or changed which conversation or ticket, newest first."""
    return console.audit_log(svc.store, max(1, min(limit, 5000)))


admin = require_role("admin")


@router.get("/users")
def list_users(session: Session = Depends(admin), svc: Services = Depends(services)
               ) -> list[dict]:
    """Staff accounts (never their password hashes)."""
    return console.users(svc.store)


@router.post("/users", status_code=201)
def add_user(body: NewUser, session: Session = Depends(admin),
             svc: Services = Depends(services)) -> dict:
    """A new account; 422 for a weak password, unknown role or bad name, 409 if taken."""
    return console.add_user(svc.store, session, body.username, body.role, body.password,
                            body.display_name)


@router.post("/users/{username}/active", status_code=204)
def set_active(username: str, body: Active, session: Session = Depends(admin),
               svc: Services = Depends(services)):
    """Switches an account off (its sessions end at once) or on again."""
    console.set_active(svc.store, session, username, body.active)
    return Response(status_code=204)
