"""After a signal: is the resident safe now, may someone call, on which number.

Kept in the gateway (not in Rasa) so it works while Rasa or the action server is
down. An answer that is not understood ends the follow-up and the message goes
on to the dialogue as usual: nothing the resident writes is lost."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot import answers
from bot.questionnaire import payload_choice
from bot.safety.signals import highest_priority


@dataclass
class Step:
    responses: list[str] = field(default_factory=list)
    understood: bool = True
    done: bool = False


def start(state: dict, language: str) -> list[str]:
    state.update(pending="safe_now", language=language)
    return ["utter_ask_safe_now"]


def _yes_no(text: str, lang: str) -> str | None:
    picked = payload_choice(text)
    if picked in ("yes", "no", "skip"):
        return picked
    if answers.is_skip(text, lang):
        return "skip"
    return answers.yes_no(text, lang, unsure=True)


def answer(state: dict, text: str, lang: str, priorities: list[str]) -> Step:
    """Handles the resident's answer to the pending follow-up question."""
    pending = state.get("pending")
    if pending == "safe_now":
        value = _yes_no(text, lang)
        if value is None:
            return _give_up(state)
        state["safe_now"] = value
        state["pending"] = "may_call"
        first = ["utter_safety_not_safe"] if value in ("no", "unsure") else []
        return Step(first + ["utter_ask_may_call"])
    if pending == "may_call":
        value = _yes_no(text, lang)
        if value is None:
            return _give_up(state)
        state["may_call"] = value
        if value == "yes":
            state["pending"] = "callback_phone"
            return Step(["utter_ask_callback_phone"])
        return _finish(state, ["utter_safety_no_call"])
    if pending == "callback_phone":
        if payload_choice(text) == "skip" or answers.is_skip(text, lang) or \
                answers.yes_no(text, lang) == "no":
            state["may_call"] = "no"
            return _finish(state, ["utter_safety_no_call"])
        phone = answers.phone(text)
        if phone is None:
            if state.get("retries", 0) >= 1:
                return _give_up(state)
            state["retries"] = state.get("retries", 0) + 1
            return Step(["utter_invalid_phone", "utter_ask_callback_phone"])
        state["callback_phone"] = phone
        level = highest_priority(priorities)
        return _finish(state, ["utter_safety_will_call_p1" if level == "P1"
                               else "utter_safety_will_call_p2"])
    return Step(understood=False)


def _finish(state: dict, responses: list[str]) -> Step:
    state["pending"] = None
    state.pop("retries", None)
    return Step(responses, done=True)


def _give_up(state: dict) -> Step:
    state["pending"] = None
    state.pop("retries", None)
    return Step(understood=False, done=True)
