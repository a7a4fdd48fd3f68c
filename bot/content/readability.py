"""Readability score and plain-language warnings for an answer (for the editor)."""

from __future__ import annotations

import re
import threading

import textstat

from bot.content.markdown import plain_text

MAX_SENTENCE_WORDS = 20
LONG_ANSWER_WORDS = 120
# textstat switches language globally; the editor may score two texts at once.
_lock = threading.Lock()
# Languages textstat scores offline (English needs an NLTK download, so it is left out).
_TEXTSTAT_LANGS = {"nl": "nl"}
# Words from letters and laws that residents often do not know. A text may use them
# when it explains them ("De Wmo is …", "… Wmo. Dat is de wet …", "Dat heet …").
JARGON_NL = ("Wmo", "keukentafelgesprek", "maatwerkvoorziening", "beschikking",
             "cliëntondersteuner", "Participatiewet", "Jeugdwet", "eigen bijdrage",
             "indicatie", "bewindvoerder", "pgb", "voorliggende voorziening",
             "ontvankelijk", "zorgvuldigheid", "toekenning")


def _explained(word: str, text: str) -> bool:
    w = re.escape(word)
    return bool(re.search(
        rf"{w}\w*[^.]{{0,40}}(?:\bis\b|\(|:|\bbetekent\b|\bregelt\b)"
        rf"|{w}\w*[^.]{{0,40}}\.\s*(?:Dat|Die|Hij|Zij|Het|Deze)\b[^.]{{0,20}}"
        rf"\b(?:is|betekent|heet|regelt)\b"
        rf"|(?:heet|heten|noemen we|staat in|in de)\s+(?:een |de |het )?(?:\w+ ){{0,2}}{w}",
        text, re.IGNORECASE))


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts if re.search(r"\w", p)]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’-]*", text)


def score(body: str, lang: str) -> float | None:
    """Flesch reading ease (Flesch-Douma for Dutch): 60+ is B1 in practice."""
    text = re.sub(r"https?://\S+|\S+@\S+|\b[\d -]{5,}\b|\{\w+\}", "", plain_text(body))
    if lang not in _TEXTSTAT_LANGS or not words(text):
        return None
    with _lock:
        textstat.set_lang(_TEXTSTAT_LANGS[lang])
        return round(textstat.flesch_reading_ease(text), 1)


def warnings(body: str, lang: str) -> list[str]:
    text = plain_text(body)
    found = []
    for s in sentences(text):
        n = len(words(s))
        if n > MAX_SENTENCE_WORDS:
            found.append(f"Lange zin ({n} woorden): '{' '.join(s.split()[:8])} …'. "
                         f"Maak er twee zinnen van.")
    total = len(words(text))
    if total > LONG_ANSWER_WORDS:
        found.append(f"Het antwoord heeft {total} woorden. In een chat werkt korter beter "
                     f"(tot {LONG_ANSWER_WORDS}).")
    if lang == "nl":
        for word in JARGON_NL:
            if re.search(rf"\b{re.escape(word)}", text, re.IGNORECASE) and not _explained(
                    word, text):
                found.append(f"Moeilijk woord '{word}': leg het uit of gebruik een gewoon woord.")
    return found


def report(body: str, lang: str) -> dict:
    value = score(body, lang)
    level = None if value is None else ("makkelijk" if value >= 60 else
                                        "redelijk" if value >= 40 else "moeilijk")
    return {"score": value, "level": level, "warnings": warnings(body, lang),
            "words": len(words(plain_text(body))),
            "sentences": len(sentences(plain_text(body)))}
