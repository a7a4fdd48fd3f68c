"""The evaluation sets stay out of the training data: a measurement on sentences the
model or the patterns were built from would flatter it. Short everyday sentences
("ik wil dood", "Mąż mnie bije") are bound to be written the same way twice and are
allowed; from six words on, the same sentence means it was copied."""

import re

import pytest

from bot.safety import semantic
from tests.safety.evaluate import ORDINARY, SETS, load

COPIED = 6  # words
# Every evaluation file: the safety sets and the ordinary topic questions.
EVALUATION = [p for p in SETS.values() if p.exists()] + [
    p for paths in ORDINARY.values() for p in paths if p.exists()]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@pytest.fixture(scope="module")
def training() -> set[str]:
    # The examples the semantic layer learns from: every reviewed signal example and
    # every NLU example (the Rasa model's training data too).
    return {_norm(t) for t in semantic.examples()[0]}


@pytest.mark.parametrize("path", EVALUATION, ids=lambda p: p.name)
def test_evaluation_set_is_not_in_the_training_data(path, training):
    leaked = [row["text"] for row in load(path)
              if len(row["text"].split()) >= COPIED and _norm(row["text"]) in training]
    assert not leaked, f"{len(leaked)} evaluation messages are in nlu_data: {leaked[:3]}"
