"""Try the safety rules: `python -m bot.safety [-v] "text" …`, or lines on stdin.

`--check FILE.jsonl` reads {"text", "expect"} lines and lists every miss and false alarm."""

from __future__ import annotations

import argparse
import json
import sys

from bot.language import detect
from bot.safety.rules import RuleSet, default_rules, load_files


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety")
    parser.add_argument("texts", nargs="*")
    parser.add_argument("-v", "--verbose", action="store_true", help="show tokens and norms")
    parser.add_argument("--check", help="a .jsonl file with text and expect (category or none)")
    parser.add_argument("--lang", action="append", help="load only these pattern files")
    args = parser.parse_args()
    if args.lang:
        rules = RuleSet({k: v for k, v in load_files().items() if k in args.lang})
    else:
        rules = default_rules()
    if args.check:
        wrong = total = 0
        with open(args.check, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                got = sorted({m.category for m in rules.find(row["text"], detect(row["text"]))}) \
                    or ["none"]
                total += 1
                if row["expect"] not in got and not (row["expect"] != "none" and got != ["none"]):
                    wrong += 1
                    print(f"MISS   expect {row['expect']:17} got {','.join(got):17} {row['text']}")
                elif row["expect"] == "none" and got != ["none"]:
                    wrong += 1
                    print(f"ALARM  expect none              got {','.join(got):17} {row['text']}")
                elif row["expect"] not in got:
                    print(f"OTHER  expect {row['expect']:17} got {','.join(got):17} {row['text']}")
        print(f"{total - wrong}/{total} right")
        return 0
    for text in args.texts or [line.rstrip("\n") for line in sys.stdin]:
        found = rules.find(text, detect(text))
        print(f"{'SIGNAL' if found else 'none  '} {text}")
        for m in found:
            print(f"    {m.language} {m.category}: {text[m.start:m.end]!r}  (phrase: {m.phrase})")
        if args.verbose:
            doc, _ = rules.doc(text)
            print("    tokens: " + " ".join(f"{t.text}→{t.norm_}" if t.norm_ != t.text else t.text
                                         for t in doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
