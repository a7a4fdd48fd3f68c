"""The chat widget in a real browser (Debian's chromium through Playwright) against the
real stack: accessibility (axe-core), keyboard only, reload, right-to-left, network
drops, failed sends, safety alerts, staff messages, small screens and reduced motion.

Screenshots go to var/screenshots/. `make test-browser` installs chromium and axe-core."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from bot import ROOT

pytestmark = [pytest.mark.stack, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
BOT = ".fd-msg.fd-from-bot"


def _missing(what: str):
    # On CI (`make test` installs both) a missing piece is a failure, by hand a skip.
    (pytest.fail if os.environ.get("CI") else pytest.skip)(f"{what}; run `make browser-deps`")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        _missing("chromium is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


def watched(page):
    """Collects CSP violations and script errors of `page` in page.problems."""
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: "Content Security Policy" in m.text
            and page.problems.append(m.text))
    return page


@pytest.fixture
def open_page(browser, stack):
    """new_page(viewport=..., **context options) -> a page on the landing page; the
    page collects CSP violations and page errors in page.problems."""
    contexts = []

    def new_page(viewport=DESKTOP, **options):
        ctx = browser.new_context(viewport=viewport, **options)
        contexts.append(ctx)
        page = watched(ctx.new_page())
        page.goto(stack.url + "/")
        return page

    yield new_page
    for ctx in contexts:
        ctx.close()


def bots(page) -> int:
    return page.locator(BOT).count()


def wait_reply(page, before: int):
    """Waits until the bot has answered (more bot messages, typing indicator gone)."""
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n"
        " && !document.querySelector('.fd-typing').textContent", arg=[BOT, before],
        timeout=30_000)


def open_chat(page):
    page.click(".fd-launcher")
    page.wait_for_selector(BOT, timeout=30_000)
    page.wait_for_function("() => !document.querySelector('.fd-typing').textContent")


def say(page, text: str):
    n = bots(page)
    page.fill(".fd-input", text)
    page.press(".fd-input", "Enter")
    wait_reply(page, n)


def last_slot(page) -> str | None:
    """The question the bot asked in its last reply (None when it asked none)."""
    return page.evaluate("""() => { const all = [...document.querySelectorAll('.fd-msg')];
        for (let i = all.length - 1; i >= 0 && !all[i].classList.contains('fd-from-you'); i--) {
            if (all[i].dataset.slot) { return all[i].dataset.slot; } }
        return null; }""")


def axe(page) -> list[dict]:
    if not AXE.exists():
        _missing("axe-core is not installed")
    # Injected through the DevTools protocol: the page's CSP (script-src 'self') stays on.
    page.evaluate(AXE.read_text())
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def shot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(200)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize("lang", ["nl", "ar"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_no_serious_accessibility_violations_and_right_to_left(open_page, lang, size):
    page = open_page(DESKTOP if size == "desktop" else PHONE)
    assert page.get_attribute(".fd-launcher", "aria-expanded") == "false"
    if size == "desktop" and lang == "nl":
        assert axe(page) == [], "landing page, chat closed"
        shot(page, "closed-desktop")
    open_chat(page)
    assert page.evaluate("document.activeElement.classList.contains('fd-input')")
    if lang == "ar":
        n = bots(page)
        page.select_option(".fd-lang", "ar")
        wait_reply(page, n)
        root = page.locator(".fd-widget")
        assert root.get_attribute("dir") == "rtl" and root.get_attribute("lang") == "ar"
        assert page.evaluate("getComputedStyle(document.querySelector('.fd-log')).direction") \
            == "rtl"
        assert re.search("[\u0600-\u06ff]", page.locator(BOT).last.inner_text())
        assert page.locator(".fd-send").inner_text() == "إرسال"
        box, width = page.locator(".fd-panel").bounding_box(), page.viewport_size["width"]
        assert box["x"] < width / 2  # the panel sits on the left in right-to-left
    else:
        assert page.locator(".fd-widget").get_attribute("dir") == "ltr"
    problems = axe(page)
    shot(page, f"open-{lang}-{size}")
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
    assert page.locator("[role=log][aria-live=polite]").count() == 1
    assert page.locator(".fd-112").get_attribute("href") == "tel:112"
    assert page.problems == []


# Answers by slot: ("button", title) is pressed, ("check", titles) ticks a multi-select,
# anything else is typed.
KEYBOARD_ANSWERS = {
    "for_whom": ("button", "Voor mezelf"),
    "question": "Ik ben 84 en kan mijn huis niet meer schoonhouden.",
    "urgent": ("button", "Nee"),
    "safe_at_home": ("button", "Ja"),
    # Ticked going back from the input (Shift+Tab), so in reverse order of the list.
    "life_domains": ("check", ["Vervoer en op pad gaan", "Hulp in en om het huis"]),
    "multiple_questions": ("button", "Nee"),
    "already_tried": "mijn buurvrouw helpt soms",
    "known_to_municipality": ("button", "Nee"),
    "wants_contact": ("button", "Neem contact met mij op"),
    "consent_share": ("button", "Ja, dat mag"),
    "contact_name": "Ans de Vries",
    "contact_phone": "06-12345678",
    "contact_email": "sla over",
    "preferred_channel": ("button", "Telefoon"),
    "reachable": "'s ochtends",
    "consent_transcript": ("button", "Nee"),
    "confirm_summary": ("button", "Ja, dit klopt"),
}
INPUT_KIND = {"contact_phone": ("tel", "tel"), "contact_email": ("email", "email"),
              "contact_name": ("text", "name"), "question": ("text", "off")}


def focus_by_keys(page, match: str, arg, back: bool = False, limit: int = 80):
    """Presses (Shift+)Tab until `match(activeElement, arg)` holds."""
    for _ in range(limit):
        if page.evaluate(f"(arg) => {{ const a = document.activeElement; return {match}; }}", arg):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"could not reach {arg!r} with the keyboard")


def test_whole_questionnaire_with_the_keyboard_only(open_page):
    page = open_page()
    focus_by_keys(page, "a.classList.contains('fd-launcher')", None)
    page.keyboard.press("Enter")
    page.wait_for_selector(BOT)
    assert page.evaluate("document.activeElement.classList.contains('fd-input')")
    # Escape closes and gives focus back to the launcher; Enter opens again.
    page.keyboard.press("Escape")
    assert page.locator(".fd-panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('fd-launcher')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('.fd-typing').textContent")

    def press_button(title):
        n = bots(page)
        focus_by_keys(page, "a.tagName === 'BUTTON' && a.textContent.trim() === arg", title,
                      back=True)
        page.keyboard.press("Enter")
        wait_reply(page, n)

    press_button("Ik heb een vraag over hulp of ondersteuning")
    asked = []
    for _ in range(30):
        slot = last_slot(page)
        if slot is None:
            break
        asked.append(slot)
        if slot == "life_domains":
            shot(page, "multi-select-nl-desktop")
            assert axe(page) == []
        answer = KEYBOARD_ANSWERS[slot]
        if slot in INPUT_KIND:
            kind = page.evaluate("() => { const i = document.querySelector('.fd-input');"
                                 " return [i.type, i.autocomplete]; }")
            assert tuple(kind) == INPUT_KIND[slot], slot
        if isinstance(answer, tuple) and answer[0] == "button":
            press_button(answer[1])
        elif isinstance(answer, tuple):
            n = bots(page)
            for title in answer[1]:
                focus_by_keys(page, "a.type === 'checkbox' && a.dataset.title === arg", title,
                              back=True)
                page.keyboard.press("Space")
            focus_by_keys(page, "a.classList.contains('fd-primary')", None)
            page.keyboard.press("Enter")
            wait_reply(page, n)
        else:
            n = bots(page)
            assert page.evaluate("document.activeElement.classList.contains('fd-input')")
            page.keyboard.type(answer)
            page.keyboard.press("Enter")
            wait_reply(page, n)
    assert asked[:2] == ["for_whom", "question"] and "confirm_summary" in asked
    assert {"life_domains", "contact_phone", "contact_email"} <= set(asked)
    said = page.locator(BOT).last.inner_text()
    shot(page, "done-nl-desktop")
    assert re.search(r"VB-[0-9A-Z]{3}-[0-9A-Z]{3}", page.locator(".fd-log").inner_text()), said
    assert page.problems == []


def test_reload_keeps_the_conversation_and_the_resident_can_clear_it(open_page):
    page = open_page()
    open_chat(page)
    say(page, "wat is mantelzorg?")
    page.fill(".fd-input", "nog niet verstuurd")
    before = page.locator(".fd-log").inner_text()
    page.reload()
    assert page.locator(".fd-panel").is_visible()  # still open after the reload
    assert page.locator(".fd-log").inner_text() == before
    assert page.input_value(".fd-input") == "nog niet verstuurd"
    say(page, "dank u")  # the same conversation goes on
    page.once("dialog", lambda d: d.accept())
    page.click(".fd-clear")
    page.wait_for_selector(BOT)
    log = page.locator(".fd-log").inner_text()
    assert "mantelzorg" not in log and page.locator(".fd-from-you").count() == 0
    assert page.input_value(".fd-input") == ""


def test_network_drop_and_recovery_lose_nothing(open_page):
    page = open_page()
    open_chat(page)
    page.context.set_offline(True)
    n = bots(page)
    page.fill(".fd-input", "ik heb een vraag over hulp")
    page.press(".fd-input", "Enter")
    page.wait_for_selector(".fd-failed .fd-retry")
    assert "internet" in page.locator(".fd-notice").inner_text()
    page.fill(".fd-input", "wat ik nu typ blijft staan")
    shot(page, "offline-nl-desktop")
    page.context.set_offline(False)  # the widget sends again by itself
    wait_reply(page, n)
    assert page.locator(".fd-failed").count() == 0
    assert page.locator(".fd-from-you .fd-text").all_inner_texts() == ["ik heb een vraag over hulp"]
    assert page.input_value(".fd-input") == "wat ik nu typ blijft staan"
    assert last_slot(page) == "for_whom"


def test_a_failed_send_can_be_retried(open_page):
    page = open_page()
    open_chat(page)
    page.route("**/messages", lambda route: route.fulfill(
        status=503, content_type="application/json",
        body=json.dumps({"detail": "Er ging iets mis. Probeer het zo opnieuw."})))
    page.fill(".fd-input", "ik zoek informatie over schulden")
    page.press(".fd-input", "Enter")
    page.wait_for_selector(".fd-failed .fd-retry")
    assert "Er ging iets mis" in page.locator(".fd-notice").inner_text()
    page.unroute("**/messages")
    n = bots(page)
    page.click(".fd-retry")
    wait_reply(page, n)
    assert page.locator(".fd-failed").count() == 0
    sent = page.locator(".fd-from-you .fd-text").all_inner_texts()
    assert sent == ["ik zoek informatie over schulden"]


def test_safety_message_is_an_alert(open_page):
    page = open_page(PHONE)
    open_chat(page)
    say(page, "mijn man slaat me")
    alert = page.locator(".fd-safety[role=alert]").first
    assert alert.is_visible()
    assert "112" in alert.inner_text() or "0800" in alert.inner_text()
    styles = alert.evaluate("e => getComputedStyle(e).borderTopWidth")
    assert styles != "0px"
    shot(page, "safety-nl-phone")


def test_accepting_the_bots_language_offer_switches_the_widget_too(open_page):
    page = open_page()
    open_chat(page)
    assert page.get_attribute(".fd-widget", "lang") == "nl"
    say(page, "Annem için evde bakım yardımı arıyorum, artık kendi başına yemek yapamıyor")
    n = bots(page)
    page.locator(".fd-option", has_text="Türkçe").last.click()
    wait_reply(page, n)
    # Not only the bot: the widget's own texts follow (before this, they stayed Dutch).
    page.wait_for_function("() => document.querySelector('.fd-widget').lang === 'tr'")
    assert page.input_value(".fd-lang") == "tr"
    assert page.inner_text(".fd-lang-label") != "Taal"
    say(page, "Kocam beni her gece dövüyor")
    alerts = " ".join(page.locator(".fd-safety[role=alert]").all_inner_texts())
    assert "0800-2000" in alerts and "ÖNEMLİ" in alerts and "BELANGRIJK" not in alerts
    assert page.problems == []


def test_staff_message_shows_the_employees_name(open_page):
    page = open_page()
    open_chat(page)
    staff = {"messages": [{"text": "Hallo, ik ben Els van het loket. Ik help u verder.",
                           "custom": {"kind": "staff", "staff_name": "Els"}}]}
    page.route("**/messages", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(staff)))
    page.fill(".fd-input", "ik wil een mens spreken")
    page.press(".fd-input", "Enter")
    page.wait_for_selector(".fd-from-staff")
    last = page.locator(".fd-msg").last
    assert "fd-from-staff" in last.get_attribute("class")
    assert "Els, medewerker van de gemeente" in last.inner_text()


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640},   # small phone
                                      {"width": 640, "height": 400}])  # 1280x800 at 200%
def test_small_screens_zoom_and_reduced_motion(open_page, viewport):
    page = open_page(viewport, reduced_motion="reduce")
    open_chat(page)
    size = page.evaluate("""() => [document.documentElement.scrollWidth,
        document.querySelector('.fd-panel').scrollWidth,
        document.querySelector('.fd-panel').clientWidth]""")
    assert size[0] <= viewport["width"] and size[1] <= size[2], size  # no sideways scrolling
    for sel in (".fd-input", ".fd-send", ".fd-close", ".fd-human", ".fd-112"):
        box = page.locator(sel).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, sel
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 1, sel
    # The typing dots do not move for someone who asked for reduced motion.
    assert page.evaluate("""() => { const w = document.querySelector('.fd-widget');
        const d = document.createElement('span'), s = document.createElement('span');
        d.className = 'fd-dots'; d.appendChild(s); w.appendChild(d);
        const name = getComputedStyle(s).animationName; w.removeChild(d); return name; }""") \
        == "none"
    say(page, "hallo")
    shot(page, f"small-{viewport['width']}x{viewport['height']}")
