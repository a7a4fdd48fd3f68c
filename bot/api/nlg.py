"""Rasa's NLG endpoint: renders every bot response from the catalogs."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Body, Depends, HTTPException, Query

from bot.api.deps import Services, services
from bot.i18n import DEFAULT_LANGUAGE
from bot.nlg import render

router = APIRouter(include_in_schema=False)


@router.post("/nlg")
def nlg(body: dict = Body(...), token: str = Query(""), svc: Services = Depends(services)):
    expected = svc.settings.nlg_token
    if expected and not secrets.compare_digest(token, expected):
        raise HTTPException(403, "bad nlg token")
    tracker = body.get("tracker") or {}
    conv = svc.store.get_conversation(str(tracker.get("sender_id", "")))
    lang = conv.language if conv else DEFAULT_LANGUAGE
    return render(str(body.get("response", "")), tracker.get("slots") or {}, lang,
                  body.get("arguments") or {}, store=svc.store)
