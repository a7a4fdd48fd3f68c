"""Every route of seed 003's *Indicatoren voor de route*, with its indicators."""

import pytest

from bot.tickets.route import ROUTES, suggest


def answers(domains, **more):
    return {"for_whom": "self", "life_domains": domains, "urgent": "no",
            "already_tried": "nothing", "known_to_municipality": "no", **more}


@pytest.mark.parametrize("case, expect", [
    # Informatie en advies: a concrete, direct question; the resident manages.
    (answers(["justice"], for_whom="self", urgent="no"), "social_team"),
    (answers([]), "information_advice"),
    (answers(["health_selfcare", "free_time"]), "social_team"),
    # Verwijzing algemene voorziening: loneliness, free time, day activities.
    (answers(["social_contact"]), "general_provision"),
    (answers(["free_time", "social_contact"]), "general_provision"),
    (answers(["personal_wellbeing"]), "general_provision"),
    # Maatwerk Wmo: clear Wmo question, only Wmo, stable.
    (answers(["household"]), "wmo_custom"),
    (answers(["mobility"]), "wmo_custom"),
    (answers(["household", "mobility"]), "wmo_custom"),
    (answers(["housing"]), "wmo_custom"),
    # Maatwerk Jeugd: only about a child, no problems elsewhere.
    (answers(["parenting_children"]), "youth_custom"),
    # STNOP / sociaal team: several domains, complex, money as part of more.
    (answers(["finances", "parenting_children"]), "social_team"),
    (answers(["household", "health_selfcare", "personal_wellbeing"]), "social_team"),
    (answers(["household", "personal_wellbeing"], for_whom="family"), "social_team"),
    (answers(["mobility", "health_selfcare"], known_to_municipality="yes",
             already_tried="de thuiszorg komt al, maar het gaat niet"), "social_team"),
    (answers(["addiction"]), "social_team"),
    # Financieel loket: money problems, with housing at most.
    (answers(["finances"]), "financial_desk"),
    (answers(["finances", "housing"]), "financial_desk"),
    (answers(["finances", "housing"], urgent="yes"), "financial_desk"),
])
def test_route_from_the_indicators(case, expect):
    route = suggest(case)
    assert route.route == expect and route.route in ROUTES
    assert route.reasons and all(isinstance(r, str) and r for r in route.reasons)


def test_topics_decide_when_no_domain_was_chosen():
    assert suggest(answers([]), ["household_help"]).route == "wmo_custom"
    assert suggest(answers([]), ["parenting_support"]).route == "youth_custom"
    assert suggest(answers([]), ["loneliness"]).route == "general_provision"
    assert suggest(answers([]), ["debt_help"]).route == "financial_desk"


def test_urgent_money_takes_the_crisis_route_even_when_more_is_going_on():
    signals = [{"category": "urgent_financial", "priority": "P2"}]
    route = suggest(answers(["finances", "personal_wellbeing", "parenting_children"]), [],
                    signals)
    assert route.route == "financial_desk"
    assert "crisisroute" in route.reasons[0] and any("sociaal team" in r for r in route.reasons)


def test_safety_adds_immediate_follow_up_whatever_the_route():
    route = suggest(answers(["household"]), [], [{"category": "domestic_violence"}])
    assert route.route == "wmo_custom" and route.reasons[-1].startswith("Veiligheid")
    assert suggest(answers(["household"], safe_at_home="no")).reasons[-1].startswith("Veiligheid")
    false_alarm = [{"category": "suicide", "false_alarm": True}]
    assert not suggest(answers(["household"]), [], false_alarm).reasons[-1].startswith("Veilig")


def test_money_reasons_name_the_indicator():
    assert suggest(answers(["finances", "parenting_children"])).reasons[0] == \
        "Financiële problemen als onderdeel van grotere problematiek"
    assert suggest(answers(["finances"])).reasons == ["Financiële problemen"]
