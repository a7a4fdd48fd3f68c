"""Resident chat API (contract.md): create a conversation, send a message."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Body, Depends, Request, Response
from limits import parse
from pydantic import BaseModel, StrictBool, StrictStr

from bot.api import errors, sse
from bot.api.deps import Services, client_key, services, within_limit
from bot.content import service as content
from bot.events.base import conversation_channel
from bot.i18n import LANGUAGES, normalise_language

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/conversations", tags=["resident"])


class Button(BaseModel):
    title: str
    payload: str


class Message(BaseModel):
    text: str
    buttons: list[Button] | None = None
    custom: dict = {}


class CreateConversation(BaseModel):
    language: StrictStr | None = None


class ConversationCreated(BaseModel):
    id: str
    messages: list[Message]


class SendMessage(BaseModel):
    text: StrictStr
    language: StrictStr | None = None


class Messages(BaseModel):
    messages: list[Message]


def _language_ok(lang: str | None) -> bool:
    return lang is None or lang.lower() in LANGUAGES


@router.post("", status_code=201, response_model=ConversationCreated,
             response_model_exclude_none=True,
             responses={422: {"description": "invalid body"}, 429: {"description": "too many"}})
async def create_conversation(request: Request, body: CreateConversation | None = Body(None),
                              svc: Services = Depends(services)):
    """Start a conversation; the reply holds the opening messages."""
    lang = body.language if body else None
    if not _language_ok(lang):
        return errors.plain(422, errors.UNKNOWN_LANGUAGE, request)
    if not within_limit(svc, svc.settings.conversations_per_minute_per_client,
                        "create", client_key(request)):
        return errors.plain(429, errors.TOO_MANY, request)
    language = lang or normalise_language(request.headers.get("accept-language"))
    conv, messages = await svc.chat.start(language)
    log.info("conversation started language=%s", conv.language)
    return {"id": conv.id, "messages": messages}


@router.post("/{conversation_id}/messages", response_model=Messages,
             response_model_exclude_none=True,
             responses={404: {"description": "unknown conversation"},
                        422: {"description": "empty, too long or invalid"},
                        429: {"description": "too many messages"}})
async def send_message(conversation_id: str, body: SendMessage, request: Request,
                       svc: Services = Depends(services)):
    """Send the resident's text (or a button's payload); returns the bot's replies."""
    conv = svc.chat.get(conversation_id) if len(conversation_id) <= 64 else None
    if conv is None:
        return errors.plain(404, errors.UNKNOWN_CONVERSATION, request)
    lang = body.language or conv.language
    text = body.text.strip()
    if not text:
        return errors.plain(422, errors.EMPTY_TEXT, language=lang)
    if len(text) > svc.settings.max_message_chars:
        return errors.plain(422, errors.TOO_LONG, language=lang,
                            max=svc.settings.max_message_chars)
    if not _language_ok(body.language):
        return errors.plain(422, errors.UNKNOWN_LANGUAGE, language=conv.language)
    if not within_limit(svc, svc.settings.messages_per_minute, "msg", conversation_id):
        return errors.plain(429, errors.TOO_MANY, language=lang)
    return {"messages": await svc.chat.send(conv, text, body.language)}


def for_resident(event: dict) -> dict | None:
    """Only what the resident did not get as a reply: staff messages, the takeover and
    hand-back notices, and what the bot says after a hand-back."""
    if event.get("type") != "messages" or not event.get("push"):
        return None
    messages = []
    for m in event.get("messages", []):
        if m.get("from") == "resident":
            continue
        msg = {"text": m.get("text", ""), "custom": m.get("custom") or {}}
        if m.get("buttons"):
            msg["buttons"] = m["buttons"]
        messages.append(msg)
    return {"messages": messages} if messages else None


@router.get("/{conversation_id}/events",
            responses={200: {"content": {"text/event-stream": {}},
                             "description": 'server-sent events, each `data:` a '
                                            '`{"messages": [Message]}`'},
                       404: {"description": "unknown conversation"}})
async def events(conversation_id: str, request: Request, svc: Services = Depends(services)):
    """Messages that arrive later (staff after a takeover, the bot after a hand-back),
    as server-sent events. The widget keeps this open while the chat is open."""
    conv = svc.chat.get(conversation_id) if len(conversation_id) <= 64 else None
    if conv is None:
        return errors.plain(404, errors.UNKNOWN_CONVERSATION, request)
    # Browsers reconnect a dropped stream every few seconds by themselves: allow that.
    if not within_limit(svc, 4 * svc.settings.messages_per_minute, "events", conversation_id):
        return errors.plain(429, errors.TOO_MANY, language=conv.language)
    return await sse.stream(svc.chat.bus, conversation_channel(conv.id), for_resident)



class AnswerFeedback(BaseModel):
    topic: StrictStr
    helpful: StrictBool


@router.post("/{conversation_id}/feedback", status_code=204,
             responses={404: {"description": "unknown conversation or topic not answered"},
                        409: {"description": "already given"}})
def feedback(conversation_id: str, body: AnswerFeedback, request: Request,
             svc: Services = Depends(services)):
    """Whether an answer helped (the widget's thumbs). Counted per topic and language,
    without the conversation or any text; once per topic per conversation."""
    conv = svc.chat.get(conversation_id) if len(conversation_id) <= 64 else None
    if conv is None:
        return errors.plain(404, errors.UNKNOWN_CONVERSATION, request)
    answered = any(m.sender == "bot" and m.custom.get("topic") == body.topic
                   for m in svc.store.get_messages(conv.id))
    if not answered or body.topic == "out_of_scope":
        return errors.plain(404, errors.NOT_ANSWERED, language=conv.language)
    if not svc.limiter.hit(parse("1/day"), "feedback", conv.id, body.topic):
        return errors.plain(409, errors.FEEDBACK_GIVEN, language=conv.language)
    content.add_feedback(svc.store, body.topic, conv.language, body.helpful)
    return Response(status_code=204)
