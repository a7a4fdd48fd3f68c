"""The Rasa domain, the rules and the Python side stay in step."""

import yaml

from bot import BOT_DIR
from bot.questionnaire import FORM_SLOTS, INTERNAL_SLOTS
from bot.responses import RESPONSES
from bot.topics import TOPICS

DOMAIN = yaml.safe_load((BOT_DIR / "domain.yml").read_text())


def test_form_asks_exactly_the_questionnaire_slots():
    assert DOMAIN["forms"]["questionnaire_form"]["required_slots"] == list(FORM_SLOTS)
    assert set(DOMAIN["slots"]) == set(FORM_SLOTS) | set(INTERNAL_SLOTS)


def test_every_response_is_an_action_and_has_a_stub():
    utters = {a for a in DOMAIN["actions"] if a.startswith("utter_")}
    assert utters == set(RESPONSES)
    assert set(DOMAIN["responses"]) == set(RESPONSES)


def test_every_topic_has_an_intent():
    intents = {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]}
    assert {f"info_{t}" for t in TOPICS} <= intents


def test_rules_only_use_known_actions():
    rules = yaml.safe_load((BOT_DIR / "data" / "rules.yml").read_text())["rules"]
    known = set(DOMAIN["actions"]) | {"questionnaire_form", "action_deactivate_loop"}
    for rule in rules:
        for step in rule["steps"]:
            if "action" in step:
                assert step["action"] in known, (rule["rule"], step["action"])
