"""Tickets over HTTP: made from the form's request, stored before the confirmation,
readable by loket staff only (JSON, export, printable page)."""

import pytest

from bot.nlg import render

CONSENT_Q = render("utter_ask_consent_share", {}, "nl")
TRANSCRIPT_Q = render("utter_ask_consent_transcript", {}, "nl")


def answers(**more):
    return {"for_whom": "family", "relation": "father", "subject_aware": "yes",
            "question": "Mijn vader (85) zorgt voor mijn moeder en hij kan het niet meer aan.",
            "urgent": "no", "safe_at_home": "yes",
            "life_domains": ["household", "personal_wellbeing", "health_selfcare"],
            "multiple_questions": "yes", "already_tried": "ik help zelf op zaterdag",
            "known_to_municipality": "no", "wants_contact": "yes", "consent_share": "yes",
            "contact_name": "Ans", "contact_phone": "06 12345678", "contact_email": "skipped",
            "preferred_channel": "phone", "reachable": "na 17 uur",
            "consent_transcript": "yes", "confirm_summary": "yes", "topics": ["informal_care"],
            **more}


def walk_to_ticket(client, rasa, **more):
    """A conversation that saw both consent questions and then confirmed."""
    cid = client.post("/api/v1/conversations", json={"language": "nl"}).json()["id"]
    rasa.next_messages = [CONSENT_Q]
    client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "neem contact op"})
    rasa.next_messages = [TRANSCRIPT_Q]
    client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "ja dat mag"})
    rasa.next_messages = [
        {"text": "", "custom": {"kind": "ticket_request", "answers": answers(**more)}},
        {"text": "cliëntondersteuning", "custom": {"kind": "info"}},
    ]
    r = client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "ja"})
    assert r.status_code == 200, r.text
    return cid, r.json()["messages"]


def test_ticket_is_stored_before_the_resident_reads_its_reference(client, rasa, store):
    cid, messages = walk_to_ticket(client, rasa)
    confirm = messages[0]
    ticket_id = confirm["custom"]["ticket_id"]
    ticket = store.get_ticket(ticket_id)
    assert ticket is not None and ticket.reference in confirm["text"]
    assert confirm["custom"]["kind"] == "handover"
    assert "3 werkdagen" in messages[1]["text"]  # P3: the profile's response time
    assert all(m["custom"].get("kind") != "ticket_request" for m in messages)
    conv = store.get_conversation(cid)
    assert conv.ticket_id == ticket_id and conv.status == "waiting"


def test_ticket_carries_answers_route_and_exact_consent(client, rasa, store):
    _, messages = walk_to_ticket(client, rasa)
    t = store.get_ticket(messages[0]["custom"]["ticket_id"]).data
    assert t["requester"] == {"role": "family", "name": "Ans", "phone": "06 12345678",
                              "email": None, "preferred_channel": "phone",
                              "reachable": "na 17 uur", "relation": "father"}
    assert t["subject_aware"] == "yes" and t["consent"]["subject_agrees"] == "yes"
    assert t["priority"] == "P3" and t["urgent"] is False and t["safe_at_home"] == "yes"
    assert t["suggested_route"]["route"] == "social_team"
    assert t["consent"]["share_with_municipality"] is True
    assert t["consent"]["attach_transcript"] is True
    assert t["consent"]["text"] == CONSENT_Q["text"] + "\n\n" + TRANSCRIPT_Q["text"]
    assert "12 maanden" in t["consent"]["text"]  # how long it is kept
    assert t["consent"]["language"] == "nl" and t["consent"]["text_version"].startswith("1-")
    assert [line["from"] for line in t["transcript"]][:2] == ["bot", "resident"]
    assert t["question"].startswith("Mijn vader (85)")


def test_no_transcript_without_consent_for_it(client, rasa, store):
    _, messages = walk_to_ticket(client, rasa, consent_transcript="no")
    t = store.get_ticket(messages[0]["custom"]["ticket_id"]).data
    assert "transcript" not in t and t["consent"]["attach_transcript"] is False


