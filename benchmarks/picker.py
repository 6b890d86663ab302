"""The guided picker's first prompt by library size: `drafter` in a pseudo-terminal, timed
until "What do you want to write?" is drawn, at 10 and 5,000 playbooks (warm index).

    python benchmarks/picker.py                 # 10 and 5,000 playbooks, 15 paired rounds
    python benchmarks/picker.py --sizes 10 1000 5000 --runs 21

Each user library is built as benchmarks/library.py builds it (copies of the built-ins, each
with its own title), in its own DRAFTER_HOME with a profile that has a name (so the picker is
the first question), and its index is settled first (`drafter list` until every playbook is
validated). Each round starts `drafter` once per size, in random order, in a pseudo-terminal
of 120x40 and kills it as soon as the picker's question appears; the table gives the median
of the per-round ratios to the smallest library, with their quartiles. Needs pexpect (a test
dependency).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from library import PYCACHE, build, settle  # noqa: E402  (benchmarks/ is not a package)

QUESTION = "What do you want to write?"
GOAL = 1.5


def first_prompt(home: Path) -> float:
    """Seconds from starting `drafter` to the picker's question on its terminal."""
    env = {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPYCACHEPREFIX": str(PYCACHE),
           "TERM": "xterm", "NO_COLOR": "1"}  # fmt: skip
    for key in ("PYTHONDONTWRITEBYTECODE", "DRAFTER_PATH", "COLUMNS", "LINES"):
        env.pop(key, None)
    start = time.perf_counter()
    child = pexpect.spawn(
        sys.executable, ["-m", "drafter"], cwd=str(home), env=env, dimensions=(40, 120),
        encoding="utf-8", timeout=120,
    )  # fmt: skip
    try:
        child.expect_exact(QUESTION)
        return time.perf_counter() - start
    finally:
        child.terminate(force=True)


def quartiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return f"{q[0]:.2f}-{q[2]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 5000])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sizes = sorted(set(args.sizes))
    with tempfile.TemporaryDirectory(prefix="drafter-picker-") as tmp:
        homes = {}
        for size in sizes:
            home = homes[size] = Path(tmp) / f"home-{size}"
            build(home, size)
            (home / "profile.yaml").write_text("name: Ana Ruiz\n", encoding="utf-8")
            settle(home, None)
            first_prompt(home)  # warm: bytecode compiled, the index read once
        times: dict[int, list[float]] = {s: [] for s in sizes}
        ratios: dict[int, list[float]] = {s: [] for s in sizes}
        for _ in range(args.runs):
            order = sizes[:]
            random.shuffle(order)
            got = {size: first_prompt(homes[size]) for size in order}
            for size in sizes:
                times[size].append(got[size])
                ratios[size].append(got[size] / got[sizes[0]])
    print(f"The picker's first prompt, {args.runs} paired rounds (warm index)")
    print(f"{'playbooks':>10}  {'median':>8}  {'ratio to ' + str(sizes[0]):>12}  {'IQR':>11}")
    for size in sizes:
        ratio = statistics.median(ratios[size])
        mark = "" if size == sizes[0] else ("  goal met" if ratio <= GOAL else f"  goal {GOAL}")
        print(f"{size:>10,}  {statistics.median(times[size]):>7.2f}s  {ratio:>12.2f}  "
              f"{quartiles(ratios[size]):>11}{mark}")  # fmt: skip


if __name__ == "__main__":
    main()
