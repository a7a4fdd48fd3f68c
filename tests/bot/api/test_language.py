"""Language choice: the resident's choice wins; otherwise the bot offers, once, to go
on in the language the resident writes; switching keeps the conversation going."""


def start(client, lang="nl"):
    return client.post("/api/v1/conversations", json={"language": lang}).json()["id"]


def say(client, cid, text, **more):
    r = client.post(f"/api/v1/conversations/{cid}/messages", json={"text": text, **more})
    assert r.status_code == 200, r.text
    return r.json()["messages"]


def test_writing_another_language_brings_one_offer_to_switch(client, store):
    cid = start(client)
    messages = say(client, cid, "I need some help with cleaning my house please")
    offer = messages[-1]
    assert offer["custom"]["language_offer"] == "en"
    assert offer["text"] == "Would you like to continue in English?"
    assert [b["title"] for b in offer["buttons"]] == ["English", "Nederlands"]
    assert offer["buttons"][0]["payload"] == '/language{"code":"en"}'
    # Offered once: the next English message goes on without asking again.
    again = say(client, cid, "my mother also needs help with shopping")
    assert not any(m["custom"].get("language_offer") for m in again)
    assert store.get_conversation(cid).language == "nl"


def test_the_switch_button_changes_the_language_and_resumes(client, rasa, store):
    cid = start(client)
    say(client, cid, "I need some help with cleaning my house please")
    messages = say(client, cid, '/language{"code":"en"}')
    assert messages[0]["text"] == "OK. We will continue in English."
    assert rasa.received[-1][1] == "/resume"  # the form asks its question again
    assert rasa.received[-1][2]["language"] == "en"
    conv = store.get_conversation(cid)
    assert conv.language == "en" and conv.language_chosen


def test_an_explicit_choice_is_never_second_guessed(client, store):
    cid = start(client)
    messages = say(client, cid, "ik woon in Nederland maar I write English sometimes ok",
                   language="nl")
    assert not any(m["custom"].get("language_offer") for m in messages)
    messages = say(client, cid, "I need some help with cleaning my house please")
    assert not any(m["custom"].get("language_offer") for m in messages)


def test_short_answers_bring_no_offer(client):
    cid = start(client)
    for text in ("yes", "ok thanks", "06 12345678"):
        assert not any(m["custom"].get("language_offer") for m in say(client, cid, text))


def test_arabic_script_is_offered_in_arabic(client):
    cid = start(client)
    offer = say(client, cid, "أحتاج مساعدة في تنظيف البيت من فضلك")[-1]
    assert offer["custom"]["language_offer"] == "ar" and "العربية" in offer["text"]


def test_an_unknown_language_code_is_just_a_message(client, rasa):
    cid = start(client)
    say(client, cid, '/language{"code":"xx"}')
    assert rasa.received[-1][1] == '/language{"code":"xx"}'


def test_switching_before_saying_anything_greets_again_in_the_new_language(client, rasa):
    cid = start(client)
    messages = say(client, cid, '/language{"code":"ar"}')
    assert rasa.received[-1][1] == "/greet"  # the opening choices, now in Arabic
    assert rasa.received[-1][2]["language"] == "ar"
    assert messages[-1]["text"] == "echo /greet"
