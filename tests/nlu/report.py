"""Prints intent F1 from `rasa test nlu` and fails below a minimum."""

from __future__ import annotations

import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--min-f1", type=float, default=0.85)
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as fh:
        report = json.load(fh)
    rows = {k: v for k, v in report.items() if isinstance(v, dict) and "f1-score" in v
            and k not in ("micro avg", "macro avg", "weighted avg")}
    print(f"{'intent':32} {'f1':>6} {'support':>8}")
    for name, row in sorted(rows.items(), key=lambda kv: kv[1]["f1-score"]):
        print(f"{name:32} {row['f1-score']:6.3f} {row['support']:8}")
    accuracy = report.get("accuracy", 0.0)
    macro = report.get("macro avg", {}).get("f1-score", 0.0)
    weighted = report.get("weighted avg", {}).get("f1-score", 0.0)
    print(f"\nNLU (nl, held-out): accuracy {accuracy:.3f}  macro F1 {macro:.3f}  "
          f"weighted F1 {weighted:.3f}")
    if weighted < args.min_f1:
        print(f"FAIL: weighted intent F1 {weighted:.3f} < {args.min_f1}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
