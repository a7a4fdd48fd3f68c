"""Answers an information question from the topic content."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import intent_of
from bot.topics import TOPICS


class ActionAnswerTopic(Action):
    def name(self) -> str:
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        intent, _ = intent_of(tracker)
        topic = (intent or "").removeprefix("info_")
        if topic not in TOPICS:
            dispatcher.utter_message(response="utter_default")
            return []
        dispatcher.utter_message(response="utter_topic_answer", topic=topic)
        if not tracker.active_loop.get("name"):
            dispatcher.utter_message(response="utter_offer_questionnaire")
        return []
