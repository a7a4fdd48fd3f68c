"""The custom actions with rasa_sdk's own Tracker and dispatcher."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.questionnaire import (
    ActionAskWantsContact,
    ActionCaptureSituation,
    ActionQuestionnaireDone,
    ActionStopQuestionnaire,
    ValidateQuestionnaireForm,
    just_spoke,
)
from actions.topics import ActionAnswerTopic
from bot.questionnaire import FORM_SLOTS

DOMAIN = {"forms": {"questionnaire_form": {"required_slots": list(FORM_SLOTS)}}, "slots": {}}


def tracker(text="", intent="inform", confidence=0.9, slots=None, events=None, ranking=None,
            active_loop="questionnaire_form"):
    slots = {s: None for s in FORM_SLOTS} | {"topics": None, "correcting": None} | (slots or {})
    message = {"text": text, "intent": {"name": intent, "confidence": confidence},
               "entities": [], "intent_ranking": ranking or [], "metadata": {"language": "nl"}}
    if events is None:
        events = [{"event": "action", "name": "action_listen"},
                  {"event": "user", "text": text, "parse_data": message},
                  {"event": "action", "name": "questionnaire_form"}]
    return Tracker("c1", slots, message, events, False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")


async def run(action, t):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, DOMAIN)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_free_text_answer_fills_related_slots_and_asks_next():
    t = tracker("voor mijn vader", slots={"requested_slot": "for_whom"})
    messages, slots = await run(ValidateQuestionnaireForm(), t)
    assert slots["for_whom"] == "family" and slots["relation"] == "father"
    assert slots["requested_slot"] == "subject_aware"
    assert messages == []


async def test_not_understood_asks_again_with_a_hint():
    t = tracker("banaan", intent="nlu_fallback", slots={"requested_slot": "urgent",
                                                          "for_whom": "self", "question": "x"})
    messages, slots = await run(ValidateQuestionnaireForm(), t)
    assert slots["urgent"] is None and slots["requested_slot"] == "urgent"
    assert messages[0]["response"] == "utter_not_understood_answer"


async def test_a_digression_is_not_taken_as_an_answer():
    t = tracker("wat is mantelzorg?", intent="info_informal_care",
                slots={"requested_slot": "urgent", "for_whom": "self", "question": "x"})
    messages, slots = await run(ValidateQuestionnaireForm(), t)
    assert "urgent" not in slots  # nothing extracted: the form rejects, a rule answers


async def test_resuming_after_a_digression_does_not_reread_the_message():
    events = [{"event": "user", "text": "wat is mantelzorg?"},
              {"event": "action", "name": "action_answer_topic"},
              {"event": "action", "name": "questionnaire_form"}]
    t = tracker("wat is mantelzorg?", intent="info_informal_care", events=events,
                slots={"requested_slot": "urgent"})
    assert not just_spoke(t)
    assert just_spoke(tracker("ja"))


async def test_question_records_topics_from_the_nlu_ranking():
    ranking = [{"name": "info_debt_help", "confidence": 0.7},
               {"name": "describe_situation", "confidence": 0.2},
               {"name": "info_special_assistance", "confidence": 0.05}]
    t = tracker("ik heb schulden en de huur is niet betaald", intent="info_debt_help",
                ranking=ranking, slots={"requested_slot": "question", "for_whom": "self"})
    _, slots = await run(ValidateQuestionnaireForm(), t)
    assert slots["question"].startswith("ik heb schulden") and slots["topics"] == ["debt_help"]


async def test_capture_situation_redacts_and_keeps_the_words():
    t = tracker("mijn bsn is 111222333 en ik red het niet", intent="describe_situation",
                active_loop=None)
    messages, slots = await run(ActionCaptureSituation(), t)
    assert "111222333" not in slots["question"] and "ik red het niet" in slots["question"]
    assert messages[0]["response"] == "utter_no_bsn_needed"


async def test_wants_contact_shows_fitting_information_first():
    t = tracker(slots={"topics": ["informal_care"], "life_domains": ["finances", "household"]})
    messages, _ = await run(ActionAskWantsContact(), t)
    responses = [m["response"] for m in messages]
    assert responses == ["utter_info_intro", "utter_topic_answer", "utter_topic_answer",
                         "utter_ask_wants_contact"]
    assert [m.get("topic") for m in messages[1:3]] == ["informal_care", "debt_help"]


@pytest.mark.parametrize("slots, ending", [
    ({"wants_contact": "no"}, "utter_done_enough"),
    ({"wants_contact": "yes", "consent_share": "no"}, "utter_no_consent"),
])
async def test_endings_are_honest_and_forget_the_answers(slots, ending):
    messages, reset = await run(ActionQuestionnaireDone(), tracker(slots=slots))
    assert [m["response"] for m in messages] == [ending, "utter_client_support"]
    assert set(FORM_SLOTS) <= set(reset) and all(v is None for v in reset.values())


async def test_consent_hands_the_answers_to_the_web_app_for_a_ticket():
    slots = {"wants_contact": "yes", "consent_share": "yes", "confirm_summary": "yes",
             "question": "ik heb huurachterstand", "contact_name": "Ans", "topics": ["debt_help"]}
    messages, reset = await run(ActionQuestionnaireDone(), tracker(slots=slots))
    request = messages[0]["custom"]
    assert request["kind"] == "ticket_request"
    assert request["answers"]["question"] == "ik heb huurachterstand"
    assert request["answers"]["topics"] == ["debt_help"]
    assert messages[1]["response"] == "utter_client_support"
    assert all(v is None for v in reset.values())


async def test_stop_forgets_the_answers():
    messages, reset = await run(ActionStopQuestionnaire(),
                                tracker(slots={"contact_name": "Ans"}))
    assert messages[0]["response"] == "utter_stopped" and reset["contact_name"] is None


async def test_topic_answer_and_offer_outside_the_form():
    messages, _ = await run(ActionAnswerTopic(),
                            tracker("schulden", intent="info_debt_help", active_loop=None))
    assert [(m["response"], m.get("topic")) for m in messages] == [
        ("utter_topic_answer", "debt_help"), ("utter_offer_questionnaire", None)]
    messages, _ = await run(ActionAnswerTopic(), tracker("schulden", intent="info_debt_help"))
    assert [m["response"] for m in messages] == ["utter_topic_answer"]
