"""Measures the real stack: start-up time, per-message latency over questionnaire
walks through the API, and resident memory (RSS) of each process.

    .venv/bin/python -m tests.e2e.measure [--walks 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tests.e2e.stack import Resident, Stack

ANSWERS = {
    "for_whom": "voor mijn moeder",
    "relation": "moeder",
    "subject_aware": "ja, ze weet het",
    "question": "Mijn moeder is 82 en kan het huishouden niet meer aan.",
    "urgent": "nee",
    "safe_at_home": "ja",
    "life_domains": "huishouden en contact met anderen",
    "multiple_questions": "nee",
    "already_tried": "ik doe zelf de boodschappen",
    "known_to_municipality": "weet ik niet",
    "wants_contact": "ja graag",
    "contact_name": "Fatima",
    "contact_phone": "06 12345678",
    "contact_email": "fatima@voorbeeld.nl",
    "preferred_channel": "whatsapp",
    "reachable": "na 17.00 uur",
    "consent_share": "ja",
    "consent_transcript": "ja",
    "confirm_summary": "ja, klopt",
}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--walks", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        stack = Stack(Path(tmp)).start()
        print(f"stack ready in {time.monotonic() - started:.1f} s")
        latencies: list[float] = []
        try:
            for _ in range(args.walks):
                r = Resident(stack.url)
                r.say("ik wil hulp vragen")
                r.answer(ANSWERS)
                latencies += r.latencies
            print(f"{args.walks} questionnaire walks, {len(latencies)} messages")
            ms = {q: pct(latencies, q) * 1000 for q in (.5, .95, .99)}
            print(f"per-message latency: p50 {ms[.5]:.0f} ms, p95 {ms[.95]:.0f} ms, "
                  f"p99 {ms[.99]:.0f} ms, mean {statistics.mean(latencies) * 1000:.0f} ms")
            for name, pid in stack.child_pids().items():
                print(f"RSS {name:8} {rss_mb(pid):7.0f} MB")
            print(f"RSS {'supervisor':8} {rss_mb(stack.proc.pid):7.0f} MB")
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
