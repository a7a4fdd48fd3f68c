"""Redis pub/sub event bus: several web processes share live updates."""

from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from bot.events.base import EventBus, Subscription

log = logging.getLogger(__name__)


class _RedisSubscription(Subscription):
    def __init__(self, pubsub) -> None:
        self.pubsub = pubsub

    async def get(self, timeout: float) -> dict[str, Any] | None:
        message = await self.pubsub.get_message(ignore_subscribe_messages=True,
                                                timeout=timeout)
        if message is None:
            return None
        return json.loads(message["data"])

    async def close(self) -> None:
        try:
            await self.pubsub.unsubscribe()
            await self.pubsub.close()
        except RedisError:
            pass


class RedisBus(EventBus):
    def __init__(self, url: str, prefix: str = "frontdoor:") -> None:
        self.client = aioredis.from_url(url)
        self.prefix = prefix

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        try:
            await self.client.publish(self.prefix + channel,
                                      json.dumps(event, ensure_ascii=False))
        except RedisError as exc:
            # The store already holds the change; views catch up on their next load.
            log.error("event not published: %s", type(exc).__name__)

    async def subscribe(self, channel: str) -> Subscription:
        pubsub = self.client.pubsub()
        await pubsub.subscribe(self.prefix + channel)
        return _RedisSubscription(pubsub)

    async def close(self) -> None:
        await self.client.close()
