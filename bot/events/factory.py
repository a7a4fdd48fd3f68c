"""Picks the event bus from a URL: memory:// (default) or redis://."""

from __future__ import annotations

from bot.events.base import EventBus


def create_bus(url: str) -> EventBus:
    if url.startswith("memory://"):
        from bot.events.memory import InMemoryBus

        return InMemoryBus()
    if url.startswith(("redis://", "rediss://", "unix://")):
        # Imported lazily: the embedded default never loads the Redis client.
        from bot.events.redis import RedisBus

        return RedisBus(url)
    raise ValueError(f"unsupported event bus URL scheme: {url.split(':', 1)[0]!r}")
