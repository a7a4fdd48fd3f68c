"""Redis pub/sub event bus: several web processes share live updates."""

from __future__ import annotations

import asyncio
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
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (left := deadline - loop.time()) > 0:
            # Returns None at once for the subscribe confirmation: wait on for the rest.
            message = await self.pubsub.get_message(ignore_subscribe_messages=True,
                                                    timeout=left)
            if message is not None and message.get("type") == "message":
                return json.loads(message["data"])
        return None

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
