"""`make eval-nlu`: topic accuracy per language on the shared development set and our
own held-out set (tests/nlu/topics_heldout.jsonl, written apart from the training
data), with the trained Rasa model loaded in-process; and language-detection accuracy
on messages of four words or more.

    .venv/bin/python -m tests.nlu.topics [--misses]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections import defaultdict
from pathlib import Path

from bot import ROOT
from bot.language import detect
from bot.topics import TOPICS

SETS = {
    "shared dev": ROOT.parent / "shared" / "eval" / "topics_dev.jsonl",
    "own held-out": ROOT / "tests" / "nlu" / "topics_heldout.jsonl",
}
LANGS = ("nl", "en", "ar", "tr", "pl", "uk")
MODEL = ROOT / "models" / "frontdoor.tar.gz"


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def topic_of(parse: dict) -> str | None:
    """The topic the bot would answer with: the info_ intent, or out_of_scope."""
    name = (parse.get("intent") or {}).get("name") or ""
    if name == "out_of_scope":
        return "out_of_scope"
    topic = name.removeprefix("info_")
    return topic if topic in TOPICS else None


async def parse_all(texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    return [await agent.parse_message(t) for t in texts]


def report(name: str, rows: list[dict], got: list[str | None], misses: bool) -> dict:
    cells = defaultdict(lambda: [0, 0])
    wrong = []
    for row, topic in zip(rows, got, strict=True):
        cell = cells[row["lang"]]
        cell[1] += 1
        if topic == row["expect"]:
            cell[0] += 1
        else:
            wrong.append(f"  {row['lang']} expect {row['expect']:20} got {topic}: {row['text']}")
    print(f"\n== {name}: {len(rows)} questions")
    out = {}
    for lang in LANGS:
        if cells[lang][1]:
            right, total = cells[lang]
            out[lang] = right / total
            print(f"{lang:4} topic accuracy {right:3}/{total:<3} = {right / total:.0%}")
    total = [sum(c[0] for c in cells.values()), sum(c[1] for c in cells.values())]
    print(f"all  topic accuracy {total[0]}/{total[1]} = {total[0] / total[1]:.1%}")
    if misses:
        print("\n".join(wrong))
    return out


def language_detection(rows: list[dict]) -> None:
    long_enough = [r for r in rows if len(r["text"].split()) >= 4]
    per = defaultdict(lambda: [0, 0])
    for r in long_enough:
        per[r["lang"]][1] += 1
        per[r["lang"]][0] += detect(r["text"]) == r["lang"]
    right = sum(v[0] for v in per.values())
    print(f"\n== language detection, messages of 4+ words: {right}/{len(long_enough)} = "
          f"{right / len(long_enough):.1%}  (" + ", ".join(
              f"{lang} {per[lang][0]}/{per[lang][1]}" for lang in LANGS if per[lang][1]) + ")")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    data = {name: load(path) for name, path in SETS.items() if path.exists()}
    everything = [r for rows in data.values() for r in rows]
    parses = asyncio.run(parse_all([r["text"] for r in everything]))
    start = 0
    for name, rows in data.items():
        got = [topic_of(p) for p in parses[start:start + len(rows)]]
        start += len(rows)
        report(name, rows, got, args.misses)
    safety = ROOT.parent / "shared" / "eval" / "safety_dev.jsonl"
    language_detection(everything + (load(safety) if safety.exists() else []))


if __name__ == "__main__":
    main()
