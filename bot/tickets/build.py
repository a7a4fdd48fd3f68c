"""The ticket of contract.md, built from the questionnaire's answers, the
conversation's safety flags and its stored messages."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from bot.questionnaire import SKIPPED
from bot.safety.signals import PRIORITY
from bot.stores.base import Conversation, StoredMessage
from bot.tickets.route import suggest

# Bump when the wording of the consent questions changes in meaning; the text hash
# in `text_version` changes with every edit of the catalogs anyway.
CONSENT_VERSION = "1"


def _value(answers: dict[str, Any], key: str) -> Any:
    value = answers.get(key)
    return None if value in (SKIPPED, "") else value


def priority(answers: dict[str, Any], signals: list[dict]) -> str:
    """P1 with any P1 signal or not safe at home; P2 with a P2 signal or urgent; else P3."""
    live = [s for s in signals if not s.get("false_alarm")]
    if answers.get("safe_at_home") == "no" or any(
            PRIORITY.get(s["category"]) == "P1" for s in live):
        return "P1"
    if answers.get("urgent") == "yes" or any(PRIORITY.get(s["category"]) == "P2" for s in live):
        return "P2"
    return "P3"


def _shown(messages: list[StoredMessage], slot: str) -> tuple[StoredMessage | None,
                                                              StoredMessage | None]:
    """The last question for `slot` the resident saw, and their reply to it."""
    for i in range(len(messages) - 1, -1, -1):
        m = messages[i]
        if m.sender == "bot" and m.custom.get("slot") == slot:
            reply = next((r for r in messages[i + 1:] if r.sender == "resident"), None)
            return m, reply
    return None, None


def consent(answers: dict[str, Any], messages: list[StoredMessage], language: str,
            at: datetime) -> dict[str, Any]:
    """The consent exactly as asked: the texts shown, their version, the answers."""
    share_q, share_a = _shown(messages, "consent_share")
    transcript_q, _ = _shown(messages, "consent_transcript")
    texts = [m.text for m in (share_q, transcript_q) if m is not None]
    text = "\n\n".join(texts)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    subject = _value(answers, "subject_aware") if answers.get("for_whom") != "self" else None
    return {
        "share_with_municipality": answers.get("consent_share") == "yes",
        "attach_transcript": answers.get("consent_transcript") == "yes",
        "subject_agrees": subject,
        "subject_reason": _value(answers, "subject_reason") if subject != "yes" else None,
        "text": text,
        "text_version": f"{CONSENT_VERSION}-{digest}",
        "language": language,
        "at": (share_a.at if share_a else at).isoformat(),
    }


def build(ticket_id: str, reference: str, conv: Conversation, answers: dict[str, Any],
          messages: list[StoredMessage], at: datetime) -> dict[str, Any]:
    domains = list(_value(answers, "life_domains") or [])
    topics = list(answers.get("topics") or [])
    signals = [{k: s.get(k) for k in ("category", "priority", "at", "excerpt", "layer",
                                       "false_alarm") if s.get(k) is not None}
               for s in conv.signals]
    phone, email = _value(answers, "contact_phone"), _value(answers, "contact_email")
    channel = _value(answers, "preferred_channel") or ("phone" if phone else "email")
    known = _value(answers, "known_to_municipality") or "unknown"
    data = {
        "id": ticket_id,
        "reference": reference,
        "conversation_id": conv.id,
        "created_at": at.isoformat(),
        "language": conv.language,
        "priority": priority(answers, conv.signals),
        "signals": signals,
        "requester": {
            "role": answers.get("for_whom") or "self",
            "name": _value(answers, "contact_name"),
            "phone": phone,
            "email": email,
            "preferred_channel": channel,
            "reachable": _value(answers, "reachable"),
            "relation": _value(answers, "relation"),
        },
        "custody": _value(answers, "custody"),
        "subject_aware": _value(answers, "subject_aware")
        if answers.get("for_whom") != "self" else None,
        "known_to_municipality": known,
        "existing_contact": _value(answers, "existing_contact"),
        "urgent": answers.get("urgent") == "yes",
        "urgent_reason": _value(answers, "urgent_reason"),
        "safe_at_home": answers.get("safe_at_home")
        if answers.get("safe_at_home") in ("yes", "no") else "no_answer",
        "question": _value(answers, "question"),
        "life_domains": domains,
        "multiple_questions": answers.get("multiple_questions") == "yes" or len(domains) > 1,
        "already_tried": _value(answers, "already_tried"),
        "topics": topics,
        "suggested_route": suggest(answers, topics, conv.signals).as_dict(),
        "consent": consent(answers, messages, conv.language, at),
        "status": "new",
        "notes": [],
    }
    if data["consent"]["attach_transcript"]:
        data["transcript"] = [{"from": m.sender, "text": m.text, "at": m.at.isoformat()}
                              for m in messages]
    return data
