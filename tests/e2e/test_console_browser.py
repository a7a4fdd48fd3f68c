"""The loket console in a real browser (Debian's chromium through Playwright) against
the real stack, with two browser contexts: a resident in the widget, a loket employee
in the console. Screenshots go to var/screenshots/."""

from __future__ import annotations

import statistics
import threading
import time

import httpx
import pytest

from tests.e2e.stack import STAFF_PASSWORD, add_staff
from tests.e2e.test_widget_browser import (  # noqa: F401 - fixtures
    BOT,
    DESKTOP,
    axe,
    bots,
    browser,
    open_chat,
    shot,
    wait_reply,
    watched,
)

pytestmark = [pytest.mark.stack, pytest.mark.browser]
STAFF = ".fd-msg.fd-from-staff"


@pytest.fixture(scope="module")
def employee(stack):
    """A loket account with the name residents see, made with `bot users add`."""
    return add_staff(stack, "els-console", "loket", "--display-name", "Els")


def log_in(page, stack, name: str, path: str) -> None:
    """Through the login form a visitor gets at `path`; then back at `path`."""
    page.goto(stack.url + path)
    page.fill("#username", name)
    page.fill("#password", STAFF_PASSWORD)
    page.click("button[type=submit]")


@pytest.fixture
def console(browser, stack, employee):  # noqa: F811
    """The queue page, logged in through the login form."""
    ctx = browser.new_context(viewport=DESKTOP)
    page = watched(ctx.new_page())
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    log_in(page, stack, employee, "/staff")
    page.wait_for_url(stack.url + "/staff")
    page.wait_for_function("() => document.getElementById('live-state').textContent === 'Live'")
    yield page
    ctx.close()


@pytest.fixture
def resident(browser, stack):  # noqa: F811
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.goto(stack.url + "/")
    with page.expect_response(lambda r: r.url.endswith("/api/v1/conversations")
                              and r.request.method == "POST") as created:
        open_chat(page)
    page.conversation_id = created.value.json()["id"]
    yield page
    ctx.close()


IDLE = "() => !document.querySelector('.fd-typing').textContent"


def type_in_widget(page, text: str) -> None:
    """Sends like a resident: after the previous message has gone (the widget sends one
    at a time), and waits until this one has gone too."""
    page.wait_for_function(IDLE, timeout=30_000)
    page.fill(".fd-input", text)
    page.press(".fd-input", "Enter")
    page.wait_for_function("() => document.querySelector('.fd-input').value === ''")


def test_p1_shows_in_the_queue_staff_take_over_talk_and_hand_back(console, resident):
    cid = resident.conversation_id
    row = f'tr[data-conversation="{cid}"]'

    # Sound needs one touch of the page first (the browser's rule); the page says so.
    assert console.locator("#sound-hint").is_visible()
    console.click("h1")
    console.wait_for_selector("#sound-hint", state="hidden")

    # 0. A chat nobody flagged or asked a person about is hidden unless asked for.
    console.check("#show-all")
    console.wait_for_selector(row)
    console.uncheck("#show-all")
    assert console.locator(row).count() == 0
    assert "verborgen" in console.inner_text("#hidden-count")

    # 1. The resident's P1 message appears in the staff queue within 2 seconds.
    n = bots(resident)
    started = time.monotonic()
    type_in_widget(resident, "ik wil niet meer leven, ik heb de pillen al klaarliggen")
    console.wait_for_selector(f"{row}.row-P1", timeout=2000)
    seen_after = time.monotonic() - started
    print(f"\nP1 in the staff queue after {seen_after * 1000:.0f} ms")
    assert seen_after < 2
    assert "Suïcide" in console.inner_text(row)
    alert = console.locator("#p1-alert")
    assert alert.is_visible() and "Nieuw P1-signaal" in alert.inner_text()
    assert alert.get_attribute("data-sounded") == "1"  # and it beeped
    wait_reply(resident, n)
    assert "113" in resident.locator(BOT).nth(n).inner_text()  # numbers first
    shot(console, "console-queue-p1")
    assert axe(console) == []

    # 2. Staff open it and take over; the resident reads who they talk with now.
    console.click(f"{row} a")
    console.wait_for_selector("#transcript .msg-resident")
    assert "pillen" in console.inner_text("#transcript")
    assert "Suïcide" in console.inner_text("#signals")
    console.click("#takeover")
    console.wait_for_selector("#composer:not([hidden])")
    resident.wait_for_function(
        "() => [...document.querySelectorAll('.fd-msg')].some(m => "
        "m.textContent.includes('U praat nu met Els'))", timeout=5000)
    # The panel no longer says "this is a computer".
    assert resident.inner_text(".fd-intro") == "Els, medewerker van de gemeente"

    # 3. Messages flow both ways, live.
    console.fill("#composer-text", "Ik ben Els van de gemeente. Bent u nu veilig?")
    console.press("#composer-text", "Enter")
    resident.wait_for_selector(STAFF, timeout=5000)
    staff_msg = resident.locator(STAFF).last
    assert "Bent u nu veilig?" in staff_msg.inner_text() and "Els" in staff_msg.inner_text()
    type_in_widget(resident, "ja, mijn zus is bij me")
    resident.wait_for_function(IDLE)
    console.wait_for_function(
        "() => document.getElementById('transcript').textContent.includes('mijn zus is bij me')",
        timeout=5000)

    # 4. A resident's HTML is text in the console; no script runs.
    type_in_widget(resident, "<img src=x onerror=alert(1)>")
    console.wait_for_function(
        "() => document.getElementById('transcript').textContent"
        ".includes('<img src=x onerror=alert(1)>')", timeout=5000)
    assert console.locator("#transcript img").count() == 0
    console.wait_for_timeout(300)
    assert console.dialogs == []
    shot(console, "console-conversation-taken-over")
    assert axe(console) == []
    shot(resident, "widget-talking-with-staff")

    # 5. Hand back: the resident is told, and the bot answers again.
    before = bots(resident)
    console.click("#handback")
    resident.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n", arg=[BOT, before],
        timeout=10_000)
    resident.wait_for_function(
        "() => [...document.querySelectorAll('.fd-msg')].some(m => "
        "m.textContent.includes('U praat weer met de digitale assistent'))", timeout=10_000)
    console.wait_for_selector("#takeover:not([hidden])")
    assert resident.inner_text(".fd-intro") == "Dit is een computer, geen mens."
    n = bots(resident)
    type_in_widget(resident, "Waar kan ik hulp bij schulden krijgen?")
    wait_reply(resident, n)
    assert resident.locator(BOT).count() > n
    assert console.problems == []


