"""Pluggable stores, the way Rasa does it: an abstract base, an embedded default,
and a factory that picks the implementation from a URL."""

from bot.stores.base import Store, StoreError
from bot.stores.factory import create_store

__all__ = ["Store", "StoreError", "create_store"]
