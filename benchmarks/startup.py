"""How long drafter takes to start, as median ratios over paired runs. See benchmarks/README.md.

    python benchmarks/startup.py                 # the ratios table; under a minute on 2 cores
    python benchmarks/startup.py --runs 40 --json
    python benchmarks/startup.py --importtime    # what drafter imports beyond the floor

Each round runs every command once, in a random order, back to back; a ratio
is taken inside a round, so both sides of it saw the same machine load. The
table gives the median of those per-round ratios and their interquartile
range; absolute medians are there for context only. Every child runs under
`sys.executable`, with `DRAFTER_HOME` pointing at a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "floor.py"
FLOOR_OUTPUT = "Hi Ana"  # what floor.py prints; the pty runs wait for it
GOAL = 1.25  # a non-interactive draft should cost at most this many floors (issue 11)
# Only prompting, clipboard, schema checking and the no-DRAFTER_HOME fallback need these.
HEAVY = (
    "questionary", "prompt_toolkit", "pyperclip", "jsonschema", "platformdirs", "email",
    "webbrowser", "nameparser",
)  # fmt: skip
ANSWERS = {  # playbook id -> its answers file in benchmarks/
    "decline-sales-pitch": "decline-answers.yaml",
    "connection-request": "connection-answers.yaml",
}
PTY_SIZE = (24, 200)  # wide, so a long prompt is not wrapped mid-text


class BenchError(Exception):
    """A command failed or never showed what we waited for."""


# --- running one command -----------------------------------------------------------------


def run_wall(argv: Sequence[str], env: dict[str, str]) -> float:
    """Wall time of a command to exit; it must exit 0."""
    start = time.perf_counter()
    proc = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise BenchError(f"{' '.join(argv)} exited {proc.returncode}: {err}")
    return elapsed


def run_pty(argv: Sequence[str], env: dict[str, str], expect: str) -> float:
    """Wall time from spawning a command in a pseudo-terminal until `expect` appears."""
    import pexpect  # type: ignore[import-untyped]  # a test dependency, only for these rows

    start = time.perf_counter()
    child = pexpect.spawn(argv[0], list(argv[1:]), env=env, dimensions=PTY_SIZE)
    try:
        child.expect_exact(expect, timeout=20)
        elapsed = time.perf_counter() - start
    except (pexpect.EOF, pexpect.TIMEOUT) as exc:
        seen = (child.before or b"").decode("utf-8", "replace")[-400:]
        raise BenchError(
            f"{' '.join(argv)}: {type(exc).__name__} before {expect!r} appeared; "
            f"it printed: {seen!r}"
        ) from None
    finally:
        # Our own child, by its pid; reaped before closing so pexpect need not sleep and poll.
        if child.isalive():
            child.kill(signal.SIGKILL)
            child.wait()
        child.close()
    return elapsed


# --- what is measured --------------------------------------------------------------------


@dataclass
class Command:
    key: str
    label: str
    shown: str  # the command line, for the legend
    run: Callable[[], float]


@dataclass
class Comparison:
    label: str
    a: str
    b: str
    goal: bool  # whether GOAL applies (the non-interactive draft rows)


def console_script() -> Path | None:
    """The `drafter` script installed for this interpreter (not a shim found on PATH)."""
    name = "drafter.exe" if os.name == "nt" else "drafter"
    path = Path(sysconfig.get_path("scripts")) / name
    return path if path.is_file() else None


def first_prompt(playbook: str, env: dict[str, str]) -> str:
    """The first question `drafter draft PLAYBOOK` asks: its first field's prompt."""
    out = subprocess.run(
        [sys.executable, "-m", "drafter", "show", playbook, "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if out.returncode != 0:
        raise BenchError(f"drafter show {playbook} failed: {out.stderr.strip()}")
    fields = json.loads(out.stdout)["fields"]
    if not fields:
        raise BenchError(f"{playbook} has no fields, so nothing to wait for; pass --prompt TEXT")
    # The start of the prompt is enough, and is safe from line wrapping.
    return " ".join(fields[0]["prompt"].split())[:40]


@dataclass
class Setup:
    """Everything the children share: interpreter, environments, the draft command."""

    args: argparse.Namespace
    env: dict[str, str]  # non-interactive runs
    pty_env: dict[str, str]  # time-to-first-prompt runs

    @property
    def draft_args(self) -> list[str]:
        return ["draft", self.args.playbook, "--no-input", "--answers", str(self.args.answers)]

    @property
    def draft_argv(self) -> list[str]:
        return [sys.executable, "-m", "drafter", *self.draft_args]


def make_setup(args: argparse.Namespace, tmp: Path) -> Setup:
    home, prompt_home = tmp / "home", tmp / "prompt-home"
    home.mkdir()
    prompt_home.mkdir()
    # A saved name, so drafter asks the playbook's first field rather than for the sender's name.
    (prompt_home / "profile.yaml").write_text("name: Ana Ruiz\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_PATH", "DRAFTER_DEBUG")}
    env["DRAFTER_HOME"] = str(home)
    if not args.as_is:
        # Compiled bytecode, as an installed drafter has: without it (PYTHONDONTWRITEBYTECODE
        # and an editable source tree without __pycache__) every run recompiles drafter's modules.
        # The cache lives in the temp dir; the warm-up round fills it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    pty_env = {**env, "DRAFTER_HOME": str(prompt_home), "TERM": os.environ.get("TERM") or "xterm"}
    return Setup(args, env, pty_env)


def build(setup: Setup) -> tuple[list[Command], list[Comparison]]:
    args, env, pty_env = setup.args, setup.env, setup.pty_env
    py = sys.executable
    m_argv = setup.draft_argv
    floor_argv = [py, str(FLOOR)]
    pass_argv = [py, "-c", "pass"]
    cmds = [
        Command(
            "draft", "draft (python -m drafter)", " ".join(m_argv), lambda: run_wall(m_argv, env)
        ),
        Command("floor", "floor", " ".join(floor_argv), lambda: run_wall(floor_argv, env)),
        Command("pass", "python -c pass", " ".join(pass_argv), lambda: run_wall(pass_argv, env)),
    ]
    cache = Path(env["DRAFTER_HOME"]) / "cache"

    def cold() -> float:
        shutil.rmtree(cache, ignore_errors=True)  # outside the timing
        return run_wall(m_argv, env)

    cmds.append(Command("cold", "draft, cache emptied first", " ".join(m_argv), cold))
    comps = [
        Comparison("draft (python -m drafter) / floor", "draft", "floor", True),
        Comparison("draft, cache emptied first / floor (context)", "cold", "floor", False),
        Comparison("draft (python -m drafter) / python -c pass", "draft", "pass", False),
    ]
    script = None if args.no_console_script else console_script()
    if script is not None:
        s_argv = [str(script), *setup.draft_args]
        cmds.append(
            Command(
                "script", "draft (console script)", " ".join(s_argv), lambda: run_wall(s_argv, env)
            )
        )
        comps.insert(1, Comparison("draft (console script) / floor", "script", "floor", True))
    comps.append(Comparison("floor / python -c pass (context)", "floor", "pass", False))
    if not args.no_interactive:
        prompt = args.prompt or first_prompt(args.playbook, env)
        i_argv = [py, "-m", "drafter", "draft", args.playbook]
        cmds += [
            Command(
                "prompt",
                f"first prompt in a pty ({prompt!r})",
                " ".join(i_argv),
                lambda: run_pty(i_argv, pty_env, prompt),
            ),
            Command(
                "floor_pty",
                f"floor in a pty (until {FLOOR_OUTPUT!r})",
                " ".join(floor_argv),
                lambda: run_pty(floor_argv, pty_env, FLOOR_OUTPUT),
            ),
        ]
        # Context: prompting imports questionary and prompt_toolkit, which the goal leaves out.
        comps.append(
            Comparison("first prompt (pty) / floor (pty) (context)", "prompt", "floor_pty", False)
        )
    return cmds, comps


# --- import-time breakdown ---------------------------------------------------------------


@dataclass
class Imp:
    name: str
    self_us: float
    cum_us: float
    parent: str  # the module whose import pulled it in, or one of the two labels below


STARTUP = "(interpreter start-up)"
# Imported by code running after drafter was imported, e.g. inside a function.
RUN_TIME = "(at run time)"


def parse_importtime(text: str) -> list[Imp]:
    """`-X importtime` lines, in order, with who imported each (children print before parents)."""
    rows: list[tuple[str, int, int, int]] = []
    for line in text.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        self_us, cum_us, raw = line[len("import time:") :].split("|", 2)
        name = raw.rstrip()[1:]  # one space follows the bar; two more per nesting level
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((name.strip(), depth, int(self_us), int(cum_us)))
    first_own = next((i for i, r in enumerate(rows) if r[0] == "drafter"), len(rows))
    out = []
    for i, (name, depth, s, c) in enumerate(rows):
        if depth:
            parent = next(r[0] for r in rows[i + 1 :] if r[1] < depth)
        elif i < first_own:
            parent = STARTUP
        else:  # drafter/__main__.py runs unlisted: what it imports looks like run time
            parent = "drafter.__main__" if name.startswith("drafter.") else RUN_TIME
        out.append(Imp(name, s, c, parent))
    return out


def importtimes(
    argvs: Sequence[Sequence[str]], env: dict[str, str], runs: int
) -> list[dict[str, Imp]]:
    """For each command, the median self and cumulative time of each module over `runs` runs.

    The commands take turns, so each sees the same machine load.
    """
    seen: list[list[dict[str, Imp]]] = [[] for _ in argvs]
    for _ in range(runs):
        for k, argv in enumerate(argvs):
            seen[k].append({i.name: i for i in parse_importtime(run_importtime(argv, env))})
    merged = []
    for runs_of in seen:
        last = runs_of[-1]
        merged.append(
            {
                name: Imp(
                    name,
                    statistics.median(r[name].self_us for r in runs_of if name in r),
                    statistics.median(r[name].cum_us for r in runs_of if name in r),
                    imp.parent,
                )
                for name, imp in last.items()
            }
        )
    return merged


def run_importtime(argv: Sequence[str], env: dict[str, str]) -> str:
    """The -X importtime log of one run."""
    proc = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    log = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited {proc.returncode}: {log[-1000:]}")
    return log


def _group(name: str) -> str:
    """drafter's modules one by one; anything else by top-level package."""
    return name if name.startswith("drafter") else name.split(".")[0]


def _ms(us: float) -> float:
    return round(us / 1000, 2)


def import_report(setup: Setup) -> dict[str, Any]:
    """Where the non-interactive draft's import time goes, and what it adds to the floor's."""
    args, env, draft = setup.args, setup.env, setup.draft_argv
    floor = [sys.executable, str(FLOOR)]
    importtimes([draft, floor], env, 1)  # fill the bytecode cache
    d, f = importtimes([draft, floor], env, args.import_runs)
    if args.raw:
        Path(args.raw).write_text(run_importtime(draft, env), encoding="utf-8")

    added = [i for i in d.values() if i.name not in f]
    groups: dict[str, list[Imp]] = {}
    for imp in added:
        groups.setdefault(_group(imp.name), []).append(imp)
    added_groups: list[dict[str, Any]] = []
    for name, imps in groups.items():
        # Who pulled the group in: the importers of its outermost modules.
        by = sorted({i.parent for i in imps if _group(i.parent) != name})
        added_groups.append(
            {
                "group": name,
                "self_ms": _ms(sum(i.self_us for i in imps)),
                "modules": len(imps),
                "imported_by": by,
            }
        )
    added_groups.sort(key=lambda g: -g["self_ms"])

    own = sorted((i for i in d.values() if i.name.startswith("drafter")), key=lambda i: -i.cum_us)
    # What drafter's own code imports, at import time or at run time.
    direct = sorted(
        (
            i
            for i in d.values()
            if not i.name.startswith("drafter")
            and (i.parent.startswith("drafter") or i.parent == RUN_TIME)
        ),
        key=lambda i: -i.cum_us,
    )
    return {
        "command": " ".join(draft),
        "runs": args.import_runs,
        "total_self_ms": {
            "draft": _ms(sum(i.self_us for i in d.values())),
            "floor": _ms(sum(i.self_us for i in f.values())),
        },
        "added_beyond_floor_ms": _ms(sum(i.self_us for i in added)),
        "added_modules": len(added),
        "added_groups": added_groups,
        "drafter_modules": [
            {"module": i.name, "self_ms": _ms(i.self_us), "cumulative_ms": _ms(i.cum_us)}
            for i in own
        ],
        "direct_imports": [
            {
                "module": i.name,
                "cumulative_ms": _ms(i.cum_us),
                "imported_by": i.parent,
                "in_floor": i.name in f,
            }
            for i in direct
        ],
        "heavy": {h: sorted(n for n in d if _group(n) == h) for h in HEAVY},
    }


def heavy_imports(imports: dict[str, Imp]) -> dict[str, list[str]]:
    """Which of HEAVY a run imported, with the importer of each one's top module."""
    return {
        h: sorted({f"{i.name} (by {i.parent})" for i in imports.values() if i.name == h})
        for h in HEAVY
        if any(_group(n) == h for n in imports)
    }


# --- statistics and output ---------------------------------------------------------------


def quartiles(xs: Sequence[float]) -> tuple[float, float, float]:
    if len(xs) < 2:
        return xs[0], xs[0], xs[0]
    q1, q2, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    return q1, q2, q3


def measure(cmds: list[Command], runs: int, rng: random.Random) -> dict[str, list[float]]:
    """`runs` rounds; each runs every command once in a fresh random order."""
    times: dict[str, list[float]] = {c.key: [] for c in cmds}
    for _ in range(runs):
        order = cmds[:]
        rng.shuffle(order)
        for c in order:
            times[c.key].append(c.run())
    return times


def summarise(
    comps: list[Comparison], times: dict[str, list[float]], labels: dict[str, str]
) -> list[dict[str, Any]]:
    rows = []
    for comp in comps:
        ratios = [a / b for a, b in zip(times[comp.a], times[comp.b], strict=True)]
        q1, med, q3 = quartiles(ratios)
        rows.append(
            {
                "comparison": comp.label,
                "a": labels[comp.a],
                "b": labels[comp.b],
                "ratio_median": round(med, 3),
                "ratio_q1": round(q1, 3),
                "ratio_q3": round(q3, 3),
                "a_median_ms": round(statistics.median(times[comp.a]) * 1000, 1),
                "b_median_ms": round(statistics.median(times[comp.b]) * 1000, 1),
                "goal": GOAL if comp.goal else None,
                "meets_goal": (med <= GOAL) if comp.goal else None,
            }
        )
    return rows


def print_table(report: dict[str, Any]) -> None:
    cfg = report["config"]
    print("drafter startup: median of per-round ratios (A / B); lower is better")
    print(f"  python    {cfg['python']} ({cfg['python_version']})")
    print(f"  playbook  {cfg['playbook']}  answers {cfg['answers']}")
    print(
        f"  rounds    {cfg['runs']}, each running every command once in random order"
        f" (seed {cfg['seed']}),"
        f" after {cfg['warmup']} warm-up round(s); {cfg['elapsed_s']:.0f} s in all"
    )
    if cfg["bytecode"] == "cached":
        print("  bytecode  compiled once into a temporary PYTHONPYCACHEPREFIX, as installed")
    else:
        print("  bytecode  as the environment has it (--as-is)")
    print()
    head = ("A / B", "ratio", "IQR", "A median", "B median", f"goal <={GOAL}x")
    body = [
        (
            r["comparison"],
            f"{r['ratio_median']:.2f}",
            f"{r['ratio_q1']:.2f}-{r['ratio_q3']:.2f}",
            f"{r['a_median_ms']:.0f} ms",
            f"{r['b_median_ms']:.0f} ms",
            "" if r["goal"] is None else ("met" if r["meets_goal"] else "NOT met"),
        )
        for r in report["comparisons"]
    ]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
    for row in [head, *body]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells).rstrip())
    print()
    print("Commands (DRAFTER_HOME is an empty temporary directory; the pty runs use another")
    print("holding a profile with a name, so the first question is the playbook's first field):")
    for c in report["commands"]:
        print(f"  {c['label']}: {c['command']}")
    if report.get("console_script_note"):
        print(f"  ({report['console_script_note']})")
    print()
    heavy = report["heavy_in_draft"]
    if heavy:
        print(
            "WARNING: the non-interactive draft imports "
            + "; ".join(f"{h}: {', '.join(v) or 'yes'}" for h, v in heavy.items())
        )
    else:
        print(f"The non-interactive draft imports none of {', '.join(HEAVY)}.")


