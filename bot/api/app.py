"""Builds the FastAPI app."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from threadpoolctl import threadpool_limits

from bot import ROOT, profile, retention
from bot.api import (
    console_pages,
    content,
    conversations,
    editor,
    errors,
    nlg,
    pages,
    staff,
    tickets,
    widget,
)
from bot.api.deps import Services, make_limiter
from bot.chat import ChatService
from bot.content import service as content_service
from bot.events import EventBus, create_bus
from bot.rasa_client import RasaClient
from bot.safety import semantic
from bot.safety.rules import default_rules
from bot.settings import Settings, get_settings
from bot.stores import Store, create_store
from bot.timing import ServerTiming

log = logging.getLogger(__name__)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'")


class BodyLimit:
    """Rejects request bodies over the limit before they are read into memory."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        # Only the public API: Rasa's NLG calls carry the whole tracker.
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            return await self._too_big(scope, receive, send)
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooBig()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooBig:
            await self._too_big(scope, receive, send)

    async def _too_big(self, scope, receive, send):
        resp = JSONResponse({"detail": "Uw bericht is te groot."}, status_code=413)
        await resp(scope, receive, send)


class _TooBig(Exception):
    pass


def create_app(settings: Settings | None = None, store: Store | None = None,
               rasa: RasaClient | None = None, bus: EventBus | None = None) -> FastAPI:
    settings = settings or get_settings()
    store = store or create_store(settings.db_url)
    bus = bus or create_bus(settings.bus_url)
    rasa = rasa or RasaClient(settings.rasa_base_url, settings.rasa_timeout_seconds)

    # Load and check the safety patterns now: a broken pattern file must stop the
    # start-up loudly, not fail on a resident's first message.
    default_rules()
    semantic.classifier()  # trains (minutes) only when `make model` has not done it yet
    # The encoder loads its weights on first use (about a second): at start, not on the
    # first resident's message.
    semantic.scores("opstarten van de digitale voordeur")
    # One BLAS thread, however the process was started (see bot.supervisor.WEB_ENV).
    threadpool_limits(1)
    # Answer content: the initial texts for topics and languages that have none yet.
    added = content_service.seed(store)
    if added:
        log.info("content: %d initial answers added", added)
    profile.use_store(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        purging = asyncio.create_task(retention.every(store, settings)) \
            if settings.retention_check_minutes > 0 else None
        yield
        if purging:
            purging.cancel()
        await rasa.aclose()
        await bus.close()
        profile.use_store(None)
        store.close()

    app = FastAPI(
        title="Digitale voordeur sociaal domein",
        version="0.1.0",
        description="Resident chat API and staff API of the front door. See README.md.",
        lifespan=lifespan,
    )
    app.state.services = Services(settings=settings, store=store,
                                  chat=ChatService(store=store, rasa=rasa, bus=bus),
                                  limiter=make_limiter(settings.limits_url))
    errors.install(app)
    app.include_router(conversations.router)
    app.include_router(staff.router)
    app.include_router(tickets.router)
    app.include_router(nlg.router)
    app.include_router(widget.router)
    app.include_router(content.router)
    app.include_router(editor.router)
    app.include_router(pages.router)
    app.include_router(console_pages.router)
    app.mount("/widget", StaticFiles(directory=str(ROOT / "web_widget")), name="widget")
    app.mount("/static", StaticFiles(directory=str(ROOT / "bot" / "static")), name="static")

    @app.get("/healthz", include_in_schema=False)
    async def health():
        return {"web": "ok", "rasa": "ok" if await rasa.ready() else "down"}

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    if settings.server_timing:
        app.add_middleware(ServerTiming)
    return app


def app_factory() -> FastAPI:
    """Entry point for uvicorn --factory."""
    return create_app()
