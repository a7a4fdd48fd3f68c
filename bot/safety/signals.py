"""Signal categories and priorities (stable keys, part of the public contract)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from bot.stores.base import now

PRIORITY = {
    "suicide": "P1",
    "acute_danger": "P1",
    "domestic_violence": "P1",
    "child_safety": "P1",
    "urgent_financial": "P2",
    "no_shelter": "P2",
}
CATEGORIES = tuple(PRIORITY)
PRIORITY_RANK = {"P1": 0, "P2": 1, "P3": 2}


@dataclass
class Signal:
    category: str
    layer: str  # "rules" or "model"
    excerpt: str
    language: str | None = None
    score: float = 1.0
    at: str = field(default_factory=lambda: now().isoformat())

    @property
    def priority(self) -> str:
        return PRIORITY[self.category]

    def record(self) -> dict:
        data = asdict(self)
        data["priority"] = self.priority
        return data


def highest_priority(priorities: list[str]) -> str:
    return min(priorities, key=lambda p: PRIORITY_RANK.get(p, 9), default="P3")
