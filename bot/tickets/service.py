"""Creating tickets: no consent, no ticket; written durably before anyone is told."""

from __future__ import annotations

import logging
import secrets
import uuid
from typing import Any

from bot.profile import municipality
from bot.safety.signals import highest_priority
from bot.stores.base import Conversation, Store, StoreError, Ticket, now
from bot.tickets.build import build

log = logging.getLogger(__name__)
# Crockford-like alphabet: no 0/O, 1/I/L, U, so a reference survives being read aloud.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 6


class NoConsent(ValueError):
    pass


def new_reference() -> str:
    prefix = municipality().get("ticket_prefix", "VB")
    code = "".join(secrets.choice(_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{prefix}-{code[:3]}-{code[3:]}"


def create(store: Store, conv: Conversation, answers: dict[str, Any]) -> Ticket:
    """Builds and stores the ticket, and links the conversation to it."""
    if answers.get("consent_share") != "yes":
        raise NoConsent("no consent to share: no ticket")
    messages = store.get_messages(conv.id)
    for _ in range(5):
        ticket_id, reference, at = uuid.uuid4().hex, new_reference(), now()
        data = build(ticket_id, reference, conv, answers, messages, at)
        ticket = Ticket(id=ticket_id, reference=reference, conversation_id=conv.id,
                        priority=data["priority"], status="new", created_at=at, data=data)
        try:
            store.create_ticket(ticket)
            break
        except StoreError:
            continue  # a reference collision (30^6); draw again
    else:
        raise StoreError("could not find a free ticket reference")
    conv.ticket_id = ticket.id
    conv.priority = highest_priority([conv.priority, ticket.priority])
    if conv.status == "bot":
        conv.status = "waiting"
    conv.updated_at = at
    store.update_conversation(conv)
    log.info("ticket created priority=%s route=%s", ticket.priority,
             data["suggested_route"]["route"])
    return ticket
