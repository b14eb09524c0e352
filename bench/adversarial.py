"""Adversarial Markdown bodies, and what each costs edcheck and each Markdown parser.

    python bench/adversarial.py                          # every case, 4.9 MB, end to end
    python bench/adversarial.py --size 200000 --raw      # the parsers alone, no budget
    python bench/adversarial.py --cases open-brackets,setext-runs --size 1000000

Every generator takes a size in bytes and returns a body of about that size (never more)
built to stress one thing a parser or a rule kind does: nesting, long runs of one
character, many links, comments, footnotes or citations, emphasis delimiters, setext
underlines. Each case runs in its own child process, which reports its CPU seconds
(user + system) and its peak resident memory (``VmHWM``, since ``exec``); a case that
crashes the child or runs past ``--give-up`` seconds of wall time is reported as such.

``--raw`` times a parser on the body with no budget (``markdown-it-py`` and, when
installed, ``markdown-it-pyrs`` as edcheck configures them); the default times
``edcheck check --format json`` on an article whose front matter passes and whose body is
the case, as a writer's hook would run it (both parsers: with markdown-it-pyrs importable
and with it hidden). Results print as Markdown tables (copied into docs/benchmarks.md).
The test suite (tests/test_budget.py, tests/hostile/) bounds the same cases.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"
MAX_FILE_SIZE = 5_000_000  # edcheck's default max_file_size
DEFAULT_SIZE = 4_900_000  # a body just under the limit, with room for the front matter

FRONT = (
    "---\ntitle: Sleep and mood\ntype: article\nstatus: published\nauthor: Jane Doe\n"
    "published: 2026-01-10\ndisclosure: /policies/review-disclosure/\n"
    "peer_review: Checked by a clinical psychologist before publication.\n"
    "reviewed:\n  by: greg-mulhauser\n  on: 2026-02-01\n---\n"
)

Generator = Callable[[int], str]


def _repeat(unit: str) -> Generator:
    """``unit`` as many times as fits in ``size`` bytes."""
    return lambda size: unit * max(1, size // len(unit.encode()))


def _numbered(template: str, *, joiner: str = "") -> Generator:
    """``template.format(i)`` for i = 1, 2, ... while it fits in ``size`` bytes."""

    def build(size: int) -> str:
        parts: list[str] = []
        used = 0
        for index in itertools.count(1):
            part = template.format(index) + joiner
            used += len(part.encode())
            if used > size:
                break
            parts.append(part)
        return "".join(parts)

    return build


def _nested(opening: str, middle: str, closing: str) -> Generator:
    """``opening`` k times, ``middle``, ``closing`` k times: k levels of nesting."""

    def build(size: int) -> str:
        levels = max(1, (size - len(middle)) // len((opening + closing).encode()))
        return opening * levels + middle + closing * levels

    return build


def _prose(size: int) -> str:
    sentence = (
        "Sleep and mood are linked in both directions, and a steady routine with daylight "
        "in the morning helps many people.\n"
    )
    return sentence * max(1, size // len(sentence))


def _backtick_runs(size: int) -> str:
    """Code-span openers of ever different lengths, none closed (a classic quadratic)."""
    parts: list[str] = []
    used = 0
    for index in itertools.count():
        part = "`" * (index % 64 + 1) + "a"
        used += len(part)
        if used > size:
            break
        parts.append(part)
    return "".join(parts)


def _link_definitions(size: int) -> str:
    """Consecutive link reference definitions, then a paragraph of prose lines."""
    definitions = _numbered("[r{0}]: /u{0}\n")(size // 10)
    return definitions + "A line of prose.\n" * ((size - len(definitions)) // 17)


GENERATORS: dict[str, Generator] = {
    # the baseline: what an ordinary (if enormous) article costs
    "prose": _prose,
    # long runs of one character
    "open-brackets": _repeat("["),
    "close-brackets": _repeat("]"),
    "image-openers": _repeat("!["),
    "less-than": _repeat("<"),
    "backslashes": _repeat("\\["),
    "stars": _repeat("*"),
    "backtick-runs": _backtick_runs,
    "setext-runs": _repeat("=\n"),
    "dash-lines": _repeat("-\n"),
    # link syntax
    "link-openers": _repeat("[a]("),
    "many-links": _numbered("[a link](https://example.org/p/{0}) ", joiner=""),
    "many-autolinks": _numbered("<https://example.org/p/{0}> "),
    "html-tags": _repeat("<a>"),
    "link-definitions": _link_definitions,
    "entities": _repeat("&amp;"),
    # emphasis delimiters
    "emphasis-delimiters": _repeat("*a_ "),
    "emphasis-pairs": _repeat("**a** "),
    # nesting
    "nested-brackets": _nested("[", "a", "]"),
    "nested-emphasis": _nested("*", "a", "*"),
    "nested-images": _nested("![", "a", "](u)"),
    "nested-quotes": _repeat(">"),
    "nested-lists": _repeat("1. "),
    "indented-lists": lambda size: "".join(
        "  " * level + "- a\n" for level in range(max(1, int((size / 2) ** 0.5)))
    ),
    # footnotes and citations (the footnotes rule kind)
    "footnote-openers": _repeat("[^"),
    "many-footnotes": lambda size: (
        _numbered("[^{0}] ")(size // 2) + "\n\n" + _numbered("[^{0}]: A note.\n")(size // 2)
    ),
    "uncited-definitions": _numbered("[^{0}]: A note nobody cites.\n"),
    "citations-one-line": _repeat("[1]"),
    "unresolved-citations": _numbered("[{0}]"),
    # comments (in-page suppressions) and placeholders
    "comments": _repeat("<!-- edcheck-disable footnote-unused -- quoting a reference -->\n"),
    "bad-comments": _repeat("<!-- edcheck-disable -->\n"),
    "placeholders": _repeat("Edited by , 2004. TODO\n"),
}


def at_budget(name: str, units: int | None = None, limit: int = MAX_FILE_SIZE) -> int:
    """The largest size (bytes, at most ``limit``) at which the case's body stays within
    the units budget: the worst body edcheck still parses."""
    from checker.budget import MAX_UNITS, assess
    from checker.budget import units as count

    budget = units or MAX_UNITS
    generate = GENERATORS[name]
    size = min(limit, 200_000)
    counted = max(1, count(generate(size)))
    size = min(limit, int(size * budget / counted))
    while size > 100 and assess(generate(size), 1, budget).exceeded is not None:
        size = int(size * 0.97)
    return size


@dataclass
class Cost:
    """One case run in a child: CPU seconds, peak MB, and what happened."""

    cpu: float
    megabytes: float
    outcome: str  # "ok", an exit code and the rules found, "crashed (signal N)", "gave up"


_RAW = """
import sys, time
from checker import body as module
from bench.adversarial import GENERATORS
name, size, parser = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = GENERATORS[name](size)
start = time.process_time()
if parser == "python":
    facts = module.read_body_python(text, 1)
