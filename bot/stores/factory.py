"""Picks the store implementation from a URL."""

from __future__ import annotations

from bot.stores.base import Store


def create_store(url: str) -> Store:
    if url.startswith("memory://"):
        from bot.stores.memory import InMemoryStore

        return InMemoryStore()
    if url.startswith(("sqlite://", "postgresql://", "postgresql+")):
        # Imported lazily so a deployment only loads the driver it uses.
        from bot.stores.sql import SQLStore

        return SQLStore(url)
    raise ValueError(f"unsupported store URL scheme: {url.split(':', 1)[0]!r}")
