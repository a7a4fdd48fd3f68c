"""The event bus interface. Events are small JSON objects on named channels; a
subscriber sees the events published after it subscribed (no history: the store has
that)."""

from __future__ import annotations

import abc
from typing import Any

QUEUE = "queue"


def conversation_channel(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"


class Subscription(abc.ABC):
    """`async with bus.subscribe(channel) as sub:` then `await sub.get(timeout)`."""

    @abc.abstractmethod
    async def get(self, timeout: float) -> dict[str, Any] | None:
        """The next event, or None when none came within `timeout` seconds."""

    @abc.abstractmethod
    async def close(self) -> None: ...

    async def __aenter__(self) -> Subscription:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()


class EventBus(abc.ABC):
    @abc.abstractmethod
    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        """Never raises: a live view that misses an event reloads from the store."""

    @abc.abstractmethod
    async def subscribe(self, channel: str) -> Subscription: ...

    async def close(self) -> None:  # noqa: B027 - optional hook
        pass
