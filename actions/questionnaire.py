"""The questionnaire form: validation (via bot.questionnaire) and its endings."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import intent_of, language, say
from bot import questionnaire as q
from bot.privacy import redact
from bot.tickets import TICKET_REQUEST
from bot.topics import TOPICS

# A life domain hints at the information that may help (shown before "is this enough?").
DOMAIN_TOPICS = {
    "finances": "debt_help",
    "household": "household_help",
    "mobility": "mobility_aids",
    "parenting_children": "parenting_support",
    "social_contact": "loneliness",
    "work_daytime": "day_activities",
    "housing": "home_adaptation",
}
TOPIC_MIN_CONFIDENCE = 0.25


def topics_from_message(tracker: Tracker) -> list[str]:
    """Information topics the NLU saw in the resident's own words."""
    found = []
    for item in tracker.latest_message.get("intent_ranking") or []:
        name = item.get("name") or ""
        if name.startswith("info_") and item.get("confidence", 0) >= TOPIC_MIN_CONFIDENCE:
            topic = name.removeprefix("info_")
            if topic in TOPICS:
                found.append(topic)
    return found[:2]


_PASSIVE_ACTIONS = {"questionnaire_form", "action_extract_slots"}


def just_spoke(tracker: Tracker) -> bool:
    """True when the form runs straight after a resident message, not when it
    resumes after a digression (then the message was already handled)."""
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            return True
        if kind == "action" and event.get("name") not in _PASSIVE_ACTIONS:
            return False
    return False


class ValidateQuestionnaireForm(FormValidationAction):
    def name(self) -> str:
        return "validate_questionnaire_form"

    def __init__(self) -> None:
        super().__init__()
        for slot in q.FORM_SLOTS:
            setattr(self, f"validate_{slot}", self._validator(slot))
            setattr(self, f"extract_{slot}", self._extractor(slot))

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return q.required_slots(tracker.slots)

    def _extractor(self, slot: str):
        def extract(dispatcher: CollectingDispatcher, tracker: Tracker,
                    domain: DomainDict) -> dict[str, Any]:
            # Only the question just asked, and only right after the resident spoke.
            if tracker.get_slot("requested_slot") != slot or not just_spoke(tracker):
                return {}
            text = tracker.latest_message.get("text") or ""
            intent, confidence = intent_of(tracker)
            if q.takes_as_answer(slot, text, dict(tracker.slots), language(tracker), intent,
                                 confidence, tracker.latest_message.get("entities")):
                return {slot: text}
            return {}  # the form rejects; a rule answers the digression

        return extract

    def _validator(self, slot: str):
        def validate(value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                     domain: DomainDict) -> dict[str, Any]:
            intent, _ = intent_of(tracker)
            text = value if isinstance(value, str) else tracker.latest_message.get("text") or ""
            outcome = q.interpret(
                slot, text, dict(tracker.slots), language(tracker), intent,
                tracker.latest_message.get("entities"),
            )
            if slot == "question" and outcome.updates.get("question"):
                outcome.updates["topics"] = topics_from_message(tracker)
            say(dispatcher, outcome.messages)
            return outcome.updates

        return validate


class ActionCaptureSituation(Action):
    """A first message about a personal situation becomes the answer to `question`."""

    def name(self) -> str:
        return "action_capture_situation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text, found = redact(tracker.latest_message.get("text") or "")
        if found:
            dispatcher.utter_message(response="utter_no_bsn_needed")
        return [SlotSet("question", text), SlotSet("topics", topics_from_message(tracker))]


class ActionAskWantsContact(Action):
    """Shows the information that fits the question, then asks if that is enough."""

    def name(self) -> str:
        return "action_ask_wants_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        topics = list(tracker.get_slot("topics") or [])
        for d in tracker.get_slot("life_domains") or []:
            if d in DOMAIN_TOPICS and DOMAIN_TOPICS[d] not in topics:
                topics.append(DOMAIN_TOPICS[d])
        topics = topics[:2]
        if topics:
            dispatcher.utter_message(response="utter_info_intro")
            for topic in topics:
                dispatcher.utter_message(response="utter_topic_answer", topic=topic)
        else:
            dispatcher.utter_message(response="utter_info_general")
        dispatcher.utter_message(response="utter_ask_wants_contact")
        return []


def reset_questionnaire() -> list[EventType]:
    return [SlotSet(s, None) for s in q.FORM_SLOTS + q.INTERNAL_SLOTS]


class ActionQuestionnaireDone(Action):
    """Ends the questionnaire. With consent it hands the answers to the web app, which
    stores the ticket and only then tells the resident (bot/chat.py); this message
    never reaches the resident."""

    def name(self) -> str:
        return "action_questionnaire_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        slots = tracker.slots
        if slots.get("wants_contact") == "no":
            dispatcher.utter_message(response="utter_done_enough")
        elif slots.get("consent_share") != "yes" or slots.get("confirm_summary") != "yes":
            dispatcher.utter_message(response="utter_no_consent")
        else:
            answers = {k: slots.get(k) for k in q.FORM_SLOTS + q.INTERNAL_SLOTS}
            dispatcher.utter_message(json_message={"kind": TICKET_REQUEST, "answers": answers})
        dispatcher.utter_message(response="utter_client_support")
        return reset_questionnaire()


class ActionStopQuestionnaire(Action):
    def name(self) -> str:
        return "action_stop_questionnaire"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_stopped")
        return reset_questionnaire()