def print_imports(rep: dict[str, Any], top: int) -> None:
    tot = rep["total_self_ms"]
    print(
        f"Import time (median of {rep['runs']} runs of -X importtime; times inflate under the flag)"
    )
    print(f"  {rep['command']}")
    print(
        f"  all imports: draft {tot['draft']:.1f} ms, floor {tot['floor']:.1f} ms; "
        f"draft adds {rep['added_beyond_floor_ms']:.1f} ms in {rep['added_modules']} modules"
        " the floor never imports"
    )
    print()
    print("Beyond the floor, by package (self time summed), and who imports it:")
    for g in rep["added_groups"][:top]:
        print(
            f"  {g['self_ms']:7.1f} ms  {g['group']:<28} {g['modules']:>3} module(s)"
            f"  <- {', '.join(g['imported_by'])}"
        )
    print()
    print("drafter's own modules, by cumulative time (includes what each imports first):")
    for m in rep["drafter_modules"][:top]:
        print(
            f"  {m['cumulative_ms']:7.1f} ms cumulative  {m['self_ms']:6.1f} ms self  {m['module']}"
        )
    print()
    print("What drafter's code imports directly (cumulative; 'floor': the floor imports it too):")
    for m in rep["direct_imports"][:top]:
        flag = "floor" if m["in_floor"] else "added"
        print(f"  {m['cumulative_ms']:7.1f} ms  {flag}  {m['module']:<28} <- {m['imported_by']}")
    print()
    heavy = {h: v for h, v in rep["heavy"].items() if v}
    if heavy:
        print(
            "WARNING: imported on the non-interactive path: "
            + "; ".join(f"{h} ({len(v)} modules)" for h, v in heavy.items())
        )
    else:
        print(f"Not imported on the non-interactive path: {', '.join(HEAVY)}.")


