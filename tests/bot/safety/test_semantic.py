"""The semantic layer: trained from the reviewed examples, cached by fingerprint, and
kept from raising what the rules understood as an idiom or a negation."""

import json

import numpy as np
import pytest

from bot import ROOT
from bot.safety import semantic
from bot.safety.check import rule_signals, semantic_signals


def both_layers(text, lang=None):
    cancelled: set[str] = set()
    found = {s.category for s in rule_signals(text, conversation_language=lang,
                                              cancelled=cancelled)}
    return found, {s.category for s in semantic_signals(text, cancelled)}


@pytest.mark.parametrize("text, category", [
    # Told by circumstances: no pattern is needed for these.
    ("I've given away my dog and written letters to my sisters, after tonight nobody has "
     "to worry about me anymore", "suicide"),
    ("my husband takes my bank card and I am not allowed to see my friends",
     "domestic_violence"),
    ("de kinderen van de bovenburen zijn al drie dagen alleen thuis en huilen de hele nacht",
     "child_safety"),
])
def test_signals_told_by_circumstances(text, category):
    assert category in both_layers(text)[1]


@pytest.mark.parametrize("text", [
    "ik schaam me dood dat ik dit moet vragen",
    "ik denk niet aan zelfmoord, ik wil alleen hulp bij de huur",
    "I'm dying to know how the application works",
    "meraktan ölüyorum, başvuru nasıl oluyor?",
    "umieram z ciekawości, jak to działa",
    "ik wil een scootmobiel aanvragen",
    "mijn oma is vorig jaar overleden",
])
def test_no_signal_on_idioms_negations_and_ordinary_questions(text):
    assert both_layers(text)[1] == set()


def test_an_idiom_silences_only_its_own_sentence():
    gave_away = ("Ik heb mijn gitaar en mijn boeken weggegeven en mijn intake bij het "
                 "wijkteam afgezegd, het hoeft niet meer.")
    for text in ["Ik schaam me dood dat ik dit vraag. " + gave_away,
                 "Ik schaam me dood, wat een gedoe met dat formulier."]:
        cancelled: set[str] = set()
        assert not rule_signals(text, cancelled=cancelled)
        assert "idiom" in cancelled
    found = semantic_signals("Ik schaam me dood dat ik dit vraag. " + gave_away, {"idiom"})
    assert [s.category for s in found] == ["suicide"]
    assert "schaam" not in found[0].excerpt
    assert semantic_signals("Ik schaam me dood, wat een gedoe met dat formulier.", {"idiom"}) == []


def test_long_messages_are_also_read_per_sentence():
    text = ("Ik heb een vraag over de Wmo. Mijn moeder heeft hulp nodig bij het huishouden. "
            "Verder wil ik zeggen dat ik er niet meer wil zijn.")
    parts = semantic.pieces(text)
    assert parts[0] == text and len(parts) == 4


def test_examples_told_by_circumstances_are_learned():
    """The rows the rules need not catch ("rules": false, <lang>-circumstances.jsonl):
    the model does not learn them all, but it must keep what it learned."""
    rows = [json.loads(line) for path in sorted(semantic.SIGNAL_DATA.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and '"rules": false' in line]
    signals = [r for r in rows if r["expect"] != "none"]
    if not signals:
        pytest.skip("no circumstance-only examples yet")
    caught = sum(r["expect"] in set().union(*both_layers(r["text"])) for r in signals)
    assert caught / len(signals) >= 0.5, f"{caught}/{len(signals)}"


def test_training_is_cached_by_fingerprint(tmp_path, monkeypatch):
    signals = tmp_path / "signals"
    signals.mkdir()
    (signals / "nl.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"text": "ik wil niet meer leven", "expect": "suicide"},
        {"text": "ik wil dood", "expect": "suicide"},
        {"text": "ik wil een scootmobiel", "expect": "none"},
        {"text": "hoe vraag ik huishoudelijke hulp aan", "expect": "none"},
    ]), encoding="utf-8")
    monkeypatch.setattr(semantic, "NLU_DATA", tmp_path)
    monkeypatch.setattr(semantic, "SIGNAL_DATA", signals)
    monkeypatch.setattr(semantic, "model_path", lambda: tmp_path / "model.npz")
    fits = []
    real_fit = semantic.fit
    monkeypatch.setattr(semantic, "fit", lambda *a: fits.append(1) or real_fit(*a))

    first = semantic.ensure_classifier()
    again = semantic.ensure_classifier()
    assert len(fits) == 1 and first.classes == again.classes == ["none", "suicide"]
    assert all(np.allclose(a, b) for a, b in zip(first.weights, again.weights, strict=True))
    with open(signals / "nl.jsonl", "a", encoding="utf-8") as fh:
        fh.write('\n{"text": "alles is goed", "expect": "none"}')
    semantic.ensure_classifier()
    assert len(fits) == 2  # the data changed: trained again


def test_the_semantic_model_lives_under_models():
    assert semantic.model_path().parent == ROOT / "models" or semantic.model_path().exists()


@pytest.mark.parametrize("labels", [["a", "b", "a", "b"], ["a", "b", "c", "a", "b", "c"]])
def test_numpy_network_gives_the_trained_probabilities(labels):
    texts = ["ik wil niet meer leven", "ik wil een scootmobiel", "de deurwaarder komt morgen",
             "mijn man slaat me", "hoe vraag ik hulp aan", "er is brand"][:len(labels)]
    clf = semantic.fit(texts, labels)
    vectors = semantic.encoder().encode(texts)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = semantic.make_model().fit(vectors, labels).predict_proba(vectors)
    assert np.allclose(clf.probabilities(vectors), reference, atol=1e-4)
