"""Every text the chat widget itself shows (buttons, labels, notices), as Dutch msgids.

The bot's own sentences come with its messages; these are the widget's frame around
them. `GET /api/v1/widget/strings?language=xx` serves them translated, with the
municipality profile filled in ({phone}, {municipality}).
"""

from __future__ import annotations

from bot.i18n import N_

WIDGET_STRINGS: dict[str, str] = {
    "launcher": N_("Chat met de digitale assistent"),
    "title": N_("Digitale assistent"),
    "region": N_("Chat met de digitale assistent van {municipality}"),
    "intro": N_("Dit is een computer, geen mens."),
    "close": N_("Chat sluiten"),
    "language": N_("Taal"),
    "clear": N_("Gesprek wissen"),
    "clear_confirm": N_("Wilt u het hele gesprek wissen?"),
    "cleared": N_("Het gesprek is gewist."),
    "human": N_("Praat met een medewerker"),
    "emergency": N_("Direct hulp nodig? Bel 112"),
    "log": N_("Gesprek"),
    "input": N_("Uw bericht"),
    "send": N_("Verstuur"),
    "typing": N_("De assistent schrijft een antwoord."),
    "you": N_("U"),
    "bot": N_("Assistent"),
    "staff": N_("{name}, medewerker van de gemeente"),
    "staff_unknown": N_("Medewerker van de gemeente"),
    "important": N_("Belangrijk"),
    "choose_send": N_("Verstuur mijn keuze"),
    "choose_none": N_("Kies eerst een onderwerp."),
    "not_sent": N_("Niet verstuurd."),
    "retry": N_("Opnieuw proberen"),
    "offline": N_("Er is geen internet. Uw bericht is nog niet verstuurd."),
    "online": N_("Er is weer internet."),
    "helpful": N_("Heeft dit antwoord u geholpen?"),
    "helpful_yes": N_("Ja, dit helpt"),
    "helpful_no": N_("Nee, dit helpt niet"),
    "feedback_thanks": N_("Dank u wel. Zo maken we de antwoorden beter."),
    "links": N_("Meer informatie"),
    "new_window": N_("(opent in een nieuw venster)"),
    "unavailable": N_("De chat werkt nu even niet. Bel ons op {phone}. Bent u in gevaar? Bel 112."),
}
