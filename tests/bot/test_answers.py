import pytest

from bot import answers


@pytest.mark.parametrize("text, who, relation", [
    ("voor mijn vader", "family", "father"),
    ("Voor mezelf", "self", None),
    ("mijn buurvrouw", "other", "neighbour"),
    ("ik ben wijkverpleegkundige", "professional", None),
    ("het gaat om mijn dochter van 15", "family", "daughter"),
    ("voor mijn moedr", "family", "mother"),  # typo
    ("mn oma", "family", "grandparent"),
])
def test_for_whom_from_free_text(text, who, relation):
    assert answers.for_whom(text, "nl") == (who, relation)


@pytest.mark.parametrize("text, expected", [
    ("ja", "yes"), ("Ja hoor", "yes"), ("klopt", "yes"), ("nee", "no"),
    ("liever niet", "no"), ("weet ik niet", "unsure"), ("geen idee", "unsure"),
    ("banaan", None),
])
def test_yes_no(text, expected):
    assert answers.yes_no(text, "nl", unsure=True) == expected


def test_life_domains_finds_several_in_plain_words():
    assert answers.life_domains("geld en wonen, en ik voel me somber", "nl") == [
        "finances", "housing", "personal_wellbeing"]
    assert answers.life_domains("schulden", "nl") == ["finances"]
    assert answers.life_domains("banaan", "nl") == []


@pytest.mark.parametrize("text, expected", [
    ("0612345678", "06 12345678"), ("06-12345678", "06 12345678"),
    ("+31 6 12345678", "06 12345678"), ("0031201234567", "020 1234567"),
    ("020 123 45 67", "020 1234567"), ("+44 7911 123456", "+447911123456"),
    ("12345", None), ("bel me maar", None), ("0012", None),
])
def test_phone(text, expected):
    assert answers.phone(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("piet@voorbeeld.nl", "piet@voorbeeld.nl"), ("Mail: Piet@Voorbeeld.NL", "piet@voorbeeld.nl"),
    ("piet at voorbeeld", None), ("@voorbeeld.nl", None),
])
def test_email(text, expected):
    assert answers.email(text) == expected


def test_name_strips_lead_in_and_rejects_numbers():
    assert answers.name("Mijn naam is Fatima", "nl") == "Fatima"
    assert answers.name("ik heet Jan de Vries.", "nl") == "Jan de Vries"
    assert answers.name("12345", "nl") is None


def test_the_words_win_over_the_intent_guess():
    from bot.answers import yes_no

    assert yes_no("ja, hij weet het en vindt het goed", "nl", "dont_know", unsure=True) == "yes"
    assert yes_no("hmm", "nl", "dont_know", unsure=True) == "unsure"
    assert yes_no("hmm", "nl", "affirm") == "yes"
