"""Information topics (keys are part of the public contract) and their initial content.

The bot answers from the content store (bot/content/), which communicatie edits at
/content. These catalog texts are only its first version: `bot.content.service.seed`
copies them, per language, into the store when a topic has no content yet.
"""

from __future__ import annotations

from bot.i18n import N_

TOPICS = (
    "household_help", "mobility_aids", "home_adaptation", "disabled_parking",
    "informal_care", "parenting_support", "youth_care", "debt_help",
    "special_assistance", "income_support", "loneliness", "client_support",
    "neighbourhood_team", "day_activities", "application_process", "contact", "privacy",
)
OUT_OF_SCOPE = "out_of_scope"

ANSWERS = {
    "household_help": N_(
        "Lukt het huishouden niet meer goed? Bijvoorbeeld schoonmaken of de was? Dan kunt u "
        "hulp vragen bij de gemeente. Dat heet hulp bij het huishouden. Het valt onder de "
        "Wmo. De Wmo is de wet die regelt dat u hulp krijgt om thuis te blijven wonen.\n"
        "Eerst kijken we samen wat u zelf kunt, en wat familie of buren kunnen doen. U betaalt "
        "meestal een eigen bijdrage. Dat is een vast bedrag per maand."
    ),
    "mobility_aids": N_(
        "Heeft u moeite met lopen of reizen? Dan kunt u bij de gemeente vragen om hulp. "
        "Bijvoorbeeld een scootmobiel, een rolstoel of vervoer met de regiotaxi. Dit valt onder "
        "de Wmo. Dat is de wet voor hulp om thuis te kunnen blijven wonen.\nEen rollator of "
        "krukken leent u meestal via de thuiszorgwinkel. Die betaalt de gemeente niet."
    ),
    "home_adaptation": N_(
        "Kunt u niet meer goed in uw huis wonen? Bijvoorbeeld door een trap of een hoge drempel? "
        "Dan kan de gemeente soms helpen met een aanpassing. Denk aan een traplift, een "
        "douchestoel of een oprit. Soms is verhuizen naar een passend huis beter. Dat bekijken "
        "we samen met u."
    ),
    "disabled_parking": N_(
        "Kunt u maar een klein stukje lopen? Dan kunt u een gehandicaptenparkeerkaart aanvragen. "
        "Daarmee mag u op speciale plekken parkeren. Soms kunt u ook een eigen parkeerplaats "
        "bij uw huis krijgen. Een arts kijkt of u de kaart nodig heeft. U vraagt de kaart aan "
        "via {website}."
    ),
    "informal_care": N_(
        "Zorgt u voor iemand die ziek is, oud of een beperking heeft? Dan bent u mantelzorger. "
        "Mantelzorg kan zwaar zijn. U kunt steun krijgen: iemand om mee te praten, advies, of "
        "iemand die de zorg even overneemt. Zo kunt u zelf even rust nemen. Het {team} helpt u "
        "daarbij. Bel {phone}."
    ),
    "parenting_support": N_(
        "Heeft u vragen over opvoeden? Bijvoorbeeld over slapen, ruzie of de puberteit? Dat is "
        "heel gewoon. U kunt gratis advies krijgen bij het consultatiebureau, het "
        "Centrum voor Jeugd en Gezin of het {team}. Bel {phone}."
    ),
    "youth_care": N_(
        "Heeft uw kind meer hulp nodig dan u zelf kunt geven? Dan kan de gemeente helpen met "
        "jeugdhulp. Dat staat in de Jeugdwet. Bijvoorbeeld hulp bij gedrag, bij een beperking "
        "of thuis. U kunt dit vragen bij het {team}. Een verwijzing van de huisarts kan ook. "
        "De gemeente besluit binnen {youth_decision_weeks} weken."
    ),
    "debt_help": N_(
        "Heeft u schulden of kunt u uw rekeningen niet betalen? Wacht niet te lang. De gemeente "
        "helpt u gratis. Dat heet schuldhulpverlening. U krijgt binnen {debt_first_talk_weeks} "
        "weken een eerste gesprek. Samen maken we een overzicht en een plan.\n"
        "Moet u uit uw huis, of wordt gas, water of stroom afgesloten? Bel dan meteen {phone}. "
        "Dan nemen wij binnen 3 werkdagen contact met u op."
    ),
    "special_assistance": N_(
        "Heeft u een laag inkomen en hoge kosten die u niet kunt betalen? Bijvoorbeeld een "
        "nieuwe bril, een wasmachine of kosten voor een bewindvoerder? Een bewindvoerder is "
        "iemand die uw geld voor u regelt. Dan kunt u misschien bijzondere bijstand krijgen. "
        "De gemeente kijkt naar uw inkomen en uw kosten."
    ),
    "income_support": N_(
        "Heeft u geen inkomen, of te weinig om van te leven? Dan kunt u misschien een "
        "bijstandsuitkering krijgen. Dat staat in de Participatiewet. De gemeente helpt u ook "
        "om werk te vinden. U vraagt de uitkering aan via het UWV (werk.nl). Binnen "
        "{income_decision_weeks} weken hoort u of u de uitkering krijgt. Er zijn ook "
        "regelingen voor mensen met een laag inkomen."
    ),
    "loneliness": N_(
        "Voelt u zich alleen? Dat overkomt veel mensen. In de buurt zijn activiteiten waar u "
        "andere mensen kunt ontmoeten. Bijvoorbeeld koffieochtenden, samen eten of een "
        "wandelclub. Het {team} kan u helpen iets te vinden dat bij u past."
    ),
    "client_support": N_(
        "U mag gratis hulp krijgen van een onafhankelijke cliëntondersteuner. Dat is iemand die "
        "niet voor de gemeente werkt. Hij of zij helpt u uw vraag duidelijk te maken. Ook gaat "
        "hij of zij mee naar gesprekken en legt brieven van de gemeente uit."
    ),
    "neighbourhood_team": N_(
        "Het {team} is een groep hulpverleners in uw buurt. Zij helpen bij vragen over zorg, "
        "geld, opvoeden, wonen en meedoen. U kunt zonder verwijzing bij hen terecht. Hulp van "
        "het {team} is gratis. Bel {phone}."
    ),
    "day_activities": N_(
        "Dagbesteding is een plek waar u overdag iets zinvols doet, samen met anderen. "
        "Bijvoorbeeld in een werkplaats, een tuin of een ontmoetingsruimte. Het is voor mensen "
        "die niet (meer) kunnen werken. U kunt dit aanvragen bij de gemeente. Het valt onder "
        "de Wmo. Dat is de wet voor hulp om mee te kunnen doen."
    ),
    "application_process": N_(
        "Zo vraagt u hulp aan: u meldt uw vraag bij de gemeente. Dat kan hier in de chat, of "
        "via {phone}. Binnen {wmo_report_weeks} weken hebben we een gesprek met u. Dat heet "
        "een keukentafelgesprek: we praten met u over uw situatie en wat u nodig heeft. U mag "
        "iemand meenemen naar het gesprek. Vraagt u daarna de hulp aan? Dan hoort u binnen "
        "{wmo_decision_weeks} weken wat de gemeente besluit."
    ),
    "contact": N_(
        "U kunt het {desk} bellen op {phone}. Dat kan {phone_hours}. U kunt ook mailen naar "
        "{email}. Of kom langs op {address}.\nBent u in gevaar? Bel dan 112."
    ),
    "privacy": N_(
        "Wij gaan zorgvuldig om met uw gegevens. Wij geven uw antwoorden alleen door als u dat "
        "goed vindt. Alleen medewerkers die u helpen, zien ze. Wij vragen nooit om uw "
        "burgerservicenummer (BSN) in de chat. U mag altijd vragen welke gegevens wij van u "
        "hebben."
    ),
}


