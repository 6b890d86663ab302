"""drafter batch against mailmerge, and drafter's render loop against plain Jinja2 (issue 11).

    python benchmarks/batch.py                  # 10,000 rows, up to 7 paired rounds, ~3 minutes
    python benchmarks/batch.py --rows 2000 --rounds 11
    python benchmarks/batch.py --json           # the same, machine-readable, every raw time
    python benchmarks/batch.py --profile        # also cProfile's top 15 of drafter's loop
    python benchmarks/batch.py --no-mailmerge   # the in-process rows only (no venv, no pip)

Goals (issue 11, section 3): `drafter batch` of 10,000 rows with its checks at least 4x as
fast as mailmerge on the same rows (whole processes); drafter's in-process loop (sandbox and
checks) at least a third of the speed of a plain compiled Jinja2 loop over the same rows.

The rows are invented answers to the `reconnect` playbook, written as people type them, with
quoted commas and doubled quotes (a nickname, a talk's title). Both sides produce the same
messages: mailmerge and the plain loop get reconnect's warm variant as plain Jinja2
(`TEMPLATE`), and the script checks, outside the timing, that all three give the same texts.

mailmerge is installed with pip into a venv of its own (in the user's cache folder, reused;
`--mailmerge-venv DIR`), so it never enters drafter's environment. It runs in dry-run mode
with `--no-limit --output-format raw`: it renders every row into an email and prints it,
sending nothing. drafter runs `drafter batch reconnect rows.csv --format jsonl`, printing
every draft; both print to /dev/null. A paired round runs each once, the first of the pair
alternating between rounds, and the ratio is taken inside the round.

The in-process rows run `drafter.batch.draft_rows` (the plan from `drafter.batch.plan`)
against `jinja2.Environment().from_string(TEMPLATE)` and `render(**row)` over the same rows,
both keeping each text. Round k takes every R-th row from the k-th (R rounds), so all the
rows pass through both loops once, and each round's pair saw the same rows and the same
machine load. A third table splits drafter's time per row between the pipeline's parts.

mailmerge's CSV sniffing (csv.Sniffer over the first 1,024 characters) decides that a file
whose first doubled quote ("") comes after them has no doubled quotes, and then misreads a
valid file: a field with a doubled quote followed by a comma splits in two, and mailmerge
stops with a TypeError traceback; without a comma it carries on with stray quotes in the
message. The script shows both on small files, untimed, and puts the first doubled quote of
the timed file in its first row so that mailmerge reads it right.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import email
import io
import json
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

GOAL_PROCESS = 4.0  # mailmerge time / drafter time, at least
GOAL_LOOP = 1 / 3  # drafter's rows/s / plain Jinja2's rows/s, at least
SENDER = "Ana Ruiz"
CHECK_ROWS = 500  # rows of drafter batch's untimed run, its texts compared with the loop's
HEADER = ["recipient_name", "email", "how_we_know", "last_contact", "their_news", "offer",
          "why_now", "ask"]  # fmt: skip

# reconnect's warm variant (templates/reconnect/warm.j2) as plain Jinja2, for the shapes of
# answer the rows use; the script checks that it gives drafter's texts.
TEMPLATE = """\
Hi {% if '"' in recipient_name %}{{ recipient_name.split('"')[1] }}\
{%- else %}{{ recipient_name.split()[0] }}{% endif %},

It's been a while since {% set w = how_we_know.split()[0] -%}
{% if w in ("worked", "met", "studied") %}we {% elif w not in ("the", "our") %}our days at \
{% endif %}{{ how_we_know }}, and I've been meaning to get back in touch.
{%- if last_contact %} I think the last time we spoke was {{ last_contact }}.{% endif %}
{%- if their_news %} I was glad to see {% if their_news.startswith("you ") %}that {% endif %}\
{{ their_news }}.{% endif %}

{% if offer -%}
If it's useful, I'd be glad to {% if offer.split()[0] in ("my", "our") %}share {% endif %}\
{{ offer }}.

