"""Every path of the questionnaire's logic: which questions apply and how answers land."""

import pytest

from bot import questionnaire as q


def walk(answers: dict[str, str], lang: str = "nl") -> tuple[dict, list[str], list[str]]:
    """Answers each next question from `answers` (by slot) until complete."""
    slots: dict = {}
    asked: list[str] = []
    said: list[str] = []
    for _ in range(60):
        missing = [s for s in q.required_slots(slots) if slots.get(s) is None]
        if not missing:
            return slots, asked, said
        slot = missing[0]
        asked.append(slot)
        outcome = q.interpret(slot, answers[slot], slots, lang)
        said += [m for m, _ in outcome.messages]
        slots.update(outcome.updates)
    raise AssertionError(f"questionnaire did not end; asked {asked}")


SELF = {
    "for_whom": "voor mezelf", "question": "Ik kan mijn huis niet meer schoonhouden",
    "urgent": "nee", "safe_at_home": "ja", "life_domains": "het huishouden",
    "multiple_questions": "nee", "already_tried": "mijn buurvrouw helpt soms",
    "known_to_municipality": "nee", "wants_contact": "ja", "contact_name": "Ans",
    "contact_phone": "06 12345678", "contact_email": "sla over",
    "preferred_channel": "bellen", "reachable": "'s ochtends", "consent_share": "ja",
    "consent_transcript": "nee", "confirm_summary": "ja, klopt",
}


def test_self_path_asks_no_on_behalf_questions():
    slots, asked, _ = walk(SELF)
    assert "relation" not in asked and "subject_aware" not in asked
    assert asked[:2] == ["for_whom", "question"]
    assert slots["for_whom"] == "self"
    assert slots["contact_phone"] == "06 12345678"
    assert slots["contact_email"] == q.SKIPPED
    assert slots["preferred_channel"] == "phone"
    assert slots["confirm_summary"] == "yes"


def test_family_path_fills_relation_from_the_first_answer():
    answers = {**SELF, "for_whom": "voor mijn vader", "subject_aware": "ja"}
    slots, asked, _ = walk(answers)
    assert slots["for_whom"] == "family" and slots["relation"] == "father"
    assert "relation" not in asked  # "voor mijn vader" already said it
    assert "subject_aware" in asked


def test_child_asks_custody():
    answers = {**SELF, "for_whom": "iemand uit mijn familie", "relation": "mijn zoon",
               "custody": "ja", "subject_aware": "weet ik niet",
               "subject_reason": "hij is 15 en we praten er nog over"}
    slots, asked, _ = walk(answers)
    assert asked.index("relation") < asked.index("custody") < asked.index("subject_aware")
    assert slots["custody"] == "yes" and slots["subject_aware"] == "unsure"
    assert slots["subject_reason"] == "hij is 15 en we praten er nog over"


def test_subject_not_aware_explains():
    answers = {**SELF, "for_whom": "mijn buurman", "subject_aware": "nee",
               "subject_reason": "sla over"}
    slots, asked, said = walk(answers)
    assert slots["for_whom"] == "other" and slots["relation"] == "neighbour"
    assert "utter_subject_not_aware" in said
    assert asked.index("subject_aware") + 1 == asked.index("subject_reason")
    assert slots["subject_reason"] == "skipped"


def test_the_reason_is_asked_only_when_the_person_does_not_agree():
    _, asked, _ = walk({**SELF, "for_whom": "mijn buurman", "subject_aware": "ja"})
    assert "subject_reason" not in asked


def test_professional_path_asks_consent_of_the_person_not_the_relation():
    answers = {**SELF, "for_whom": "ik ben huisarts", "subject_aware": "ja"}
    slots, asked, _ = walk(answers)
    assert slots["for_whom"] == "professional"
    assert "relation" not in asked and "subject_aware" in asked


def test_skip_where_allowed_and_question_is_required():
    answers = {**SELF, "urgent": "sla over", "safe_at_home": "overslaan",
               "life_domains": "sla over", "multiple_questions": "sla over",
               "already_tried": "sla over", "reachable": "sla over"}
    slots, _, _ = walk(answers)
    for slot in ("urgent", "safe_at_home", "life_domains", "already_tried", "reachable"):
        assert slots[slot] == q.SKIPPED
    out = q.interpret("question", "sla over", {}, "nl")
    assert out.updates == {"question": None}
    assert out.messages == [("utter_question_required", {})]


def test_enough_information_ends_without_contact_data():
    slots, asked, _ = walk({**SELF, "wants_contact": "dit is genoeg"})
    assert slots["wants_contact"] == "no"
    slots, asked, _ = walk({**SELF, "wants_contact": '/inform{"choice":"no"}'})
    assert slots["wants_contact"] == "no"
    assert not {"contact_name", "contact_phone", "consent_share"} & set(asked)


