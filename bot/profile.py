"""The municipality profile (name, phone, hours, team names, waiting times).

Defaults come from the profile file (FRONTDOOR_MUNICIPALITY_PROFILE); what an admin
changes at /content/profile is stored in the store and wins. Every text that names
a municipality fact reads it from here at render time.
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache

import yaml

from bot.settings import get_settings
from bot.stores.base import Store

SETTING_KEY = "municipality_profile"
# Several web processes share one database: a change shows everywhere within this.
CACHE_SECONDS = 2.0
# What an admin may edit, with the label shown in the form. Numbers stay numbers.
EDITABLE = {
    "name": "Naam van de gemeente",
    "phone": "Telefoonnummer van het loket",
    "phone_hours": "Wanneer bereikbaar (Nederlands)",
    "phone_hours_en": "Wanneer bereikbaar (Engels)",
    "phone_hours_ar": "Wanneer bereikbaar (Arabisch)",
    "phone_hours_tr": "Wanneer bereikbaar (Turks)",
    "phone_hours_pl": "Wanneer bereikbaar (Pools)",
    "phone_hours_uk": "Wanneer bereikbaar (Oekraïens)",
    "email": "E-mailadres",
    "website": "Website (https://…)",
    "social_domain_page": "Pagina over zorg en ondersteuning (https://…)",
    "address": "Adres van het loket",
    "desk_name": "Naam van het loket",
    "team_name": "Naam van het buurtteam / wijkteam",
    "shelter_name": "Opvang: naam",
    "shelter_phone": "Opvang: telefoonnummer (dag en nacht)",
    "response_days": "Loket belt terug binnen … werkdagen",
    "response_days_p2": "Bij spoed (P2) terugbellen binnen … werkdagen",
    "crisis_days": "Geldzorgen met afsluiting of huisuitzetting: contact binnen … werkdagen",
    "wmo_report_weeks": "Wmo: gesprek binnen … weken na een melding",
    "wmo_decision_weeks": "Wmo: besluit binnen … weken na een aanvraag",
    "youth_decision_weeks": "Jeugdhulp: besluit binnen … weken",
    "debt_first_talk_weeks": "Schuldhulp: eerste gesprek binnen … weken",
    "income_decision_weeks": "Bijstand: besluit binnen … weken",
    "ticket_retention_months": "Doorgestuurde vragen bewaren (maanden)",
}
NUMBERS = frozenset({"response_days", "response_days_p2", "crisis_days", "wmo_report_weeks",
                     "wmo_decision_weeks", "youth_decision_weeks", "debt_first_talk_weeks",
                     "income_decision_weeks", "ticket_retention_months"})

_lock = threading.Lock()
_store: Store | None = None
_cached: tuple[float, dict] | None = None


@lru_cache(maxsize=1)
def defaults() -> dict:
    with open(get_settings().municipality_profile, encoding="utf-8") as fh:
        profile = yaml.safe_load(fh)
    # The file keeps translations together; the form has one field per language.
    for lang, text in (profile.pop("phone_hours_i18n", None) or {}).items():
        profile.setdefault(f"phone_hours_{lang}", text)
    return profile


def use_store(store: Store | None) -> None:
    """The web app's store holds the admin's changes."""
    global _store, _cached
    with _lock:
        _store, _cached = store, None


def municipality() -> dict:
    global _cached
    with _lock:
        store, cached = _store, _cached
    if store is None:
        return defaults()
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    merged = {**defaults(), **(store.get_setting(SETTING_KEY) or {})}
    with _lock:
        _cached = (time.monotonic(), merged)
    return merged


class ProfileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def save(store: Store, values: dict[str, str], author: str) -> dict:
    """Checks and stores the admin's changes; returns the whole profile."""
    from bot.content.markdown import safe_url

    problems, changes = [], {}
    for key, raw in values.items():
        if key not in EDITABLE:
            continue
        value = " ".join(str(raw).split())
        if not value:
            problems.append(f"'{EDITABLE[key]}' is leeg.")
        elif key in NUMBERS:
            if not value.isdigit() or not 0 < int(value) <= 120:
                problems.append(f"'{EDITABLE[key]}' moet een getal van 1 tot 120 zijn.")
            else:
                changes[key] = int(value)
        elif key in ("website", "social_domain_page") and not safe_url(value):
            problems.append(f"'{EDITABLE[key]}' moet beginnen met https://.")
        elif len(value) > 200:
            problems.append(f"'{EDITABLE[key]}' is te lang (maximaal 200 tekens).")
        else:
            changes[key] = value
    if problems:
        raise ProfileError(problems)
    current = store.get_setting(SETTING_KEY) or {}
    store.put_setting(SETTING_KEY, {**current, **changes, "_changed_by": author})
    global _cached
    with _lock:
        _cached = None
    return municipality()
