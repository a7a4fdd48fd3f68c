"""Plain-language errors for residents; precise ones for staff and the log."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.i18n import N_, gettext, normalise_language
from bot.staff.console import ConsoleError

log = logging.getLogger(__name__)
# Staff get precise validation errors; residents a plain sentence.
STAFF_PATHS = ("/api/v1/staff", "/api/v1/content", "/api/v1/profile")

INVALID_REQUEST = N_("Uw bericht kon ik niet lezen. Probeer het opnieuw.")
EMPTY_TEXT = N_("Uw bericht is leeg. Typ eerst een bericht.")
TOO_LONG = N_("Uw bericht is te lang. Gebruik maximaal {max} tekens.")
UNKNOWN_CONVERSATION = N_("Dit gesprek bestaat niet (meer). Begin een nieuw gesprek.")
UNKNOWN_LANGUAGE = N_("Deze taal ken ik niet. Kies nl, en, ar, tr, pl of uk.")
TOO_MANY = N_("U stuurt veel berichten snel achter elkaar. Wacht even en probeer het opnieuw.")
TOO_BIG = N_("Uw bericht is te groot.")
NOT_ANSWERED = N_("Op die vraag heb ik in dit gesprek nog geen antwoord gegeven.")
FEEDBACK_GIVEN = N_("U heeft al gezegd of dit antwoord hielp. Dank u wel.")
SERVER_ERROR = N_("Er ging iets mis. Probeer het zo opnieuw.")


def resident_language(request: Request) -> str:
    return normalise_language(request.headers.get("accept-language"))


def plain(status: int, template: str, request: Request | None = None,
          language: str | None = None, **kw) -> JSONResponse:
    """A plain-language error in the resident's language (given, or from the browser)."""
    lang = language or (resident_language(request) if request is not None else "nl")
    return JSONResponse({"detail": gettext(lang, template).format(**kw)}, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # The log says exactly what was wrong (field and type), never the content.
        log.info("rejected request %s %s: %s", request.method, request.url.path,
                 [(e.get("loc"), e.get("type")) for e in exc.errors()])
        if request.url.path.startswith(STAFF_PATHS):
            return JSONResponse({"detail": "invalid request", "errors": [
                {"loc": e.get("loc"), "msg": e.get("msg")} for e in exc.errors()]},
                status_code=422)
        return plain(422, INVALID_REQUEST, request)

    @app.exception_handler(ConsoleError)
    async def _console(request: Request, exc: ConsoleError) -> JSONResponse:
        # A staff action the service refused (409 taken, 404 unknown, 422 bad value).
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return plain(503, SERVER_ERROR, request)
