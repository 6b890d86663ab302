"""What the history costs: a recorded draft against the same draft unrecorded, and 20 writers.

    python benchmarks/history.py              # 30 paired rounds, then 5 runs of 20 writers
    python benchmarks/history.py --runs 60

Paired rounds, as benchmarks/startup.py does: each round runs the draft with the history on
and with DRAFTER_NO_HISTORY=1, in random order; the ratio is taken inside the round. The
concurrency part starts 20 `drafter draft` processes at once on one fresh history.db and
reports how long until all have exited, and how many failed or lost their record (both
must be 0).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAFT = [sys.executable, "-m", "drafter", "draft", "decline-sales-pitch", "--no-input",
         "--answers", str(HERE / "decline-answers.yaml")]  # fmt: skip


def timed(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(DRAFT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="drafter-history-bench-"))
    base = {
        k: v for k, v in os.environ.items() if k not in ("DRAFTER_PATH", "PYTHONDONTWRITEBYTECODE")
    }
    base["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    on = {**base, "DRAFTER_HOME": str(tmp / "on")}
    off = {**base, "DRAFTER_HOME": str(tmp / "off"), "DRAFTER_NO_HISTORY": "1"}
    for env in (on, off):  # warm-up: bytecode, drafter's cache, the database created
        timed(env)
    ratios, t_on, t_off = [], [], []
    for _ in range(args.runs):
        pair = [("on", on), ("off", off)]
        random.shuffle(pair)
        seen = {name: timed(env) for name, env in pair}
        ratios.append(seen["on"] / seen["off"])
        t_on.append(seen["on"])
        t_off.append(seen["off"])
    q = statistics.quantiles(ratios, n=4)
    print(f"recorded / not recorded: {statistics.median(ratios):.3f} (IQR {q[0]:.3f}-{q[2]:.3f}); "
          f"medians {1000 * statistics.median(t_on):.0f} ms / {1000 * statistics.median(t_off):.0f} ms, "
          f"{args.runs} paired rounds")  # fmt: skip

    walls, failed, lost = [], 0, 0
    for run in range(5):
        env = {**base, "DRAFTER_HOME": str(tmp / f"writers{run}")}
        start = time.perf_counter()
        procs = [subprocess.Popen(DRAFT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for _ in range(20)]  # fmt: skip
        results = [(p.wait(), p.stderr.read() if p.stderr else b"") for p in procs]
        walls.append(time.perf_counter() - start)
        failed += sum(1 for code, err in results if code != 0 or b"warning" in err)
        with sqlite3.connect(tmp / f"writers{run}" / "history.db") as conn:
            lost += 20 - conn.execute("SELECT count(*) FROM drafts").fetchone()[0]
    print(f"20 concurrent writers on a new history.db: all exited in {statistics.median(walls):.2f} s "
          f"(median of 5; min {min(walls):.2f}, max {max(walls):.2f}); failed {failed}, lost {lost}")  # fmt: skip


if __name__ == "__main__":
    main()
