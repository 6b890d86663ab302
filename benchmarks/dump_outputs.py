"""Dump everything drafter produces for a fixed set of inputs, to diff before and after a change
that must not change behaviour (a speed-up).

    python benchmarks/dump_outputs.py /tmp/before     # writes corpus.txt and batch.jsonl there
    diff -r /tmp/before /tmp/after                     # must be empty

corpus.txt: for every case of tests/corpus/*.yaml x every variant of its playbook, drafted
once with `pipeline.run` and once inside `pipeline.run_many` (the batch path), the draft's
subject and text and every check's id, ok, message, fix and field (or the error). batch.jsonl:
the output of `drafter batch reconnect rows.csv --format jsonl` over benchmarks/batch.py's
`make_rows(2000)`, and its summary on stderr.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402
from batch import SENDER, console_script, csv_bytes, make_rows  # noqa: E402
from test_corpus import CORPUS, playbook  # noqa: E402

from drafter import pipeline  # noqa: E402
from drafter.errors import DrafterError  # noqa: E402


def describe(outcome: pipeline.Outcome | DrafterError) -> list[str]:
    if isinstance(outcome, DrafterError):
        return [f"error: {type(outcome).__name__}: {outcome}"]
    lines = [f"subject: {outcome.subject!r}", f"text: {outcome.text!r}"]
    lines += [f"check: {(r.id, r.ok, r.message, r.fix, r.field)!r}" for r in outcome.checks]
    return lines


def corpus_lines() -> list[str]:
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        pb = playbook(path.stem)
        cases: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
        for variant in pb.spec.variants:
            givens = [{**c["answers"], "me": c.get("me") or {}} for c in cases]
            for case, given in zip(cases, givens, strict=True):
                out.append(f"=== {path.stem}/{case['id']}/{variant.name}")
                try:
                    out += describe(pipeline.run(pb, given, variant=variant.name))
                except DrafterError as exc:
                    out += describe(exc)
            for case, (_, outcome) in zip(
                cases,
                pipeline.run_many(pb, givens, lambda g: g, variant=variant.name),
                strict=True,
            ):
                out.append(f"=== many {path.stem}/{case['id']}/{variant.name}")
                out += describe(outcome)
    return out


def batch_output(folder: Path) -> tuple[bytes, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp, "rows.csv")
        rows.write_bytes(csv_bytes(make_rows(2000)))
        drafter = console_script(Path(sysconfig.get_path("scripts")), "drafter")
        argv = [str(drafter), "batch", "reconnect", str(rows), "--format", "jsonl"]
        done = subprocess.run(
            [*argv, "--set", f"me.name={SENDER}"],
            env={"DRAFTER_HOME": str(Path(tmp, "home")), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            check=False,
        )
        return done.stdout, done.stderr + f"exit {done.returncode}\n".encode()


def main() -> None:
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "corpus.txt").write_text("\n".join(corpus_lines()) + "\n", encoding="utf-8")
    stdout, stderr = batch_output(folder)
    (folder / "batch.jsonl").write_bytes(stdout)
    (folder / "batch.stderr").write_bytes(stderr)


if __name__ == "__main__":
    main()
