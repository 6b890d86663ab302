"""What reading a LinkedIn export costs: a 10,000-row Connections.csv through read_linkedin.

    python benchmarks/contact_import.py              # 10,000 rows, 5 runs
    python benchmarks/contact_import.py --rows 30000 --runs 7

Writes an invented export (LinkedIn's notes lines, BOM, CRLF, quoted commas and doubled quotes,
empty emails) into a temporary folder, reads it back from disk each run, and reports the
median time and the median peak memory (tracemalloc) of read_linkedin. Time and memory are
measured in separate runs, since tracemalloc slows the code it traces.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from drafter.contact_import import read_linkedin

FIRST = "Ana Ben Chioma Dara Emeka Farah Goran Hana Ines Jun Kofi Lena Mateo Nia Oskar".split()
LAST = "Sokol Ode Ibáñez Brandt Verhoeven Okafor Lindqvist Tanaka Moreau Novak Quispe".split()
COMPANIES = ["Fernhill Analytics", "Acme, Inc.", 'Quill "&" Ledger', "Northwind", "Überlingen"]
POSITIONS = ["Engineer", "Director, Partnerships", 'The "go-to" person', "Head of Data"]
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\r\n'
    "\r\n"
)


def write_export(path: Path, rows: int) -> None:
    rng = random.Random(9)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write(NOTES)
        writer = csv.writer(f)
        writer.writerow(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On".split(",")
        )
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first.lower()}.{i}@example.com" if rng.random() < 0.2 else ""
            date = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2010, 2025)}"
            writer.writerow([first, last, f"https://www.linkedin.com/in/{first}-{last}-{i}".lower(),
                             email, rng.choice(COMPANIES), rng.choice(POSITIONS), date])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-import-bench-") as tmp:
        path = Path(tmp) / "Connections.csv"
        write_export(path, args.rows)
        size = path.stat().st_size
        read_linkedin(path.read_bytes())  # warm-up
        times, peaks = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = read_linkedin(path.read_bytes())
            times.append(time.perf_counter() - start)
        for _ in range(args.runs):
            data = path.read_bytes()
            tracemalloc.start()
            read_linkedin(data)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    assert len(result.contacts) == args.rows and not result.problems
    print(f"{args.rows:,} rows ({size / 1024 / 1024:.2f} MiB): median {1000 * statistics.median(times):.0f} ms "
          f"(min {1000 * min(times):.0f}, max {1000 * max(times):.0f}), "
          f"peak memory {statistics.median(peaks) / 1024 / 1024:.1f} MiB (file bytes not counted), "
          f"{args.runs} runs")  # fmt: skip


if __name__ == "__main__":
    main()
