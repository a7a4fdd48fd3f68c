"""`make bench`: residents walking the questionnaire at 1, 10 and 50 at once, against
(a) a bare `rasa run` with the REST channel on the same model, action server and NLG,
and (b) the full path through the FastAPI app (gateway, safety check, store), in the
same run. Prints messages/s, p50/p95/p99 latency and errors per level, the ratio
(b)/(a), the safety check's share of the per-message time, and CPU and memory per
process, and where the full path's time goes (the web process's Server-Timing header).
Not part of `make test`."""

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

from bot import BOT_DIR, ROOT, timing
from tests.e2e.stack import Stack, free_port
from tests.e2e.test_stack import SELF

LEVELS = (1, 10, 50)
# Rounds per level (each resident walks the questionnaire once per round, about 18
# messages): enough messages for a p99 at one resident too.
ROUNDS = {1: 12, 10: 2, 50: 1}


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
        self.phases: list[dict[str, float]] = []

    async def start(self, http: httpx.AsyncClient) -> str:
        r = await http.post(f"{self.url}/api/v1/conversations", json={"language": "nl"})
        r.raise_for_status()
        return r.json()["id"]

    async def say(self, http: httpx.AsyncClient, cid: str, text: str) -> list[dict]:
        r = await http.post(f"{self.url}/api/v1/conversations/{cid}/messages",
                            json={"text": text})
        r.raise_for_status()
        self.phases.append(timing.parse(r.headers.get("server-timing", "")))
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


async def level(target, residents: int, result: Result) -> None:
    """One round: `residents` walks at once; adds to `result`."""
    limits = httpx.Limits(max_connections=residents + 5)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(walk(target, http, result) for _ in range(residents)))
        result.seconds += time.perf_counter() - started


@dataclass
class Usage:
    """CPU seconds and peak memory per process while one path was measured."""
    cpu: dict[str, float] = field(default_factory=dict)
    rss: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    def measure(self, procs: dict[str, psutil.Process], work) -> None:
        """Runs the coroutine `work` and adds what each process used meanwhile."""
        def cpu(p: psutil.Process) -> float:
            t = p.cpu_times()
            return t.user + t.system

        before = {k: cpu(p) for k, p in procs.items()}
        started = time.perf_counter()
        asyncio.run(work)
        self.seconds += time.perf_counter() - started
        for k, p in procs.items():
            self.cpu[k] = self.cpu.get(k, 0.0) + cpu(p) - before[k]
            self.rss[k] = max(self.rss.get(k, 0.0), p.memory_info().rss / 2**20)

    def line(self) -> str:
        return ", ".join(f"{k} {100 * self.cpu[k] / self.seconds:.0f}% {self.rss[k]:.0f} MiB"
                         for k in sorted(self.cpu))


def mean_phases(samples: list[dict[str, float]]) -> dict[str, float]:
    names = sorted({k for s in samples for k in s}, key=lambda k: (k == "app", k))
    return {k: sum(s.get(k, 0.0) for s in samples) / max(1, len(samples)) for k in names}


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
    stack = Stack(folder / "stack", FRONTDOOR_SERVER_TIMING="1",
                  FRONTDOOR_MESSAGES_PER_MINUTE="100000",
                  FRONTDOOR_CONVERSATIONS_PER_MINUTE_PER_CLIENT="100000").start()
    bare, bare_url = bare_rasa(stack, folder)
    try:
        procs = {name: psutil.Process(pid)
                 for name, pid in {**stack.child_pids(), "bare-rasa": bare.pid}.items()}
        rows = []
        phases: dict[int, dict[str, float]] = {}
        # One walk each first: model and caches warm, so the first level is not the
        # cost of the first message.
        for target in (Bare(bare_url), Full(stack.url)):
            asyncio.run(level(target, 1, Result()))
        for n in args.levels:
            # Bare and full take turns, round by round, so both see the same machine
            # (a shared machine's speed drifts by more than the difference measured).
            targets = {"bare rasa": Bare(bare_url), "full path": Full(stack.url)}
            results = {name: Result() for name in targets}
            usages = {name: Usage() for name in targets}
            for i in range(ROUNDS.get(n, 1)):
                order = list(targets) if i % 2 == 0 else list(reversed(targets))
                for name in order:
                    usages[name].measure(procs, level(targets[name], n, results[name]))
            for name in targets:
                r = results[name].row()
                rows.append((n, name, r, usages[name]))
                print(f"{n:>3} residents  {name:<10} {r['messages']:>5} messages "
                      f"{r['per_s']:>6.1f}/s  p50 {r['p50']:>6.0f} ms  p95 {r['p95']:>6.0f} ms  "
                      f"p99 {r['p99']:>6.0f} ms  errors {r['errors']}", flush=True)
            phases[n] = mean_phases(targets["full path"].phases)
        print("\n| residents | path | messages/s | p50 ms | p95 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|---|")
        for n, name, r, _ in rows:
            print(f"| {n} | {name} | {r['per_s']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | "
                  f"{r['p99']:.0f} | {r['errors']} |")
        row = {(n, name): r for n, name, r, _ in rows}
        print("\nratio full path / bare rasa (latency):")
        for n in args.levels:
            a, b = row[n, "bare rasa"], row[n, "full path"]
            print(f"  {n:>3} residents: p50 {b['p50'] / a['p50']:.2f}x, "
                  f"p95 {b['p95'] / a['p95']:.2f}x, p99 {b['p99'] / a['p99']:.2f}x")
        top = max(args.levels)
        print("\nwhere the full path's time goes (Server-Timing, mean ms per message; "
              "app = request in to response out in the web process):")
        for n, mean in phases.items():
            print(f"  {n:>3} residents: " + ", ".join(f"{k} {v:.1f}" for k, v in mean.items()))
        print("\nsafety check per message (Server-Timing of the web process): on the "
              "critical path (rules, waiting for the semantic layer, model and dialogue "
              "layers), and all of its CPU (the semantic layer runs beside Rasa):")
        for n, mean in phases.items():
            p50 = row[n, "full path"]["p50"]
            path = mean.get("safety", 0.0)
            cpu = path + mean.get("semantic-cpu", 0.0)
            print(f"  {n:>3} residents: critical path {path:.2f} ms = {100 * path / p50:.1f}% "
                  f"of the p50 ({p50:.0f} ms); CPU {cpu:.2f} ms = {100 * cpu / p50:.1f}%")
        print(f"errors at {top} residents (full path): {row[top, 'full path']['errors']}")
        print("\nCPU (% of one core, over the path's own rounds) and peak memory per "
              "process:")
        for n, name, _, usage in rows:
            print(f"  {n:>3} residents, {name}: {usage.line()}")
    finally:
        bare.terminate()
        bare.wait(30)
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
