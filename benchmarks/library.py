"""What a large library costs `drafter list`: warm and cold, time and memory, by size.

    python benchmarks/library.py                    # 10 and 5,000 playbooks, 15 paired rounds
    python benchmarks/library.py --sizes 10 1000 5000 --runs 21
    python benchmarks/library.py --against /tmp/old   # and an older source tree, paired

Builds each user library itself (copies of the built-ins, each with its own title) in a
temporary DRAFTER_HOME. Warm runs: the library index is in place (one list run before);
each round runs `drafter list` once per size, in random order, and the table gives the
median of the per-round ratios to the smallest library (as benchmarks/startup.py does: both
sides of a ratio saw the same machine load). Cold: the cache folder deleted before each
run; then `list` is run again until a run leaves the index as it found it, every playbook
in it validated (past `index.CHECK_SECONDS` a cold run lists new files from their first
lines and later runs check them): "checked after" gives how many runs that took, the cold
one included, and their seconds in all. Warm runs start from such a settled index. Memory:
the peak resident set of the process (/usr/bin/time's %M, or resource.getrusage where that
is missing). With `--against DIR` (a source tree, e.g. `git archive` of an older commit,
run with this Python and its packages) every measurement is made for both in each round,
in random order, and the table ends with this tree's times over the other's, per round.
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


def run(home: Path, src: Path | None = None) -> tuple[float, float]:
    """Seconds and peak MiB of one `drafter list` (of the drafter in `src`, else this one)."""
    env = {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(src), *filter(None, [env.get("PYTHONPATH")])])
    cmd = [sys.executable, "-m", "drafter", "list"]  # run in `home`: -m puts the cwd first
    timer = shutil.which("time") or "/usr/bin/time"
    start = time.perf_counter()
    if Path(timer).exists():
        done = subprocess.run(
            [timer, "-f", "%M", *cmd], env=env, capture_output=True, text=True, cwd=home
        )
        seconds = time.perf_counter() - start
        return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024
    subprocess.run(cmd, env=env, capture_output=True, check=True, cwd=home)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def index_state(home: Path) -> dict[str, tuple[int, int]]:
    """Each index file's modification time and size: what a run that writes it changes."""
    found = (home / "cache" / "index").glob("*.pickle")
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in found}


def settle(home: Path, src: Path | None, limit: int = 50) -> list[tuple[float, float]]:
    """`drafter list` runs until one leaves the index untouched (all checked); each run's
    seconds and MiB, the untouched one left out."""
    runs: list[tuple[float, float]] = []
    for _ in range(limit):
        before = index_state(home)
        got = run(home, src)
        if index_state(home) == before:
            return runs
        runs.append(got)
    raise SystemExit(f"the index of {home} was still rewritten after {limit} runs")


Key = tuple[int, int]  # (version: 0 this tree, 1 --against), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 5000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another drafter source tree, paired")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    srcs: list[Path | None] = [None, *([args.against.resolve()] if args.against else [])]
    keys = [(v, n) for v in range(len(srcs)) for n in sizes]
    cold: dict[Key, list[tuple[float, float]]] = {k: [] for k in keys}
    checked: dict[Key, list[tuple[int, float]]] = {k: [] for k in keys}
    peak: dict[Key, float] = dict.fromkeys(keys, 0.0)
    ratios: dict[Key, list[float]] = {k: [] for k in keys}
    warm: dict[Key, list[tuple[float, float]]] = {k: [] for k in keys}
    with tempfile.TemporaryDirectory() as tmp:
        homes = {(v, n): Path(tmp) / f"lib{n}-{v}" for v, n in keys}
        for (_, n), home in homes.items():
            build(home, n)
        for v, src in enumerate(srcs):  # bytecode compiled before anything is timed
            run(homes[(v, sizes[0])], src)
        for _ in range(args.cold_runs):
            for v, n in random.sample(keys, len(keys)):
                shutil.rmtree(homes[(v, n)] / "cache", ignore_errors=True)
                first = run(homes[(v, n)], srcs[v])
                later = settle(homes[(v, n)], srcs[v])
                cold[(v, n)].append(first)
                checked[(v, n)].append((1 + len(later), first[0] + sum(s for s, _ in later)))
                peak[(v, n)] = max(peak[(v, n)], first[1], *(m for _, m in later))
        for (v, _), home in homes.items():
            settle(home, srcs[v])  # the index in place, every playbook in it checked
        for _ in range(args.runs):
            got = {(v, n): run(homes[(v, n)], srcs[v]) for v, n in random.sample(keys, len(keys))}
            for v, n in keys:
                warm[(v, n)].append(got[(v, n)])
                ratios[(v, n)].append(got[(v, n)][0] / got[(v, sizes[0])][0])
    print(f"drafter list, {args.runs} warm paired rounds, {args.cold_runs} cold runs")
    print(f"{'version':>8}  {'playbooks':>9}  {'warm / smallest':>15}  {'IQR':>11}  {'warm':>7}  "
          f"{'cold':>7}  {'IQR':>11}  {'checked after':>16}  {'warm MiB':>8}  {'max MiB':>8}")  # fmt: skip
    for v, n in keys:
        k = (v, n)
        print(
            f"{'this' if v == 0 else 'against':>8}  {n:>9,}  {statistics.median(ratios[k]):>15.2f}  "
            f"{iqr(ratios[k])}  {statistics.median(w for w, _ in warm[k]):>6.2f}s  "
            f"{statistics.median(c for c, _ in cold[k]):>6.2f}s  {iqr([c for c, _ in cold[k]])}  "
            f"{statistics.median(r for r, _ in checked[k]):>4g} runs "
            f"{statistics.median(t for _, t in checked[k]):>6.2f}s  "
            f"{statistics.median(m for _, m in warm[k]):>8.1f}  "
            f"{max(peak[k], *(m for _, m in warm[k])):>8.1f}"
        )
    if len(srcs) > 1:
        print(f"this / {args.against}, per round: median (IQR)")
        for n in sizes:
            w = [a[0] / b[0] for a, b in zip(warm[(0, n)], warm[(1, n)], strict=True)]
            c = [a[0] / b[0] for a, b in zip(cold[(0, n)], cold[(1, n)], strict=True)]
            print(f"{n:>9,}  warm {statistics.median(w):.2f} ({iqr(w).strip()})  "
                  f"cold {statistics.median(c):.2f} ({iqr(c).strip()})")  # fmt: skip
    print(f"goals (issue 11): warm ratio <= {GOALS['warm ratio']}, cold list at 5,000 under "
          f"{GOALS['cold seconds']:g} s, memory at 5,000 under {GOALS['memory MiB']:g} MiB")  # fmt: skip


def iqr(values: list[float]) -> str:
    """The first and third quartiles, as `lo-hi`."""
    q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return f"{q[0]:>5.2f}-{q[2]:<5.2f}"


if __name__ == "__main__":
    main()
