"""The content editor in a real browser against the real stack: a communicatie user edits
and publishes the Dutch debt answer, a new resident asks about debts in the widget and
gets the new text at once (a script tag in it shows as text), thumbs feed the editor's
counts, a version is restored; loket may not edit. Prints the publish-to-answer time."""

from __future__ import annotations

import time

import pytest

from tests.e2e.stack import STAFF_PASSWORD, Resident, add_staff
from tests.e2e.test_widget_browser import (  # noqa: F401 - browser is a fixture
    BOT,
    DESKTOP,
    axe,
    browser,
    open_chat,
    say,
    shot,
)

pytestmark = [pytest.mark.stack, pytest.mark.browser]
MARK = "Proef-7Q"
NEW_TEXT = (f"{MARK}: heeft u schulden? Wacht niet. Bel {{phone}}.\n\n"
            "- Wij helpen gratis\n- **Samen** maken we een plan\n\n"
            "<script>window.__pwned = 1</script>")


def _user(stack, name: str, role: str) -> None:
    add_staff(stack, name, role)


def _login(page, stack, name: str, path: str = "/content"):
    r = page.goto(stack.url + path)
    assert r.status == 401  # the login form, never the content
    page.fill("#username", name)
    page.fill("#password", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _asked_about_debts(stack) -> tuple[str, dict]:
    resident = Resident(stack.url, "nl")
    for m in resident.say("Kan de gemeente mij helpen met mijn schulden?"):
        if m.get("custom", {}).get("topic") == "debt_help":
            return m["text"], m["custom"]
    raise AssertionError(f"no debt answer: {resident.texts()}")


def test_edit_publish_and_a_new_resident_gets_it(browser, stack):  # noqa: F811
    _user(stack, "comms-e2e", "communicatie")
    original, _ = _asked_about_debts(stack)
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
    try:
        _login(page, stack, "comms-e2e")
        assert page.locator("h1").inner_text() == "Antwoorden van de chat"
        page.click("a[href='/content/debt_help/nl']")
        page.wait_for_selector("#preview .fd-widget .fd-msg")  # drawn by widget.js
        assert axe(page) == [], "editor page"
        page.fill("#body", NEW_TEXT)
        # The live preview shows it exactly as the widget will: a list, bold, the profile's
        # phone number, the script as text.
        page.wait_for_function(f"() => document.querySelector('#preview').textContent"
                               f".includes('{MARK}')")
        preview = page.locator("#preview .fd-msg")
        assert preview.locator(".fd-rich li").count() == 2
        assert preview.locator("strong").count() == 1
        assert "14 0123" in preview.inner_text() and "<script>" in preview.inner_text()
        assert page.locator("#score").inner_text() != "–"
        shot(page, "content-editor")
        page.click("button[value=publish]")
        page.wait_for_selector(".saved")
        published = time.perf_counter()
        text, custom = _asked_about_debts(stack)
        took = time.perf_counter() - published
        assert text.startswith(f"{MARK}: heeft u schulden? Wacht niet. Bel 14 0123.")
        print(f"\npublish → a new resident gets the new text: {took * 1000:.0f} ms "
              f"(includes one full chat turn)")

        # The resident's widget: the answer as rich text, the script as text, thumbs.
        resident = browser.new_context(viewport=DESKTOP).new_page()
        resident.goto(stack.url + "/")
        open_chat(resident)
        say(resident, "Kan de gemeente mij helpen met mijn schulden?")
        answer = resident.locator(BOT, has_text=MARK).last
        assert answer.locator(".fd-rich li").count() == 2
        assert "<script>window.__pwned = 1</script>" in answer.inner_text()
        assert resident.evaluate("() => window.__pwned") is None
        answer.locator(".fd-thumb").first.click()
        resident.wait_for_selector(".fd-feedback-thanks")
        assert resident.evaluate("() => document.activeElement.className") \
            == "fd-feedback-thanks"
        shot(resident, "content-answer-in-widget")
        resident.context.close()

        # The thumb shows in the editor's overview.
        page.goto(stack.url + "/content")
        helpful = page.locator("td.feedback[data-topic=debt_help] .helpful").inner_text()
        assert int(helpful) >= 1

        # Restore the first version and publish it: residents get the old text again.
        page.goto(stack.url + "/content/debt_help/nl/history")
        page.click("form:has(input[name=version][value='1']) button")
        page.wait_for_selector(".saved")
        page.click("button[value=publish]")
        page.wait_for_selector(".saved")
        assert _asked_about_debts(stack)[0] == original
        assert problems == []
    finally:
        ctx.close()


def test_loket_cannot_edit_content(browser, stack):  # noqa: F811
    _user(stack, "loket-content-e2e", "loket")
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    try:
        _login(page, stack, "loket-content-e2e")
        assert page.locator("h1").inner_text() == "Geen toegang"
        r = page.request.put(stack.url + "/api/v1/content/debt_help/nl",
                             data={"body": "Van het loket."})
        assert r.status == 403
        text, _ = _asked_about_debts(stack)
        assert "Van het loket" not in text
    finally:
        ctx.close()
