"""End to end: the real Rasa server, action server and web app, over HTTP,
walking the questionnaire with free-text answers as a resident would."""

from __future__ import annotations

import os
import signal
import time

import httpx
import pytest

from tests.e2e.stack import Resident, Stack, loket_headers

pytestmark = pytest.mark.stack

SELF = {
    "for_whom": "voor mezelf",
    "question": "Ik ben 84 en kan mijn huis niet meer schoonhouden.",
    "urgent": "nee",
    "safe_at_home": "ja",
    "life_domains": "het huishouden en boodschappen",
    "multiple_questions": "nee",
    "already_tried": "mijn buurvrouw helpt soms",
    "known_to_municipality": "nee",
    "wants_contact": "ja, neem contact met mij op",
    "contact_name": "Mijn naam is Ans",
    "contact_phone": "06-12345678",
    "contact_email": "sla over",
    "preferred_channel": "bellen",
    "reachable": "'s ochtends",
    "consent_share": "ja",
    "consent_transcript": "nee",
    "confirm_summary": "ja, dat klopt",
}



def test_self_path_with_free_text(stack):
    r = Resident(stack.url)
    assert "112" in r.texts() and "computer" in r.texts()
    r.say("ik heb een vraag over hulp")
    asked = r.answer(SELF)
    assert asked[:2] == ["for_whom", "question"]
    assert "relation" not in asked and "subject_aware" not in asked
    assert "contact_phone" in asked and "confirm_summary" in asked
    said = r.texts()
    # A ticket with a reference to quote, what happens next, independent client support.
    assert any(m["custom"].get("ticket_id") for m in r.last)
    assert "kenmerk" in said and "werkdagen" in said and "cliëntondersteuner" in said


def test_every_question_is_marked_with_its_slot(stack):
    r = Resident(stack.url)
    r.say("/start_questionnaire")
    seen = 0
    for _ in range(30):
        questions = [m for m in r.last if m.get("custom", {}).get("kind") == "question"]
        if not questions:
            break
        assert len(questions) == 1  # one question per message
        assert questions[0]["custom"]["slot"] in SELF
        seen += 1
        r.say(SELF[questions[0]["custom"]["slot"]])
    assert seen >= 15


def test_family_path_digressions_and_correction(stack):
    r = Resident(stack.url)
    # A first message about a situation starts the questionnaire and is kept.
    r.say("mijn vader van 85 zorgt voor mijn moeder en hij kan het niet meer aan")
    assert r.asked == "for_whom"
    r.say("voor mijn vader")
    assert r.asked == "subject_aware"  # relation came with the answer
    r.say("ja hij weet het")
    assert r.asked == "urgent"
    # An information question mid-form is answered, then the same question again.
    r.say("wat is mantelzorg eigenlijk?")
    topics = [m["custom"].get("topic") for m in r.last]
    assert "informal_care" in topics and r.asked == "urgent"
    r.say("hallo")
    assert r.asked == "urgent"
    r.say("ik wil een mens spreken")
    assert any(m["custom"].get("kind") == "handover" for m in r.last)
    assert "14 0123" in r.texts() and r.asked == "urgent"
    r.say("nee")
    asked = r.answer({**SELF, "safe_at_home": "ja, wel veilig"}, until="confirm_summary")
    assert "question" not in asked  # kept from the first message
    summary = r.texts()
    assert "Vader" in summary and "kan het niet meer aan" in summary
    r.say("iets aanpassen")
    assert r.asked == "correct_which"
    r.say("het telefoonnummer")
    assert r.asked == "contact_phone"
    r.say("020 123 4567")
    assert r.asked == "preferred_channel"
    r.say("telefoon")
    assert r.asked == "confirm_summary" and "020 1234567" in r.texts()
    r.say("ja")
    assert any(m["custom"].get("ticket_id") for m in r.last)


def test_professional_path(stack):
    r = Resident(stack.url)
    r.say("/start_questionnaire")
    r.say("ik ben wijkverpleegkundige")
    assert r.asked == "subject_aware"
    assert "toestemming" in r.texts()
    r.say("ja")
    assert r.asked == "question"


