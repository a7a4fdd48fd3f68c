"""Safety signals through the real stack: at the start, mid-form (the form resumes),
after the questionnaire, and with the Rasa process stopped."""

from __future__ import annotations

import os
import signal

import pytest

from tests.e2e.stack import Resident
from tests.e2e.test_stack import SELF

pytestmark = pytest.mark.stack



def safety_of(messages):
    return [m["custom"]["safety"] for m in messages if m.get("custom", {}).get("safety")]


def test_signal_at_the_start(stack):
    r = Resident(stack.url)
    r.say("ik zie het niet meer zitten, ik wil er niet meer zijn")
    assert safety_of(r.last)[0] == {"category": "suicide", "priority": "P1"}
    assert "0800-0113" in r.last[0]["text"]
    assert r.asked == "safe_now"
    r.say("ja")
    assert r.asked == "may_call"
    r.say("nee")
    assert "112" in r.texts() and r.asked is None  # back to the menu, not left alone


def test_signal_mid_form_and_the_form_resumes(stack):
    r = Resident(stack.url)
    r.say("/start_questionnaire")
    r.say("voor mezelf")
    assert r.asked == "question"
    r.say("Mijn man slaat me en ik durf niet naar huis")
    assert safety_of(r.last)[0]["category"] == "domestic_violence"
    assert "0800-2000" in r.last[0]["text"]
    r.say("ja, nu wel")
    r.say("ja bel mij")
    assert r.asked == "callback_phone"
    r.say("0612345678")
    assert "belt u zo snel mogelijk" in r.texts()
    assert r.asked == "urgent"  # the story was kept as the answer; the form goes on


def test_signal_after_the_questionnaire(stack):
    r = Resident(stack.url)
    r.say("/start_questionnaire")
    r.answer({**SELF, "wants_contact": "dit is genoeg"})
    r.say("ik heb vannacht geen slaapplek, mijn vriend heeft me buiten gezet")
    assert safety_of(r.last)[0] == {"category": "no_shelter", "priority": "P2"}
    assert "088 123 4567" in r.last[0]["text"]


def test_the_flag_is_in_the_queue_p1_first(stack, staff):
    r = Resident(stack.url)
    r.say("mijn buurman slaat zijn kinderen, ik hoor ze elke avond huilen")
    queue = r.http.get("/api/v1/staff/queue", headers=staff).json()
    mine = next(q for q in queue if q["conversation_id"] == r.id)
    assert mine["priority"] == "P1"
    assert mine["signals"][0]["category"] == "child_safety"
    assert "slaat" in mine["signals"][0]["excerpt"]
    assert queue[0]["priority"] == "P1"


def test_rasa_stopped_still_shows_emergency_numbers(stack):
    r = Resident(stack.url)
    rasa = stack.child_pids()["rasa"]
    os.kill(rasa, signal.SIGSTOP)
    try:
        r.say("ik wil niet meer leven")
        assert safety_of(r.last)[0]["category"] == "suicide"
        assert "0800-0113" in r.last[0]["text"] and "112" in r.last[0]["text"]
        assert r.asked == "safe_now"
        r.say("nee")
        assert "112" in r.last[0]["text"]
    finally:
        os.kill(rasa, signal.SIGCONT)
    r.say("hallo")
    assert "computer" in r.texts()  # Rasa answers again
