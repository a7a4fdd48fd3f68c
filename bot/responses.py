"""Every bot sentence, by Rasa response name. Dutch source strings (B1), translated
through the catalogs in locales/. Rasa asks for them through the NLG endpoint."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.i18n import N_


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Response:
    text: str
    buttons: tuple[Button, ...] = ()
    kind: str = "info"
    slot: str | None = None
    # Alternative wording picked by bot.nlg (e.g. when asking on behalf of someone).
    variants: dict[str, str] = field(default_factory=dict)


def choice(title: str, value: str) -> Button:
    """A button that answers the current question with a stable value."""
    return Button(title, '/inform{"choice":"' + value + '"}')


SKIP = choice(N_("Overslaan"), "skip")
YES_NO = (choice(N_("Ja"), "yes"), choice(N_("Nee"), "no"))
YES_NO_UNSURE = YES_NO + (choice(N_("Weet ik niet"), "unsure"),)
MENU_BUTTONS = (
    Button(N_("Ik heb een vraag over hulp of ondersteuning"), "/start_questionnaire"),
    Button(N_("Ik zoek informatie"), "/ask_info_menu"),
    Button(N_("Ik wil met iemand praten"), "/human_handoff"),
)

# Stable keys of contract.md, in the order residents see them in the widget.
LIFE_DOMAINS = {
    "finances": N_("Geld en schulden"),
    "housing": N_("Wonen"),
    "health_selfcare": N_("Gezondheid en voor uzelf zorgen"),
    "household": N_("Hulp in en om het huis"),
    "mobility": N_("Vervoer en op pad gaan"),
    "work_daytime": N_("Werk of iets te doen overdag"),
    "free_time": N_("Vrije tijd"),
    "social_contact": N_("Contact met anderen"),
    "personal_wellbeing": N_("Hoe u zich voelt"),
    "parenting_children": N_("Opvoeden en kinderen"),
    "addiction": N_("Verslaving"),
    "justice": N_("Politie en justitie"),
}

RELATIONS = {
    "partner": N_("Partner"),
    "father": N_("Vader"),
    "mother": N_("Moeder"),
    "parent": N_("Vader of moeder"),
    "son": N_("Zoon"),
    "daughter": N_("Dochter"),
    "child": N_("Kind"),
    "grandparent": N_("Opa of oma"),
    "sibling": N_("Broer of zus"),
    "other_family": N_("Ander familielid"),
    "neighbour": N_("Buurman of buurvrouw"),
    "friend": N_("Vriend of vriendin"),
    "other": N_("Iemand anders"),
}

# Labels for the summary and for "what do you want to change?".
SLOT_LABELS = {
    "for_whom": N_("Voor wie"),
    "relation": N_("Wie de persoon is"),
    "custody": N_("Gezag over het kind"),
    "subject_aware": N_("Weet de persoon ervan"),
    "subject_reason": N_("Waarom niet"),
    "question": N_("Uw vraag"),
    "urgent": N_("Snel nodig"),
    "urgent_reason": N_("Waarom snel"),
    "safe_at_home": N_("Veilig thuis"),
    "life_domains": N_("Onderwerpen"),
    "multiple_questions": N_("Meer vragen"),
    "already_tried": N_("Al geprobeerd of hulp"),
    "known_to_municipality": N_("Al contact met de gemeente"),
    "existing_contact": N_("Contact met"),
    "contact_name": N_("Naam"),
    "contact_phone": N_("Telefoon"),
    "contact_email": N_("E-mail"),
    "preferred_channel": N_("Contact via"),
    "reachable": N_("Bereikbaar"),
    "consent_transcript": N_("Gesprek meesturen"),
}

VALUE_LABELS = {
    "yes": N_("ja"),
    "no": N_("nee"),
    "unsure": N_("weet ik niet"),
    "unknown": N_("weet ik niet"),
    "no_answer": N_("zeg ik liever niet"),
    "skipped": N_("overgeslagen"),
    "nothing": N_("nog niets"),
    "self": N_("voor uzelf"),
    "family": N_("voor een familielid"),
    "other": N_("voor iemand anders"),
    "professional": N_("als professional"),
    "phone": N_("telefoon"),
    "email": N_("e-mail"),
    "whatsapp": N_("WhatsApp"),
}

CORRECTABLE = (
    "for_whom", "relation", "custody", "subject_aware", "subject_reason", "question", "urgent",
    "urgent_reason", "safe_at_home", "life_domains", "already_tried", "known_to_municipality",
    "existing_contact", "contact_name", "contact_phone", "contact_email", "preferred_channel",
    "reachable", "consent_transcript",
)


def _q(slot: str, text: str, *buttons: Button, **variants: str) -> Response:
    return Response(text, tuple(buttons), kind="question", slot=slot, variants=variants)


RESPONSES: dict[str, Response] = {
    # Opening and small talk
    "utter_greet": Response(
        N_(
            "Hallo! Ik ben de digitale assistent van {municipality}. Ik ben een computer, "
            "geen mens.\nIk help u met vragen over hulp en ondersteuning. Bijvoorbeeld over "
            "hulp in huis, geld, opvoeden of eenzaamheid.\nBent u in gevaar? Bel dan direct 112."
        ),
        MENU_BUTTONS,
    ),
    "utter_greet_in_form": Response(N_("Hallo! We waren bezig met een paar vragen.")),
    "utter_thanks": Response(N_("Graag gedaan!")),
    "utter_anything_else": Response(
        N_("Goed. Kan ik u ergens anders mee helpen?"), MENU_BUTTONS
    ),
    "utter_goodbye": Response(N_("Tot ziens! U kunt mij altijd weer iets vragen.")),
    "utter_bot_challenge": Response(
        N_(
            "Ik ben een computer, geen mens. Wilt u met een mens praten? Bel dan {phone}. "
            "Dat kan {phone_hours}."
        )
    ),
    "utter_default": Response(
        N_("Sorry, dat begrijp ik niet goed. Kunt u het anders zeggen? Of kies hieronder."),
        MENU_BUTTONS,
    ),
    "utter_out_of_scope": Response(
        N_(
            "Daar kan ik u helaas niet mee helpen. Ik weet alleen iets over hulp en "
            "ondersteuning. Voor andere vragen kijkt u op {website}. Of bel {phone}."
        ),
        kind="answer",
    ),
    "utter_handoff": Response(
        N_(
            "Wilt u met een medewerker praten? Bel dan het {desk}: {phone}. Dat kan "
            "{phone_hours}.\nBent u in gevaar? Bel dan 112."
        ),
        kind="handover",
    ),
    "utter_info_menu": Response(
        N_("Waar wilt u meer over weten? Kies een onderwerp, of typ uw vraag."),
        (
            Button(N_("Hulp in het huishouden"), "/info_household_help"),
            Button(N_("Scootmobiel, rolstoel of vervoer"), "/info_mobility_aids"),
            Button(N_("Aanpassing in huis"), "/info_home_adaptation"),
            Button(N_("Zorgen voor een naaste (mantelzorg)"), "/info_informal_care"),
            Button(N_("Opvoeden en hulp voor kinderen"), "/info_youth_care"),
            Button(N_("Schulden"), "/info_debt_help"),
            Button(N_("Geld en inkomen"), "/info_income_support"),
            Button(N_("Eenzaamheid"), "/info_loneliness"),
            Button(N_("Hoe vraag ik hulp aan?"), "/info_application_process"),
        ),
    ),
    "utter_offer_questionnaire": Response(
        N_("Wilt u hulp vragen? Dan stel ik u een paar korte vragen."),
        (
            Button(N_("Ja, stel de vragen"), "/start_questionnaire"),
            Button(N_("Nee, dank u"), "/thanks"),
        ),
    ),
    "utter_topic_answer": Response("{answer}", kind="answer"),
    "utter_not_understood_answer": Response(
        N_("Dat begrijp ik niet goed. Kies een van de knoppen, of zeg het op een andere manier.")
    ),
    # The questionnaire (conversation.md). One question per message.
    "utter_ask_for_whom": _q(
        "for_whom",
        N_("Is de vraag voor uzelf of voor iemand anders?"),
        choice(N_("Voor mezelf"), "self"),
        choice(N_("Voor iemand uit mijn familie"), "family"),
        choice(N_("Voor iemand anders die ik ken"), "other"),
        choice(N_("Ik ben een professional"), "professional"),
    ),
    "utter_ask_relation": _q(
        "relation",
        N_("Wat is deze persoon van u? Bijvoorbeeld uw vader, moeder, partner of buurman."),
        choice(N_("Partner"), "partner"),
        choice(N_("Vader of moeder"), "parent"),
        choice(N_("Kind"), "child"),
        choice(N_("Ander familielid"), "other_family"),
        choice(N_("Buurman of buurvrouw"), "neighbour"),
        choice(N_("Vriend of vriendin"), "friend"),
    ),
    "utter_ask_custody": _q(
        "custody",
        N_("Heeft u het gezag over uw kind? Gezag betekent: u mag beslissen over uw kind."),
        *YES_NO_UNSURE,
    ),
    "utter_ask_subject_aware": _q(
        "subject_aware",
        N_("Weet deze persoon dat u contact met ons opneemt? En vindt hij of zij dat goed?"),
        *YES_NO_UNSURE,
        professional=N_(
            "Weet de persoon over wie het gaat dat u contact met ons opneemt? "
            "En heeft hij of zij daar toestemming voor gegeven?"
        ),
    ),
    "utter_ask_subject_reason": _q(
        "subject_reason",
        N_(
            "Kunt u kort zeggen waarom niet? Of waarom u het niet weet? Dan weet de "
            "medewerker dat ook."
        ),
        SKIP,
    ),
    "utter_subject_not_aware": Response(
        N_(
            "Goed dat u dit zegt. Wij kunnen u altijd informatie geven. Voor hulp moet de "
            "persoon het zelf wel goed vinden. Maakt u zich zorgen over de veiligheid? "
            "Dan kunnen wij ook zonder toestemming iets doen."
        )
    ),
    "utter_ask_question": _q(
        "question",
        N_("Vertel in uw eigen woorden: wat is er aan de hand?"),
    ),
    "utter_question_required": Response(
        N_(
            "Deze vraag heb ik nodig om u goed te helpen. U mag het kort vertellen, "
            "in een paar woorden."
        )
    ),
    "utter_ask_urgent": _q(
        "urgent",
        N_("Moet er snel iets gebeuren? Bijvoorbeeld binnen een paar dagen?"),
        *YES_NO,
        SKIP,
    ),
    "utter_ask_urgent_reason": _q(
        "urgent_reason",
        N_("Wat moet er snel gebeuren? Vertel het kort."),
        SKIP,
    ),
    "utter_ask_safe_at_home": _q(
        "safe_at_home",
        N_("Voelt u zich veilig thuis?"),
        choice(N_("Ja"), "yes"),
        choice(N_("Nee"), "no"),
        choice(N_("Dat zeg ik liever niet"), "no_answer"),
        on_behalf=N_("Voelt de persoon over wie het gaat zich veilig thuis? En u zelf?"),
    ),
    "utter_unsafe_at_home": Response(
        N_(
            "Dank u dat u dit vertelt. Bent u nu in gevaar? Bel dan 112.\nU kunt ook dag en "
            "nacht gratis bellen met Veilig Thuis: 0800-2000. Daar helpen ze u verder."
        ),
        kind="safety",
    ),
    "utter_ask_life_domains": _q(
        "life_domains",
        N_("Waar gaat uw vraag over? U kunt meer dan één kiezen."),
        *(choice(label, key) for key, label in LIFE_DOMAINS.items()),
        SKIP,
    ),
    "utter_ask_multiple_questions": _q(
        "multiple_questions",
        N_("Zijn er nog andere dingen waar u hulp bij wilt?"),
        *YES_NO,
        SKIP,
    ),
    "utter_ask_already_tried": _q(
        "already_tried",
        N_(
            "Wat heeft u zelf al geprobeerd? En helpt er al iemand? Bijvoorbeeld familie, "
            "buren of een hulpverlener."
        ),
        choice(N_("Nog niets"), "nothing"),
        SKIP,
    ),
    "utter_ask_known_to_municipality": _q(
        "known_to_municipality",
        N_("Heeft u al contact met de gemeente of het {team} over deze vraag?"),
        choice(N_("Ja"), "yes"),
        choice(N_("Nee"), "no"),
        choice(N_("Weet ik niet"), "unknown"),
    ),
    "utter_ask_existing_contact": _q(
        "existing_contact",
        N_("Met wie heeft u contact? Bijvoorbeeld de naam van een medewerker of een team."),
        SKIP,
    ),
    "utter_info_intro": Response(N_("Deze informatie past misschien bij uw vraag:")),
    "utter_info_general": Response(
        N_("Meer informatie over hulp en ondersteuning staat op {social_domain_page}."),
        kind="answer",
    ),
    "utter_ask_wants_contact": _q(
        "wants_contact",
        N_("Is dit genoeg? Of wilt u dat iemand van de gemeente contact met u opneemt?"),
        choice(N_("Dit is genoeg"), "no"),
        choice(N_("Neem contact met mij op"), "yes"),
    ),
    "utter_ask_contact_name": _q(
        "contact_name",
        N_("Wat is uw naam? Alleen uw voornaam is ook goed."),
    ),
    "utter_ask_contact_phone": _q(
        "contact_phone",
        N_("Op welk telefoonnummer kunnen wij u bellen?"),
        choice(N_("Ik heb liever e-mail"), "skip"),
    ),
    "utter_invalid_phone": Response(
        N_("Dit telefoonnummer herken ik niet. Typ het nummer zo: 06 12345678 of 020 1234567.")
    ),
    "utter_ask_contact_email": _q(
        "contact_email",
        N_("Wat is uw e-mailadres?"),
        SKIP,
    ),
    "utter_invalid_email": Response(
        N_("Dit e-mailadres herken ik niet. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl")
    ),
    "utter_need_phone_or_email": Response(
        N_(
            "Wij hebben een telefoonnummer of een e-mailadres nodig. Anders kunnen wij geen "
            "contact met u opnemen. Wilt u dat niet? Typ dan: stop."
        )
    ),
    "utter_ask_preferred_channel": _q(
        "preferred_channel",
        N_("Hoe wilt u het liefst contact?"),
        choice(N_("Telefoon"), "phone"),
        choice(N_("E-mail"), "email"),
        choice(N_("WhatsApp"), "whatsapp"),
    ),
    "utter_ask_reachable": _q(
        "reachable",
        N_("Wanneer bent u het best bereikbaar? Bijvoorbeeld: 's ochtends, of na 17.00 uur."),
        SKIP,
    ),
    "utter_no_bsn_needed": Response(
        N_(
            "U hoeft geen burgerservicenummer (BSN) of bankrekeningnummer te geven. "
            "Ik heb dat nummer weggehaald."
        )
    ),
    "utter_ask_consent_share": _q(
        "consent_share",
        N_(
            "Mag ik uw antwoorden doorgeven aan het {desk} van de gemeente? Dan kan een "
            "medewerker contact met u opnemen.\nWat geef ik door? Uw antwoorden en de "
            "contactgegevens die ik zo vraag. Alleen medewerkers van de gemeente zien dit. Zij "
            "gebruiken het alleen om u te helpen. De gemeente bewaart het tot uw vraag klaar is, "
            "en daarna nog {retention_months} maanden.\nU mag ook nee zeggen. Dat is goed."
        ),
        choice(N_("Ja, dat mag"), "yes"),
        choice(N_("Nee"), "no"),
    ),
    "utter_ask_consent_transcript": _q(
        "consent_transcript",
        N_(
            "Mag ik ook de tekst van dit gesprek meesturen? Dan hoeft u uw verhaal niet "
            "opnieuw te vertellen. U mag ook nee zeggen."
        ),
        choice(N_("Ja, dat mag"), "yes"),
        choice(N_("Nee"), "no"),
    ),
    "utter_ask_confirm_summary": _q(
        "confirm_summary",
        N_("Dit heeft u mij verteld:\n{summary}\nKlopt dit?"),
        choice(N_("Ja, dit klopt"), "yes"),
        choice(N_("Iets aanpassen"), "change"),
    ),
    "utter_ask_correct_which": _q(
        "correct_which",
        N_("Wat wilt u aanpassen?"),
    ),
    # Safety (safety.md): numbers first, short and calm. Rendered by the gateway itself,
    # so they are shown even when Rasa is down.
    "utter_safety_suicide": Response(
        N_(
            "Bel 113 Zelfmoordpreventie: 0800-0113. Gratis, dag en nacht. Chatten kan op "
            "113.nl.\nBent u nu in direct gevaar? Bel 112.\nFijn dat u dit vertelt. U staat er "
            "niet alleen voor."
        ),
        kind="safety",
    ),
    "utter_safety_acute_danger": Response(
        N_("Bel nu direct 112. Daar helpen ze u meteen.\nBlijf aan de lijn tot er hulp is."),
        kind="safety",
    ),
    "utter_safety_domestic_violence": Response(
        N_(
            "Bent u nu in gevaar? Bel 112.\nBel Veilig Thuis: 0800-2000. Gratis, dag en nacht. "
            "Zij helpen bij geweld in huis.\nFijn dat u dit vertelt."
        ),
        kind="safety",
    ),
    "utter_safety_child_safety": Response(
        N_(
            "Is een kind nu in gevaar? Bel 112.\nBel Veilig Thuis: 0800-2000. Gratis, dag en "
            "nacht.\nKinderen kunnen zelf bellen met de Kindertelefoon: 0800-0432. Gratis."
        ),
        kind="safety",
    ),
    "utter_safety_urgent_financial": Response(
        N_(
            "Bel het {desk}: {phone}. Dit is dringend. Een medewerker neemt binnen "
            "{crisis_days} werkdagen contact met u op. Samen zoeken we een oplossing."
        ),
        kind="safety",
    ),
    "utter_safety_no_shelter": Response(
        N_(
            "Heeft u vannacht geen slaapplek? Bel {shelter_name}: {shelter_phone}. Dag en nacht."
            "\nBent u in gevaar? Bel 112."
        ),
        kind="safety",
    ),
    "utter_safety_flagged": Response(
        N_("Ik geef dit meteen door aan een medewerker van de gemeente."),
        kind="safety",
    ),
    "utter_ask_safe_now": _q(
        "safe_now",
        N_("Bent u nu veilig?"),
        choice(N_("Ja, ik ben nu veilig"), "yes"),
        choice(N_("Nee"), "no"),
    ),
    "utter_safety_not_safe": Response(
        N_("Bel nu 112. Kunt u niet praten? Bel toch 112 en blijf aan de lijn."),
        kind="safety",
    ),
    "utter_ask_may_call": _q(
        "may_call",
        N_("Mag een medewerker van de gemeente u bellen?"),
        choice(N_("Ja, bel mij"), "yes"),
        choice(N_("Nee"), "no"),
    ),
    "utter_ask_callback_phone": _q(
        "callback_phone",
        N_("Op welk telefoonnummer kunnen wij u bellen?"),
        choice(N_("Liever niet bellen"), "skip"),
    ),
    "utter_safety_will_call_p1": Response(
        N_("Dank u. Een medewerker belt u zo snel mogelijk. Bij gevaar: bel altijd 112."),
        kind="safety",
    ),
    "utter_safety_will_call_p2": Response(
        N_("Dank u. Een medewerker belt u zo snel mogelijk, op werkdagen nog dezelfde dag."),
        kind="safety",
    ),
    "utter_safety_no_call": Response(
        N_("Dat is goed. U kunt altijd zelf bellen: {phone}. Bij gevaar: bel 112."),
        kind="safety",
    ),
    "utter_resume_questionnaire": Response(N_("We gaan verder met de vragen.")),
    # Endings
    "utter_done_enough": Response(
        N_(
            "Fijn dat ik u kon helpen. Ik heb geen gegevens van u doorgegeven. Heeft u later "
            "nog een vraag? Dan kunt u mij altijd weer iets vragen. Of bel {phone}."
        )
    ),
    "utter_no_consent": Response(
        N_(
            "Dat is goed. Ik geef niets door. U kunt de gemeente zelf bellen: {phone}. "
            "Dat kan {phone_hours}."
        )
    ),
    # Rendered by the web app once the ticket is stored (bot/tickets, bot/chat.py).
    "utter_ticket_created": Response(
        N_(
            "Dank u wel. Ik heb uw vraag doorgegeven aan het {desk}.\nUw kenmerk is: "
            "{reference}\nNoem dit kenmerk als u de gemeente belt. Dan hoeft u uw verhaal niet "
            "opnieuw te vertellen."
        ),
        kind="handover",
    ),
    "utter_ticket_next_p1": Response(
        N_("Een medewerker neemt vandaag nog contact met u op. Bij gevaar: bel altijd 112."),
        kind="handover",
    ),
    "utter_ticket_next_p2": Response(
        N_(
            "Een medewerker neemt uiterlijk binnen {response_days_p2} werkdag contact met u op."
        ),
        kind="handover",
    ),
    "utter_ticket_next_p3": Response(
        N_(
            "Een medewerker neemt binnen {response_days} werkdagen contact met u op. Hij of zij "
            "kijkt samen met u wat u nodig heeft."
        ),
        kind="handover",
    ),
    "utter_ticket_failed": Response(
        N_(
            "Sorry, het doorgeven is niet gelukt. Bel het {desk}: {phone}. Dat kan "
            "{phone_hours}."
        ),
        kind="handover",
    ),
    "utter_client_support": Response(
        N_(
            "Goed om te weten: u kunt gratis hulp krijgen van een onafhankelijke "
            "cliëntondersteuner. Dat is iemand die niet voor de gemeente werkt. Hij of zij "
            "helpt u in gesprekken met de gemeente."
        )
    ),
    "utter_stopped": Response(
        N_(
            "Goed, we stoppen met de vragen. Ik heb niets doorgegeven. U kunt altijd opnieuw "
            "beginnen. Of bel {phone}."
        ),
        (Button(N_("Opnieuw beginnen"), "/start_questionnaire"),),
    ),
}
