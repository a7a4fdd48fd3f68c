"""Server-sent event streams over the event bus (staff views, the resident's widget)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from fastapi.responses import StreamingResponse

from bot.events.base import EventBus

# A comment line this often keeps proxies from closing a quiet stream.
KEEPALIVE_SECONDS = 15.0


async def stream(bus: EventBus, channel: str,
                 transform: Callable[[dict[str, Any]], Any | None],
                 alive: Callable[[], bool] | None = None) -> StreamingResponse:
    """Streams `transform(event)` for each event on `channel` (None: skip it).

    Subscribes before the response starts, so nothing published after the request
    arrived is missed; the subscription ends when the client goes away, or when
    `alive()` turns false (checked at every keep-alive: a staff session that ended or
    sat idle stops its streams too)."""
    sub = await bus.subscribe(channel)

    async def events():
        try:
            # The browser's EventSource reconnects after this many milliseconds.
            yield "retry: 2000\n\n"
            while True:
                event = await sub.get(KEEPALIVE_SECONDS)
                if event is None:
                    if alive is not None and not await asyncio.to_thread(alive):
                        return
                    yield ": keepalive\n\n"
                    continue
                data = transform(event)
                if data is not None:
                    yield f"data: {json.dumps(data, ensure_ascii=False)}\n\n"
        finally:
            # The client left: this task is being cancelled, but the subscription (a
            # Redis connection) must still be given back.
            closing = asyncio.ensure_future(sub.close())
            try:
                await asyncio.shield(closing)
            except asyncio.CancelledError:
                pass

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
