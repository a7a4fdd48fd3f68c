"""Staff login page and the content editor at /content (Jinja2 pages, a little JS).

Pages answer 401 with the login form when nobody is logged in (so /staff and /content
never show anything to anonymous visitors), 403 for the wrong role. Every POST form
carries the session's CSRF token.
"""

from __future__ import annotations

import difflib
import logging
import secrets
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from bot import BOT_DIR, profile
from bot.api.deps import (
    STAFF_COOKIE,
    LoginRefused,
    Services,
    attempt_login,
    client_key,
    csrf_token,
    live_session,
    services,
    set_session_cookie,
)
from bot.content import readability
from bot.content import service as content
from bot.i18n import LANGUAGES, NATIVE_NAMES
from bot.nlg import content_text, profile_vars
from bot.staff import accounts
from bot.staff.console import audit
from bot.stores.base import Session
from bot.topics import NEXT_STEP_LABELS

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(BOT_DIR / "templates"))
LOGIN_CSRF_COOKIE = "frontdoor_login_csrf"
MAX_FORM_FIELD = 5000

TOPIC_LABELS = {
    "household_help": "Hulp bij het huishouden", "mobility_aids": "Hulpmiddelen en vervoer",
    "home_adaptation": "Woningaanpassing", "disabled_parking": "Gehandicaptenparkeerkaart",
    "informal_care": "Mantelzorg", "parenting_support": "Opvoeden",
    "youth_care": "Jeugdhulp", "debt_help": "Schulden", "special_assistance":
    "Bijzondere bijstand", "income_support": "Bijstand en inkomen", "loneliness":
    "Eenzaamheid", "client_support": "Cliëntondersteuning", "neighbourhood_team":
    "Buurtteam", "day_activities": "Dagbesteding", "application_process":
    "Hoe vraag ik hulp aan", "contact": "Contact", "privacy": "Privacy",
}
STATUS_LABELS = {"missing": "ontbreekt", "draft": "concept", "published": "gepubliceerd",
                 "needs_review": "nakijken", "unpublished": "niet gepubliceerd"}
LANGUAGE_LABELS = {"nl": "Nederlands", "en": "Engels", "ar": "Arabisch", "tr": "Turks",
                   "pl": "Pools", "uk": "Oekraïens"}


# Where each role starts after logging in.
HOME = {"loket": "/staff", "communicatie": "/content", "admin": "/staff/audit"}
LOGIN_REFUSED = {
    "rate": (429, "Te veel pogingen. Wacht een minuut."),
    "locked": (423, "Dit account is tijdelijk geblokkeerd na te veel foute pogingen. "
                    "Probeer het over {minutes} minuten opnieuw, of vraag de beheerder."),
    "wrong": (401, "Gebruikersnaam of wachtwoord klopt niet."),
}


def _safe_next(target: str | None) -> str:
    # Only paths on this site: no open redirect to another host.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return ""  # the role's own start page


def _login_page(request: Request, status: int, error: str = "",
                next_path: str | None = None) -> Response:
    token = secrets.token_urlsafe(24)
    resp = templates.TemplateResponse(request, "login.html", {
        "error": error, "csrf": token,
        "next": _safe_next(request.url.path if next_path is None else next_path)},
        status_code=status)
    resp.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                    path="/staff/login")
    return resp


def page_session(request: Request, svc: Services, *roles: str) -> Session | Response:
    """The logged-in session with one of `roles`, or the page to show instead."""
    session = live_session(svc, request.cookies.get(STAFF_COOKIE))
    if session is None:
        return _login_page(request, 401, next_path=str(request.url.path))
    if session.role not in roles:
        return templates.TemplateResponse(request, "forbidden.html", {
            "session": session, "csrf": csrf_token(session)}, status_code=403)
    return session


async def _form(request: Request, session: Session) -> dict[str, str] | None:
    """The posted form, or None when its CSRF token is wrong."""
    form = await request.form()
    data = {k: str(v)[:MAX_FORM_FIELD] for k, v in form.items() if isinstance(v, str)}
    if not secrets.compare_digest(data.get("csrf", ""), csrf_token(session)):
        log.warning("form without a valid CSRF token on %s", request.url.path)
        return None
    return data


def _bad_csrf(request: Request) -> Response:
    return templates.TemplateResponse(request, "message.html", {
        "title": "Niet opgeslagen", "text": "Dit formulier is verlopen of kwam niet van deze "
        "site. Laad de pagina opnieuw en probeer het nog eens."}, status_code=403)