def test_a_second_employee_cannot_take_over_the_same_chat(browser, stack, console,  # noqa: F811
                                                          resident):
    cid = resident.conversation_id
    type_in_widget(resident, "ik wil graag iemand spreken")
    console.goto(f"{stack.url}/staff/conversations/{cid}")
    console.click("#takeover")
    console.wait_for_selector("#composer:not([hidden])")
    add_staff(stack, "piet-console")
    token = httpx.post(f"{stack.url}/api/v1/staff/login", json={
        "username": "piet-console", "password": STAFF_PASSWORD}).json()["token"]
    r = httpx.post(f"{stack.url}/api/v1/staff/conversations/{cid}/takeover",
                   headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 409 and "els-console" in r.json()["detail"]


def test_time_from_a_p1_message_to_the_staff_queue(console, stack):
    """Measured: p50/p95 over 20 residents, each sending a P1 message over the API while
    the queue page is open."""
    times = []
    for i in range(20):
        cid = httpx.post(f"{stack.url}/api/v1/conversations",
                         json={"language": "nl"}).json()["id"]
        text = f"mijn man slaat me, ik ben bang dat hij me vermoordt ({i})"
        started = time.monotonic()
        sender = threading.Thread(target=httpx.post, args=(
            f"{stack.url}/api/v1/conversations/{cid}/messages",), kwargs={
            "json": {"text": text}, "timeout": 60})
        sender.start()
        console.wait_for_selector(f'tr[data-conversation="{cid}"].row-P1', timeout=5000)
        times.append(time.monotonic() - started)
        sender.join()
    times.sort()
    p50, p95 = statistics.median(times), times[int(0.95 * len(times)) - 1]
    print(f"\nP1 message -> staff queue over {len(times)} tries: p50 {p50 * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
    assert p95 < 2


def test_admin_sees_the_audit_log_and_the_accounts(browser, stack, employee):  # noqa: F811
    add_staff(stack, "ann-console", "admin")
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    log_in(page, stack, "ann-console", "/staff/login")  # then the admin's own start page
    page.wait_for_url(stack.url + "/staff/audit")
    assert "els-console" in page.inner_text("table")
    assert axe(page) == []
    shot(page, "console-audit")
    page.click("text=Accounts")
    page.wait_for_url(stack.url + "/staff/users")
    assert "els-console" in page.inner_text("table") and "Els" in page.inner_text("table")
    assert axe(page) == []
    shot(page, "console-accounts")
    assert page.goto(stack.url + "/staff").status == 403  # the queue is for loket
    ctx.close()
