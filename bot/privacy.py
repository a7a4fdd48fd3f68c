"""Finds and redacts BSN-like numbers (11-test) and IBANs in free text."""

from __future__ import annotations

import re

_BSN = re.compile(r"(?<!\d)(\d[ .-]?){8}\d(?!\d)")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", re.IGNORECASE)
REDACTED_BSN = "[BSN verwijderd]"
REDACTED_IBAN = "[IBAN verwijderd]"


def is_bsn(digits: str) -> bool:
    """The Dutch 11-test: 9 digits, weights 9..2 and -1, sum divisible by 11."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def is_iban(candidate: str) -> bool:
    s = candidate.replace(" ", "").upper()
    if not 15 <= len(s) <= 34:
        return False
    rearranged = s[4:] + s[:4]
    try:
        number = int("".join(str(int(c, 36)) for c in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def redact(text: str) -> tuple[str, bool]:
    """Returns the text with BSNs and IBANs replaced, and whether anything was found."""
    found = False

    def _iban(m: re.Match) -> str:
        nonlocal found
        if is_iban(m.group(0)):
            found = True
            return REDACTED_IBAN
        return m.group(0)

    def _bsn(m: re.Match) -> str:
        nonlocal found
        if is_bsn(re.sub(r"\D", "", m.group(0))):
            found = True
            return REDACTED_BSN
        return m.group(0)

    text = _IBAN.sub(_iban, text)
    text = _BSN.sub(_bsn, text)
    return text, found
