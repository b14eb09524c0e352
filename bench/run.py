"""Benchmarks: edcheck against peer tools on the same files, in the same run.

    python bench/run.py                 # 10,000 articles, all tools (about 4 minutes)
    python bench/run.py --files 2000 --skip-remark

It generates the corpus (bench/corpus.py), installs the peers in bench/out/ (a venv for
check-jsonschema, node packages for remark), then measures:

* whole site: wall time, files/s and peak memory (all processes of the tool, summed,
  sampled every 10 ms) for `edcheck check`, `check-jsonschema` on the same front matter
  extracted to YAML files, and `remark` with remark-lint-frontmatter-schema;
* the hook: one file, whole process, median of repeated runs, for edcheck installed in a
  fresh venv as pre-commit installs it, and check-jsonschema likewise.

Results are printed as Markdown (copied into docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"
REMARK_PACKAGES = ["remark-cli@12", "remark-frontmatter@5", "remark-lint-frontmatter-schema@3"]
REMARKRC = """import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';
export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema,
     { schemas: { './article.draft7.schema.json': ['./content/**/*.md'] } }],
  ],
};
"""


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    code: int


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in family)


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Measure(seconds, peak / 1024, code)


def median_ms(command: list[str], cwd: Path, runs: int) -> float:
    for _ in range(2):
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def venv(path: Path, *packages: str) -> Path:
    python = path / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *packages], check=True)
    return path / "bin"


def prepare_corpus(out: Path, files: int) -> Path:
    from bench.corpus import write

    corpus = out / f"corpus-{files}"
    if not (corpus / "content").exists():
        write(corpus, files)
    (corpus / ".git").mkdir(exist_ok=True)  # edcheck's config search stops here
    schema = json.loads((ROOT / "schemas" / "article.schema.json").read_text())
    (corpus / "article.schema.json").write_text(json.dumps(schema))
    # remark-lint-frontmatter-schema's Ajv knows draft-07, not 2020-12; the keywords used
    # here mean the same in both.
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    (corpus / "article.draft7.schema.json").write_text(json.dumps(schema))
    (corpus / ".remarkrc.mjs").write_text(REMARKRC)
    return corpus


def prepare_remark(out: Path, corpus: Path) -> Path | None:
    if shutil.which("npm") is None:
        return None
    node = out / "node"
    if not (node / "node_modules" / ".bin" / "remark").exists():
        node.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=node, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--silent", *REMARK_PACKAGES], cwd=node, check=True)
    link = corpus / "node_modules"
    if not link.exists():
        link.symlink_to(node / "node_modules")
    return node / "node_modules" / ".bin" / "remark"


def row(name: str, files: int, result: Measure) -> str:
    rate = files / result.seconds
    return f"| {name} | {result.seconds:.2f} s | {rate:,.0f} | {result.peak_mb:,.0f} MB |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--skip-remark", action="store_true")
    parser.add_argument("--hook-runs", type=int, default=20)
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    corpus = prepare_corpus(out, args.files)
    files = args.files

    from checker.body import _rust_parser

    parser_name = "markdown-it-pyrs" if _rust_parser() is not None else "markdown-it-py"
    cj_bin = venv(out / "venv-check-jsonschema", "check-jsonschema", "ruamel.yaml.clib")
    ed_bin = venv(out / "venv-edcheck", str(ROOT))
    ed_fast_bin = venv(out / "venv-edcheck-fast", f"{ROOT}[fast]")

    yaml_files = sorted(str(path) for path in (corpus / "frontmatter").rglob("*.yaml"))
    results = [
        (
            "edcheck check (2 workers)",
            measure(
                [sys.executable, "-m", "checker", "check", "content", "--today", TODAY], corpus
            ),
        ),
        (
            "edcheck check --jobs 1",
            measure(
                [
                    sys.executable,
                    "-m",
                    "checker",
                    "check",
                    "content",
                    "--today",
                    TODAY,
                    "--jobs",
                    "1",
                ],
                corpus,
            ),
        ),
        (
            "check-jsonschema (front matter as .yaml)",
            measure(
                [
                    str(cj_bin / "check-jsonschema"),
                    "--schemafile",
                    "article.schema.json",
                    *yaml_files,
                ],
                corpus,
            ),
        ),
    ]
    remark = None if args.skip_remark else prepare_remark(out, corpus)
    if remark is not None:
        results.append(
            (
                "remark + remark-lint-frontmatter-schema",
                measure([str(remark), "--quiet", "--frail", "--no-stdout", "content"], corpus),
            )
        )

    one_md = str(corpus / "content" / "section-01" / "article-000001.md")
    one_yaml = str(corpus / "frontmatter" / "section-01" / "article-000001.yaml")
    hook = {
        "edcheck (fresh venv, as pre-commit installs it)": median_ms(
            [str(ed_bin / "edcheck"), "check", "--today", TODAY, one_md], corpus, args.hook_runs
        ),
        "edcheck[fast] (fresh venv)": median_ms(
            [str(ed_fast_bin / "edcheck"), "check", "--today", TODAY, one_md],
            corpus,
            args.hook_runs,
        ),
        "check-jsonschema (fresh venv)": median_ms(
            [str(cj_bin / "check-jsonschema"), "--schemafile", "article.schema.json", one_yaml],
            corpus,
            args.hook_runs,
        ),
    }

    cores = os.cpu_count()
    print(f"Corpus: {files:,} articles, {cores} cores; edcheck's body parser: {parser_name}.\n")
    print("| tool | wall time | files/s | peak memory |\n|---|---|---|---|")
    for name, result in results:
        print(row(name, files, result))
    base = results[0][1].seconds
    print(
        "\nedcheck (2 workers) is "
        + ", ".join(f"{result.seconds / base:.1f}x {name}" for name, result in results[2:])
        + " in files/s.\n"
    )
    print("| hook, one file, whole process | median |\n|---|---|")
    for name, ms in hook.items():
        print(f"| {name} | {ms:.0f} ms |")
    ratio = (
        hook["edcheck (fresh venv, as pre-commit installs it)"]
        / hook["check-jsonschema (fresh venv)"]
    )
    print(f"\nedcheck's hook takes {ratio:.2f}x the wall time of check-jsonschema on one file.")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
