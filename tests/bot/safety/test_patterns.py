"""The real pattern files, per language and category, with hard negatives.

nlu_data/signals/<lang>.jsonl were written with the patterns (not the evaluation sets,
which stay held out); they keep every category and language from regressing. Rows
marked "rules": false are told by circumstances only: they train the semantic layer and
the rules need not catch them (tests/bot/safety/test_semantic.py checks them)."""

import json

import pytest

from bot import ROOT
from bot.safety.check import rule_signals
from bot.safety.rules import LANGUAGES, load_files
from bot.safety.signals import CATEGORIES

CASES = ROOT / "nlu_data" / "signals"


def _cases():
    for path in sorted(CASES.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                row = json.loads(line)
                if row.get("rules") is False:
                    continue
                yield pytest.param(row["text"], row["expect"], path.stem, id=f"{path.stem}-{n}")


def categories(text, lang=None):
    return {s.category for s in rule_signals(text, conversation_language=lang)}


@pytest.mark.parametrize("text, expect, lang", list(_cases()))
def test_case(text, expect, lang):
    """Each case as written in a conversation held in its own language."""
    found = categories(text, lang)
    if expect == "none":
        assert not found, f"false alarm {found}"
    else:
        assert expect in found, f"missed; found {found or 'nothing'}"


# The hard negatives named in the issue, verbatim.
@pytest.mark.parametrize("text", [
    "ik schaam me dood",
    "mijn telefoon is dood",
    "dat formulier maakt me gek",
    "ik word gek van de wachttijd",
    "I'm dying to know",
    "meraktan ölüyorum",
    "umieram z ciekawości",
    "ik ben niet suïcidaal, ik wil alleen hulp bij het huishouden",
    "I'm not suicidal, I just need a wheelchair",
])
def test_named_hard_negatives(text):
    assert not categories(text)


def test_named_signals():
    assert "child_safety" in categories("my neighbour hits his children") | categories(
        "mijn buurman slaat zijn kinderen")
    assert "suicide" in categories("ik zie het niet meer zitten")
    assert "suicide" in categories("ik wil er niet meer zijn")


def test_every_language_covers_every_category():
    files = load_files()
    assert set(files) == set(LANGUAGES)
    for lang, data in files.items():
        assert set(data["signals"]) == set(CATEGORIES), lang
        assert data.get("idioms"), lang
        assert data.get("negations"), lang


def test_cases_cover_every_language_and_category():
    seen = {(p.stem, json.loads(line)["expect"]) for p in CASES.glob("??.jsonl")
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    for lang in LANGUAGES:
        for category in CATEGORIES + ("none",):
            assert (lang, category) in seen, (lang, category)
