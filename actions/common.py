"""Small helpers shared by the actions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.i18n import normalise_language


def language(tracker: Tracker) -> str:
    meta = tracker.latest_message.get("metadata") or {}
    return normalise_language(meta.get("language"))


def intent_of(tracker: Tracker) -> tuple[str | None, float]:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def say(dispatcher: CollectingDispatcher, messages: list[tuple[str, dict[str, Any]]]) -> None:
    for response, kwargs in messages:
        dispatcher.utter_message(response=response, **kwargs)