@pytest.mark.parametrize("more, priority, when", [
    ({"safe_at_home": "no"}, "P1", "vandaag"),
    ({"urgent": "yes"}, "P2", "1 werkdag"),
])
def test_priority_and_the_promised_response_time(client, rasa, store, more, priority, when):
    cid, messages = walk_to_ticket(client, rasa, **more)
    assert store.get_ticket(messages[0]["custom"]["ticket_id"]).priority == priority
    assert when in messages[1]["text"]
    assert store.get_conversation(cid).priority == priority


def test_a_safety_flag_on_the_conversation_makes_the_ticket_p1(client, rasa, store):
    cid = client.post("/api/v1/conversations", json={"language": "nl"}).json()["id"]
    client.post(f"/api/v1/conversations/{cid}/messages",
                json={"text": "mijn man slaat mij elke avond"})
    for answer in ("ja", "nee"):  # safe now; may not call
        client.post(f"/api/v1/conversations/{cid}/messages", json={"text": answer})
    rasa.next_messages = [{"text": "", "custom": {"kind": "ticket_request",
                                                  "answers": answers(for_whom="self")}}]
    r = client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "ja"})
    ticket_id = next(m["custom"]["ticket_id"] for m in r.json()["messages"]
                     if m["custom"].get("ticket_id"))
    t = store.get_ticket(ticket_id).data
    assert t["priority"] == "P1" and t["signals"][0]["category"] == "domestic_violence"
    assert t["signals"][0]["excerpt"]


def test_a_store_failure_gives_the_phone_number_not_a_500(client, rasa, store, monkeypatch):
    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "create_ticket", broken)
    _, messages = walk_to_ticket(client, rasa)
    assert "14 0123" in messages[0]["text"] and "ticket_id" not in messages[0]["custom"]


def test_staff_read_tickets_with_the_loket_role_only(client, rasa, staff_token):
    _, messages = walk_to_ticket(client, rasa)
    ticket_id = messages[0]["custom"]["ticket_id"]
    client.cookies.clear()
    assert client.get(f"/api/v1/tickets/{ticket_id}").status_code == 401
    assert client.get("/api/v1/tickets").status_code == 401
    bad = {"Authorization": f"Bearer {staff_token('communicatie')}"}
    client.cookies.clear()
    assert client.get(f"/api/v1/tickets/{ticket_id}", headers=bad).status_code == 403
    ok = {"Authorization": f"Bearer {staff_token('loket')}"}
    client.cookies.clear()
    r = client.get(f"/api/v1/tickets/{ticket_id}", headers=ok)
    assert r.status_code == 200 and r.json()["id"] == ticket_id and r.json()["status"] == "new"
    reference = messages[0]["custom"]["reference"]
    assert client.get(f"/api/v1/tickets/{reference.lower()}", headers=ok).json()["id"] == \
        ticket_id
    listed = client.get("/api/v1/tickets", headers=ok).json()
    assert listed[0]["id"] == ticket_id and listed[0]["route"] == "social_team"
    assert client.get("/api/v1/tickets?status=weird", headers=ok).status_code == 422
    assert client.get("/api/v1/tickets/nope", headers=ok).status_code == 404
    export = client.get(f"/api/v1/tickets/{ticket_id}/export", headers=ok)
    assert "attachment" in export.headers["content-disposition"]
    assert export.json() == r.json()
    queue = client.get("/api/v1/staff/queue", headers=ok).json()
    assert queue[0]["ticket_id"] == ticket_id


def test_printable_ticket_is_dutch_and_keeps_the_residents_words(client, rasa, staff_token):
    _, messages = walk_to_ticket(client, rasa, question="<script>alert(1)</script> help")
    ticket_id = messages[0]["custom"]["ticket_id"]
    token = staff_token("loket")
    r = client.get(f"/staff/tickets/{ticket_id}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    html = r.text
    assert "Voorgestelde route: Sociaal team" in html and "Toestemming (AVG)" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; help" in html and "<script>alert" not in html
    assert messages[0]["custom"]["reference"] in html


def test_why_the_person_concerned_does_not_agree_is_recorded(client, rasa, store):
    _, messages = walk_to_ticket(client, rasa, subject_aware="no",
                                 subject_reason="hij wil geen hulp, maar ik maak me zorgen")
    consent = store.get_ticket(messages[0]["custom"]["ticket_id"]).data["consent"]
    assert consent["subject_agrees"] == "no"
    assert consent["subject_reason"] == "hij wil geen hulp, maar ik maak me zorgen"
