from bot.safety.check import dialogue_signals, excerpt, merge, model_signals, response_language
from bot.safety.signals import Signal


def test_model_layer_thresholds():
    top = {"name": "signal_suicide", "confidence": 0.9}
    assert [s.category for s in model_signals("x", top, [top])] == ["suicide"]
    weak = {"name": "signal_suicide", "confidence": 0.39}  # "ik schaam me dood"
    assert model_signals("x", weak, [weak]) == []


def test_model_layer_looks_past_the_fallback_and_at_the_runner_up():
    ranking = [{"name": "nlu_fallback", "confidence": 0.7},
               {"name": "describe_situation", "confidence": 0.65},
               {"name": "signal_urgent_financial", "confidence": 0.62}]
    assert [s.category for s in model_signals("x", ranking[0], ranking)] == ["urgent_financial"]


def test_model_layer_needs_more_confidence_outside_dutch():
    top = {"name": "signal_suicide", "confidence": 0.9}
    assert [s.category for s in model_signals("x", top, [top], language="tr")] == ["suicide"]
    middling = {"name": "signal_suicide", "confidence": 0.75}
    assert model_signals("x", middling, [middling], language="nl")
    assert model_signals("x", middling, [middling], language="tr") == []
    assert model_signals("x", top, [top], language=None) == []


def test_model_layer_leaves_out_what_the_rules_read_as_negated_or_idiom():
    top = {"name": "signal_suicide", "confidence": 0.95}
    assert model_signals("x", top, [top], cancelled={"suicide"}) == []
    assert model_signals("x", top, [top], cancelled={"idiom"}) == []
    assert model_signals("x", top, [top], cancelled={"domestic_violence"})
    # "dat is allemaal opgelost", "voor mijn scriptie": the model reads the whole message,
    # history and topic names included, so it stays out
    assert model_signals("x", top, [top], cancelled={"distance"}) == []


def test_merge_keeps_one_per_category_highest_priority_first():
    merged = merge([Signal("urgent_financial", "rules", "a")],
                   [Signal("suicide", "model", "b"), Signal("urgent_financial", "model", "c")])
    assert [(s.category, s.layer) for s in merged] == [
        ("suicide", "model"), ("urgent_financial", "rules+model")]


def test_dialogue_signal_from_a_bot_message():
    msgs = [{"text": "…", "custom": {"kind": "safety", "safety": {"category": "child_safety"}}}]
    assert [s.layer for s in dialogue_signals("nee", msgs)] == ["questionnaire"]


def test_response_language_follows_the_evidence():
    assert response_language([Signal("suicide", "rules", "x", "tr")], "nl") == "tr"
    assert response_language([Signal("suicide", "rules", "x", "nl")], "nl") == "nl"
    assert response_language([Signal("suicide", "model", "x")], "en") == "en"


def test_excerpt_is_short_and_from_the_text():
    text = "a" * 300 + " ik wil dood " + "b" * 300
    start = text.index("ik wil")
    cut = excerpt(text, start, start + 11)
    assert "ik wil dood" in cut and len(cut) <= 122


def test_a_framed_message_is_not_read_as_its_fragments(monkeypatch):
    """Cutting the framing words out leaves a fragment; it only counts if the message as
    written reads the same way."""
    from bot.safety import check, semantic

    text = "Ik ben vrijwilliger in de nachtopvang en wil dekens inzamelen. Wie helpt?"
    cancelled: set[str] = set()
    assert check.rule_signals(text, cancelled=cancelled) == [] and "distance" in cancelled
    fragment = check.default_rules().semantic_text(text)
    assert fragment != text

    def scores(piece):
        return {"suicide": 0.9 if piece == fragment else 0.1}

    monkeypatch.setattr(semantic, "scores", scores)
    assert check.semantic_signals(text, cancelled) == []
    real = "Mijn man slaat me, net als in die documentaire over huiselijk geweld."
    monkeypatch.setattr(semantic, "scores", lambda piece: {"domestic_violence": 0.9})
    assert [s.category for s in check.semantic_signals(real, {"distance"})] == [
        "domestic_violence"]


def test_an_idiom_hides_its_own_words_not_its_sentence(monkeypatch):
    """The semantic layer skips the idiom's words and reads the rest of its sentence;
    the message as written must read the same way too."""
    from bot.safety import check, semantic

    text = "ik schaam me dood want mijn man slaat me elke avond met zijn riem"
    cancelled: set[str] = set()
    check.rule_signals(text, cancelled=cancelled)
    assert "idiom" in cancelled
    read = check.default_rules().semantic_text(text)
    assert "dood" not in read and "slaat me elke avond met zijn riem" in read
    assert "domestic_violence" in {s.category for s in check.semantic_signals(text, {"idiom"})}
    assert check.semantic_signals("ik schaam me dood, ik durf niet te bellen", {"idiom"}) == []

    monkeypatch.setattr(semantic, "scores",
                        lambda piece: {"suicide": 0.1 if piece == text else 0.9})
    assert check.semantic_signals(text, {"idiom"}) == []
