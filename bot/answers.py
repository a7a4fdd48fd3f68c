"""Understands free-text answers to questionnaire questions (pure functions).

Button presses arrive as `/inform{"choice": …}` and win; otherwise the words of the
answer are matched against the per-language lexicon in bot/lexicon/.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache

import yaml

from bot import BOT_DIR
from bot.i18n import normalise_language

LEXICON_DIR = BOT_DIR / "lexicon"


def _load(lang: str) -> dict:
    path = LEXICON_DIR / f"{lang}.yml"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _overlay(own, base):
    """Own words first, then the Dutch ones: residents mix in Dutch ("ja", "huur")."""
    if isinstance(own, dict) and isinstance(base, dict):
        return {k: _overlay(own.get(k), base.get(k)) if k in own else base[k]
                for k in {**base, **own}}
    if isinstance(own, list) and isinstance(base, list):
        return own + [t for t in base if t not in own]
    return own if own is not None else base


@cache
def lexicon(lang: str) -> dict:
    lang = normalise_language(lang)
    base = _load("nl")
    return base if lang == "nl" else _overlay(_load(lang), base)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w@.+\- ]+", " ", text).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text)


def _close(word: str, term: str) -> bool:
    """Tolerates a typo or two in longer words ("schuldn", "moedr")."""
    return difflib.SequenceMatcher(None, word, term).ratio() >= 0.85


def _matches(term: str, norm: str, words: list[str]) -> bool:
    term = normalise(term)
    if not term:
        return False
    if " " in term or not term.isalnum():
        return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", norm) is not None
    for w in words:
        if w == term:
            return True
        if len(term) >= 5 and w.startswith(term):
            return True
        if len(term) >= 6 and len(w) >= 5 and _close(w, term):
            return True
    return False


def find(text: str, terms: list[str]) -> bool:
    norm = normalise(text)
    return any(_matches(t, norm, _words(norm)) for t in terms)


def find_keys(text: str, table: dict[str, list[str]]) -> list[str]:
    """All keys of a {key: terms} table that the text mentions, in table order."""
    norm = normalise(text)
    words = _words(norm)
    return [key for key, terms in table.items() if any(_matches(t, norm, words) for t in terms)]


def first_key(text: str, table: dict[str, list[str]]) -> str | None:
    """The key whose term occurs earliest in the text (so "voor mijn vader" → father)."""
    norm = normalise(text)
    words = _words(norm)
    best: tuple[int, str] | None = None
    for key, terms in table.items():
        for t in terms:
            tn = normalise(t)
            if not _matches(t, norm, words):
                continue
            pos = norm.find(tn) if tn in norm else next(
                (norm.find(w) for w in words if w.startswith(tn[:5]) or w == tn), len(norm)
            )
            if best is None or pos < best[0]:
                best = (pos, key)
    return best[1] if best else None


# --- answers of a kind --------------------------------------------------------

def yes_no(text: str, lang: str, intent: str | None = None, unsure: bool = False) -> str | None:
    lex = lexicon(lang)
    # The resident's own words first; the intent only when no word decides
    # ("ja, hij weet het" is yes, even if the model hears "weet" as don't know).
    if unsure and find(text, lex["unsure"]):
        return "unsure"
    if find(text, lex["no"]):
        return "no"
    if find(text, lex["yes"]):
        return "yes"
    if unsure and intent == "dont_know":
        return "unsure"
    return {"deny": "no", "affirm": "yes"}.get(intent or "")


def is_skip(text: str, lang: str, intent: str | None = None) -> bool:
    return intent == "skip" or find(text, lexicon(lang)["skip"])


def for_whom(text: str, lang: str) -> tuple[str | None, str | None]:
    """Returns (for_whom, relation) from an answer such as "voor mijn vader"."""
    lex = lexicon(lang)
    who = first_key(text, lex["for_whom"])
    relation = first_key(text, lex["relation"]) if who in ("family", "other", None) else None
    if who is None and relation:
        who = "other" if relation in ("neighbour", "friend") else "family"
    if who == "other" and relation not in (None, "neighbour", "friend"):
        who = "family"
    return who, relation


def relation(text: str, lang: str) -> str | None:
    return first_key(text, lexicon(lang)["relation"])


def life_domains(text: str, lang: str) -> list[str]:
    return find_keys(text, lexicon(lang)["life_domains"])


def channel(text: str, lang: str) -> str | None:
    return first_key(text, lexicon(lang)["channel"])


def correction_target(text: str, lang: str) -> str | None:
    return first_key(text, lexicon(lang)["correct"])


def name(text: str, lang: str) -> str | None:
    value = " ".join(text.split())
    low = value.lower()
    for prefix in lexicon(lang).get("name_prefixes", []):
        if low.startswith(prefix):
            value = value[len(prefix):].strip(" :,.")
            break
    value = value.strip(" .,!")
    if not value or len(value) > 80 or not re.search(r"[^\W\d_]", value):
        return None
    return value


_PHONE_CHARS = re.compile(r"[\s().\-/]")


def phone(text: str) -> str | None:
    """A Dutch (or international) phone number, normalised; None if not valid."""
    raw = _PHONE_CHARS.sub("", text)
    raw = re.sub(r"^(?:\+|00)31", "0", raw)
    if re.fullmatch(r"0[1-9]\d{8}", raw):
        if raw.startswith("06"):
            return f"{raw[:2]} {raw[2:]}"
        return f"{raw[:3]} {raw[3:]}"
    if re.fullmatch(r"(?:\+|00)[1-9]\d{7,14}", raw):
        return "+" + raw.lstrip("+").removeprefix("00")
    return None


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def email(text: str) -> str | None:
    m = _EMAIL.search(text.strip())
    if not m or len(m.group(0)) > 254:
        return None
    return m.group(0).lower()
