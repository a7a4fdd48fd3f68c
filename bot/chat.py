"""The resident chat service: conversations, messages, the safety check, and the
hand-off to Rasa.

Every resident message goes through the safety check before anything else, in
every state. The emergency response is rendered here, not by Rasa, so it is shown
even when Rasa or the action server is down."""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from bot.content import service as content
from bot.events.base import QUEUE, EventBus, conversation_channel
from bot.events.memory import InMemoryBus
from bot.i18n import LANGUAGES, N_, NATIVE_NAMES, normalise_language
from bot.language import detect
from bot.nlg import fill, render
from bot.privacy import redact
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.safety import check, followup
from bot.safety.signals import PRIORITY, Signal, highest_priority
from bot.stores.base import Conversation, Store, StoredMessage, now
from bot.tickets import TICKET_REQUEST
from bot.tickets import service as tickets
from bot.timing import phase

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
TAKEN_OVER = N_("U praat nu met {name}. {name} werkt bij {municipality}.")
HANDED_BACK = N_("{name} heeft het gesprek teruggegeven. U praat weer met de digitale "
                 "assistent.")
LANGUAGE_OFFER = N_("Wilt u verder in het {language_name}?")
LANGUAGE_SWITCHED = N_("Goed. We gaan verder in het {language_name}.")
LANGUAGE_PAYLOAD = re.compile(r'^/language\{"code":\s*"(\w+)"\}$')
# Fewer words say too little about their language to offer a switch.
OFFER_MIN_WORDS = 4
OPENING_PAYLOAD = "/greet"
RESUME_PAYLOAD = "/resume"
# Seconds Rasa may take when the rules already found a signal (normal: the settings).
SIGNAL_RASA_TIMEOUT = 3.0


def new_conversation_id() -> str:
    # 32 random bytes = 256 bits, URL-safe.
    return secrets.token_urlsafe(32)


@dataclass
class Reply:
    messages: list[dict] = field(default_factory=list)
    intent: dict | None = None
    ranking: list[dict] | None = None
    reached_rasa: bool = True


