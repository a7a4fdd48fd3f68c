"""Renders a Rasa response into a contract Message in the conversation's language."""

from __future__ import annotations

from typing import Any

from bot.content import markdown
from bot.content import service as content
from bot.i18n import N_, gettext
from bot.profile import municipality
from bot.questionnaire import CHILD_RELATIONS, SKIPPED, on_behalf, summary_items
from bot.responses import (
    CORRECTABLE,
    LIFE_DOMAINS,
    RELATIONS,
    RESPONSES,
    SLOT_LABELS,
    VALUE_LABELS,
    Button,
    choice,
)
from bot.stores.base import Store
from bot.topics import ANSWERS, NEXT_STEPS

NO_CONTENT = N_("Hierover heb ik nu geen informatie. Het {desk} helpt u graag: {phone}.")


# Typical waiting times (weeks) when a profile file predates them.
WAITING_WEEKS = {"wmo_report_weeks": 6, "wmo_decision_weeks": 2, "youth_decision_weeks": 8,
                 "debt_first_talk_weeks": 4, "income_decision_weeks": 8}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def profile_vars(lang: str) -> dict[str, str]:
    p = municipality()
    return {
        "municipality": p["name"],
        "phone": p["phone"],
        "phone_hours": p.get(f"phone_hours_{lang}") or p["phone_hours"],
        "email": p["email"],
        "website": p["website"],
        "social_domain_page": p.get("social_domain_page", p["website"]),
        "team": p["team_name"],
        "desk": p["desk_name"],
        "address": p["address"],
        "crisis_days": str(p.get("crisis_days", 3)),
        "response_days": str(p.get("response_days", 3)),
        "response_days_p2": str(p.get("response_days_p2", 1)),
        "retention_months": str(p.get("ticket_retention_months", 12)),
        "shelter_name": p.get("shelter_name", ""),
        "shelter_phone": p.get("shelter_phone", p["phone"]),
        **{key: str(p.get(key, default)) for key, default in WAITING_WEEKS.items()},
    }


def fill(lang: str, template: str, extra: dict[str, Any] | None = None) -> str:
    values = _Blank(profile_vars(lang))
    values.update(extra or {})
    return gettext(lang, template).format_map(values)


def topic_answer(topic: str, lang: str) -> str:
    """The initial (catalog) text; the bot itself answers from the content store."""
    return fill(lang, ANSWERS[topic])


def content_message(topic: str, lang: str, store: Store) -> tuple[str, dict[str, Any]]:
    """The published answer with the profile's facts, and the custom fields it adds."""
    version = content.answer(store, topic, lang)
    if version is None:
        return fill(lang, NO_CONTENT), {}
    text, extra = content_text(version.body, version.links, version.next_step, lang)
    extra["content_version"] = version.version
    return text, extra


def content_text(body: str, links: list[dict], next_step: str,
                 lang: str) -> tuple[str, dict[str, Any]]:
    """Content as the widget gets it: profile facts filled in, the next step's closing
    sentence added, only https links (the editor's preview uses the same)."""
    values = profile_vars(lang)
    text = content.fill_placeholders(body, values)
    closing = NEXT_STEPS.get(next_step)
    if closing:
        text += "\n\n" + fill(lang, closing)
    shown = [{"title": content.fill_placeholders(link["title"], values),
              "url": content.fill_placeholders(link["url"], values)} for link in links]
    shown = [link for link in shown if link["title"] and markdown.safe_url(link["url"])]
    extra: dict[str, Any] = {"format": "markdown"}
    if shown:
        extra["links"] = shown
    if next_step != "questionnaire":
        extra["next_step"] = next_step
    return text, extra


def _value_label(slot: str, value: Any, lang: str) -> str:
    if isinstance(value, list):
        return ", ".join(gettext(lang, LIFE_DOMAINS.get(v, v)) for v in value)
    if slot == "relation":
        return gettext(lang, RELATIONS.get(value, value))
    if value in VALUE_LABELS and (slot not in ("question", "already_tried", "reachable")
                                  or value in (SKIPPED, "nothing")):
        return gettext(lang, VALUE_LABELS[value])
    return str(value)


def summary(slots: dict[str, Any], lang: str) -> str:
    lines = [f"• {gettext(lang, SLOT_LABELS[s])}: {_value_label(s, v, lang)}"
             for s, v in summary_items(slots) if s in SLOT_LABELS]
    return "\n".join(lines)


def _buttons(name: str, slots: dict[str, Any], lang: str) -> list[Button]:
    buttons = list(RESPONSES[name].buttons)
    if name == "utter_ask_correct_which":
        answered = {s for s, _ in summary_items(slots)}
        buttons = [choice(SLOT_LABELS[s], s) for s in CORRECTABLE if s in answered]
    elif name == "utter_ask_preferred_channel" and slots.get("contact_email") in (None, SKIPPED):
        buttons = [b for b in buttons if '"email"' not in b.payload]
    return buttons


def render(name: str, slots: dict[str, Any], lang: str, args: dict[str, Any] | None = None,
           store: Store | None = None) -> dict:
    """A contract Message for Rasa response `name`; topic answers come from the content
    `store` when given (the catalog's initial text otherwise)."""
    args = dict(args or {})
    resp = RESPONSES.get(name)
    if resp is None:
        # An unknown name is a programming error; say something safe rather than nothing.
        resp = RESPONSES["utter_default"]
    template = resp.text
    if resp.slot == "subject_aware" and slots.get("for_whom") == "professional":
        template = resp.variants["professional"]
    elif resp.slot == "safe_at_home" and on_behalf(slots):
        template = resp.variants["on_behalf"]
    extra: dict[str, Any] = {k: v for k, v in args.items() if isinstance(v, str)}
    custom: dict[str, Any] = {"kind": resp.kind}
    if name == "utter_ask_confirm_summary":
        extra["summary"] = summary(slots, lang)
    if name == "utter_topic_answer":
        topic = args.get("topic")
        if topic in ANSWERS and store is not None:
            answer, more = content_message(topic, lang, store)
            extra["answer"] = answer
            custom.update(more)
        else:
            extra["answer"] = topic_answer(topic, lang) if topic in ANSWERS else ""
        custom["topic"] = topic
    if name == "utter_default":
        custom["fallback"] = True  # the bot did not understand (the editor lists these)
    if name == "utter_out_of_scope":
        custom["topic"] = "out_of_scope"
    if resp.slot:
        custom["slot"] = resp.slot
        if resp.slot == "life_domains":
            custom["multiple"] = True
    if name == "utter_unsafe_at_home":
        # Not safe at home is P1; about a child it is a child-safety signal.
        child = slots.get("relation") in CHILD_RELATIONS
        custom["safety"] = {"category": "child_safety" if child else "domestic_violence",
                            "priority": "P1"}
    message: dict[str, Any] = {"text": fill(lang, template, extra), "custom": custom}
    buttons = _buttons(name, slots, lang)
    if buttons:
        message["buttons"] = [{"title": gettext(lang, b.title), "payload": b.payload}
                              for b in buttons]
    return message
