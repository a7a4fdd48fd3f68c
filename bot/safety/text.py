"""Text folding for matching: lower case, no accents, one form per letter.

`fold_map` also returns, for each folded character, its offset in the original,
so excerpts are cut from what the resident actually wrote."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters without a decomposition that people type without the accent, Arabic
# letter variants that are written interchangeably, and apostrophe variants.
_SPECIAL = {
    "ı": "i", "ł": "l", "ø": "o", "ß": "s", "đ": "d",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "ё": "е", "ـ": "",
}


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    low = ch.lower()
    if low in _SPECIAL:
        return _SPECIAL[low]
    if len(low) != 1:
        return low
    # Drops accents and Arabic short vowels (combining marks).
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


_GLUE = set(".!?,;:،؟؛")


def fold_map(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for f in _fold_char(ch):
            out.append(f)
            index.append(i)
        # "slaat me.hij" → "slaat me. hij": phones often drop the space after a stop.
        if ch in _GLUE and i + 1 < len(text) and text[i + 1].isalpha() and i > 0 \
                and text[i - 1].isalpha():
            out.append(" ")
            index.append(i)
    return "".join(out), index


def fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)
