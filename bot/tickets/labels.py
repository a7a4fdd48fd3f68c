"""Dutch labels for staff views of a ticket (staff work in Dutch; residents' own
words stay as written)."""

from bot.tickets.route import DOMAIN_NAMES

LANGUAGES = {"nl": "Nederlands", "en": "Engels", "ar": "Arabisch", "tr": "Turks",
             "pl": "Pools", "uk": "Oekraïens"}
ROLES = {"self": "voor zichzelf", "family": "familielid", "other": "iemand anders",
         "professional": "professional"}
ROUTES = {
    "information_advice": "Informatie en advies",
    "general_provision": "Verwijzing algemene voorziening",
    "wmo_custom": "Maatwerk Wmo",
    "youth_custom": "Maatwerk Jeugd",
    "social_team": "Sociaal team",
    "financial_desk": "Financieel loket",
}
CATEGORIES = {
    "suicide": "Suïcide", "acute_danger": "Acuut gevaar", "domestic_violence": "Huiselijk geweld",
    "child_safety": "Veiligheid kind", "urgent_financial": "Urgente geldzorgen",
    "no_shelter": "Geen slaapplek",
}
VALUES = {"yes": "ja", "no": "nee", "unsure": "weet niet", "unknown": "weet niet",
          "no_answer": "wil dit niet zeggen", None: "—", True: "ja", False: "nee",
          "phone": "telefoon", "email": "e-mail", "whatsapp": "WhatsApp"}
STATUSES = {"new": "nieuw", "in_progress": "in behandeling", "handled": "afgehandeld"}
SENDERS = {"resident": "Inwoner", "bot": "Chat", "staff": "Medewerker"}
CHAT_STATUSES = {"bot": "chat", "waiting": "wacht op medewerker", "staff": "medewerker in gesprek",
                 "closed": "gesloten"}


def for_console() -> dict[str, dict]:
    """The labels the console's script shows (it gets them as JSON from the page)."""
    return {"categories": CATEGORIES, "languages": LANGUAGES, "statuses": STATUSES,
            "routes": ROUTES, "roles": ROLES, "chat": CHAT_STATUSES, "domains": DOMAIN_NAMES,
            "values": {str(k).lower(): v for k, v in VALUES.items() if k is not None}}


def value(v) -> str:
    if isinstance(v, (bool, type(None))) or v in VALUES:
        return VALUES.get(v, str(v))
    return str(v)


def domains(keys) -> str:
    return ", ".join(DOMAIN_NAMES.get(k, k) for k in keys or []) or "—"