{% endif -%}
{% if why_now -%}
{% if ask != "none" %}I'll be upfront: {% endif %}I'm writing now because {{ why_now }}.
{%- if ask == "questions" %} Could I send you two or three short questions here? \
Whenever suits you, and no worries if now's a busy time.
{%- elif ask == "none" %} There's nothing I need from you: I'd just love to catch up.
{%- else %} Would you have 15 minutes for a call in the next few weeks? \
If now's a busy time, no worries at all.{% endif %}
{%- else -%}
No agenda: I'd simply love to hear what you've been up to.
{%- endif %}

Best,
Ana"""

MAILMERGE_HEADERS = f"TO: {{{{ email }}}}\nFROM: {SENDER} <ana.ruiz@example.com>\n\n"

# --- the rows ---------------------------------------------------------------------------------

FIRST = ("Kim Ana Ben Chioma Dara Emeka Farah Goran Hana Inès Jun Kofi Lena Mateo Nia Oskar "
         "Priya Sam Tomás Zoë Marco Elena Chris Aiko").split()  # fmt: skip
NICKNAMES = [('Robert "Bob"', "robert"), ('Katherine "Kat"', "katherine"),
             ('Guillermo "Memo"', "guillermo"), ('Alexandra "Sasha"', "alexandra")]  # fmt: skip
LAST = ("Nguyen Sokol Ode Ibáñez Brandt Verhoeven Okafor Lindqvist Tanaka Moreau Novak "
        "Quispe Shah Bianchi Petrova O'Neill Müller").split()  # fmt: skip
COMPANIES = ["Acme", "Lumen", "Northwind Health", "Fernhill Analytics", "Brandt, Ode & Partners",
             "Quill & Ledger", "Stripe", "Überlingen Logistik", "Brightwave"]  # fmt: skip
EVENTS = ["PyCon 2025", "the Lisbon data meetup", "RecSys 2023", "a product summit in Berlin",
          "DjangoCon Europe", "Web Summit 2024"]  # fmt: skip
CITIES = ["Berlin", "Lisbon", "Toronto", "Nairobi", "São Paulo", "Osaka", "Manchester"]
TALKS = ['"Data contracts in practice"', '"What we got wrong about A/B tests"',
         '"Shipping on Fridays, safely"', '"Hiring your first analyst"']  # fmt: skip
TOPICS = ["hiring junior engineers", "pricing for small teams", "on-call without burnout",
          "writing design docs people read", "moving off spreadsheets"]  # fmt: skip
FIELDS = ["product management", "data engineering", "developer relations", "UX research"]


def make_rows(count: int, seed: int = 11) -> list[dict[str, str]]:
    """`count` rows of reconnect answers as people type them; the first has a doubled quote."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if i == 0 or rng.random() < 0.06:
            first, handle = rng.choice(NICKNAMES)
        else:
            handle = first.lower()
        company, other = rng.sample(COMPANIES, 2)
        how = rng.choice([
            f"worked together at {company}", f"worked together on the {rng.choice(['billing', 'search', 'data platform', 'mobile'])} team at {company}",
            f"met at {rng.choice(EVENTS)}",
            f"studied together at {rng.choice(['TU Berlin', 'the University of Porto', 'McGill'])}",
            "the Lisbon data meetup", f"our time at {company}", company,
        ])  # fmt: skip
        last_contact = rng.choice([
            "", "", f"at {rng.choice(FIRST)}'s leaving drinks", "two years ago", "last spring",
            "before the pandemic", f"when you visited {rng.choice(CITIES)}",
            f"at the {company} offsite, I think",
        ])  # fmt: skip
        news = rng.choice([
            "", "", f"your new role at {other}", f"your post on {rng.choice(TOPICS)}",
            f"your talk {rng.choice(TALKS)} at {rng.choice(EVENTS)}",
            f"you moved to {rng.choice(CITIES)}", f"your promotion to head of {rng.choice(['data', 'design', 'platform'])}",
        ])  # fmt: skip
        if i == 0:
            news = f"your talk {TALKS[0]} at PyCon 2025"
        offer = rng.choice([
            "", "", "", f"introduce you to our head of {rng.choice(['design', 'data', 'sales'])}",
            f"my notes from {rng.choice(EVENTS)}",
            "review your CV, if that helps", "our hiring playbook",
        ])  # fmt: skip
        why = rng.choice([
            "", "", "", f"I'm moving into {rng.choice(FIELDS)}",
            f"I'll be in {rng.choice(CITIES)} next month",
            f"I'm applying for {rng.choice(FIELDS)} roles, and you know the field",
            "I've just started freelancing",
        ])  # fmt: skip
        ask = rng.choice(["call_15", "call_15", "questions", "none", ""]) if why else ""
        mail = unicodedata.normalize("NFKD", f"{handle}.{last.lower()}.{i}@example.com")
        mail = mail.encode("ascii", "ignore").decode()
        rows.append(dict(zip(HEADER, [f"{first} {last}", mail.replace("'", ""), how,
                                      last_contact, news, offer, why, ask], strict=True)))  # fmt: skip
    return rows


