"""Where a request's time goes, per phase, as a `Server-Timing` response header
(`store;dur=2.1, safety;dur=0.4, rasa;dur=51.0, app;dur=55.2`).

Operators and `make bench` read it to see what the front door adds to Rasa's own time.
Phases are wall time on the request's critical path: work that runs beside another
phase (the semantic layer while Rasa answers) counts there only as long as it is waited
for, and has its own entry with the CPU time it took (`semantic-cpu`).
Off unless `FRONTDOOR_SERVER_TIMING` is set: it tells a visitor how the server works."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_phases: ContextVar[dict[str, float] | None] = ContextVar("phases", default=None)


@contextmanager
def phase(name: str, clock: Callable[[], float] = time.perf_counter) -> Iterator[None]:
    """Adds the block's wall time (or `clock`'s, e.g. time.thread_time for the CPU
    of work beside the critical path) to `name` for the current request."""
    phases = _phases.get()
    if phases is None:
        yield
        return
    started = clock()
    try:
        yield
    finally:
        phases[name] = phases.get(name, 0.0) + (clock() - started) * 1000


def header(phases: dict[str, float]) -> bytes:
    return ", ".join(f"{k};dur={v:.2f}" for k, v in phases.items()).encode("ascii")


def parse(value: str) -> dict[str, float]:
    """The header read back (`make bench`, tests): `store;dur=2.10` -> {"store": 2.1}."""
    out = {}
    for part in filter(None, (p.strip() for p in value.split(","))):
        name, _, dur = part.partition(";dur=")
        out[name] = float(dur)
    return out


class ServerTiming:
    """ASGI middleware: measures each HTTP request and adds the header."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        phases: dict[str, float] = {}
        token = _phases.set(phases)
        started = time.perf_counter()

        async def timed_send(message):
            if message["type"] == "http.response.start":
                phases["app"] = (time.perf_counter() - started) * 1000
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"server-timing", header(phases))]}
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        finally:
            _phases.reset(token)
