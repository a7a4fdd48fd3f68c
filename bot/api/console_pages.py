"""The loket console at /staff (queue, one conversation) and the audit log for admins
at /staff/audit: Jinja2 page shells; bot/static/console.js fills them from the staff
API and keeps them live through its server-sent events."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from bot.api.deps import Services, csrf_token, services
from bot.api.editor import page_session, templates
from bot.staff import console
from bot.stores.base import Session
from bot.tickets import labels

router = APIRouter(include_in_schema=False)


def _page(request: Request, svc: Services, name: str, session: Session, **data) -> Response:
    return templates.TemplateResponse(request, name, {
        "session": session, "csrf": csrf_token(session), "L": labels, **data})


@router.get("/staff")
def queue_page(request: Request, svc: Services = Depends(services)):
    session = page_session(request, svc, "loket")
    if isinstance(session, Response):
        return session
    return _page(request, svc, "staff_queue.html", session)


@router.get("/staff/conversations/{conversation_id}")
def conversation_page(conversation_id: str, request: Request,
                      svc: Services = Depends(services)):
    session = page_session(request, svc, "loket")
    if isinstance(session, Response):
        return session
    try:
        conv, _ = console.conversation(svc.store, conversation_id)
    except console.ConsoleError:
        return templates.TemplateResponse(request, "message.html", {
            "session": session, "csrf": csrf_token(session),
            "title": "Gesprek niet gevonden", "back": "/staff",
            "back_text": "Terug naar de wachtrij",
            "text": "Dit gesprek bestaat niet (meer)."}, status_code=404)
    return _page(request, svc, "staff_conversation.html", session, conversation_id=conv.id)


@router.get("/staff/audit")
def audit_page(request: Request, svc: Services = Depends(services)):
    session = page_session(request, svc, "admin")
    if isinstance(session, Response):
        return session
    return _page(request, svc, "staff_audit.html", session,
                 entries=console.audit_log(svc.store, 1000))