def csv_bytes(rows: Sequence[dict[str, str]]) -> bytes:
    """The rows as a CSV file: UTF-8, CRLF, quoted where needed, quotes doubled."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def late_quote_rows(rows: Sequence[dict[str, str]], news: str) -> list[dict[str, str]]:
    """Rows whose first doubled quote comes after the first KiB of their CSV: rows without a
    quote first, past 1,024 characters, then one whose news is `news`, then a few more."""
    plain = [r for r in rows if not any('"' in v for v in r.values())]
    head: list[dict[str, str]] = []
    while len(csv_bytes(head).decode("utf-8")) <= 1100:
        head.append(plain[len(head)])
    late = {**plain[len(head)], "their_news": news}
    return [*head, late, *plain[len(head) + 1 : len(head) + 6]]


# --- helpers ----------------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """Median and interquartile range (first and third quartiles)."""
    if len(values) < 2:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q2, q1, q3


def console_script(bindir: Path, name: str) -> Path:
    path = bindir / (f"{name}.exe" if os.name == "nt" else name)
    if not path.is_file():
        raise SystemExit(f"batch.py: error: no {name} script in {bindir}")
    return path


def default_venv() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "drafter-benchmarks" / "mailmerge-venv"


def mailmerge_script(venv: Path) -> Path:
    """mailmerge in its own venv, made (python -m venv, pip install mailmerge) when missing."""
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    if not (bindir / "mailmerge").is_file():
        say(f"installing mailmerge into {venv} (its own venv) ...")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        done = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", "mailmerge"],
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"batch.py: error: pip install mailmerge failed: {done.stderr[-800:]}")
    return console_script(bindir, "mailmerge")


# --- whole processes --------------------------------------------------------------------------


class Processes:
    """The two commands, their files and environment."""

    def __init__(self, tmp: Path, mailmerge: Path, data: bytes):
        self.tmp = tmp
        self.rows = tmp / "rows.csv"
        self.rows.write_bytes(data)
        home = tmp / "home"
        home.mkdir(exist_ok=True)
        (tmp / "mailmerge_template.txt").write_text(MAILMERGE_HEADERS + TEMPLATE + "\n",
                                                    encoding="utf-8")  # fmt: skip
        (tmp / "mailmerge_server.conf").write_text(
            "[smtp_server]\nhost = localhost\nport = 25\nratelimit = 0\n", encoding="utf-8"
        )
        env = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_PATH", "DRAFTER_DEBUG")}
        env["DRAFTER_HOME"] = str(home)
        # Compiled bytecode for both, as installed programs have (see startup.py's "Bytecode").
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        self.env = env
        drafter = console_script(Path(sysconfig.get_path("scripts")), "drafter")
        self.mailmerge = mailmerge
        self.summary = ""  # what the last timed drafter batch said on stderr
        self.drafter_argv = [str(drafter), "batch", "reconnect", "ROWS", "--format", "jsonl",
                             "--set", f"me.name={SENDER}"]  # fmt: skip
        self.mailmerge_argv = [str(mailmerge), "--dry-run", "--no-limit", "--output-format", "raw",
                               "--template", str(tmp / "mailmerge_template.txt"),
                               "--config", str(tmp / "mailmerge_server.conf"),
                               "--database", "ROWS"]  # fmt: skip

    def argv(self, who: str, rows: Path | None = None, limit: int = 0) -> list[str]:
        argv = self.drafter_argv if who == "drafter" else self.mailmerge_argv
        argv = [str(rows or self.rows) if a == "ROWS" else a for a in argv]
        if limit and who == "drafter":
            argv += ["--limit", str(limit)]
        return argv

    def run(self, who: str, rows: Path | None = None, out: int | None = subprocess.DEVNULL,
            limit: int = 0) -> subprocess.CompletedProcess[bytes]:  # fmt: skip
        return subprocess.run(self.argv(who, rows, limit), env=self.env, cwd=self.tmp,
                              stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE)  # fmt: skip

    def timed(self, who: str) -> float:
        start = time.perf_counter()
        done = self.run(who)
        seconds = time.perf_counter() - start
        check(who, done)
        if who == "drafter":
            self.summary = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1]
        return seconds


def check(who: str, done: subprocess.CompletedProcess[bytes]) -> None:
    if done.returncode != 0:
        raise SystemExit(f"batch.py: error: {who} exited {done.returncode}: "
                         f"{done.stderr.decode(errors='replace')[-600:]}")  # fmt: skip


def mailmerge_texts(stdout: bytes) -> list[str]:
    """The message bodies of mailmerge's raw dry-run output."""
    parts = re.split(rb"^>>> message \d+(?: sent)?\n", stdout, flags=re.M)
    texts = []
    for part in parts:
        if part.strip() and not part.startswith(b">>>"):
            msg = email.message_from_bytes(part)
            payload = msg.get_payload(decode=True)
            assert isinstance(payload, bytes)
            texts.append(payload.decode(msg.get_content_charset() or "utf-8").strip())
    return texts


