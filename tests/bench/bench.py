"""`make bench`: residents walking the questionnaire at 1, 10 and 50 at once, against
(a) a bare `rasa run` with the REST channel on the same model, action server and NLG,
and (b) the full path through the FastAPI app (gateway, safety check, store), in the
same run. Prints messages/s, p50/p95/p99 latency and errors per level, the ratio
(b)/(a), the safety check's share of the per-message time, and CPU and memory per
process. Not part of `make test`."""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
import yaml

from bot import BOT_DIR, ROOT
from tests.e2e.stack import Stack, free_port
from tests.e2e.test_stack import SELF

LEVELS = (1, 10, 50)


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def row(self) -> dict:
        lat = sorted(self.latencies) or [0.0]

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000

        return {"messages": len(self.latencies), "per_s": len(self.latencies) / self.seconds,
                "p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99), "errors": self.errors}


class Full:
    """The front door's resident API."""

    def __init__(self, url: str) -> None:
        self.url = url

    async def start(self, http: httpx.AsyncClient) -> str:
        r = await http.post(f"{self.url}/api/v1/conversations", json={"language": "nl"})
        r.raise_for_status()
        return r.json()["id"]

    async def say(self, http: httpx.AsyncClient, cid: str, text: str) -> list[dict]:
        r = await http.post(f"{self.url}/api/v1/conversations/{cid}/messages",
                            json={"text": text})
        r.raise_for_status()
        return r.json()["messages"]


class Bare:
    """Rasa's own REST channel (text and custom come as separate messages there)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.n = 0

    async def start(self, http: httpx.AsyncClient) -> str:
        self.n += 1
        cid = f"bench-{time.time_ns()}-{self.n}"
        await self.say(http, cid, "/greet")
        return cid

    async def say(self, http: httpx.AsyncClient, cid: str, text: str) -> list[dict]:
        r = await http.post(f"{self.url}/webhooks/rest/webhook",
                            json={"sender": cid, "message": text,
                                  "metadata": {"language": "nl"}})
        r.raise_for_status()
        return [{"text": m.get("text", ""), "custom": m.get("custom") or {}}
                for m in r.json()]


async def walk(target, http: httpx.AsyncClient, result: Result) -> None:
    """One resident: the whole questionnaire for themselves, answering each question."""
    try:
        cid = await target.start(http)
    except httpx.HTTPError:
        result.errors += 1
        return
    text = "/start_questionnaire"
    for _ in range(40):
        started = time.perf_counter()
        try:
            messages = await target.say(http, cid, text)
        except httpx.HTTPError:
            result.errors += 1
            return
        result.latencies.append(time.perf_counter() - started)
        slot = next((m["custom"]["slot"] for m in reversed(messages)
                     if m["custom"].get("kind") == "question"), None)
        if slot is None:
            return  # done (the ticket), or the bot said something else: the walk ends
        if slot not in SELF:
            result.errors += 1
            return
        text = SELF[slot]


async def level(target, residents: int, rounds: int) -> Result:
    result = Result()
    limits = httpx.Limits(max_connections=residents + 5)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        started = time.perf_counter()
        for _ in range(rounds):
            await asyncio.gather(*(walk(target, http, result) for _ in range(residents)))
        result.seconds = time.perf_counter() - started
    return result


def sample(pids: dict[str, int]) -> dict[str, psutil.Process]:
    procs = {name: psutil.Process(pid) for name, pid in pids.items()}
    for p in procs.values():
        p.cpu_percent(None)  # starts the measurement
    return procs


def safety_share(p50_ms: float) -> tuple[float, float]:
    """The check's own cost per message (rules + semantic layer, what the gateway runs
    for each resident message) over the answers of a walk, and its share of `p50_ms`."""
    from bot.safety import check

    # Each text once: the semantic layer remembers texts it has seen.
    texts = [f"{t} ({i})" for i in range(20) for t in SELF.values()]
    check.rule_signals("warm up")
    check.semantic_signals("warm up", set())
    started = time.perf_counter()
    for t in texts:
        check.rule_signals(t, conversation_language="nl")
        check.semantic_signals(t, set())
    per_message = (time.perf_counter() - started) / len(texts) * 1000
    return per_message, 100 * per_message / p50_ms


def bare_rasa(stack: Stack, folder: Path) -> tuple[subprocess.Popen, str]:
    """A bare `rasa run` with the REST channel on the same model, the stack's action
    server and NLG endpoint, and its own tracker store."""
    endpoints = yaml.safe_load((stack.var_dir / "endpoints.yml").read_text())
    endpoints["tracker_store"] = {"type": "SQL", "dialect": "sqlite",
                                  "db": str(folder / "bare-trackers.db")}
    (folder / "endpoints.yml").write_text(yaml.safe_dump(endpoints))
    (folder / "credentials.yml").write_text(yaml.safe_dump({"rest": {}}))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rasa", "run", "--model",
                             str(ROOT / "models" / "frontdoor.tar.gz"),
                             "--endpoints", str(folder / "endpoints.yml"),
                             "--credentials", str(folder / "credentials.yml"),
                             "--interface", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=stack.env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(1)
    proc.kill()
    raise RuntimeError("bare rasa did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--levels", type=int, nargs="+", default=list(LEVELS))
    args = parser.parse_args()
    assert (BOT_DIR / "config.yml").exists()
    folder = Path(tempfile.mkdtemp(prefix="frontdoor-bench-"))
    stack = Stack(folder / "stack", FRONTDOOR_MESSAGES_PER_MINUTE="100000",
                  FRONTDOOR_CONVERSATIONS_PER_MINUTE_PER_CLIENT="100000").start()
    bare, bare_url = bare_rasa(stack, folder)
    try:
        pids = {**stack.child_pids(), "bare-rasa": bare.pid}
        rows = []
        # One walk each first: model and caches warm, so the first level is not the
        # cost of the first message.
        for target in (Bare(bare_url), Full(stack.url)):
            asyncio.run(level(target, 1, 1))
        for n in args.levels:
            rounds = 5 if n == 1 else 1  # enough messages at one resident too
            for name, target in (("bare rasa", Bare(bare_url)), ("full path", Full(stack.url))):
                procs = sample(pids)
                result = asyncio.run(level(target, n, rounds))
                usage = {k: (p.cpu_percent(None), p.memory_info().rss / 2**20)
                         for k, p in procs.items()}
                rows.append((n, name, result.row(), usage))
                r = result.row()
                print(f"{n:>3} residents  {name:<10} {r['messages']:>5} messages "
                      f"{r['per_s']:>6.1f}/s  p50 {r['p50']:>6.0f} ms  p95 {r['p95']:>6.0f} ms  "
                      f"p99 {r['p99']:>6.0f} ms  errors {r['errors']}", flush=True)
        print("\n| residents | path | messages/s | p50 ms | p95 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|---|")
        for n, name, r, _ in rows:
            print(f"| {n} | {name} | {r['per_s']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | "
                  f"{r['p99']:.0f} | {r['errors']} |")
        print("\nratio full path / bare rasa (latency):")
        for n in args.levels:
            a = next(r for m, name, r, _ in rows if m == n and name == "bare rasa")
            b = next(r for m, name, r, _ in rows if m == n and name == "full path")
            print(f"  {n:>3} residents: p50 {b['p50'] / a['p50']:.2f}x, "
                  f"p95 {b['p95'] / a['p95']:.2f}x, p99 {b['p99'] / a['p99']:.2f}x")
        top = max(args.levels)
        full_top = next(r for m, name, r, _ in rows if m == top and name == "full path")
        cost, _ = safety_share(1.0)
        print(f"\nsafety check (rules + semantic layer, new texts): {cost:.2f} ms per message")
        for n, name, r, _ in rows:
            if name == "full path":
                print(f"  = {100 * cost / r['p50']:.1f}% of the full path's p50 at {n} "
                      f"residents ({r['p50']:.0f} ms)")
        print(f"errors at {top} residents (full path): {full_top['errors']}")
        print("\nCPU (% of one core, average over the level) and memory per process, "
              f"at {top} residents:")
        for n, name, _, usage in rows:
            if n == top:
                print(f"  {name}: " + ", ".join(f"{k} {c:.0f}% {m:.0f} MiB"
                                                for k, (c, m) in sorted(usage.items())))
    finally:
        bare.terminate()
        bare.wait(30)
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
