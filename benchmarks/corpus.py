"""Report how much of the natural-answer corpus drafter renders sendable, flagged or broken.

    python benchmarks/corpus.py            # the shares, per playbook and overall
    python benchmarks/corpus.py --show broken   # print each draft of that kind, with why
    python benchmarks/corpus.py --dir tests/holdout   # another corpus of the same schema

"sendable": no check fails and no quality rule of tests/test_builtins.py finds a fault;
"flagged": a check fails (drafter says what is wrong before the user sends);
"broken": a fault no check reports. The goal is >= 95% sendable and 0 broken.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import yaml  # noqa: E402
from test_corpus import CORPUS, playbook, verdict  # noqa: E402

from drafter import pipeline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", choices=["sendable", "flagged", "broken"])
    parser.add_argument("--playbook")
    parser.add_argument(
        "--dir",
        type=Path,
        default=CORPUS,
        help="a folder of <playbook-id>.yaml answer sets (default: tests/corpus)",
    )
    args = parser.parse_args()
    if not args.dir.is_dir():
        parser.error(f"--dir: no such folder: {args.dir}")
    totals: Counter[str] = Counter()
    for path in sorted(args.dir.glob("*.yaml")):
        if args.playbook and path.stem != args.playbook:
            continue
        counts: Counter[str] = Counter()
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            given = {**case["answers"], "me": case.get("me") or {}}
            for v in playbook(path.stem).spec.variants:
                kind, found = verdict(path.stem, v.name, given)
                counts[kind] += 1
                if args.show == kind:
                    print(f"=== {path.stem}/{case['id']}/{v.name}: {kind}")
                    try:
                        print(pipeline.run(playbook(path.stem), given, variant=v.name).text)
                    except Exception as exc:  # an answer drafter refuses
                        print(f"({exc})")
                    for line in found:
                        print(f"  - {line}")
        totals.update(counts)
        n = sum(counts.values())
        print(
            f"{path.stem:24} {n:4} drafts  "
            + "  ".join(f"{k} {counts[k] / n:6.1%}" for k in ("sendable", "flagged", "broken"))
        )
    n = sum(totals.values())
    if not n:
        parser.error(f"no answer sets in {args.dir}")
    print(
        f"{'all':24} {n:4} drafts  "
        + "  ".join(f"{k} {totals[k] / n:6.1%}" for k in ("sendable", "flagged", "broken"))
    )


if __name__ == "__main__":
    main()