def test_no_consent_ends_before_summary():
    slots, asked, _ = walk({**SELF, "consent_share": "nee"})
    assert slots["consent_share"] == "no"
    assert "consent_transcript" not in asked and "confirm_summary" not in asked


def test_urgent_yes_asks_why():
    slots, asked, _ = walk({**SELF, "urgent": "ja", "urgent_reason": "de huur is niet betaald"})
    assert asked.index("urgent_reason") == asked.index("urgent") + 1


def test_unsafe_at_home_is_answered_with_help_numbers():
    out = q.interpret("safe_at_home", "nee", {}, "nl")
    assert out.updates["safe_at_home"] == "no"
    assert ("utter_unsafe_at_home", {}) in out.messages


def test_email_required_when_phone_skipped():
    slots = {"wants_contact": "yes", "contact_phone": q.SKIPPED}
    out = q.interpret("contact_email", "sla over", slots, "nl")
    assert out.updates == {"contact_email": None}
    assert out.messages == [("utter_need_phone_or_email", {})]
    out = q.interpret("contact_email", "a@b.nl", slots, "nl")
    assert out.updates == {"contact_email": "a@b.nl", "preferred_channel": "email"}


def test_invalid_phone_is_asked_again_kindly():
    out = q.interpret("contact_phone", "weet ik veel", {}, "nl")
    assert out.updates == {"contact_phone": None}
    assert out.messages == [("utter_invalid_phone", {})]


def test_correction_at_the_summary_reasks_only_that_answer():
    slots, _, _ = walk(SELF)
    out = q.interpret("confirm_summary", "iets aanpassen", slots, "nl")
    slots.update(out.updates)
    assert q.required_slots(slots)[-2:] == ["correct_which", "confirm_summary"]
    out = q.interpret("correct_which", "mijn telefoonnummer", slots, "nl")
    slots.update(out.updates)
    missing = [s for s in q.required_slots(slots) if slots.get(s) is None]
    # The channel is asked again once there is a phone number to choose.
    assert missing == ["contact_phone", "confirm_summary"]
    slots.update(q.interpret("contact_phone", "020 1234567", slots, "nl").updates)
    slots.update(q.interpret("preferred_channel", "telefoon", slots, "nl").updates)
    slots.update(q.interpret("confirm_summary", "ja", slots, "nl").updates)
    assert q.is_complete(slots) and slots["contact_phone"] == "020 1234567"


def test_button_payloads_win_over_words():
    out = q.interpret("for_whom", '/inform{"choice":"professional"}', {}, "nl")
    assert out.updates["for_whom"] == "professional"
    out = q.interpret("life_domains", '/inform{"choice":["finances","housing"]}', {}, "nl")
    assert out.updates == {"life_domains": ["finances", "housing"], "multiple_questions": "yes"}


def test_bsn_in_free_text_is_removed_and_explained():
    out = q.interpret("already_tried", "mijn bsn is 111222333", {}, "nl")
    assert "111222333" not in out.updates["already_tried"]
    assert ("utter_no_bsn_needed", {}) in out.messages


@pytest.mark.parametrize("slot, text, intent, expected", [
    ("life_domains", "huishouden en hoe hij zich voelt", "info_loneliness", True),
    ("preferred_channel", "telefoon", "info_contact", True),
    ("confirm_summary", "iets aanpassen", "info_home_adaptation", True),
    ("urgent", "hoe zit het met mantelzorg?", "info_informal_care", False),
    ("already_tried", "wat is mantelzorg?", "info_informal_care", False),
    ("already_tried", "mijn dochter doet de boodschappen", "info_household_help", True),
    ("urgent", "hallo", "greet", False),
    ("urgent", "stop", "stop", False),
    ("urgent", "/human_handoff", "human_handoff", False),
    ("urgent", '/inform{"choice":"yes"}', "inform", True),
    ("urgent", "banaan", "nlu_fallback", True),
    ("question", "hoe vraag ik huishoudelijke hulp aan?", "info_household_help", True),
    ("urgent", "overslaan", "stop", True),
    ("preferred_channel", "bel me maar", "human_handoff", True),
    ("urgent", "ik wil een medewerker spreken", "human_handoff", False),
    ("already_tried", "ik wil stoppen", "stop", False),
    ("contact_name", "doei", "goodbye", False),
    ("urgent", "ik snap het niet", "dont_know", True),
])
def test_answer_first_then_digression(slot, text, intent, expected):
    assert q.takes_as_answer(slot, text, {}, "nl", intent, 0.95) is expected
