"""Tickets for loket staff: list, one ticket (JSON), JSON export, printable page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates

from bot import BOT_DIR
from bot.api.deps import Services, require_role, services
from bot.profile import municipality
from bot.safety.signals import PRIORITY_RANK
from bot.staff.console import audit
from bot.stores.base import Session, Ticket
from bot.tickets import labels

router = APIRouter(tags=["tickets"])
templates = Jinja2Templates(directory=str(BOT_DIR / "templates"))
STATUSES = ("new", "in_progress", "handled")


def _find(svc: Services, key: str) -> Ticket:
    """By id, or by the short reference a resident reads out on the phone."""
    ticket = svc.store.get_ticket(key[:64]) or svc.store.get_ticket_by_reference(key[:16].upper())
    if ticket is None:
        raise HTTPException(404, "no ticket with this id or reference")
    return ticket


def _json(t: Ticket) -> dict:
    return {**t.data, "status": t.status}


@router.get("/api/v1/tickets")
def list_tickets(status: str | None = Query(None, description="new, in_progress or handled"),
                 session: Session = Depends(require_role("loket")),
                 svc: Services = Depends(services)) -> list[dict]:
    """Tickets, highest priority first, then oldest first. Short form; open one for all."""
    if status is not None and status not in STATUSES:
        raise HTTPException(422, f"status must be one of {', '.join(STATUSES)}")
    found = sorted(svc.store.list_tickets(status),
                   key=lambda t: (PRIORITY_RANK.get(t.priority, 9), t.created_at))
    return [{"id": t.id, "reference": t.reference, "conversation_id": t.conversation_id,
             "priority": t.priority, "status": t.status, "created_at": t.created_at.isoformat(),
             "language": t.data.get("language"),
             "route": t.data.get("suggested_route", {}).get("route"),
             "signals": [s.get("category") for s in t.data.get("signals", [])]}
            for t in found]


@router.get("/api/v1/tickets/{key}")
def get_ticket(key: str, session: Session = Depends(require_role("loket")),
               svc: Services = Depends(services)) -> dict:
    """The ticket of contract.md, by id or short reference."""
    t = _find(svc, key)
    audit(svc.store, session, "view_ticket", t.conversation_id, t.id)
    return _json(t)


@router.get("/api/v1/tickets/{key}/export")
def export_ticket(key: str, session: Session = Depends(require_role("loket")),
                  svc: Services = Depends(services)) -> JSONResponse:
    """The same JSON as a download, for the case file."""
    t = _find(svc, key)
    audit(svc.store, session, "export_ticket", t.conversation_id, t.id)
    return JSONResponse(_json(t), headers={
        "Content-Disposition": f'attachment; filename="ticket-{t.reference}.json"'})


@router.get("/staff/tickets/{key}", include_in_schema=False)
def print_ticket(key: str, request: Request, session: Session = Depends(require_role("loket")),
                 svc: Services = Depends(services)):
    """Printable ticket in Dutch; the resident's own words as written."""
    t = _find(svc, key)
    audit(svc.store, session, "print_ticket", t.conversation_id, t.id)
    return templates.TemplateResponse(request, "ticket.html", {
        "t": _json(t), "m": municipality(), "L": labels})
