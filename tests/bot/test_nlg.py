import pytest

from bot.nlg import render, summary
from bot.questionnaire import FORM_SLOTS
from bot.responses import RESPONSES
from bot.topics import TOPICS


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_response_renders_without_placeholders(name):
    msg = render(name, {}, "nl", {"topic": "debt_help"})
    assert msg["text"].strip()
    assert "{" not in msg["text"] and "}" not in msg["text"]
    assert msg["custom"]["kind"] in {"answer", "question", "safety", "handover", "staff", "info"}


@pytest.mark.parametrize("slot", FORM_SLOTS)
def test_every_question_carries_kind_and_slot(slot):
    msg = render(f"utter_ask_{slot}", {}, "nl")
    assert msg["custom"]["kind"] == "question"
    assert msg["custom"]["slot"] == slot


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_answers_carry_the_topic(topic):
    msg = render("utter_topic_answer", {}, "nl", {"topic": topic})
    assert msg["custom"] == {"kind": "answer", "topic": topic}
    assert len(msg["text"]) > 80


def test_out_of_scope_has_its_topic():
    assert render("utter_out_of_scope", {}, "nl")["custom"]["topic"] == "out_of_scope"


def test_profile_facts_fill_the_text():
    assert "Gemeente Voorbeeld" in render("utter_greet", {}, "nl")["text"]
    assert "14 0123" in render("utter_handoff", {}, "nl")["text"]
    assert "112" in render("utter_greet", {}, "nl")["text"]


def test_on_behalf_wording():
    assert render("utter_ask_safe_at_home", {"for_whom": "family"}, "nl")["text"] != \
        render("utter_ask_safe_at_home", {"for_whom": "self"}, "nl")["text"]


def test_summary_shows_answers_in_plain_words():
    text = summary({"for_whom": "family", "relation": "father", "question": "Hij valt vaak",
                    "urgent": "no", "life_domains": ["household", "mobility"],
                    "wants_contact": "yes", "consent_share": "yes", "contact_name": "Anna"}, "nl")
    assert "Vader" in text and "Hij valt vaak" in text and "Anna" in text
    assert "Hulp in en om het huis, Vervoer en op pad gaan" in text


def test_correction_buttons_list_only_answered_items():
    msg = render("utter_ask_correct_which",
                 {"for_whom": "self", "question": "x", "wants_contact": "yes",
                  "consent_share": "yes", "contact_name": "Anna"}, "nl")
    payloads = [b["payload"] for b in msg["buttons"]]
    assert any('"contact_name"' in p for p in payloads)
    assert not any('"contact_phone"' in p for p in payloads)


def test_whatsapp_and_phone_only_without_email():
    msg = render("utter_ask_preferred_channel", {"contact_email": "skipped"}, "nl")
    assert [b["title"] for b in msg["buttons"]] == ["Telefoon", "WhatsApp"]


def test_opening_hours_follow_the_language():
    from bot.nlg import profile_vars

    assert profile_vars("nl")["phone_hours"].startswith("maandag")
    assert profile_vars("en")["phone_hours"].startswith("Monday")
    assert profile_vars("xx")["phone_hours"].startswith("maandag")
