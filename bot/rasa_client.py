"""Talks to the Rasa server through the front-door channel."""

from __future__ import annotations

import logging
from typing import Any

import httpx

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    pass


class RasaClient:
    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(timeout=timeout)

    async def send(self, sender: str, text: str, metadata: dict[str, Any],
                   timeout: float | None = None) -> dict:
        """{"messages": [...], "intent": {...}, "intent_ranking": [...]}"""
        try:
            resp = await self._client.post(
                f"{self.base_url}/webhooks/frontdoor/webhook",
                json={"sender": sender, "message": text, "metadata": metadata},
                **({"timeout": timeout} if timeout else {}),
            )
            resp.raise_for_status()
            return resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            # The exception names the URL, never the resident's text.
            log.error("rasa request failed: %s", type(exc).__name__)
            raise RasaUnavailable(str(type(exc).__name__)) from exc

    async def ready(self) -> bool:
        try:
            resp = await self._client.get(f"{self.base_url}/webhooks/frontdoor/", timeout=2)
            return resp.status_code == 200
        except httpx.HTTPError:
            return False

    async def aclose(self) -> None:
        await self._client.aclose()
