"""The loket console at /staff (queue, one conversation) and the audit log for admins
at /staff/audit: Jinja2 page shells; bot/static/console.js fills them from the staff
API and keeps them live through its server-sent events."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from bot.api.deps import Services, csrf_token, services
from bot.api.editor import page_session, posted_form, templates
from bot.staff import accounts, console
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


def _users_page(request: Request, svc: Services, session: Session, status: int = 200,
                error: str = "", saved: str = "", form: dict | None = None) -> Response:
    return templates.TemplateResponse(request, "staff_users.html", {
        "session": session, "csrf": csrf_token(session), "users": console.users(svc.store),
        "roles": accounts.ROLES, "error": error, "saved": saved, "form": form or {}},
        status_code=status)


@router.get("/staff/users")
def users_page(request: Request, svc: Services = Depends(services)):
    session = page_session(request, svc, "admin")
    if isinstance(session, Response):
        return session
    return _users_page(request, svc, session, saved=request.query_params.get("saved", "")[:80])


@router.post("/staff/users")
async def add_user(request: Request, svc: Services = Depends(services)):
    posted = await posted_form(request, svc, "admin")
    if isinstance(posted, Response):
        return posted
    session, form = posted
    try:
        user = console.add_user(svc.store, session, form.get("username", ""),
                                form.get("role", ""), form.get("password", ""),
                                form.get("display_name", ""))
    except console.ConsoleError as exc:
        keep = {k: form.get(k, "") for k in ("username", "role", "display_name")}
        return _users_page(request, svc, session, exc.status,
                           error=ACCOUNT_ERRORS.get(exc.status, exc.detail) + f" ({exc.detail})",
                           form=keep)
    return RedirectResponse(f"/staff/users?saved={user['username']}", status_code=303)


@router.post("/staff/users/{username}/active")
async def set_active(username: str, request: Request, svc: Services = Depends(services)):
    posted = await posted_form(request, svc, "admin")
    if isinstance(posted, Response):
        return posted
    session, form = posted
    try:
        console.set_active(svc.store, session, username[:64], form.get("active") == "1")
    except console.ConsoleError as exc:
        return _users_page(request, svc, session, exc.status,
                           error=ACCOUNT_ERRORS.get(exc.status, exc.detail))
    return RedirectResponse(f"/staff/users?saved={username[:64]}", status_code=303)


ACCOUNT_ERRORS = {
    422: "Het account is niet gemaakt: controleer naam, rol en wachtwoord "
         "(minstens 12 tekens).",
    409: "Dat kan niet: de naam bestaat al, of u probeert uw eigen account uit te zetten.",
    404: "Dat account bestaat niet.",
}