# --- main --------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="startup.py",
        description="drafter's startup time as median ratios over paired runs against a floor.",
    )
    p.add_argument("--runs", type=int, default=20, help="rounds of paired runs (default 20)")
    p.add_argument(
        "--warmup", type=int, default=1, help="rounds run and discarded first (default 1)"
    )
    p.add_argument(
        "--playbook",
        default="decline-sales-pitch",
        help="playbook id (default decline-sales-pitch)",
    )
    p.add_argument(
        "--answers", type=Path, help="answers file (default: the one in benchmarks/ for PLAYBOOK)"
    )
    p.add_argument(
        "--prompt", help="text to wait for in the pty (default: the first field's prompt)"
    )
    p.add_argument(
        "--no-interactive", action="store_true", help="skip the time-to-first-prompt runs"
    )
    p.add_argument("--no-console-script", action="store_true", help="skip the console-script runs")
    p.add_argument(
        "--as-is",
        action="store_true",
        help="keep the environment's bytecode settings instead of a temporary bytecode cache",
    )
    p.add_argument(
        "--seed", type=int, default=1, help="seed for the order within rounds (default 1)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.add_argument(
        "--importtime",
        action="store_true",
        help="instead of timing, break down the draft's import time against the floor's",
    )
    p.add_argument(
        "--import-runs", type=int, default=7, help="-X importtime runs, medians taken (default 7)"
    )
    p.add_argument(
        "--raw", metavar="FILE", help="with --importtime, save one raw -X importtime log to FILE"
    )
    p.add_argument(
        "--top", type=int, default=12, help="with --importtime, rows per section (default 12)"
    )
    args = p.parse_args(argv)
    if args.runs < 1 or args.import_runs < 1 or args.warmup < 0:
        p.error("--runs and --import-runs must be at least 1, --warmup at least 0")
    if args.answers is None:
        if args.playbook not in ANSWERS:
            p.error(f"no answers file in benchmarks/ for {args.playbook}: pass --answers FILE")
        args.answers = HERE / ANSWERS[args.playbook]
    args.answers = args.answers.resolve()
    return args