else:
    facts = module.read_body_rust(text, 1, module._rust_parser())
spent = time.process_time() - start
print(spent, len(facts.links), len(facts.citations), len(facts.references))
"""

_END_TO_END = """
import atexit, os, sys, time
from pathlib import Path
def report():
    peak = [line for line in Path("/proc/self/status").read_text().split("\\n")
            if line.startswith("VmHWM:")][0].split()[1]
    Path(os.environ["BENCH_PEAK"]).write_text(peak)
atexit.register(report)
if os.environ.get("BENCH_HIDE_RUST"):
    sys.modules["markdown_it_pyrs"] = None  # the optional parser is not installed
from checker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_child(code: str, args: list[str], cwd: Path, env: dict[str, str], give_up: float) -> Cost:
    """Run ``python -c code args`` and account for it with ``wait4`` (its own CPU time
    and peak memory); killed after ``give_up`` seconds of wall time."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    killed: list[bool] = []

    def stop() -> None:
        killed.append(True)
        process.kill()

    timer = threading.Timer(give_up, stop)
    timer.start()
    assert process.stdout is not None
    with process.stdout:
        out = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    cost = Cost(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.strip())
    if killed:
        cost.outcome = f"gave up after {give_up:.0f} s"
    elif process.returncode < 0:
        cost.outcome = f"crashed (signal {-process.returncode})"
    elif process.returncode not in (0, 1):
        cost.outcome = f"failed (exit {process.returncode})"
    elif not cost.outcome:
        cost.outcome = "failed (a Rust panic or a traceback)"
    return cost


def _environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "EDCHECK_"))}
    env["PYTHONPATH"] = str(ROOT)
    env["RUST_BACKTRACE"] = "0"
    env.update(extra or {})
    return env


def measure_raw(name: str, size: int, parser: str, give_up: float) -> Cost:
    """One parser alone (no budget) on the case's body, in a child process."""
    with tempfile.TemporaryDirectory() as folder:
        cost = run_child(_RAW, [name, str(size), parser], Path(folder), _environment(), give_up)
    if cost.outcome and cost.outcome[0].isdigit():
        spent, *counts = cost.outcome.split()
        cost.cpu = float(spent)  # the parse itself, without start-up
        cost.outcome = "links {}, citations {}, references {}".format(*counts)
    return cost


