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


LATIN = (Language.DUTCH, Language.ENGLISH, Language.TURKISH, Language.POLISH, Language.GERMAN)


@lru_cache(maxsize=1)
def _latin_detector():
    # Low-accuracy mode is several times faster and fine for choosing between
    # four Latin-script languages; the script already decides Arabic and Cyrillic.
    return (LanguageDetectorBuilder.from_languages(*LATIN).with_low_accuracy_mode()
            .with_preloaded_language_models().with_minimum_relative_distance(0.05).build())


def _script(text: str) -> str | None:
    arabic = cyrillic = latin = 0
    for c in text:
        o = ord(c)
        if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            arabic += 1
        elif 0x0400 <= o <= 0x04FF:
            cyrillic += 1
        elif c.isalpha() and o < 0x250:
            latin += 1
    best = max(arabic, cyrillic, latin)
    if best == 0:
        return None
    return "ar" if best == arabic else "uk" if best == cyrillic else "latin"


def detect(text: str) -> str | None:
    """nl, en, ar, tr, pl or uk; None when unsure or too short. Russian-speaking
    Ukrainians get Ukrainian, the closest language we serve."""
    script = _script(text)
    if script in ("ar", "uk"):
        return script
    if script is None or sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    return CODES.get(_latin_detector().detect_language_of(text))
