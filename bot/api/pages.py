"""The demo landing page of "Gemeente Voorbeeld" with the chat widget."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.templating import Jinja2Templates

from bot import BOT_DIR
from bot.profile import municipality

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(BOT_DIR / "templates"))


@router.get("/")
def landing(request: Request):
    return templates.TemplateResponse(request, "landing.html", {"m": municipality()})


@router.get("/favicon.ico")
def favicon():
    # No icon yet; an empty answer keeps browsers from logging a 404 on every page.
    return Response(status_code=204)