def drafter_texts(stdout: bytes) -> list[str]:
    return [json.loads(line)["text"] for line in stdout.splitlines() if line.strip()]


def crash_demo(procs: Processes, rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    """mailmerge and drafter on two small valid CSVs whose first doubled quote is past 1 KiB:
    one with a comma after the doubled quote in its field, one without."""
    got: dict[str, Any] = {}
    for case, talk in (("comma after the quote", TALKS[2]), ("no comma after it", TALKS[0])):
        news = f"your talk {talk} at PyCon 2025"
        data = csv_bytes(late_quote_rows(rows, news))
        path = procs.tmp / "late-quote.csv"
        path.write_bytes(data)
        found: dict[str, Any] = {"rows": data.count(b"\r\n") - 1, "bytes": len(data),
                                 "first_doubled_quote_at_byte": data.find(b'""')}  # fmt: skip
        for who in ("mailmerge", "drafter"):
            done = procs.run(who, path, out=subprocess.PIPE)
            err = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
            texts = (
                mailmerge_texts(done.stdout) if who == "mailmerge" else drafter_texts(done.stdout)
            )
            said = [s for t in texts for s in re.split(r"(?<=\.)\s+", t) if "your talk" in s]
            found[who] = {"exit": done.returncode, "stderr": err[-1] if err else "",
                          "messages": len(texts), "the talk": said[0] if said else ""}  # fmt: skip
        got[case] = found
    return got


def process_rounds(procs: Processes, rounds: int, budget: float, started: float,
                   reserve: float) -> dict[str, Any]:  # fmt: skip
    """Paired rounds of the two whole processes, until `rounds` or the time budget is spent."""
    times: dict[str, list[float]] = {"drafter": [], "mailmerge": []}
    for r in range(rounds):
        if times["drafter"] and budget > 0:
            per_round = sum(statistics.median(v) for v in times.values())
            if time.perf_counter() - started + per_round + reserve > budget:
                say(f"  stopping after round {r}: another would pass --budget {budget:g} s")
                break
        order = ("drafter", "mailmerge") if r % 2 == 0 else ("mailmerge", "drafter")
        for who in order:
            times[who].append(procs.timed(who))
        say(f"  round {r + 1}: drafter {times['drafter'][-1]:.2f} s, "
            f"mailmerge {times['mailmerge'][-1]:.2f} s")  # fmt: skip
    ratios = [m / d for d, m in zip(times["drafter"], times["mailmerge"], strict=True)]
    med, q1, q3 = spread(ratios)
    return {
        "rounds": len(ratios),
        "drafter_median_s": statistics.median(times["drafter"]),
        "mailmerge_median_s": statistics.median(times["mailmerge"]),
        "ratio_of_medians": statistics.median(times["mailmerge"])
        / statistics.median(times["drafter"]),
        "ratio_median": med,
        "ratio_q1": q1,
        "ratio_q3": q3,
        "goal": GOAL_PROCESS,
        "goal_met": med >= GOAL_PROCESS,
        "times_s": {k: [round(t, 4) for t in v] for k, v in times.items()},
        "ratios": [round(x, 4) for x in ratios],
    }


# --- in process -------------------------------------------------------------------------------


class Loops:
    """drafter's loop and the plain Jinja2 loop over the same rows of the same file."""

    def __init__(self, data: bytes):
        import jinja2

        from drafter import answers, batch
        from drafter.api import load_playbook

        self.pb = load_playbook("reconnect")
        table = batch.read_table(data)
        self.rows = table.rows
        self.plan = batch.plan(self.pb, table.header)
        self.dicts = [dict(zip(table.header, r.cells, strict=True)) for r in table.rows]
        self.shared = answers.parse_set([f"me.name={SENDER}"])
        self.template = jinja2.Environment().from_string(TEMPLATE)

    def drafter(self, idx: Sequence[int]) -> list[str]:
        from drafter.batch import draft_rows

        texts = []
        rows = [self.rows[i] for i in idx]
        for result in draft_rows(self.pb, rows, self.plan, shared=self.shared, profile={}):
            if result.outcome is None:
                raise SystemExit(f"batch.py: error: row {result.line}: {result.error}")
            texts.append(result.outcome.text)
        return texts

    def plain(self, idx: Sequence[int]) -> list[str]:
        render = self.template.render
        return [render(**self.dicts[i]) for i in idx]

    def own_templates(self, idx: Sequence[int]) -> list[str]:
        """reconnect's own template files in a plain Jinja2 environment with drafter's
        filters and tests: what is left when the sandbox, the fitting of answers, the marks
        and seams and every check are taken away (the row's cells as they are)."""
        if not hasattr(self, "own"):
            import jinja2

            from drafter.filters import FILTERS
            from drafter.library import builtin_root
            from drafter.shape import SHAPE_FILTERS, TESTS

            env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(str(builtin_root() / "templates")),
                trim_blocks=True, lstrip_blocks=True, undefined=jinja2.ChainableUndefined,
            )  # fmt: skip
            env.filters.update(FILTERS)
            env.filters.update(SHAPE_FILTERS)
            env.tests.update(TESTS)
            variant = self.pb.variant(None)
            self.own = env.get_template(variant.template or "")
            blank = {f.name: "" for f in self.pb.fields}
            self.own_context = [
                {**blank, **{k: v for k, v in row.items() if k in blank},
                 "me": {"name": SENDER}} for row in self.dicts
            ]  # fmt: skip
        render = self.own.render
        return [render(self.own_context[i]) for i in idx]

    def parts(self, idx: Sequence[int]) -> dict[str, float]:
        """Seconds in each part of drafter's pipeline over the rows `idx` (the same chain as
        drafter.pipeline.run: answers, render, checks)."""
        from drafter import answers, batch, pipeline, render

        spent = dict.fromkeys(["row to answers", "collect and fit answers", "render", "checks"],
                              0.0)  # fmt: skip
        variant = self.pb.variant(None)
        clock = time.perf_counter
        for i in idx:
            t0 = clock()
            given = answers.merge(self.shared, batch.row_answers(self.pb, self.plan,
                                                                 self.rows[i].cells))  # fmt: skip
            t1 = clock()
            values, me = pipeline.collect(self.pb, given, {})
            t2 = clock()
            draft = render.render(self.pb, variant, values, me)
            t3 = clock()
            pipeline.check(self.pb, draft, values, me)
            t4 = clock()
            for key, a, b in zip(spent, (t0, t1, t2, t3), (t1, t2, t3, t4), strict=True):
                spent[key] += b - a
        return spent