def check_draft(setup: Setup) -> None:
    """Fail early, and say why, when the draft command itself fails."""
    argv = setup.draft_argv
    out = subprocess.run(
        argv,
        env=setup.env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if out.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited {out.returncode}: {out.stderr.strip()}")


def console_note(args: argparse.Namespace) -> str:
    if args.no_console_script:
        return ""
    script = console_script()
    if script is None:
        return f"no drafter console script in {sysconfig.get_path('scripts')}: not measured"
    first = script.read_text(encoding="utf-8", errors="replace").splitlines()[:1]
    shebang = first[0].removeprefix("#!").strip() if first and first[0].startswith("#!") else ""
    if shebang and Path(shebang).resolve() != Path(sys.executable).resolve():
        return f"the console script runs {shebang}, not {sys.executable}"
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        setup = make_setup(args, Path(tmp))
        try:
            check_draft(setup)
            if args.importtime:
                rep = import_report(setup)
                if args.json:
                    print(json.dumps(rep, indent=2))
                else:
                    print_imports(rep, args.top)
                return 0
            cmds, comps = build(setup)
            rng = random.Random(args.seed)
            measure(cmds, args.warmup, rng)
            times = measure(cmds, args.runs, rng)
            heavy = heavy_imports(importtimes([setup.draft_argv], setup.env, 1)[0])
        except BenchError as exc:
            print(f"startup.py: error: {exc}", file=sys.stderr)
            return 1
    report = {
        "config": {
            "python": sys.executable,
            "python_version": sys.version.split()[0],
            "playbook": args.playbook,
            "answers": str(args.answers),
            "runs": args.runs,
            "warmup": args.warmup,
            "seed": args.seed,
            "bytecode": "as-is" if args.as_is else "cached",
            "cpus": os.cpu_count(),
            "elapsed_s": round(time.perf_counter() - started, 1),
        },
        "comparisons": summarise(comps, times, {c.key: c.label for c in cmds}),
        "commands": [{"key": c.key, "label": c.label, "command": c.shown} for c in cmds],
        "console_script_note": console_note(args),
        "heavy_in_draft": heavy,
        "times_ms": {k: [round(t * 1000, 2) for t in v] for k, v in times.items()},
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
