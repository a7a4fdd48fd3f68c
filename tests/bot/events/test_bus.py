"""The same tests run against every event bus implementation (Redis: a real server)."""

import asyncio

import pytest

from bot.events import create_bus


@pytest.fixture(params=["memory", "redis"])
def bus_url(request):
    return "memory://" if request.param == "memory" else request.getfixturevalue("redis_url")


def run(coro):
    return asyncio.run(coro)


def test_a_subscriber_gets_what_is_published_after_it_subscribed(bus_url):
    async def scenario():
        bus = create_bus(bus_url)
        await bus.publish("queue", {"lost": True})  # nobody listens yet: gone
        async with await bus.subscribe("queue") as sub:
            await bus.publish("queue", {"conversation_id": "a", "priority": "P1"})
            await bus.publish("other", {"x": 1})
            first = await sub.get(2)
            nothing = await sub.get(0.2)
        await bus.close()
        return first, nothing

    first, nothing = run(scenario())
    assert first == {"conversation_id": "a", "priority": "P1"}
    assert nothing is None


def test_every_subscriber_of_a_channel_gets_every_event_in_order(bus_url):
    async def scenario():
        bus = create_bus(bus_url)
        subs = [await bus.subscribe("conversation:x") for _ in range(2)]
        for i in range(3):
            await bus.publish("conversation:x", {"i": i, "text": "ü"})
        got = []
        for s in subs:
            got.append([(await s.get(2))["i"] for _ in range(3)])
        for s in subs:
            await s.close()
        await bus.close()
        return got

    assert run(scenario()) == [[0, 1, 2], [0, 1, 2]]


def test_two_processes_share_events_through_redis(redis_url):
    """Two buses are two web processes: one publishes, the other's subscriber hears it."""
    async def scenario():
        a, b = create_bus(redis_url), create_bus(redis_url)
        async with await b.subscribe("queue") as sub:
            await a.publish("queue", {"from": "process a"})
            got = await sub.get(2)
        await a.close()
        await b.close()
        return got

    assert run(scenario()) == {"from": "process a"}


def test_a_closed_subscription_gets_nothing_more():
    async def scenario():
        bus = create_bus("memory://")
        sub = await bus.subscribe("queue")
        await sub.close()
        await bus.publish("queue", {"a": 1})
        return await sub.get(0.1)

    assert run(scenario()) is None


def test_unknown_scheme_is_refused():
    with pytest.raises(ValueError):
        create_bus("kafka://x")
