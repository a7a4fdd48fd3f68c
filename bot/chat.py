"""The resident chat service: conversations, messages, and the hand-off to Rasa."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Any

from bot.i18n import N_, normalise_language
from bot.nlg import fill
from bot.privacy import redact
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.stores.base import Conversation, Store, StoredMessage, now

log = logging.getLogger(__name__)

UNAVAILABLE = N_(
    "Sorry, de chat werkt nu even niet. Probeer het zo opnieuw. Of bel {phone}, "
    "{phone_hours}.\nBent u in gevaar? Bel dan 112."
)
NO_REPLY = N_(
    "Sorry, daar kon ik nu geen antwoord op geven. Probeer het nog eens. Of bel {phone}, "
    "{phone_hours}.\nBent u in gevaar? Bel dan 112."
)
REDACTED_NOTICE = N_(
    "U hoeft geen burgerservicenummer (BSN) of bankrekeningnummer te geven. "
    "Ik heb dat nummer weggehaald."
)
OPENING_PAYLOAD = "/greet"


def new_conversation_id() -> str:
    # 32 random bytes = 256 bits, URL-safe.
    return secrets.token_urlsafe(32)


@dataclass
class ChatService:
    store: Store
    rasa: RasaClient

    async def start(self, language: str) -> tuple[Conversation, list[dict]]:
        conv = Conversation(id=new_conversation_id(), language=normalise_language(language))
        self.store.create_conversation(conv)
        messages = await self._ask_rasa(conv, OPENING_PAYLOAD)
        self._record(conv, None, messages)
        return conv, messages

    def get(self, conversation_id: str) -> Conversation | None:
        return self.store.get_conversation(conversation_id)

    async def send(self, conv: Conversation, text: str, language: str | None) -> list[dict]:
        if language:
            conv.language = normalise_language(language)
        clean, redacted = redact(text)
        # Store the resident's words first: if Rasa fails, nothing they wrote is lost.
        self._record(conv, clean, [])
        messages = await self._ask_rasa(conv, clean)
        if redacted:
            messages.insert(0, info_message(conv.language, REDACTED_NOTICE))
        self._record(conv, None, messages)
        return messages

    async def _ask_rasa(self, conv: Conversation, text: str) -> list[dict]:
        try:
            raw = await self.rasa.send(conv.id, text, {"language": conv.language})
        except RasaUnavailable:
            return [info_message(conv.language, UNAVAILABLE)]
        messages = [to_message(m) for m in raw]
        if not messages:
            # Rasa answers with nothing when an action failed; never leave a resident in silence.
            log.warning("rasa returned no messages")
            messages = [info_message(conv.language, NO_REPLY)]
        return messages

    def _record(self, conv: Conversation, resident_text: str | None, bot: list[dict]) -> None:
        items = []
        if resident_text is not None:
            items.append(StoredMessage(conv.id, "resident", resident_text))
        items += [StoredMessage(conv.id, "bot", m.get("text", ""), m.get("custom", {}),
                                m.get("buttons", [])) for m in bot]
        self.store.append_messages(items)
        if any(m.get("custom", {}).get("kind") == "handover" for m in bot):
            conv.status = "waiting"
        conv.updated_at = now()
        self.store.update_conversation(conv)


def info_message(language: str, template: str) -> dict:
    return {"text": fill(language, template), "custom": {"kind": "info"}}


def to_message(raw: dict[str, Any]) -> dict:
    """A Rasa channel message as a contract Message."""
    msg: dict[str, Any] = {"text": raw.get("text") or ""}
    buttons = [{"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
               for b in raw.get("buttons") or []]
    if buttons:
        msg["buttons"] = buttons
    msg["custom"] = raw.get("custom") or {}
    return msg
