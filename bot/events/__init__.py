"""Live updates between processes: staff views and the resident's pushed messages."""

from bot.events.base import EventBus, Subscription
from bot.events.factory import create_bus

__all__ = ["EventBus", "Subscription", "create_bus"]
