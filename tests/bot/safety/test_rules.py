"""The rule engine itself, on a small rule set written here."""

import pytest

from bot.safety.rules import PatternError, RuleSet

RULES = RuleSet({
    "nl": {
        "negations": ["niet", "geen"],
        "signals": {
            "suicide": ["wil niet meer leven", "zelfmoord*", "suicid*", "wil ... dood"],
            "domestic_violence": ["man|partner sla* me|mij"],
            "no_shelter": ["geen slaapplek"],
        },
        "idioms": ["schaam me dood", "telefoon is dood"],
    },
    "tr": {"signals": {"suicide": ["olmek istiyorum"]}, "idioms": ["meraktan olu*"]},
})


def cats(text):
    return sorted({m.category for m in RULES.find(text)})


@pytest.mark.parametrize("text, expected", [
    ("Ik wil niet meer leven", ["suicide"]),
    ("ik wil niet meer levn", ["suicide"]),             # typo in a 5-letter word
    ("zelfmord", ["suicide"]),                          # typo inside a stem
    ("ik heb zelfmoordgedachten", ["suicide"]),         # stem
    ("ik wil echt gewoon dood", ["suicide"]),           # gap of up to three words
    ("mijn man slaad me", ["domestic_violence"]),       # stem + typo
    ("ik heb geen slaapplek", ["no_shelter"]),          # negation cue inside the phrase
    ("Ölmek istiyorum", ["suicide"]),                   # folding: ö → o
])
def test_signals(text, expected):
    assert cats(text) == expected


@pytest.mark.parametrize("text", [
    "ik schaam me dood",
    "Mijn telefoon is dood, kunt u mailen?",
    "Ik ben niet suïcidaal, ik wil alleen hulp",       # negation before the match
    "meraktan ölüyorum",
    "ik wil dat formulier",
])
def test_not_signals(text):
    assert cats(text) == []


def test_negation_stops_at_punctuation():
    assert cats("Nee, niet echt. Ik wil dood") == ["suicide"]


def test_excerpt_offsets_point_into_the_original_text():
    text = "Hallo. Ik ben NIET blij: ik wíl dood, echt."
    [m] = RULES.find(text)
    assert text[m.start:m.end] == "wíl dood"


def test_a_pattern_word_must_be_one_token():
    with pytest.raises(PatternError):
        RuleSet({"nl": {"signals": {"suicide": ["wil,niet"]}}})
    with pytest.raises(PatternError):
        RuleSet({"nl": {"signals": {"bogus": ["x"]}}})


def test_exact_stems_and_glued_sentences():
    rules = RuleSet({"en": {"signals": {"domestic_violence": ["=hit* me"]}}})
    assert [m.category for m in rules.find("he hits me")] == ["domestic_violence"]
    assert [m.category for m in rules.find("he hit me.he is drunk")] == ["domestic_violence"]
    text = "zo.ik wil dood"
    [m] = RULES.find(text)
    assert text[m.start:m.end] == "wil dood"
