"""The gateway's safety flow: signal first, in every state, durable flag, follow-up.

A stub stands in for the Rasa server here to drive the gateway's logic; the same
flows run against the real stack in tests/e2e/test_safety_stack.py."""


def start(client):
    r = client.post("/api/v1/conversations", json={"language": "nl"})
    return r.json()["id"]


def say(client, cid, text):
    r = client.post(f"/api/v1/conversations/{cid}/messages", json={"text": text})
    assert r.status_code == 200, r.text
    return r.json()["messages"]


def queue(client, staff_token):
    token = staff_token("loket")
    client.cookies.clear()
    return client.get("/api/v1/staff/queue", headers={"Authorization": f"Bearer {token}"}).json()


def test_rule_signal_answers_with_numbers_first_and_asks_if_safe(client, rasa):
    cid = start(client)
    msgs = say(client, cid, "ik wil niet meer leven")
    assert msgs[0]["custom"]["safety"] == {"category": "suicide", "priority": "P1"}
    assert "0800-0113" in msgs[0]["text"] and "113.nl" in msgs[0]["text"]
    assert "112" in msgs[0]["text"]
    assert msgs[-1]["custom"] == {"kind": "question", "slot": "safe_now"}
    assert not any(m["text"].startswith("echo") for m in msgs)  # dialogue waits


def test_flag_is_stored_and_queued_first(client, rasa, store, staff_token):
    quiet = start(client)
    say(client, quiet, "hallo")
    cid = start(client)
    say(client, cid, "Mijn man slaat me als hij gedronken heeft")
    conv = store.get_conversation(cid)
    assert conv.priority == "P1"
    [signal] = conv.signals
    assert signal["category"] == "domestic_violence" and signal["layer"].startswith("rules")
    assert "slaat" in signal["excerpt"] and signal["at"]
    items = queue(client, staff_token)
    assert items[0]["conversation_id"] == cid and items[0]["priority"] == "P1"
    assert items[0]["status"] == "waiting"
    assert items[0]["signals"][0]["category"] == "domestic_violence"


def test_follow_up_then_the_dialogue_resumes(client, rasa, store):
    cid = start(client)
    say(client, cid, "ik wil dood")
    msgs = say(client, cid, "nee")
    assert "112" in msgs[0]["text"] and msgs[-1]["custom"]["slot"] == "may_call"
    msgs = say(client, cid, '/inform{"choice":"yes"}')
    assert msgs[-1]["custom"]["slot"] == "callback_phone"
    msgs = say(client, cid, "06 12345678")
    assert "belt u zo snel mogelijk" in msgs[0]["text"]
    assert rasa.received[-1][1] == "/resume" and msgs[-1]["text"] == "echo /resume"
    conv = store.get_conversation(cid)
    assert conv.safety == {"pending": None, "language": "nl", "safe_now": "no",
                           "may_call": "yes", "callback_phone": "06 12345678"}


def test_a_message_that_is_no_follow_up_answer_goes_on_as_usual(client, rasa):
    cid = start(client)
    say(client, cid, "ik wil niet meer leven")
    msgs = say(client, cid, "ik zoek eigenlijk hulp bij het huishouden")
    assert msgs[-1]["text"] == "echo ik zoek eigenlijk hulp bij het huishouden"


def test_model_layer_alone_raises_a_signal(client, rasa, store):
    cid = start(client)
    rasa.intent = {"name": "signal_no_shelter", "confidence": 0.81}
    rasa.ranking = [rasa.intent]
    # Words neither the rules nor the semantic layer take for a signal.
    msgs = say(client, cid, "tja, we zien wel hoe het gaat")
    assert msgs[0]["custom"]["safety"] == {"category": "no_shelter", "priority": "P2"}
    assert "088 123 4567" in msgs[0]["text"]
    assert store.get_conversation(cid).signals[0]["layer"] == "model"


def test_runner_up_signal_intent_counts(client, rasa, store):
    cid = start(client)
    rasa.intent = {"name": "describe_situation", "confidence": 0.5}
    rasa.ranking = [rasa.intent, {"name": "signal_urgent_financial", "confidence": 0.45}]
    msgs = say(client, cid, "de deurwaarder komt vrijdag")
    assert msgs[0]["custom"]["safety"]["category"] == "urgent_financial"


