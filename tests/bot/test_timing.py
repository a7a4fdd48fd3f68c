"""The Server-Timing phases outside the app."""

from bot.timing import _phases, header, parse, phase


def test_header_reads_back():
    phases = {"store": 2.104, "rasa": 51.0, "app": 55.25}
    assert parse(header(phases).decode()) == {"store": 2.1, "rasa": 51.0, "app": 55.25}
    assert parse("") == {}


def test_phases_outside_a_request_cost_nothing_and_keep_nothing():
    with phase("store"):
        pass
    assert _phases.get() is None
