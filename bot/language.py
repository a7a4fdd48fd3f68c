"""Language of a message, detected per message (the UI language is only a hint)."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

CODES = {
    Language.DUTCH: "nl", Language.ENGLISH: "en", Language.ARABIC: "ar",
    Language.TURKISH: "tr", Language.POLISH: "pl", Language.UKRAINIAN: "uk",
}
# Short texts ("ja", "ok") say little about their language.
MIN_LETTERS = 12


@lru_cache(maxsize=1)
def _detector():
    return (LanguageDetectorBuilder.from_languages(*CODES, Language.RUSSIAN, Language.GERMAN)
            .with_minimum_relative_distance(0.1).build())


def detect(text: str) -> str | None:
    """nl, en, ar, tr, pl or uk; None when unsure or too short."""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    found = _detector().detect_language_of(text)
    if found == Language.RUSSIAN:
        return "uk"  # Russian-speaking Ukrainians: answer in Ukrainian
    return CODES.get(found)