async def posted_form(request: Request, svc: Services,
                      *roles: str) -> tuple[Session, dict[str, str]] | Response:
    """A form POST: the session with one of `roles` and the form with a valid CSRF
    token, or the page to answer instead (login, no access, expired form)."""
    session = page_session(request, svc, *roles)
    if isinstance(session, Response):
        return session
    form = await _form(request, session)
    return _bad_csrf(request) if form is None else (session, form)


async def _content_posted(request: Request, svc: Services, topic: str,
                          lang: str) -> tuple[Session, dict[str, str]] | Response:
    """A communicatie form POST about one topic and language (404 when unknown)."""
    posted = await posted_form(request, svc, "communicatie")
    if not isinstance(posted, Response) and not content.is_key(topic, lang):
        return Response(status_code=404)
    return posted


# --- login ---------------------------------------------------------------------------

@router.get("/staff/login")
def login_form(request: Request, next: str = ""):  # noqa: A002 - query name
    return _login_page(request, 200, next_path=next)


@router.post("/staff/login")
async def login(request: Request, svc: Services = Depends(services)):
    form = await request.form()
    username, password = str(form.get("username", ""))[:64], str(form.get("password", ""))[:1024]
    next_path = _safe_next(str(form.get("next", "")))
    sent, cookie = str(form.get("csrf", "")), request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(sent, cookie):
        return _login_page(request, 403, "Het formulier is verlopen. Probeer het opnieuw.",
                           next_path)
    try:
        user = attempt_login(svc, username, password, client_key(request))
    except LoginRefused as refused:
        log.info("staff login refused (page): %s", refused.reason)
        status, text = LOGIN_REFUSED[refused.reason]
        return _login_page(request, status, text.format(
            minutes=svc.settings.lockout_minutes), next_path)
    token, session = accounts.start_session(svc.store, user, svc.settings.staff_session_hours)
    audit(svc.store, session, "login")
    target = next_path if next_path not in ("", "/staff/login") else HOME[user.role]
    resp = RedirectResponse(target, status_code=303)
    set_session_cookie(resp, token, svc.settings)
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/staff/login")
    log.info("staff login role=%s (page)", user.role)
    return resp


@router.post("/staff/logout")
async def logout(request: Request, svc: Services = Depends(services)):
    token = request.cookies.get(STAFF_COOKIE)
    session = live_session(svc, token)
    if session is None:  # nothing to end: the login form, as on every staff page
        return _login_page(request, 401, next_path="")
    if await _form(request, session) is not None:
        accounts.end_session(svc.store, token)
        audit(svc.store, session, "logout")
    resp = RedirectResponse("/staff/login", status_code=303)
    resp.delete_cookie(STAFF_COOKIE, path="/")
    return resp


# --- content editor ------------------------------------------------------------------

def _base(session: Session) -> dict:
    return {"session": session, "csrf": csrf_token(session), "TOPIC_LABELS": TOPIC_LABELS,
            "STATUS_LABELS": STATUS_LABELS, "LANGUAGE_LABELS": LANGUAGE_LABELS,
            "LANGUAGES": LANGUAGES}


@router.get("/content")
def content_index(request: Request, svc: Services = Depends(services)):
    session = page_session(request, svc, "communicatie")
    if isinstance(session, Response):
        return session
    feedback = content.feedback_counts(svc.store)
    data = {**_base(session), "table": content.overview(svc.store), "feedback": feedback,
            "unanswered": svc.store.list_unanswered(limit=50)}
    return templates.TemplateResponse(request, "content_index.html", data)


def _edit_context(svc: Services, session: Session, topic: str, lang: str,
                  form: dict | None = None, problems: list[str] | None = None,
                  saved: str = "") -> dict:
    st = content.state(svc.store, topic, lang)
    source = st.latest
    body = form.get("body", "") if form else (source.body if source else "")
    links = _form_links(form) if form else (source.links if source else [])
    next_step = form.get("next_step", "questionnaire") if form else (
        source.next_step if source else "questionnaire")
    text, custom = content_text(body, links, next_step, lang)
    return {**_base(session), "topic": topic, "lang": lang, "state": st, "body": body,
            "links": links + [{"title": "", "url": ""}] * max(0, 3 - len(links)),
            "next_step": next_step, "NEXT_STEP_LABELS": NEXT_STEP_LABELS,
            "readability": readability.report(body, lang), "problems": problems or [],
            "saved": saved, "dutch": st.dutch,
            "native": NATIVE_NAMES[lang], "dir": "rtl" if lang == "ar" else "ltr",
            "placeholders": sorted(profile_vars(lang)),
            "preview": {"text": text, "custom": {"kind": "answer", "topic": topic, **custom}}}