# Links shown under an answer: (title, https URL). National pages that stay put.
_WMO = (N_("Hulp thuis en de Wmo (Rijksoverheid)"),
        "https://www.rijksoverheid.nl/onderwerpen/zorg-en-ondersteuning-thuis")
LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "household_help": (_WMO,),
    "mobility_aids": (_WMO,),
    "home_adaptation": (_WMO,),
    "disabled_parking": (),
    "informal_care": ((N_("Mantelzorg (Rijksoverheid)"),
                       "https://www.rijksoverheid.nl/onderwerpen/mantelzorg"),),
    "parenting_support": ((N_("Opvoedvragen (Opvoeden.nl)"), "https://www.opvoeden.nl"),),
    "youth_care": ((N_("Jeugdhulp (Rijksoverheid)"),
                    "https://www.rijksoverheid.nl/onderwerpen/jeugdhulp"),),
    "debt_help": ((N_("Grip op geld (Geldfit)"), "https://www.geldfit.nl"),),
    "special_assistance": ((N_("Bijstand (Rijksoverheid)"),
                            "https://www.rijksoverheid.nl/onderwerpen/bijstand"),),
    "income_support": ((N_("Bijstand (Rijksoverheid)"),
                        "https://www.rijksoverheid.nl/onderwerpen/bijstand"),),
    "loneliness": (),
    "client_support": (_WMO,),
    "neighbourhood_team": (),
    "day_activities": (_WMO,),
    "application_process": (_WMO,),
    "contact": (),
    "privacy": ((N_("Uw privacy (Autoriteit Persoonsgegevens)"),
                 "https://www.autoriteitpersoonsgegevens.nl"),),
}

# What the answer ends with. "questionnaire": the bot offers the short questionnaire
# (the dialogue does that); the others add a closing sentence.
NEXT_STEPS = {
    "questionnaire": "",
    "call_desk": N_("Wilt u iemand spreken? Bel het {desk}: {phone}, {phone_hours}."),
    "neighbourhood_team": N_("Het {team} helpt u graag verder. Bel {phone}."),
    "none": "",
}
NEXT_STEP_LABELS = {
    "questionnaire": "Vragenlijst aanbieden (hulp vragen)",
    "call_desk": "Het loket bellen",
    "neighbourhood_team": "Naar het buurtteam",
    "none": "Geen volgende stap",
}
