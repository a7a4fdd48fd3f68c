"""Content API (role communicatie edits; every staff role may read) and the
municipality profile (role admin edits). Thin: the work is in bot.content.service."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field, StrictStr

from bot import profile
from bot.api.deps import Services, require_role, services
from bot.content import markdown, readability
from bot.content import service as content
from bot.i18n import LANGUAGES
from bot.nlg import content_message, content_text, profile_vars
from bot.stores.base import ContentVersion, Session
from bot.topics import NEXT_STEPS, TOPICS

router = APIRouter(tags=["content"])
STAFF = ("loket", "communicatie", "admin")
EDITORS = ("communicatie",)


class Link(BaseModel):
    title: StrictStr = Field("", max_length=200)
    url: StrictStr = Field("", max_length=500)


class ContentIn(BaseModel):
    body: StrictStr = Field(..., max_length=5000)
    links: list[Link] = Field(default_factory=list, max_items=10)
    next_step: Literal[tuple(NEXT_STEPS)] = "questionnaire"  # type: ignore[valid-type]
    status: Literal["draft", "needs_review", "published"] = "draft"


class VersionOut(BaseModel):
    topic: str
    language: str
    version: int
    body: str
    links: list[Link]
    next_step: str
    status: str
    author: str
    note: str
    at: str


class ContentOut(BaseModel):
    topic: str
    language: str
    status: str
    notes: list[str]
    published: VersionOut | None
    latest: VersionOut | None
    preview: dict | None = None


class CheckIn(BaseModel):
    body: StrictStr = Field("", max_length=5000)
    links: list[Link] = Field(default_factory=list, max_items=10)
    next_step: StrictStr = "questionnaire"
    language: StrictStr = "nl"


class VersionRef(BaseModel):
    version: int | None = None


def _key(topic: str, language: str) -> None:
    if content.is_key(topic, language):
        return
    if topic not in TOPICS:
        raise HTTPException(404, f"unknown topic {topic!r}; topics: {', '.join(TOPICS)}")
    if language not in LANGUAGES:
        raise HTTPException(404, f"unknown language {language!r}; languages: "
                                 f"{', '.join(LANGUAGES)}")


def _out(v: ContentVersion | None) -> VersionOut | None:
    if v is None:
        return None
    return VersionOut(topic=v.topic, language=v.language, version=v.version, body=v.body,
                      links=[Link(**link) for link in v.links], next_step=v.next_step,
                      status=v.status, author=v.author, note=v.note, at=v.at.isoformat())


def _state(svc: Services, topic: str, language: str) -> ContentOut:
    st = content.state(svc.store, topic, language)
    preview = None
    if st.published:
        text, custom = content_message(topic, language, svc.store)
        preview = {"text": text, "custom": {"kind": "answer", "topic": topic, **custom}}
    return ContentOut(topic=topic, language=language, status=st.status, notes=st.notes,
                      published=_out(st.published), latest=_out(st.latest), preview=preview)


@router.get("/api/v1/content")
def overview(session: Session = Depends(require_role(*STAFF)),
             svc: Services = Depends(services)):
    """Every topic × language: status and published version; feedback per topic."""
    table = content.overview(svc.store)
    return {"topics": {t: {lang: {"status": st.status,
                                  "published_version": st.published.version
                                  if st.published else None,
                                  "latest_version": st.latest.version if st.latest else None}
                           for lang, st in row.items()}
                       for t, row in table.items()},
            "feedback": content.feedback_counts(svc.store)}


@router.get("/api/v1/content/{topic}/{language}", response_model=ContentOut)
def get_content(topic: str, language: str, session: Session = Depends(require_role(*STAFF)),
                svc: Services = Depends(services)):
    """The published text (what residents get now), the newest version and its status;
    `preview` is the message exactly as the bot sends it."""
    _key(topic, language)
    return _state(svc, topic, language)


@router.put("/api/v1/content/{topic}/{language}", response_model=ContentOut)
def put_content(topic: str, language: str, body: ContentIn,
                session: Session = Depends(require_role(*EDITORS)),
                svc: Services = Depends(services)):
    """Saves a new version (draft, needs_review or published). Published text is used by
    the bot from the next message on; no training."""
    _key(topic, language)
    try:
        content.save(svc.store, topic, language, body.body,
                     [link.dict() for link in body.links], body.next_step, body.status,
                     session.username)
    except content.ContentError as exc:
        raise HTTPException(422, {"message": "not saved", "problems": exc.problems}) from exc
    return _state(svc, topic, language)


@router.post("/api/v1/content/{topic}/{language}/publish", response_model=ContentOut)
def publish(topic: str, language: str, ref: VersionRef | None = None,
            session: Session = Depends(require_role(*EDITORS)),
            svc: Services = Depends(services)):
    _key(topic, language)
    try:
        content.publish(svc.store, topic, language, session.username,
                        ref.version if ref else None)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    return _state(svc, topic, language)


@router.post("/api/v1/content/{topic}/{language}/unpublish", response_model=ContentOut)
def unpublish(topic: str, language: str, session: Session = Depends(require_role(*EDITORS)),
              svc: Services = Depends(services)):
    """Residents get "no information, call the desk" until a version is published."""
    _key(topic, language)
    try:
        content.unpublish(svc.store, topic, language, session.username)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    return _state(svc, topic, language)


@router.post("/api/v1/content/{topic}/{language}/restore", response_model=ContentOut)
def restore(topic: str, language: str, ref: VersionRef,
            session: Session = Depends(require_role(*EDITORS)),
            svc: Services = Depends(services)):
    """An old version comes back as a new draft; publish it to use it."""
    _key(topic, language)
    if ref.version is None:
        raise HTTPException(422, "give the version to restore")
    try:
        content.restore(svc.store, topic, language, ref.version, session.username)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    return _state(svc, topic, language)


@router.get("/api/v1/content/{topic}/{language}/history", response_model=list[VersionOut])
def history(topic: str, language: str, session: Session = Depends(require_role(*STAFF)),
            svc: Services = Depends(services)):
    _key(topic, language)
    return [_out(v) for v in content.history(svc.store, topic, language)]


@router.post("/api/v1/content/check")
def check(body: CheckIn, session: Session = Depends(require_role(*STAFF)),
          svc: Services = Depends(services)):
    """Readability, warnings and problems of a text being edited, and the message as
    the widget would get it (for the live preview); stores nothing."""
    lang = body.language if body.language in LANGUAGES else "nl"
    text = markdown.clean(body.body)
    links = [link.dict() for link in body.links if link.title or link.url]
    shown, custom = content_text(text, links, body.next_step, lang)
    return {"readability": readability.report(text, lang),
            "problems": markdown.problems(text, links), "notices": markdown.notices(text),
            "unknown_placeholders": content.unknown_placeholders(text, profile_vars(lang)),
            "preview": {"text": shown, "custom": {"kind": "answer", "topic": "preview",
                                                   **custom}}}


@router.get("/api/v1/content-feedback")
def feedback(session: Session = Depends(require_role("communicatie", "admin")),
             svc: Services = Depends(services)):
    """Thumbs per topic and the latest questions the bot did not understand (redacted)."""
    return {"feedback": content.feedback_counts(svc.store),
            "unanswered": [{"text": u.text, "language": u.language, "at": u.at.isoformat()}
                           for u in svc.store.list_unanswered()]}


@router.get("/api/v1/profile")
def get_profile(session: Session = Depends(require_role(*STAFF))):
    """The municipality profile every text uses ({phone}, {team}, waiting times …)."""
    p = profile.municipality()
    return {k: v for k, v in p.items() if not k.startswith("_")}


@router.put("/api/v1/profile")
def put_profile(values: dict[str, StrictStr | int],
                session: Session = Depends(require_role("admin")),
                svc: Services = Depends(services)):
    unknown = sorted(set(values) - set(profile.EDITABLE))
    if unknown:
        raise HTTPException(422, {"message": "not saved",
                                  "problems": [f"unknown field {k!r}" for k in unknown]})
    try:
        saved = profile.save(svc.store, {k: str(v) for k, v in values.items()},
                             session.username)
    except profile.ProfileError as exc:
        raise HTTPException(422, {"message": "not saved", "problems": exc.problems}) from exc
    return {k: v for k, v in saved.items() if not k.startswith("_")}
