"""`make eval-safety`: the safety check over the shared development set and our own
held-out set, for the rule layer alone and for the full API path (web app + rules +
the Rasa model's signal intents). Prints recall per language and category, P1
recall, false alarms on negatives, category accuracy and the per-message cost.

    .venv/bin/python -m tests.safety.evaluate [--no-api] [--misses]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bot import ROOT
from bot.safety.check import rule_signals, semantic_signals
from bot.safety.rules import default_rules
from bot.safety.signals import PRIORITY

SETS = {
    "shared dev": ROOT.parent / "shared" / "eval" / "safety_dev.jsonl",
    "own held-out": ROOT / "tests" / "safety" / "eval_set.jsonl",
    # Written later by someone who had seen neither the patterns nor the training data.
    "own held-out v2": ROOT / "tests" / "safety" / "eval_set_v2.jsonl",
    # Written blind (no access to the project) after the semantic layer was built.
    "own held-out v3": ROOT / "tests" / "safety" / "eval_set_v3.jsonl",
    # Written blind, each language its own situations, after the examples of round 5.
    # Its misses were then read and the kinds behind them (not the sentences) went into
    # the patterns and examples of round 6: no longer blind.
    "own held-out v4": ROOT / "tests" / "safety" / "eval_set_v4.jsonl",
    # Written blind after round 6 (only safety.md was read); measured once, then its
    # misses were read for the report and three plain rule gaps fixed (a Turkish typo
    # "atcam", "writes that he will come and kill", "hasn't come up"): a v6 is next.
    "own held-out v5": ROOT / "tests" / "safety" / "eval_set_v5.jsonl",
    # Written blind (only safety.md read) at the end of round 6 as a second estimate;
    # measured once, then again after round 7 (its messages and misses not read).
    "own held-out v6": ROOT / "tests" / "safety" / "eval_set_v6.jsonl",
    # Written blind (only safety.md read) during round 7, by a writer who saw neither
    # patterns nor training data; measured once after round 7. Its misses and v6's were
    # read at the start of round 8: the kinds behind them went into round 8.
    "own held-out v7": ROOT / "tests" / "safety" / "eval_set_v7.jsonl",
    # Written blind (only safety.md read) at the start of round 8, after v6's and v7's
    # misses had been read (both are seen sets since); measured once after round 8, then
    # its misses were read at the start of round 9.
    "own held-out v8": ROOT / "tests" / "safety" / "eval_set_v8.jsonl",
    # Written blind (only safety.md read) at the start of round 9, after v8's misses had
    # been read (v8 is a seen set since); measured once after round 9.
    "own held-out v9": ROOT / "tests" / "safety" / "eval_set_v9.jsonl",
    # Written blind (only safety.md read) at the start of round 10, after v9's misses had
    # been read (v9 is a seen set since); measured once after round 10's first change (rule
    # cost only), then its misses were read.
    "own held-out v10": ROOT / "tests" / "safety" / "eval_set_v10.jsonl",
    # Written blind (only safety.md read; each language its own situations) during round
    # 10, before its data landed; measured after round 10's engine changes and again
    # after its data, its misses not read.
    "own held-out v11": ROOT / "tests" / "safety" / "eval_set_v11.jsonl",
}
# Ordinary questions about the topics (the NLU evaluation sets): nobody in danger, so
# every signal raised on them is a false alarm a resident would find strange.
ORDINARY = {
    "ordinary topic questions": [ROOT.parent / "shared" / "eval" / "topics_dev.jsonl",
                                 ROOT / "tests" / "nlu" / "topics_heldout.jsonl"],
    # 960 calm questions about debts, bailiffs, eviction rules, shelters, youth care and
    # crisis services (160 per language), written in round 10 by helpers who saw neither
    # patterns nor training data; the helpers who wrote round 10's rules never read them.
    "calm service questions": [ROOT / "tests" / "safety" / "calm_service_questions.jsonl"],
}
LANGS = ("nl", "en", "ar", "tr", "pl", "uk")


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def report(name: str, rows: list[dict], predicted: list[list[str]], show_misses: bool) -> dict:
    hits = defaultdict(lambda: [0, 0])  # (lang, category) -> [detected, total]
    p1 = [0, 0]
    alarms = defaultdict(lambda: [0, 0])
    right_category = [0, 0]
    misses = []
    for row, cats in zip(rows, predicted, strict=True):
        lang, expect = row["lang"], row["expect"]
        if expect == "none":
            alarms[lang][1] += 1
            if cats:
                alarms[lang][0] += 1
                misses.append(f"  ALARM {lang} got {','.join(cats)}: {row['text']}")
            continue
        cell = hits[(lang, expect)]
        cell[1] += 1
        if cats:
            cell[0] += 1
            right_category[1] += 1
            right_category[0] += expect in cats
            if expect not in cats:
                misses.append(f"  OTHER {lang} {expect} got {','.join(cats)}: {row['text']}")
        else:
            misses.append(f"  MISS  {lang} {expect}: {row['text']}")
        if PRIORITY[expect] == "P1":
            p1[1] += 1
            p1[0] += any(PRIORITY[c] == "P1" for c in cats)

    print(f"\n== {name}: {len(rows)} messages")
    cats = sorted({c for _, c in hits})
    print(f"{'recall':8}" + "".join(f"{c[:12]:>13}" for c in cats) + f"{'all':>8}{'P1':>8}")
    out = {}
    for lang in LANGS:
        cells = [hits.get((lang, c)) for c in cats]
        if not any(cells):
            continue
        det = sum(c[0] for c in cells if c)
        tot = sum(c[1] for c in cells if c)
        lp1 = [sum(hits[(lang, c)][i] for c in cats if (lang, c) in hits and PRIORITY[c] == "P1")
               for i in (0, 1)]
        row = "".join(f"{(f'{c[0]}/{c[1]}' if c else '-'):>13}" for c in cells)
        p1_text = f"{lp1[0] / lp1[1]:.0%}" if lp1[1] else "-"
        print(f"{lang:8}{row}{det / tot:>8.0%}{p1_text:>8}")
        out[lang] = {"recall": det / tot, "p1": lp1[0] / lp1[1] if lp1[1] else None}
    fa = [sum(a[0] for a in alarms.values()), sum(a[1] for a in alarms.values())]
    print(f"P1 recall: {p1[0]}/{p1[1]} = {p1[0] / max(1, p1[1]):.1%}")
    print("false alarms on negatives: " + ", ".join(
        f"{lang} {a[0]}/{a[1]}" for lang, a in alarms.items())
        + f"; all {fa[0]}/{fa[1]} = {fa[0] / max(1, fa[1]):.1%}")
    print(f"category accuracy (detected signals): {right_category[0]}/{right_category[1]} = "
          f"{right_category[0] / max(1, right_category[1]):.1%}")
    if show_misses and misses:
        print("\n".join(misses))
    return out


def rules_layer(rows: list[dict]) -> list[list[str]]:
    # As in a conversation started in the resident's language.
    return [sorted({s.category for s in rule_signals(r["text"], conversation_language=r["lang"])})
            for r in rows]


def semantic_layer(rows: list[dict]) -> list[list[str]]:
    """Rules plus the semantic layer, as the web app runs them when Rasa is down."""
    out = []
    for r in rows:
        cancelled: set[str] = set()
        found = {s.category for s in rule_signals(r["text"], conversation_language=r["lang"],
                                                  cancelled=cancelled)}
        found |= {s.category for s in semantic_signals(r["text"], cancelled)}
        out.append(sorted(found))
    return out


def semantic_cost(rows: list[dict]) -> None:
    semantic_signals("warm up")
    times = []
    for r in rows:
        started = time.perf_counter()
        semantic_signals(r["text"])
        times.append(time.perf_counter() - started)
    times.sort()
    p = lambda q: times[int(q * (len(times) - 1))] * 1000  # noqa: E731
    print(f"per-message cost of the semantic layer (beside the dialogue, {len(times)} "
          f"messages): p50 {p(.5):.2f} ms, p99 {p(.99):.2f} ms")


def cost(rows: list[dict], rounds: int = 20) -> None:
    rules = default_rules()
    times = []
    for _ in range(rounds):
        for r in rows:
            started = time.perf_counter()
            rule_signals(r["text"], rules, r["lang"])
            times.append(time.perf_counter() - started)
    times.sort()
    p = lambda q: times[int(q * (len(times) - 1))] * 1000  # noqa: E731
    print(f"\nper-message cost of the rule check ({len(times)} checks): p50 {p(.5):.3f} ms, "
          f"p99 {p(.99):.3f} ms, max {times[-1] * 1000:.3f} ms, "
          f"mean {statistics.mean(times) * 1000:.3f} ms")


def api_path(all_rows: list[list[dict]]) -> list[list[list[str]]]:
    """Each message as the first message of a new conversation, through the real stack."""
    from tests.e2e.stack import Resident, Stack

    with tempfile.TemporaryDirectory() as tmp:
        # One client opens hundreds of conversations here: lift the per-client limit.
        stack = Stack(Path(tmp), FRONTDOOR_CONVERSATIONS_PER_MINUTE_PER_CLIENT="100000").start()
        try:
            results = []
            for rows in all_rows:
                predicted = []
                for row in rows:
                    r = Resident(stack.url, row["lang"])
                    msgs = r.say(row["text"])
                    predicted.append(sorted({m["custom"]["safety"]["category"] for m in msgs
                                             if m.get("custom", {}).get("safety")}))
                results.append(predicted)
            return results
        finally:
            stack.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-api", action="store_true", help="rule layer only (no stack)")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    data = {name: load(path) for name, path in SETS.items() if path.exists()}
    for name, paths in ORDINARY.items():
        data[name] = [{**row, "expect": "none"} for path in paths if path.exists()
                      for row in load(path)]
    default_rules()  # load once, outside the timings
    print("### rule layer")
    for name, rows in data.items():
        report(name, rows, rules_layer(rows), args.misses)
    cost([r for rows in data.values() for r in rows])
    print("\n### rules + semantic layer (what the web app raises even with Rasa down)")
    for name, rows in data.items():
        report(name, rows, semantic_layer(rows), args.misses)
    semantic_cost([r for rows in data.values() for r in rows])
    if not args.no_api:
        print("\n### full API path (web app: rules + semantic layer + Rasa model signal "
              "intents)")
        for (name, rows), predicted in zip(data.items(), api_path(list(data.values())),
                                           strict=True):
            report(name, rows, predicted, args.misses)


if __name__ == "__main__":
    main()
