"""The short questionnaire (conversation.md) as plain functions: which questions
apply, how an answer is understood, and the summary. The Rasa form validation
action in actions/ is a thin wrapper around this module."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bot import answers
from bot.privacy import redact

SKIPPED = "skipped"
CHILD_RELATIONS = {"son", "daughter", "child"}

# Every slot the form may ask, in order (the domain lists the same superset).
FORM_SLOTS = (
    "for_whom", "relation", "custody", "subject_aware", "subject_reason", "question", "urgent",
    "urgent_reason", "safe_at_home", "life_domains", "multiple_questions", "already_tried",
    "known_to_municipality", "existing_contact", "wants_contact", "contact_name",
    "contact_phone", "contact_email", "preferred_channel", "reachable", "consent_share",
    "consent_transcript", "correct_which", "confirm_summary",
)
# Helper slots the form sets but never asks.
INTERNAL_SLOTS = ("correcting", "topics")
# Free-text answers: kept as written (minus BSN/IBAN).
FREE_TEXT = {"question", "urgent_reason", "already_tried", "existing_contact", "reachable",
             "subject_reason"}
NOT_SKIPPABLE = {"question", "wants_contact", "contact_name", "consent_share",
                 "consent_transcript", "confirm_summary", "correct_which"}
# Intents that leave the form (rules handle them) instead of answering it.
INTERRUPT_INTENTS = {"stop", "goodbye", "human_handoff"}
# Intents that are answered as a digression when the text is not an answer.
DIGRESSION_INTENTS = {"greet", "thanks", "bot_challenge", "out_of_scope", "ask_info_menu"}
DIGRESSION_MIN_CONFIDENCE = 0.5

CHOICES = {
    "for_whom": {"self", "family", "other", "professional"},
    "custody": {"yes", "no", "unsure"},
    "subject_aware": {"yes", "no", "unsure"},
    "urgent": {"yes", "no"},
    "safe_at_home": {"yes", "no", "no_answer"},
    "multiple_questions": {"yes", "no"},
    "known_to_municipality": {"yes", "no", "unknown"},
    "wants_contact": {"yes", "no"},
    "preferred_channel": {"phone", "email", "whatsapp"},
    "consent_share": {"yes", "no"},
    "consent_transcript": {"yes", "no"},
    "confirm_summary": {"yes", "change"},
}


def on_behalf(slots: dict[str, Any]) -> bool:
    return slots.get("for_whom") in ("family", "other", "professional")


def required_slots(slots: dict[str, Any]) -> list[str]:
    """The questions that apply, given the answers so far."""
    req = ["for_whom"]
    who = slots.get("for_whom")
    if who in ("family", "other"):
        req.append("relation")
        if slots.get("relation") in CHILD_RELATIONS:
            req.append("custody")
    if who in ("family", "other", "professional"):
        req.append("subject_aware")
        # The consent of the person concerned: when not given, the reason is recorded.
        if slots.get("subject_aware") in ("no", "unsure"):
            req.append("subject_reason")
    req += ["question", "urgent"]
    if slots.get("urgent") == "yes":
        req.append("urgent_reason")
    req += ["safe_at_home", "life_domains", "multiple_questions", "already_tried",
            "known_to_municipality"]
    if slots.get("known_to_municipality") == "yes":
        req.append("existing_contact")
    req.append("wants_contact")
    # Consent comes before the contact details: whoever says no has typed no
    # personal data at all (AVG data minimisation).
    if slots.get("wants_contact") == "yes":
        req.append("consent_share")
        if slots.get("consent_share") == "yes":
            req += ["contact_name", "contact_phone", "contact_email"]
            if _has(slots, "contact_phone"):
                req.append("preferred_channel")
            req += ["reachable", "consent_transcript"]
            if slots.get("correcting"):
                req.append("correct_which")
            req.append("confirm_summary")
    return req


def _has(slots: dict[str, Any], slot: str) -> bool:
    return slots.get(slot) not in (None, SKIPPED)


def is_complete(slots: dict[str, Any]) -> bool:
    return all(slots.get(s) is not None for s in required_slots(slots))


@dataclass
class Outcome:
    """What an answer does: slot updates and extra bot messages (response, kwargs)."""

    updates: dict[str, Any] = field(default_factory=dict)
    messages: list[tuple[str, dict]] = field(default_factory=list)

    def reject(self, slot: str, response: str = "utter_not_understood_answer") -> Outcome:
        self.updates[slot] = None
        self.messages.append((response, {}))
        return self


_PAYLOAD = re.compile(r"^/\w+(\{.*\})\s*$", re.DOTALL)


def payload_choice(text: str, entities: list[dict] | None = None) -> Any:
    """The value a button sent (`/inform{"choice": …}`), if any."""
    for ent in entities or []:
        if ent.get("entity") == "choice":
            return ent.get("value")
    m = _PAYLOAD.match(text or "")
    if m:
        try:
            return json.loads(m.group(1)).get("choice")
        except (ValueError, AttributeError):
            return None
    return None


def interpret(slot: str, text: str, slots: dict[str, Any], lang: str = "nl",
              intent: str | None = None, entities: list[dict] | None = None) -> Outcome:
    """Understands the answer `text` to question `slot`."""
    out = Outcome()
    text = (text or "").strip()
    picked = payload_choice(text, entities)
    if picked is not None:
        text = ""
    typed_skip = picked is None and answers.is_skip(text, lang, intent) and (
        slot not in FREE_TEXT | {"contact_name"} or len(text.split()) <= 4)
    if picked == "skip" or typed_skip:
        return _skip(slot, slots, out)
    handler = _HANDLERS.get(slot)
    if handler is None:
        return out.reject(slot)
    return handler(out, slot, picked, text, slots, lang, intent)


def is_digression(intent: str | None, confidence: float) -> bool:
    return bool(intent) and confidence >= DIGRESSION_MIN_CONFIDENCE and (
        intent in DIGRESSION_INTENTS or intent.startswith("info_"))


def takes_as_answer(slot: str, text: str, slots: dict[str, Any], lang: str = "nl",
                    intent: str | None = None, confidence: float = 0.0,
                    entities: list[dict] | None = None) -> bool:
    """Whether a message answers the question `slot` (else rules handle it).

    The answer is tried first, so "telefoon" answers "how do you want contact?"
    even though on its own it would be a question about the contact details."""
    picked = payload_choice(text, entities)
    if text.startswith("/") and picked is None:
        return False  # another button (menu, information topic, talk to a person)
    if picked is None and intent in INTERRUPT_INTENTS and \
            answers.find(text, answers.lexicon(lang)["interrupt"][intent]):
        return False
    leaving = intent in INTERRUPT_INTENTS and confidence >= DIGRESSION_MIN_CONFIDENCE
    if slot == "question":
        return not leaving
    if slot in FREE_TEXT:
        # Free text is always an answer, unless it reads like an information question.
        return not ((is_digression(intent, confidence) or leaving) and "?" in text)
    outcome = interpret(slot, text, slots, lang, intent, entities)
    if outcome.updates.get(slot) is not None or slot in outcome.updates and not outcome.messages:
        return True
    # Not an answer: a digression or leaving goes to the rules; anything else is asked again.
    return not (is_digression(intent, confidence) or leaving)


def _skip(slot: str, slots: dict[str, Any], out: Outcome) -> Outcome:
    if slot == "question":
        return out.reject(slot, "utter_question_required")
    if slot in NOT_SKIPPABLE:
        return out.reject(slot)
    if slot == "contact_email" and not _has(slots, "contact_phone"):
        return out.reject(slot, "utter_need_phone_or_email")
    out.updates[slot] = SKIPPED
    if slot == "contact_phone":
        out.updates["preferred_channel"] = None
    return out


def _choice(out, slot, picked, text, slots, lang, intent):
    allowed = CHOICES[slot]
    value = picked if picked in allowed else None
    if value is None and text:
        if slot == "safe_at_home" and answers.find(text, answers.lexicon(lang)["rather_not_say"]):
            value = "no_answer"
        elif slot == "preferred_channel":
            value = answers.channel(text, lang)
        elif slot == "wants_contact" and answers.find(text, answers.lexicon(lang)["enough"]):
            value = "no"
        elif slot == "wants_contact" and answers.find(text,
                                                      answers.lexicon(lang)["contact_wanted"]):
            value = "yes"
        elif slot == "confirm_summary":
            if answers.find(text, answers.lexicon(lang)["change"]):
                value = "change"
            else:
                value = "yes" if answers.yes_no(text, lang, intent) == "yes" else None
        else:
            yn = answers.yes_no(text, lang, intent, unsure=True)
            value = {"unsure": "unknown"}.get(yn, yn) if slot == "known_to_municipality" else yn
        if value not in allowed:
            value = None
    if value is None:
        return out.reject(slot)
    out.updates[slot] = value
    return _after_choice(out, slot, value, slots)


def _after_choice(out: Outcome, slot: str, value: str, slots: dict[str, Any]) -> Outcome:
    if slot == "subject_aware" and value == "no":
        out.messages.append(("utter_subject_not_aware", {}))
    if slot == "subject_aware" and value == "yes":
        out.updates["subject_reason"] = None
    elif slot == "safe_at_home" and value == "no":
        out.messages.append(("utter_unsafe_at_home", {}))
    elif slot == "urgent" and value == "no":
        out.updates["urgent_reason"] = None
    elif slot == "known_to_municipality" and value != "yes":
        out.updates["existing_contact"] = None
    elif slot == "confirm_summary" and value == "change":
        out.updates.update(confirm_summary=None, correcting=True)
    return out


def _for_whom(out, slot, picked, text, slots, lang, intent):
    who, rel = (picked, None) if picked in CHOICES["for_whom"] else answers.for_whom(text, lang)
    if who is None:
        return out.reject(slot)
    out.updates["for_whom"] = who
    if who in ("self", "professional"):
        out.updates.update(relation=None, custody=None)
    if who == "self":
        out.updates.update(subject_aware=None, subject_reason=None)
    if rel and who in ("family", "other"):
        out.updates["relation"] = rel
    return out


def _relation(out, slot, picked, text, slots, lang, intent):
    rel = picked if isinstance(picked, str) and picked else answers.relation(text, lang)
    if rel is None:
        # Keep what the resident wrote ("mijn stiefopa"): staff can read it.
        rel = text[:80] if text else None
    if not rel:
        return out.reject(slot)
    out.updates["relation"] = rel
    if rel not in CHILD_RELATIONS:
        out.updates["custody"] = None
    return out


def _free_text(out, slot, picked, text, slots, lang, intent):
    if picked == "nothing":
        out.updates[slot] = "nothing"
        return out
    if not text:
        return out.reject(slot, "utter_question_required" if slot == "question" else
                          "utter_not_understood_answer")
    clean, found = redact(text)
    if found:
        out.messages.append(("utter_no_bsn_needed", {}))
    out.updates[slot] = clean
    return out


def _life_domains(out, slot, picked, text, slots, lang, intent):
    if isinstance(picked, str):
        picked = [picked]
    if isinstance(picked, list):
        domains = [d for d in picked if d in answers.lexicon("nl")["life_domains"]]
    else:
        domains = answers.life_domains(text, lang)
    if not domains:
        return out.reject(slot)
    out.updates["life_domains"] = domains
    out.updates["multiple_questions"] = "yes" if len(domains) > 1 else None
    return out


def _name(out, slot, picked, text, slots, lang, intent):
    clean, found = redact(text)
    value = answers.name(clean, lang)
    if found:
        out.messages.append(("utter_no_bsn_needed", {}))
    if value is None:
        return out.reject(slot)
    out.updates[slot] = value
    return out


def _phone(out, slot, picked, text, slots, lang, intent):
    value = answers.phone(text)
    if value is None:
        return out.reject(slot, "utter_invalid_phone")
    out.updates[slot] = value
    return out


def _email(out, slot, picked, text, slots, lang, intent):
    value = answers.email(text)
    if value is None:
        return out.reject(slot, "utter_invalid_email")
    out.updates[slot] = value
    if not _has(slots, "contact_phone"):
        out.updates["preferred_channel"] = "email"
    return out


def _correct_which(out, slot, picked, text, slots, lang, intent):
    from bot.responses import CORRECTABLE

    target = picked if picked in CORRECTABLE else answers.correction_target(text, lang)
    if target not in CORRECTABLE:
        return out.reject(slot)
    out.updates.update({target: None, "correct_which": None, "correcting": False})
    if target == "for_whom":
        out.updates.update(relation=None, custody=None, subject_aware=None, subject_reason=None)
    if target == "life_domains":
        out.updates["multiple_questions"] = None
    if target in ("contact_phone", "contact_email"):
        out.updates["preferred_channel"] = None
    return out


_HANDLERS = {
    "for_whom": _for_whom,
    "relation": _relation,
    "life_domains": _life_domains,
    "contact_name": _name,
    "contact_phone": _phone,
    "contact_email": _email,
    "correct_which": _correct_which,
    **{s: _free_text for s in FREE_TEXT},
    **{s: _choice for s in CHOICES if s != "for_whom"},
}


def summary_items(slots: dict[str, Any]) -> list[tuple[str, Any]]:
    """(slot, value) pairs for the summary, in question order, answered ones only."""
    hidden = {"wants_contact", "consent_share", "confirm_summary", "correct_which",
              "multiple_questions"}
    return [(s, slots.get(s)) for s in required_slots(slots)
            if s not in hidden and slots.get(s) is not None]