def timed(fn: Callable[[Sequence[int]], list[str]], idx: Sequence[int]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    texts = fn(idx)
    return time.perf_counter() - start, texts


def loop_rounds(loops: Loops, rounds: int) -> tuple[dict[str, Any], list[str], list[str]]:
    """Paired rounds over interleaved slices of the rows; every row through both loops once."""
    n = len(loops.rows)
    loops.drafter(range(min(n, 20)))  # warm-up: compiled templates, first imports
    loops.plain(range(min(n, 20)))
    drafter_out: list[str] = [""] * n
    plain_out: list[str] = [""] * n
    per_s: dict[str, list[float]] = {"drafter": [], "plain": []}
    ratios = []
    for r in range(rounds):
        idx = range(r, n, rounds)
        if not idx:
            break
        order = ("drafter", "plain") if r % 2 == 0 else ("plain", "drafter")
        seconds = {}
        for who in order:
            seconds[who], texts = timed(getattr(loops, who), idx)
            out = drafter_out if who == "drafter" else plain_out
            for i, text in zip(idx, texts, strict=True):
                out[i] = text
            per_s[who].append(len(idx) / seconds[who])
        ratios.append(seconds["plain"] / seconds["drafter"])
        say(f"  round {r + 1}: drafter {per_s['drafter'][-1]:,.0f} rows/s, "
            f"plain Jinja2 {per_s['plain'][-1]:,.0f} rows/s")  # fmt: skip
    med, q1, q3 = spread(ratios)
    return (
        {
            "rounds": len(ratios),
            "rows_per_round": len(range(0, n, rounds)),
            "drafter_rows_per_s": statistics.median(per_s["drafter"]),
            "plain_rows_per_s": statistics.median(per_s["plain"]),
            "ratio_of_medians": statistics.median(per_s["drafter"])
            / statistics.median(per_s["plain"]),
            "ratio_median": med,
            "ratio_q1": q1,
            "ratio_q3": q3,
            "goal": GOAL_LOOP,
            "goal_met": med >= GOAL_LOOP,
            "rows_per_s": {k: [round(x, 1) for x in v] for k, v in per_s.items()},
            "ratios": [round(x, 5) for x in ratios],
        },
        drafter_out,
        plain_out,
    )


def own_templates_report(loops: Loops, sample: int, rounds: int) -> dict[str, Any]:
    """Paired rounds of drafter's loop against reconnect's own templates rendered plainly
    (context: how much of a row is the template itself)."""
    n = len(loops.rows)
    idx = list(range(0, n, max(1, n // sample)))
    loops.own_templates(idx[:20])
    ratios, mine, own = [], [], []
    for r in range(rounds):
        part = idx[r::rounds]
        if not part:
            break
        pair = ("drafter", "own") if r % 2 == 0 else ("own", "drafter")
        seconds = {}
        for who in pair:
            fn = loops.drafter if who == "drafter" else loops.own_templates
            seconds[who], _ = timed(fn, part)
        mine.append(seconds["drafter"] / len(part))
        own.append(seconds["own"] / len(part))
        ratios.append(seconds["own"] / seconds["drafter"])
    med, q1, q3 = spread(ratios)
    return {"rows": len(idx), "rounds": len(ratios), "drafter_us_per_row": 1e6 * statistics.median(mine),
            "own_templates_us_per_row": 1e6 * statistics.median(own),
            "ratio_median": med, "ratio_q1": q1, "ratio_q3": q3}  # fmt: skip


def parts_report(loops: Loops, sample: int) -> dict[str, Any]:
    n = len(loops.rows)
    idx = range(0, n, max(1, n // sample))
    spent = loops.parts(idx)
    total = sum(spent.values())
    return {
        "rows": len(idx),
        "ms_per_row": {k: 1000 * v / len(idx) for k, v in spent.items()},
        "share": {k: v / total for k, v in spent.items()},
        "total_ms_per_row": 1000 * total / len(idx),
    }


def profile_top(loops: Loops, sample: int, top: int = 15) -> str:
    n = len(loops.rows)
    idx = range(0, n, max(1, n // sample))
    prof = cProfile.Profile()
    prof.runcall(loops.drafter, idx)
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def same(a: Sequence[str], b: Sequence[str]) -> dict[str, Any]:
    """How many texts are equal, and the first that differs."""
    equal = sum(x == y for x, y in zip(a, b, strict=False))
    got: dict[str, Any] = {"equal": equal, "of": max(len(a), len(b))}
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            got["first_difference"] = {"row": i + 1, "a": x, "b": y}
            break
    return got


# --- output -----------------------------------------------------------------------------------


def plural(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def iqr(got: dict[str, Any], digits: int) -> str:
    if got["rounds"] < 2:
        return "(1 round)"
    return f"{got['ratio_q1']:.{digits}f}-{got['ratio_q3']:.{digits}f}"


def print_report(rep: dict[str, Any]) -> None:
    cfg = rep["config"]
    print(f"drafter batch benchmark: {cfg['rows']:,} reconnect rows ({cfg['csv_bytes'] / 1024:,.0f} "
          f"KiB), Python {cfg['python_version']}, {cfg['cpus']} CPUs, {cfg['elapsed_s']:.0f} s")  # fmt: skip
    eq = rep["same_texts"]
    for key, label in (("drafter_vs_plain", "plain Jinja2"), ("drafter_vs_mailmerge", "mailmerge"),
                       ("cli_vs_loop", "drafter batch (CLI)")):  # fmt: skip
        if key in eq:
            line = f"  same texts as drafter's loop, {label}: {eq[key]['equal']:,} of {eq[key]['of']:,}"
            print(line + ("" if eq[key]["equal"] == eq[key]["of"] else "  (NOT the same work)"))
    if rep.get("cli_summary"):
        print(f"  drafter batch says: {rep['cli_summary']}")
    print()
    print(f"{'':36}{'drafter':>12}{'peer':>13}{'ratio':>8}{'of medians':>12}{'IQR':>15}  goal")
    proc = rep.get("processes")
    if proc:
        print(f"{'mailmerge / drafter batch, time':36}{proc['drafter_median_s']:>10.2f} s"
              f"{proc['mailmerge_median_s']:>11.2f} s{proc['ratio_median']:>8.3f}"
              f"{proc['ratio_of_medians']:>12.3f}{iqr(proc, 3):>15}  "
              f">={proc['goal']:g} {'met' if proc['goal_met'] else 'NOT met'}")  # fmt: skip
    loop = rep["in_process"]
    print(f"{'drafter loop / plain Jinja2, rows/s':36}{loop['drafter_rows_per_s']:>8,.0f} r/s"
          f"{loop['plain_rows_per_s']:>9,.0f} r/s{loop['ratio_median']:>8.3f}"
          f"{loop['ratio_of_medians']:>12.3f}{iqr(loop, 3):>15}  "
          f">={loop['goal']:.2f} {'met' if loop['goal_met'] else 'NOT met'}")  # fmt: skip
    rounds = f"{plural(loop['rounds'], 'in-process round')} of {loop['rows_per_round']:,} rows"
    if proc:
        rounds = f"{plural(proc['rounds'], 'process round')}; {rounds}"
        if proc["rounds"] < cfg["rounds"]:
            rounds += f" (process rounds cut to fit --budget {cfg['budget_s']:g} s)"
    print(f"  {rounds}.\n  ratio: the median of the per-round ratios (higher: drafter faster); "
          "of medians: the ratio of the two medians; IQR: the per-round ratios' quartiles")  # fmt: skip
    own = rep.get("own_templates")
    if own:
        print(f"{'drafter loop / its own templates, plain':36}{own['drafter_us_per_row']:>8,.0f} us"
              f"{own['own_templates_us_per_row']:>10,.0f} us{own['ratio_median']:>8.3f}"
              f"{'':>12}{iqr(own, 3):>15}  (context: the same template files in a plain "
              "environment with drafter's filters; no sandbox, fitting or checks)")  # fmt: skip
    parts = rep["parts"]
    print(f"\ndrafter's loop by part ({parts['rows']:,} rows): "
          f"{parts['total_ms_per_row']:.2f} ms a row in all (the in-process rounds: "
          f"{1000 / loop['drafter_rows_per_s']:.2f} ms a row)")  # fmt: skip
    for key, ms in parts["ms_per_row"].items():
        print(f"  {key:26}{ms:>8.3f} ms  {100 * parts['share'][key]:>5.1f}%")
    for case, crash in (rep.get("mailmerge_crash") or {}).items():
        print(f"\nA valid CSV ({crash['rows']} rows) whose first doubled quote is at byte "
              f"{crash['first_doubled_quote_at_byte']:,}, {case}:")  # fmt: skip
        for who in ("mailmerge", "drafter"):
            got = crash[who]
            print(f"  {who:9}  exit {got['exit']} after {got['messages']} of {crash['rows']} "
                  f"messages: {got['stderr'] or '(nothing on stderr)'}")  # fmt: skip
            if got["the talk"]:
                print(f"  {'':9}  {got['the talk']}")
    if rep.get("profile"):
        print("\ncProfile of drafter's loop\n" + rep["profile"])


# --- main -------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=10_000, help="rows in the file (default 10,000)")
    p.add_argument("--rounds", type=int, default=7, help="paired rounds (default 7)")
    p.add_argument("--budget", type=float, default=170,
                   help="seconds the whole run may take: process rounds stop before passing it "
                   "(default 170; 0 runs every round)")  # fmt: skip
    p.add_argument("--parts-rows", type=int, default=1000,
                   help="rows timed part by part (default 1,000)")  # fmt: skip
    p.add_argument("--profile", action="store_true", help="cProfile's top 15 of drafter's loop")
    p.add_argument("--no-mailmerge", action="store_true", help="only the in-process rows")
    p.add_argument("--mailmerge-venv", type=Path, default=default_venv(),
                   help=f"mailmerge's own venv, made when missing (default {default_venv()})")  # fmt: skip
    p.add_argument("--seed", type=int, default=11, help="seed for the rows (default 11)")
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    args = p.parse_args(argv)
    if args.rows < 1 or args.rounds < 1 or args.parts_rows < 1:
        p.error("--rows, --rounds and --parts-rows must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    rows = make_rows(args.rows, args.seed)
    data = csv_bytes(rows)
    rep: dict[str, Any] = {"config": {
        "rows": args.rows, "rounds": args.rounds, "budget_s": args.budget, "seed": args.seed,
        "csv_bytes": len(data), "python": sys.executable,
        "python_version": sys.version.split()[0], "cpus": os.cpu_count(),
    }}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="drafter-batch-bench-") as name:
        tmp = Path(name)
        home = tmp / "home"
        home.mkdir()
        os.environ["DRAFTER_HOME"] = str(home)  # this process's drafter, too
        procs = None
        if not args.no_mailmerge:
            mailmerge = mailmerge_script(args.mailmerge_venv)
            procs = Processes(tmp, mailmerge, data)
            version = subprocess.run([str(mailmerge), "--version"], capture_output=True, text=True)
            rep["config"]["mailmerge"] = version.stdout.strip()
            rep["config"]["mailmerge_command"] = " ".join(procs.argv("mailmerge"))
            rep["config"]["drafter_command"] = " ".join(procs.argv("drafter"))
            say("mailmerge's crash on a late doubled quote (untimed) ...")
            rep["mailmerge_crash"] = crash_demo(procs, make_rows(200, args.seed))
            say("checking both commands (untimed; fills bytecode and drafter's cache) ...")
            checked = {
                "mailmerge": procs.run("mailmerge", out=subprocess.PIPE),
                "drafter": procs.run("drafter", out=subprocess.PIPE, limit=CHECK_ROWS),
            }
            for who, done in checked.items():
                check(who, done)
        say("in-process rounds ...")
        loops = Loops(data)
        rep["in_process"], by_drafter, by_plain = loop_rounds(loops, args.rounds)
        rep["same_texts"] = {"drafter_vs_plain": same(by_drafter, by_plain)}
        if procs is not None:
            rep["same_texts"]["drafter_vs_mailmerge"] = same(
                by_drafter, mailmerge_texts(checked["mailmerge"].stdout)
            )
            rep["same_texts"]["cli_vs_loop"] = same(
                by_drafter[:CHECK_ROWS], drafter_texts(checked["drafter"].stdout)
            )
        say("drafter's loop against its own templates rendered plainly ...")
        rep["own_templates"] = own_templates_report(loops, 2 * args.parts_rows, args.rounds)
        say("drafter's loop by part ...")
        rep["parts"] = parts_report(loops, args.parts_rows)
        if args.profile:
            rep["profile"] = profile_top(loops, args.parts_rows)
        if procs is not None:
            say("whole-process rounds ...")
            rep["processes"] = process_rounds(procs, args.rounds, args.budget, started, 1.0)
            rep["cli_summary"] = procs.summary
    rep["config"]["elapsed_s"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(rep, indent=2, ensure_ascii=False))
    else:
        print_report(rep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