def measure_end_to_end(name: str, size: int, rust: bool, give_up: float) -> Cost:
    """``edcheck check --format json`` on an article with the case as its body."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        body = GENERATORS[name](size - len(FRONT))
        (root / "a.md").write_text(FRONT + body, encoding="utf-8")
        peak_file = root / "peak"
        extra = {"BENCH_PEAK": str(peak_file)}
        if not rust:
            extra["BENCH_HIDE_RUST"] = "1"
        args = ["check", "--format", "json", "--today", TODAY, "a.md"]
        cost = run_child(_END_TO_END, args, root, _environment(extra), give_up)
        if peak_file.exists():
            cost.megabytes = int(peak_file.read_text()) / 1024
        if cost.outcome.startswith("{"):
            report = json.loads(cost.outcome)
            rules: dict[str, int] = {}
            for item in report["diagnostics"]:
                rules[item["rule"]] = rules.get(item["rule"], 0) + 1
            shown = ", ".join(f"{rule} x{count}" for rule, count in sorted(rules.items()))
            cost.outcome = shown or "no findings"
    return cost


def rust_installed() -> bool:
    try:
        import markdown_it_pyrs  # noqa: F401
    except ImportError:
        return False
    return True


def _cell(cost: Cost) -> str:
    return f"{cost.cpu:.2f} s, {cost.megabytes:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="bytes per body")
    parser.add_argument("--cases", default="", help="comma-separated names (default: all)")
    parser.add_argument("--raw", action="store_true", help="the parsers alone, no budget")
    parser.add_argument("--give-up", type=float, default=120.0, help="wall seconds per run")
    parser.add_argument(
        "--at-budget", action="store_true", help="each body as large as the budget allows"
    )
    options = parser.parse_args()
    names = [name for name in options.cases.split(",") if name] or list(GENERATORS)
    rust = rust_installed()
    if options.raw:
        print(f"| case ({options.size:,} bytes) | markdown-it-py | markdown-it-pyrs |")
        print("|---|---|---|")
        for name in names:
            python = measure_raw(name, options.size, "python", options.give_up)
            cells = [f"{_cell(python)} ({python.outcome})"]
            if rust:
                fast = measure_raw(name, options.size, "rust", options.give_up)
                cells.append(f"{_cell(fast)} ({fast.outcome})")
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
        return
    if options.at_budget:
        print(
            "| case (as large as the budget allows) | bytes | edcheck | edcheck[fast] | findings |"
        )
        print("|---|---|---|---|---|")
    else:
        header = "| case | edcheck | edcheck[fast] | findings |"
        print(header.replace("case", f"case ({options.size:,}-byte file)"))
        print("|---|---|---|---|")
    for name in names:
        size = (
            min(options.size, at_budget(name) + len(FRONT)) if options.at_budget else options.size
        )
        whole = measure_end_to_end(name, size, False, options.give_up)
        quick = measure_end_to_end(name, size, True, options.give_up) if rust else None
        cells = [_cell(whole), _cell(quick) if quick else "not installed", whole.outcome]
        if options.at_budget:
            cells.insert(0, f"{size:,}")
        if quick and quick.outcome != whole.outcome:
            cells[2] += f" / [fast]: {quick.outcome}"
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