@dataclass
class ChatService:
    store: Store
    rasa: RasaClient
    # Live updates for staff views and the resident's pushed messages.
    bus: EventBus = field(default_factory=InMemoryBus)

    async def start(self, language: str) -> tuple[Conversation, list[dict]]:
        conv = Conversation(id=new_conversation_id(), language=normalise_language(language))
        self.store.create_conversation(conv)
        reply = await self._ask_rasa(conv, OPENING_PAYLOAD)
        await self._record(conv, None, reply.messages)
        return conv, reply.messages

    def get(self, conversation_id: str) -> Conversation | None:
        with phase("store"):
            return self.store.get_conversation(conversation_id)

    async def send(self, conv: Conversation, text: str, language: str | None) -> list[dict]:
        if language:
            conv.language = normalise_language(language)
            conv.language_chosen = True
        switch = LANGUAGE_PAYLOAD.match(text.strip())
        if switch and switch.group(1) in LANGUAGES:
            return await self._switch_language(conv, switch.group(1))
        clean, redacted = redact(text)
        # Store the resident's words first: if anything fails later, nothing is lost.
        await self._record(conv, clean, [])
        cancelled: set[str] = set()
        try:
            with phase("safety"):
                rule_signals = check.rule_signals(clean, conversation_language=conv.language,
                                                  cancelled=cancelled)
        except Exception:  # a bug in the check must not cost the resident an answer
            log.exception("safety rule check failed")
            rule_signals = []
        if conv.taken_over_by:
            messages = await self._with_staff(conv, clean, rule_signals, cancelled)
        else:
            messages = await self._handle(conv, clean, rule_signals, cancelled)
            with phase("language"):
                messages += self._language_offer(conv, clean)
        if redacted:
            messages.insert(0, info_message(conv.language, REDACTED_NOTICE))
        await self._record(conv, None, messages)
        customs = [m.get("custom", {}) for m in messages]
        if any(c.get("fallback") for c in customs) and not clean.startswith("/") \
                and not any(c.get("safety") for c in customs):
            # For the editor's learning loop: what residents ask that the bot missed.
            try:
                content.add_unanswered(self.store, clean, conv.language)
            except Exception:
                log.exception("could not keep the unanswered question")
        return messages

    def _language_offer(self, conv: Conversation, text: str) -> list[dict]:
        """Offers once to go on in the language the resident writes, unless they chose."""
        if conv.language_chosen or len(text.split()) < OFFER_MIN_WORDS:
            return []
        seen = detect(text)
        if seen is None or seen == conv.language or seen == conv.language_offered:
            return []
        conv.language_offered = seen
        return [{
            "text": fill(seen, LANGUAGE_OFFER, {"language_name": NATIVE_NAMES[seen]}),
            "buttons": [{"title": NATIVE_NAMES[code], "payload": f'/language{{"code":"{code}"}}'}
                        for code in (seen, conv.language)],
            "custom": {"kind": "info", "language_offer": seen},
        }]

    async def _switch_language(self, conv: Conversation, code: str) -> list[dict]:
        """The resident's choice: the whole conversation goes on in `code`, the
        questionnaire keeps every answer and asks its current question again."""
        conv.language, conv.language_chosen = code, True
        # Nothing said yet (the widget's language menu, right after the greeting): greet
        # again in the new language, so the opening choices are not lost.
        fresh = not any(m.sender == "resident" for m in self.store.get_messages(conv.id))
        await self._record(conv, NATIVE_NAMES[code], [])
        messages = [info_message(code, LANGUAGE_SWITCHED, {"language_name": NATIVE_NAMES[code]})]
        if not conv.taken_over_by:  # the bot is paused while staff have the chat
            messages += (await self._ask_rasa(conv, OPENING_PAYLOAD if fresh else RESUME_PAYLOAD)
                         ).messages
        await self._record(conv, None, messages)
        return messages

    async def _with_staff(self, conv: Conversation, text: str, rule_signals: list[Signal],
                          cancelled: set[str]) -> list[dict]:
        """Staff have the chat: the bot stays silent (Rasa is not asked, so its tracker
        stays where it was), but the safety check still runs and still flags. The
        resident still sees the emergency numbers; the staff member asks the rest."""
        signals = check.merge(rule_signals, await asyncio.to_thread(_semantic_signals, text,
                                                                    cancelled))
        new = await self._flag_now(conv, signals)
        return self._safety_messages(new, check.response_language(new, conv.language))

    async def staff_takeover(self, conv: Conversation, name: str) -> None:
        """Tells the resident, in their language, who they talk with now."""
        notice = info_message(conv.language, TAKEN_OVER, {"name": name})
        notice["custom"].update(staff_name=name, takeover=True)
        await self._record(conv, None, [notice], push=True)

    async def staff_message(self, conv: Conversation, name: str, text: str) -> dict:
        message = {"text": text, "custom": {"kind": "staff", "staff_name": name}}
        await self._record(conv, None, [message], push=True, sender="staff")
        return message

    async def staff_handback(self, conv: Conversation, name: str) -> list[dict]:
        """The bot takes over again where it was: the form asks its question again."""
        conv.safety.pop("pending", None)  # staff asked the follow-up themselves
        notice = info_message(conv.language, HANDED_BACK, {"name": name})
        notice["custom"]["handback"] = True
        messages = [notice] + (await self._ask_rasa(conv, RESUME_PAYLOAD)).messages
        await self._record(conv, None, messages, push=True)
        return messages

    async def _handle(self, conv: Conversation, text: str, rule_signals: list[Signal],
                      cancelled: set[str]) -> list:
        if conv.safety.get("pending"):
            lang = conv.safety.get("language") or conv.language
            step = followup.answer(conv.safety, text, lang,
                                   [s["priority"] for s in conv.signals])
            if step.understood:
                new = await self._flag_now(conv, rule_signals)
                messages = self._safety_messages(new, check.response_language(new, lang))
                messages += [render(r, {}, lang) for r in step.responses]
                if step.done:
                    messages += (await self._ask_rasa(conv, RESUME_PAYLOAD)).messages
                return messages
            # Not an answer to the follow-up: the message goes on as usual.
        # Rule signals are stored before Rasa is asked, and then Rasa gets only a short
        # time: the emergency numbers must not wait for a slow dialogue.
        new = await self._flag_now(conv, rule_signals)
        # The semantic layer runs beside the dialogue (a few ms), and still runs when
        # Rasa is down.
        semantic = asyncio.create_task(asyncio.to_thread(_semantic_signals, text, cancelled))
        reply = await self._ask_rasa(conv, text, SIGNAL_RASA_TIMEOUT if rule_signals else None)
        with phase("safety"):
            later = check.merge(await semantic,
                                check.model_signals(text, reply.intent, reply.ranking,
                                                    detect(text) or conv.language, cancelled),
                                check.dialogue_signals(text, reply.messages))
        ruled = {s.category for s in rule_signals}
        self._note_layers(conv, [s for s in later if s.category in ruled])
        new += await self._flag_now(conv, [s for s in later if s.category not in ruled])
        if not new:
            return reply.messages
        # Numbers first; the dialogue's reply waits until the follow-up is done
        # (then the form asks its question again, so nothing is skipped).
        lang = check.response_language(new, conv.language)
        messages = self._safety_messages(new, lang)
        messages += [render(r, {}, lang) for r in followup.start(conv.safety, lang)]
        if not reply.reached_rasa:
            messages += reply.messages
        else:  # a ticket made by this message is confirmed now, not after the follow-up
            messages += [m for m in reply.messages if m["custom"].get("ticket_id")]
        return messages

    def _flag(self, conv: Conversation, signals: list[Signal]) -> list[Signal]:
        """Stores every signal on the conversation; returns the ones new to it."""
        if not signals:
            return []
        known = {s["category"] for s in conv.signals if not s.get("false_alarm")}
        conv.signals += [s.record() for s in signals]
        conv.priority = highest_priority([conv.priority] + [s.priority for s in signals])
        if conv.status == "bot":
            conv.status = "waiting"  # a person must follow up
        conv.updated_at = now()
        # Durable before the resident sees anything: leaving now still leaves the flag.
        with phase("store"):
            self.store.update_conversation(conv)
        log.warning("safety signal categories=%s layers=%s",
                    ",".join(s.category for s in signals), ",".join(s.layer for s in signals))
        return [s for s in signals if s.category not in known]

    async def _flag_now(self, conv: Conversation, signals: list[Signal]) -> list[Signal]:
        """Stores the signals and tells the staff queue at once (a P1 must not wait
        for the dialogue)."""
        new = self._flag(conv, signals)
        if signals:
            await self.bus.publish(QUEUE, {"conversation_id": conv.id,
                                           "priority": conv.priority,
                                           "signals": [s.category for s in new]})
        return new

    def _note_layers(self, conv: Conversation, signals: list[Signal]) -> None:
        """Another layer confirmed a signal the rules raised: note it on that record."""
        for s in signals:
            for record in reversed(conv.signals):
                if record["category"] == s.category:
                    if s.layer not in record["layer"]:
                        record["layer"] += "+" + s.layer
                    break
        if signals:
            self.store.update_conversation(conv)

    @staticmethod
    def _safety_messages(signals: list[Signal], lang: str) -> list[dict]:
        messages = []
        for s in signals:
            msg = render(f"utter_safety_{s.category}", {}, lang)
            msg["custom"]["safety"] = {"category": s.category, "priority": PRIORITY[s.category]}
            messages.append(msg)
        if signals:
            messages.append(render("utter_safety_flagged", {}, lang))
        return messages

    async def _ask_rasa(self, conv: Conversation, text: str,
                        timeout: float | None = None) -> Reply:
        try:
            with phase("rasa"):
                raw = await self.rasa.send(conv.id, text, {"language": conv.language}, timeout)
        except RasaUnavailable:
            return Reply([info_message(conv.language, UNAVAILABLE)], reached_rasa=False)
        messages = [to_message(m) for m in raw.get("messages") or []]
        if not messages:
            # Rasa answers with nothing when an action failed; never leave a resident in silence.
            log.warning("rasa returned no messages")
            messages = [info_message(conv.language, NO_REPLY)]
        messages = self._tickets(conv, messages)
        return Reply(messages, raw.get("intent"), raw.get("intent_ranking"))

    def _tickets(self, conv: Conversation, messages: list[dict]) -> list[dict]:
        """Turns the form's ticket request into a stored ticket, then the confirmation.

        The ticket is durable before the resident reads that it exists."""
        out = []
        for m in messages:
            custom = m.get("custom") or {}
            if custom.get("kind") != TICKET_REQUEST:
                out.append(m)
                continue
            try:
                with phase("store"):
                    ticket = tickets.create(self.store, conv, custom.get("answers") or {})
            except Exception:
                log.exception("ticket could not be stored")
                out.append(render("utter_ticket_failed", {}, conv.language))
                continue
            confirm = render("utter_ticket_created", {}, conv.language,
                             {"reference": ticket.reference})
            confirm["custom"].update(ticket_id=ticket.id, reference=ticket.reference)
            out += [confirm, render(f"utter_ticket_next_{ticket.priority.lower()}", {},
                                    conv.language)]
        return out

    async def _record(self, conv: Conversation, resident_text: str | None, bot: list[dict],
                      push: bool = False, sender: str = "bot") -> None:
        """Stores messages, then tells the live views. `push`: the resident did not get
        these as a reply, so their widget gets them through the event stream."""
        items = []
        if resident_text is not None:
            items.append(StoredMessage(conv.id, "resident", resident_text))
        items += [StoredMessage(conv.id, sender, m.get("text", ""), m.get("custom", {}),
                                m.get("buttons", [])) for m in bot]
        if any(m.get("custom", {}).get("kind") == "handover" for m in bot) \
                and conv.status == "bot":
            conv.status = "waiting"
        conv.updated_at = now()
        with phase("store"):
            self.store.record(conv, items)
        if items:
            await self.bus.publish(conversation_channel(conv.id), {
                "type": "messages", "push": push,
                "messages": [wire_message(m) for m in items]})
            await self.bus.publish(QUEUE, {"conversation_id": conv.id,
                                           "priority": conv.priority, "signals": []})


def _semantic_signals(text: str, cancelled: set[str]) -> list[Signal]:
    try:
        with phase("semantic-cpu", clock=time.thread_time):
            return check.semantic_signals(text, cancelled)
    except Exception:  # the other layers still stand
        log.exception("semantic safety layer failed")
        return []


def wire_message(m: StoredMessage) -> dict:
    """A stored message as live views get it."""
    out: dict[str, Any] = {"from": m.sender, "text": m.text, "custom": m.custom,
                           "at": m.at.isoformat()}
    if m.buttons:
        out["buttons"] = m.buttons
    return out


def info_message(language: str, template: str, extra: dict | None = None) -> dict:
    return {"text": fill(language, template, extra), "custom": {"kind": "info"}}


def to_message(raw: dict[str, Any]) -> dict:
    """A Rasa channel message as a contract Message."""
    msg: dict[str, Any] = {"text": raw.get("text") or ""}
    buttons = [{"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
               for b in raw.get("buttons") or []]
    if buttons:
        msg["buttons"] = buttons
    msg["custom"] = raw.get("custom") or {}
    return msg
