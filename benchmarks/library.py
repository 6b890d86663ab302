"""What a large library costs `drafter list`: warm and cold, time and memory, by size.

    python benchmarks/library.py                    # 10 and 5,000 playbooks, 15 paired rounds
    python benchmarks/library.py --sizes 10 1000 5000 --runs 21

Builds each user library itself (copies of the built-ins, each with its own title) in a
temporary DRAFTER_HOME. Warm runs: the library index is in place (one list run before);
each round runs `drafter list` once per size, in random order, and the table gives the
median of the per-round ratios to the smallest library (as benchmarks/startup.py does: both
sides of a ratio saw the same machine load). Cold: the cache folder deleted before each
run. Memory: the peak resident set of the process (/usr/bin/time's %M, or
resource.getrusage where that is missing).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"warm ratio": 1.5, "cold seconds": 3.0, "memory MiB": 40.0}


def build(home: Path, size: int) -> None:
    (home / "playbooks").mkdir(parents=True)
    shutil.copytree(ROOT / "templates", home / "templates")
    sources = sorted((ROOT / "playbooks").glob("*.yaml"))
    for i in range(size):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8").replace("title: ", f"title: No {i} ", 1)
        (home / "playbooks" / f"{src.stem}-{i:05d}.yaml").write_text(text, encoding="utf-8")


PYCACHE = Path(tempfile.mkdtemp(prefix="drafter-pyc-"))  # compiled once, as installed


def run(home: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one `drafter list`."""
    env = {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-m", "drafter", "list"]
    timer = shutil.which("time") or "/usr/bin/time"
    start = time.perf_counter()
    if Path(timer).exists():
        done = subprocess.run([timer, "-f", "%M", *cmd], env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 5000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        homes = {n: Path(tmp) / f"lib{n}" for n in sizes}
        for n, home in homes.items():
            build(home, n)
        cold: dict[int, list[tuple[float, float]]] = {n: [] for n in sizes}
        for _ in range(args.cold_runs):
            for n in random.sample(sizes, len(sizes)):
                shutil.rmtree(homes[n] / "cache", ignore_errors=True)
                cold[n].append(run(homes[n]))
        ratios: dict[int, list[float]] = {n: [] for n in sizes}
        warm: dict[int, list[tuple[float, float]]] = {n: [] for n in sizes}
        for home in homes.values():
            run(home)  # the index in place
        for _ in range(args.runs):
            got = {n: run(homes[n]) for n in random.sample(sizes, len(sizes))}
            for n in sizes:
                warm[n].append(got[n])
                ratios[n].append(got[n][0] / got[sizes[0]][0])
    print(f"drafter list, {args.runs} warm paired rounds, {args.cold_runs} cold runs")
    print(f"{'playbooks':>9}  {'warm / smallest':>15}  {'IQR':>11}  {'warm':>7}  {'cold':>7}  "
          f"{'warm MiB':>8}  {'cold MiB':>8}")  # fmt: skip
    for n in sizes:
        q = statistics.quantiles(ratios[n], n=4) if len(ratios[n]) > 1 else [ratios[n][0]] * 3
        print(
            f"{n:>9,}  {statistics.median(ratios[n]):>15.2f}  {q[0]:>5.2f}-{q[2]:<5.2f}  "
            f"{statistics.median(w for w, _ in warm[n]):>6.2f}s  "
            f"{statistics.median(c for c, _ in cold[n]):>6.2f}s  "
            f"{statistics.median(m for _, m in warm[n]):>8.1f}  "
            f"{statistics.median(m for _, m in cold[n]):>8.1f}"
        )
    print(f"goals (issue 11): warm ratio <= {GOALS['warm ratio']}, cold list at 5,000 under "
          f"{GOALS['cold seconds']:g} s, memory at 5,000 under {GOALS['memory MiB']:g} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