def _form_links(form: dict) -> list[dict]:
    links = []
    for i in range(5):
        title, url = form.get(f"link_title_{i}", "").strip(), form.get(f"link_url_{i}", "").strip()
        if title or url:
            links.append({"title": title, "url": url})
    return links


@router.get("/content/{topic}/{lang}")
def content_edit(topic: str, lang: str, request: Request, saved: str = "",
                 svc: Services = Depends(services)):
    session = page_session(request, svc, "communicatie")
    if isinstance(session, Response):
        return session
    if not content.is_key(topic, lang):
        return templates.TemplateResponse(request, "message.html", {
            "title": "Niet gevonden", "text": "Dit onderwerp of deze taal bestaat niet."},
            status_code=404)
    return templates.TemplateResponse(request, "content_edit.html",
                                      _edit_context(svc, session, topic, lang,
                                                    saved=saved[:40]))


@router.post("/content/{topic}/{lang}")
async def content_save(topic: str, lang: str, request: Request,
                       svc: Services = Depends(services)):
    posted = await _content_posted(request, svc, topic, lang)
    if isinstance(posted, Response):
        return posted
    session, form = posted
    action = form.get("action", "draft")
    try:
        if action == "unpublish":
            content.unpublish(svc.store, topic, lang, session.username)
        else:
            status = {"publish": "published", "review": "needs_review"}.get(action, "draft")
            content.save(svc.store, topic, lang, form.get("body", ""), _form_links(form),
                         form.get("next_step", "questionnaire"), status, session.username)
    except content.ContentError as exc:
        return templates.TemplateResponse(
            request, "content_edit.html",
            _edit_context(svc, session, topic, lang, form, problems=exc.problems),
            status_code=422)
    except LookupError:
        return Response(status_code=404)
    return RedirectResponse(f"/content/{topic}/{lang}?saved={quote(action)}", status_code=303)


@router.get("/content/{topic}/{lang}/history")
def content_history(topic: str, lang: str, request: Request,
                    svc: Services = Depends(services)):
    session = page_session(request, svc, "communicatie")
    if isinstance(session, Response):
        return session
    if not content.is_key(topic, lang):
        return Response(status_code=404)
    versions = content.history(svc.store, topic, lang)
    rows = []
    for i, v in enumerate(versions):
        older = versions[i + 1] if i + 1 < len(versions) else None
        diff = list(difflib.ndiff((older.body if older else "").splitlines(),
                                  v.body.splitlines()))
        rows.append({"v": v, "diff": [(line[:1], line[2:]) for line in diff
                                      if line[:1] in "+- "],
                     "changed": older is None or older.body != v.body
                     or older.links != v.links or older.next_step != v.next_step})
    return templates.TemplateResponse(request, "content_history.html", {
        **_base(session), "topic": topic, "lang": lang, "rows": rows})


@router.post("/content/{topic}/{lang}/restore")
async def content_restore(topic: str, lang: str, request: Request,
                          svc: Services = Depends(services)):
    posted = await _content_posted(request, svc, topic, lang)
    if isinstance(posted, Response):
        return posted
    session, form = posted
    if not form.get("version", "").isdigit():
        return Response(status_code=404)
    try:
        content.restore(svc.store, topic, lang, int(form["version"]), session.username)
    except LookupError:
        return Response(status_code=404)
    return RedirectResponse(f"/content/{topic}/{lang}?saved=restore", status_code=303)


# --- municipality profile (admin) ----------------------------------------------------

@router.get("/content/profile")
def profile_form(request: Request, saved: str = "", svc: Services = Depends(services)):
    session = page_session(request, svc, "admin")
    if isinstance(session, Response):
        return session
    return templates.TemplateResponse(request, "profile.html", {
        **_base(session), "p": profile.municipality(), "fields": profile.EDITABLE,
        "problems": [], "saved": bool(saved)})


@router.post("/content/profile")
async def profile_save(request: Request, svc: Services = Depends(services)):
    posted = await posted_form(request, svc, "admin")
    if isinstance(posted, Response):
        return posted
    session, form = posted
    try:
        profile.save(svc.store, {k: v for k, v in form.items() if k in profile.EDITABLE},
                     session.username)
    except profile.ProfileError as exc:
        return templates.TemplateResponse(request, "profile.html", {
            **_base(session), "p": {**profile.municipality(), **form},
            "fields": profile.EDITABLE, "problems": exc.problems, "saved": False},
            status_code=422)
    return RedirectResponse("/content/profile?saved=1", status_code=303)
