"""The suggested route (conversation.md), as plain rules from seed 003's
*Indicatoren voor de route*. The bot suggests; staff decide.

Each rule reads the answers, the information topics and the safety signals and
gives its reasons in the words of the indicator table, in Dutch (staff read them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROUTES = ("information_advice", "general_provision", "wmo_custom", "youth_custom",
          "social_team", "financial_desk")

# Life domains a Wmo custom provision answers (household help, aids, home adaptation,
# transport, support to live on one's own).
WMO_DOMAINS = {"household", "mobility", "health_selfcare", "housing"}
WMO_TOPICS = {"household_help", "mobility_aids", "home_adaptation", "disabled_parking"}
YOUTH_DOMAINS = {"parenting_children"}
YOUTH_TOPICS = {"youth_care", "parenting_support"}
# Free local services: welfare, caregiver support, social work, meeting places.
GENERAL_DOMAINS = {"social_contact", "free_time", "work_daytime", "personal_wellbeing"}
GENERAL_TOPICS = {"loneliness", "informal_care", "day_activities", "neighbourhood_team"}
MONEY_TOPICS = {"debt_help", "special_assistance", "income_support"}
# Money problems that come with housing (rent arrears) are still money problems.
MONEY_COMPANIONS = {"finances", "housing"}
COMPLEX_DOMAINS = 3

DOMAIN_NAMES = {
    "finances": "geld en schulden", "housing": "wonen", "health_selfcare": "gezondheid",
    "household": "huishouden", "mobility": "vervoer", "work_daytime": "werk en dagbesteding",
    "free_time": "vrije tijd", "social_contact": "contact met anderen",
    "personal_wellbeing": "hoe iemand zich voelt", "parenting_children": "opvoeden en kinderen",
    "addiction": "verslaving", "justice": "politie en justitie",
}


@dataclass
class Route:
    route: str
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"route": self.route, "reasons": self.reasons}


def _names(domains) -> str:
    return ", ".join(DOMAIN_NAMES.get(d, d) for d in sorted(domains))


def _answered(value: Any) -> bool:
    return value not in (None, "", "skipped", "nothing")


def suggest(answers: dict[str, Any], topics: list[str] | None = None,
            signals: list[dict] | None = None) -> Route:
    """The route with the indicators that led to it."""
    domains = set(answers.get("life_domains") or [])
    topics = set(topics or [])
    categories = {s.get("category") for s in signals or [] if not s.get("false_alarm")}
    route = _route(answers, domains, topics, categories)
    if categories & {"suicide", "acute_danger", "domestic_violence", "child_safety"} \
            or answers.get("safe_at_home") == "no":
        route.reasons.append("Veiligheid: direct persoonlijke opvolging, welke route ook")
    return route


def _route(answers: dict[str, Any], domains: set[str], topics: set[str],
           categories: set[str]) -> Route:
    money = "finances" in domains or bool(topics & MONEY_TOPICS) or \
        "urgent_financial" in categories
    others = domains - MONEY_COMPANIONS
    tried = _answered(answers.get("already_tried"))
    known = answers.get("known_to_municipality") == "yes"
    on_behalf = answers.get("for_whom") in ("family", "other", "professional")

    # Financieel loket 2: urgent money problems take the crisis route first.
    if "urgent_financial" in categories or (money and answers.get("urgent") == "yes"
                                            and not others):
        reasons = ["Urgente financiële problemen (huisuitzetting, afsluiting gas, water of "
                   "licht, zorgverzekering): crisisroute, gesprek binnen 3 werkdagen"]
        if others:
            reasons.append(f"Ook andere leefgebieden ({_names(others)}): sociaal team erbij "
                           "betrekken")
        return Route("financial_desk", reasons)

    # Sociaal team: the indicators of complexity.
    team = []
    if len(domains) >= COMPLEX_DOMAINS:
        team.append(f"De vraag speelt op meerdere leefgebieden ({_names(domains)})")
    if money and others:
        team.append("Financiële problemen als onderdeel van grotere problematiek")
    if known and tried and len(domains) >= 2:
        team.append("Er is al hulp of contact en er speelt meer: situatie is niet stabiel")
    if on_behalf and len(domains) >= 2:
        team.append("De omgeving maakt zich zorgen")
    if "personal_wellbeing" in domains and len(domains) >= 2:
        team.append("Inwoner is van slag of kan het niet goed alleen")
    if domains & {"addiction", "justice"}:
        team.append(f"Leefgebied {_names(domains & {'addiction', 'justice'})}")
    if team:
        return Route("social_team", team)

    # Financieel loket 1: money problems (with housing at most).
    if money:
        return Route("financial_desk", ["Financiële problemen"])

    if domains and domains <= YOUTH_DOMAINS or not domains and topics and topics <= YOUTH_TOPICS:
        return Route("youth_custom", ["Alleen een vraag over jeugd en opvoeden, geen problemen "
                                      "op andere leefgebieden"])

    if domains and domains <= WMO_DOMAINS or not domains and topics and topics <= WMO_TOPICS:
        reasons = ["De ondersteuningsvraag is helder en gericht op de Wmo "
                   f"({_names(domains) or ', '.join(sorted(topics))})",
                   "Het is alleen een Wmo-gerelateerde vraag"]
        if answers.get("urgent") != "yes":
            reasons.append("De situatie is stabiel (niet dringend)")
        return Route("wmo_custom", reasons)

    if domains and domains <= GENERAL_DOMAINS or not domains and topics and \
            topics <= GENERAL_TOPICS:
        return Route("general_provision", [
            f"Een algemene voorziening past bij de vraag ({_names(domains) or ', '.join(topics)})",
            "Inwoner kan zelf regie voeren"])

    if len(domains) >= 2:
        return Route("social_team", [f"De vraag speelt op meerdere leefgebieden "
                                     f"({_names(domains)})"])
    reasons = ["Een concrete vraag waar een antwoord of advies bij past"]
    if tried:
        reasons.append("Inwoner heeft zelf al iets geprobeerd of heeft een netwerk")
    return Route("information_advice", reasons)