def test_the_check_runs_in_every_state_even_during_the_follow_up(client, rasa, store):
    cid = start(client)
    say(client, cid, "ik heb geen slaapplek vannacht")
    msgs = say(client, cid, "ja maar mijn man slaat me ook")  # an answer and a new signal
    cats = [m["custom"].get("safety", {}).get("category") for m in msgs]
    assert "domestic_violence" in cats
    conv = store.get_conversation(cid)
    assert {s["category"] for s in conv.signals} == {"no_shelter", "domestic_violence"}
    assert conv.priority == "P1"


def test_a_repeated_signal_is_recorded_but_not_answered_twice(client, rasa, store):
    cid = start(client)
    say(client, cid, "ik wil niet meer leven")
    say(client, cid, "hallo daar")  # ends the follow-up
    msgs = say(client, cid, "ik wil niet meer leven, echt")
    assert not any("safety" in m["custom"] for m in msgs)
    assert len(store.get_conversation(cid).signals) == 2


def test_rasa_down_still_shows_the_emergency_numbers(client, rasa, store):
    cid = start(client)
    rasa.down = True
    msgs = say(client, cid, "ik wil niet meer leven")
    assert msgs[0]["custom"]["safety"]["category"] == "suicide"
    assert "0800-0113" in msgs[0]["text"]
    assert any(m["custom"].get("slot") == "safe_now" for m in msgs)
    assert "werkt nu even niet" in msgs[-1]["text"]
    # the follow-up works without Rasa too
    msgs = say(client, cid, "nee")
    assert "112" in msgs[0]["text"]
    assert store.get_conversation(cid).priority == "P1"


def test_a_dialogue_signal_is_flagged(client, rasa, store):
    cid = start(client)

    async def unsafe(sender, text, metadata, timeout=None):
        return {"messages": [{"text": "Veilig Thuis", "custom": {
            "kind": "safety", "safety": {"category": "domestic_violence", "priority": "P1"}}}],
            "intent": {"name": "deny", "confidence": 0.9}, "intent_ranking": []}

    rasa.send = unsafe
    say(client, cid, "nee")
    assert store.get_conversation(cid).signals[0]["layer"] == "questionnaire"


def test_no_signal_no_flag(client, rasa, store):
    cid = start(client)
    for text in ("ik schaam me dood dat ik dit vraag", "mijn telefoon is dood",
                 "ik wil een scootmobiel aanvragen"):
        msgs = say(client, cid, text)
        assert msgs == [{"text": f"echo {text}", "custom": {"kind": "info"}}]
    assert store.get_conversation(cid).signals == []


def test_rule_flag_is_stored_before_rasa_answers_and_rasa_gets_little_time(client, rasa, store):
    cid = start(client)
    seen = {}

    async def slow(sender, text, metadata, timeout=None):
        seen["signals"] = list(store.get_conversation(cid).signals)
        seen["timeout"] = timeout
        return {"messages": [], "intent": {"name": "signal_suicide", "confidence": 0.9},
                "intent_ranking": [{"name": "signal_suicide", "confidence": 0.9}]}

    rasa.send = slow
    say(client, cid, "ik wil niet meer leven")
    assert seen["signals"][0]["category"] == "suicide" and seen["timeout"] == 3.0
    [record] = store.get_conversation(cid).signals
    # The other layers that saw it are noted on the same record.
    assert record["layer"] in ("rules+model", "rules+semantic+model")


def test_semantic_layer_raises_a_signal_told_by_circumstances_even_with_rasa_down(
        client, rasa, store):
    cid = start(client)
    rasa.down = True
    text = ("I've given away my dog and written letters to my sisters, after tonight "
            "nobody has to worry about me anymore")
    msgs = say(client, cid, text)
    assert msgs[0]["custom"]["safety"] == {"category": "suicide", "priority": "P1"}
    assert "0800-0113" in msgs[0]["text"]
    [record] = store.get_conversation(cid).signals
    assert record["layer"] == "semantic" and record["score"] >= 0.7


def test_semantic_layer_respects_what_the_rules_understood(client, rasa, store):
    cid = start(client)
    for text in ("ik denk niet aan zelfmoord, ik wil alleen hulp bij de huur",
                 "ik schaam me dood dat ik dit moet vragen"):
        msgs = say(client, cid, text)
        assert not any(m["custom"].get("safety") for m in msgs), text
    assert store.get_conversation(cid).signals == []
