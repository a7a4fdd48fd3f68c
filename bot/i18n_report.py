"""`make i18n-report`: per language, how many strings are missing, fuzzy, or
machine-translated and waiting for human review (translator comment)."""

from __future__ import annotations

import re
import sys

from babel.messages.pofile import read_po

from bot.i18n import LANGUAGES, LOCALES_DIR

REVIEW_MARK = "machine translation: needs human review"
PLACEHOLDER = re.compile(r"\{\w+\}")


def check(lang: str) -> dict[str, list[str]]:
    """Problems of one catalog: missing, fuzzy, placeholder mismatches, awaiting review."""
    with open(LOCALES_DIR / "messages.pot", "rb") as fh:
        template = [m.id for m in read_po(fh) if m.id]
    with open(LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        catalog = {m.id: m for m in read_po(fh, locale=lang) if m.id}
    out: dict[str, list[str]] = {"missing": [], "fuzzy": [], "placeholders": [], "review": []}
    if lang == "nl":  # the source language: msgid is the text
        out["missing"] = [i for i in template if i not in catalog]
        return out
    for msgid in template:
        m = catalog.get(msgid)
        if m is None or not m.string:
            out["missing"].append(msgid)
            continue
        if m.fuzzy:
            out["fuzzy"].append(msgid)
        if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(m.string)):
            out["placeholders"].append(msgid)
        if any(REVIEW_MARK in c for c in m.user_comments + m.auto_comments):
            out["review"].append(msgid)
    return out


def main() -> int:
    print(f"{'lang':6}{'missing':>9}{'fuzzy':>7}{'placeholders':>14}{'to review':>11}")
    for lang in LANGUAGES:
        r = check(lang)
        print(f"{lang:6}{len(r['missing']):>9}{len(r['fuzzy']):>7}{len(r['placeholders']):>14}"
              f"{len(r['review']):>11}")
    if "-v" in sys.argv:
        for lang in LANGUAGES:
            for msgid in check(lang)["review"]:
                print(f"{lang} review: {msgid[:70]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
