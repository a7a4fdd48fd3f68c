"""What the chat widget needs besides the resident API: its own texts per language."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from bot.i18n import LANGUAGES, NATIVE_NAMES, RTL_LANGUAGES, normalise_language
from bot.nlg import fill
from bot.widget_strings import WIDGET_STRINGS

router = APIRouter(prefix="/api/v1/widget", tags=["resident"])
# Pushed messages (staff after a takeover, the bot after a hand-back); the widget listens
# to this server-sent event stream only when the app offers it.
EVENTS_PATH = "/api/v1/conversations/{conversation_id}/events"


@router.get("/strings")
def widget_strings(request: Request, response: Response,
                   language: str | None = Query(None, max_length=16)):
    """The widget's own texts in one language (unknown or missing: Dutch), its writing
    direction, the languages a resident can choose (each in its own words), and whether
    the server pushes later messages (`events`: GET /api/v1/conversations/{id}/events)."""
    lang = normalise_language(language)
    # The texts change only with a release or a profile edit; an hour keeps it fresh enough.
    response.headers["Cache-Control"] = "public, max-age=3600"
    return {
        "language": lang,
        "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
        "languages": [{"code": c, "name": NATIVE_NAMES[c]} for c in LANGUAGES],
        "events": any(getattr(r, "path", None) == EVENTS_PATH for r in request.app.routes),
        "strings": {key: fill(lang, text, {"name": "{name}"})
                    for key, text in WIDGET_STRINGS.items()},
    }
