"""In-process event bus: the embedded default (one web process)."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.events.base import EventBus, Subscription

# A subscriber that stops reading (a closed laptop) must not make memory grow.
MAX_PENDING = 200


class _MemorySubscription(Subscription):
    def __init__(self, bus: InMemoryBus, channel: str) -> None:
        self.bus, self.channel = bus, channel
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue = asyncio.Queue(MAX_PENDING)

    def offer(self, event: dict[str, Any]) -> None:
        if self.queue.full():
            self.queue.get_nowait()  # drop the oldest; the view reloads anyway
        self.queue.put_nowait(event)

    async def get(self, timeout: float) -> dict[str, Any] | None:
        try:
            return await asyncio.wait_for(self.queue.get(), timeout)
        except asyncio.TimeoutError:
            return None

    async def close(self) -> None:
        self.bus._subscribers.get(self.channel, set()).discard(self)


class InMemoryBus(EventBus):
    def __init__(self) -> None:
        self._subscribers: dict[str, set[_MemorySubscription]] = {}

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        for sub in list(self._subscribers.get(channel, ())):
            # Subscribers may live on another event loop (tests, threads).
            sub.loop.call_soon_threadsafe(sub.offer, dict(event))

    async def subscribe(self, channel: str) -> Subscription:
        sub = _MemorySubscription(self, channel)
        self._subscribers.setdefault(channel, set()).add(sub)
        return sub
