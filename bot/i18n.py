"""Gettext catalogs under locales/ (Babel), loaded once per language.

The .po files are read directly so a fresh checkout never serves stale .mo files;
`make i18n` still compiles .mo files for other tools.
"""

from __future__ import annotations

from functools import cache

from babel.messages.pofile import read_po

from bot import ROOT

LOCALES_DIR = ROOT / "locales"
LANGUAGES = ("nl", "en", "ar", "tr", "pl", "uk")
RTL_LANGUAGES = frozenset({"ar"})
DEFAULT_LANGUAGE = "nl"
# Each language in its own words: what a resident looks for on a switch button.
NATIVE_NAMES = {"nl": "Nederlands", "en": "English", "ar": "العربية", "tr": "Türkçe",
                "pl": "polski", "uk": "українська"}


def N_(message: str) -> str:
    """Mark a string for extraction; translation happens at render time."""
    return message


@cache
def _catalog(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def normalise_language(lang: str | None) -> str:
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def gettext(lang: str, message: str) -> str:
    """Translate a Dutch source string; falls back to Dutch when missing."""
    return _catalog(normalise_language(lang)).get(message, message)


def reload_catalogs() -> None:
    _catalog.cache_clear()
