"""The evaluation sets stay out of the training data: a measurement on sentences the
model or the patterns were built from would flatter it. Short everyday sentences
("ik wil dood", "Mąż mnie bije") are bound to be written the same way twice and are
allowed; from six words on, the same sentence means it was copied."""

import json
import re

import pytest
import yaml

from bot import ROOT
from tests.safety.evaluate import ORDINARY, SETS, load

NLU = ROOT / "nlu_data"
COPIED = 6  # words


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _training_texts() -> set[str]:
    texts = set()
    for path in NLU.rglob("*.jsonl"):
        texts |= {_norm(json.loads(line)["text"]) for line in path.read_text(
            encoding="utf-8").splitlines() if line.strip()}
    for path in NLU.rglob("*.yml"):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in str(item.get("examples", "")).splitlines():
                texts.add(_norm(re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}",
                                       r"\1\2", line.lstrip("- "))))
    return texts


@pytest.mark.parametrize("name", [n for n, p in SETS.items() if p.exists()])
def test_evaluation_set_is_not_in_the_training_data(name):
    training = _training_texts()
    leaked = [row["text"] for row in load(SETS[name])
              if len(row["text"].split()) >= COPIED and _norm(row["text"]) in training]
    assert not leaked, f"{len(leaked)} evaluation messages are in nlu_data: {leaked[:3]}"


@pytest.mark.parametrize("path", [p for paths in ORDINARY.values() for p in paths if p.exists()],
                         ids=lambda p: p.name)
def test_ordinary_questions_are_not_in_the_training_data(path):
    training = _training_texts()
    leaked = [row["text"] for row in load(path)
              if len(row["text"].split()) >= COPIED and _norm(row["text"]) in training]
    assert not leaked, f"{len(leaked)} evaluation questions are in nlu_data: {leaked[:3]}"
