"""Urgency and safety signals (design: safety.md), checked on every resident message."""

from bot.safety.signals import CATEGORIES, PRIORITY, Signal

__all__ = ["CATEGORIES", "PRIORITY", "Signal"]
