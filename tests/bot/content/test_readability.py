from bot.content import readability


def test_plain_dutch_scores_well_and_hard_dutch_warns():
    easy = readability.report("Heeft u schulden? Wacht niet te lang. Wij helpen u gratis.", "nl")
    assert easy["score"] >= 60 and easy["level"] == "makkelijk" and easy["warnings"] == []
    hard = readability.report(
        "Teneinde een maatwerkvoorziening op grond van de Wet maatschappelijke ondersteuning "
        "te verkrijgen dient de aanvrager een melding te doen waarna de gemeente binnen de "
        "wettelijke termijn een zorgvuldig onderzoek verricht naar de noodzakelijke "
        "ondersteuningsbehoefte.", "nl")
    assert hard["score"] < easy["score"]
    assert any(w.startswith("Lange zin") for w in hard["warnings"])
    assert any("maatwerkvoorziening" in w for w in hard["warnings"])


def test_explained_jargon_does_not_warn():
    text = "Dit valt onder de Wmo. Dat is de wet voor hulp thuis."
    assert readability.warnings(text, "nl") == []
    assert readability.warnings("U krijgt een beschikking.", "nl")


def test_other_languages_get_sentence_checks_without_a_score():
    r = readability.report("This is short. " + "word " * 25 + ".", "en")
    assert r["score"] is None and any(w.startswith("Lange zin") for w in r["warnings"])