def test_skip_and_not_enough_information(stack):
    r = Resident(stack.url)
    r.say("/start_questionnaire")
    answers = {**SELF, "urgent": "sla over", "safe_at_home": "zeg ik liever niet",
               "life_domains": "overslaan", "multiple_questions": "sla over",
               "already_tried": "overslaan", "wants_contact": "dit is genoeg"}
    asked = r.answer(answers)
    assert "contact_name" not in asked
    assert "Ik heb geen gegevens van u doorgegeven" in r.texts()


def test_question_cannot_be_skipped(stack):
    r = Resident(stack.url)
    r.say("/start_questionnaire")
    r.say("voor mezelf")
    r.say("sla over")
    assert r.asked == "question" and "nodig" in r.texts()


def test_stop_mid_form(stack):
    r = Resident(stack.url)
    r.say("/start_questionnaire")
    r.say("voor mezelf")
    r.say("ik wil stoppen")
    assert r.asked is None and "stoppen" in r.texts()
    r.say("/start_questionnaire")
    assert r.asked == "for_whom"  # starts afresh, nothing kept


def test_information_question_first_then_offer(stack):
    r = Resident(stack.url)
    r.say("hoe kan ik schuldhulp krijgen?")
    custom = r.last[0]["custom"]
    assert custom["kind"] == "answer" and custom["topic"] == "debt_help"
    assert custom["format"] == "markdown" and custom["content_version"] >= 1  # from the store
    assert any(b["payload"] == "/start_questionnaire" for b in r.last[-1].get("buttons", []))
    r.say("ja")
    assert r.asked == "for_whom"


def test_out_of_scope(stack):
    r = Resident(stack.url)
    r.say("mijn paspoort verlopen, hoe verleng ik dat?")
    assert r.last[0]["custom"]["topic"] == "out_of_scope"


def test_bad_input_against_the_real_stack(stack):
    r = Resident(stack.url)
    for body in ({"text": ""}, {"text": "x" * 2001}, {"text": 5}):
        resp = r.http.post(f"/api/v1/conversations/{r.id}/messages", json=body)
        assert resp.status_code == 422 and isinstance(resp.json()["detail"], str)
    assert r.http.post("/api/v1/conversations/nope/messages",
                       json={"text": "hoi"}).status_code == 404


def kill_child(stack: Stack, name: str) -> None:
    """kill -9 of one process: the supervisor says so loudly and exits with 1."""
    os.kill(stack.child_pids()[name], signal.SIGKILL)
    deadline = time.monotonic() + 30
    while stack.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stack.proc.returncode == 1
    assert f"!!! {name} stopped unexpectedly" in stack.log()


def test_nothing_is_lost_when_the_web_process_is_killed(tmp_path):
    """kill -9 of the web app right after a ticket confirmation, and in the middle of a
    questionnaire: after a restart the ticket is there and complete, and the open
    conversation goes on where it was."""

    stack = Stack(tmp_path / "restart").start()
    try:
        r = Resident(stack.url)
        r.say("/start_questionnaire")
        r.say("voor mezelf")
        r.say("ik red het niet meer met de rekeningen")
        assert r.asked == "urgent"
        done = Resident(stack.url)
        done.say("/start_questionnaire")
        done.answer(SELF)
        confirm = next(m for m in done.last if m["custom"].get("ticket_id"))
        kill_child(stack, "web")
    finally:
        stack.stop()

    again = Stack(tmp_path / "restart", ports=(stack.port, stack.rasa_port, stack.action_port))
    again.start()
    try:
        http = httpx.Client(base_url=again.url, timeout=60)
        t = http.get(f"/api/v1/tickets/{confirm['custom']['ticket_id']}",
                     headers=loket_headers(again, "els")).json()
        assert t["reference"] == confirm["custom"]["reference"]
        assert t["question"] == SELF["question"] and t["requester"]["phone"]
        assert t["suggested_route"]["route"] == "wmo_custom" and t["consent"]["text"]

        r.http = httpx.Client(base_url=again.url, timeout=60)
        r.say("ja")  # answers "urgent" of the conversation from before the crash
        assert r.asked == "urgent_reason"

        # A crashed child stops the whole command with a loud message and a failure code.
        kill_child(again, "actions")
    finally:
        again.stop()
