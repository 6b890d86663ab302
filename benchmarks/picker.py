"""The guided picker's first prompt by library size: `drafter` in a pseudo-terminal, timed
until "What do you want to write?" is drawn, at 10 and 5,000 playbooks (warm index).

    python benchmarks/picker.py                 # 10 and 5,000 playbooks, 15 paired rounds
    python benchmarks/picker.py --sizes 10 1000 5000 --runs 21
    python benchmarks/picker.py --against /tmp/old   # and an older source tree, paired

Each user library is built as benchmarks/library.py builds it (copies of the built-ins, each
with its own title), in its own DRAFTER_HOME with a profile that has a name (so the picker is
the first question), and its index is settled first (`drafter list` until every playbook is
validated). Each round starts `drafter` once per size, in random order, in a pseudo-terminal
of 120x40 and kills it as soon as the picker's question appears; the table gives the median
of the per-round ratios to the smallest library, with their quartiles. With `--against DIR`
(a source tree, e.g. `git archive` of an older commit, run with this Python and its
packages) each round starts both, every size, in random order, each from its own settled
index, and the table ends with this tree's times over the other's, per round. Needs pexpect
(a test dependency).
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


def first_prompt(home: Path, src: Path | None = None) -> float:
    """Seconds from starting `drafter` (of the drafter in `src`, else this one) to the picker's
    question on its terminal."""
    env = {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPYCACHEPREFIX": str(PYCACHE),
           "TERM": "xterm", "NO_COLOR": "1"}  # fmt: skip
    for key in ("PYTHONDONTWRITEBYTECODE", "DRAFTER_PATH", "COLUMNS", "LINES"):
        env.pop(key, None)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(src), *filter(None, [env.get("PYTHONPATH")])])
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


Key = tuple[int, int]  # (version: 0 this tree, 1 --against), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 5000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another drafter source tree, paired")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes))
    srcs: list[Path | None] = [None, *([args.against.resolve()] if args.against else [])]
    keys = [(v, n) for v in range(len(srcs)) for n in sizes]
    with tempfile.TemporaryDirectory(prefix="drafter-picker-") as tmp:
        homes: dict[Key, Path] = {}
        for v, size in keys:
            home = homes[(v, size)] = Path(tmp) / f"home-{size}-{v}"
            build(home, size)
            (home / "profile.yaml").write_text("name: Ana Ruiz\n", encoding="utf-8")
            settle(home, srcs[v])
            first_prompt(home, srcs[v])  # warm: bytecode compiled, the index read once
        times: dict[Key, list[float]] = {k: [] for k in keys}
        ratios: dict[Key, list[float]] = {k: [] for k in keys}
        for _ in range(args.runs):
            got = {
                (v, n): first_prompt(homes[(v, n)], srcs[v])
                for v, n in random.sample(keys, len(keys))
            }
            for v, size in keys:
                times[(v, size)].append(got[(v, size)])
                ratios[(v, size)].append(got[(v, size)] / got[(v, sizes[0])])
    print(f"The picker's first prompt, {args.runs} paired rounds (warm index)")
    print(
        f"{'version':>8}  {'playbooks':>10}  {'median':>8}  {'ratio to ' + str(sizes[0]):>12}  {'IQR':>11}"
    )
    for v, size in keys:
        ratio = statistics.median(ratios[(v, size)])
        mark = "" if size == sizes[0] else ("  goal met" if ratio <= GOAL else f"  goal {GOAL}")
        print(f"{'this' if v == 0 else 'against':>8}  {size:>10,}  "
              f"{statistics.median(times[(v, size)]):>7.2f}s  {ratio:>12.2f}  "
              f"{quartiles(ratios[(v, size)]):>11}{mark}")  # fmt: skip
    if len(srcs) > 1:
        print(f"this / {args.against}, per round: median (IQR)")
        for size in sizes:
            mine = [a / b for a, b in zip(times[(0, size)], times[(1, size)], strict=True)]
            print(f"{size:>10,}  {statistics.median(mine):.2f} ({quartiles(mine)})")


if __name__ == "__main__":
    main()
