"""Plain Dutch (B1) for every Dutch bot sentence: Flesch-Douma readability (textstat),
sentence length, and jargon explained where it is used. Prints the distribution."""

import re
import statistics

import pytest
import textstat

from bot.nlg import fill
from bot.responses import RESPONSES
from bot.topics import ANSWERS

# B1 in practice: Flesch-Douma 60+ is "fairly easy"; one message may dip lower when it
# must name a long official word (burgerservicenummer), never below this.
MIN_MESSAGE_SCORE = 40
MIN_MEDIAN_SCORE = 70
MAX_SENTENCE_WORDS = 20
# Jargon residents meet in letters: where a text uses it, it explains it.
JARGON = {
    "wmo": r"Wmo\. Dat is|De Wmo is|Wmo \(",
    "keukentafelgesprek": r"Dat heet een keukentafelgesprek|keukentafelgesprek is|"
                          r"keukentafelgesprek \(",
    "cliëntondersteun": r"Dat is iemand|cliëntondersteun\w* is|cliëntondersteun\w* \(",
    "maatwerkvoorziening": r"maatwerkvoorziening is|maatwerkvoorziening \(",
}


def _texts() -> dict[str, str]:
    texts = {name: fill("nl", r.text) for name, r in RESPONSES.items()}
    texts.update({f"topic {key}": fill("nl", text) for key, text in ANSWERS.items()})
    return {name: t for name, t in texts.items() if t.strip()}


def _scorable(text: str) -> str:
    # URLs, e-mail addresses and phone numbers are not words a resident reads.
    text = re.sub(r"https?://\S+|\S+@\S+|\b[\d -]{5,}\b", "", text)
    return text


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+|\n", text) if s.strip()]


TEXTS = _texts()
textstat.set_lang("nl")


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_dutch_message_is_plain(name):
    text = TEXTS[name]
    score = textstat.flesch_reading_ease(_scorable(text))
    assert score >= MIN_MESSAGE_SCORE, f"{name}: Flesch-Douma {score:.0f}"
    for sentence in _sentences(text):
        assert len(sentence.split()) <= MAX_SENTENCE_WORDS, f"{name}: long sentence {sentence!r}"


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_jargon_is_explained_where_used(name):
    text = TEXTS[name]
    for term, explained in JARGON.items():
        if term in text.lower():
            assert re.search(explained, text, re.IGNORECASE), f"{name} uses {term} unexplained"


def test_readability_distribution():
    scores = sorted(textstat.flesch_reading_ease(_scorable(t)) for t in TEXTS.values())
    lengths = [len(s.split()) for t in TEXTS.values() for s in _sentences(t)]
    q = statistics.quantiles(scores, n=10)
    print(f"\nDutch bot messages: {len(scores)}; Flesch-Douma min {scores[0]:.0f}, "
          f"p10 {q[0]:.0f}, median {statistics.median(scores):.0f}, max {scores[-1]:.0f}; "
          f"sentence length mean {statistics.mean(lengths):.1f} words, max {max(lengths)}")
    assert statistics.median(scores) >= MIN_MEDIAN_SCORE


def test_initial_topic_content_passes_the_editors_own_checks():
    """What the content editor would warn about (long sentences, unexplained jargon,
    long answers) is absent from the initial Dutch content."""
    from bot.content.readability import report

    for key, text in ANSWERS.items():
        r = report(fill("nl", text), "nl")
        assert r["warnings"] == [] and r["score"] >= 60, (key, r)
