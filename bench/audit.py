"""Benchmark of `edcheck audit` on generated sites in git repositories with history.

    python bench/audit.py                       # 10,000 and 100,000 articles
    python bench/audit.py --sizes 2000

For each size: a repository with one commit per article (built once with
`git fast-import`), then, side by side, `edcheck audit --format json` and `edcheck check`
on the same tree: wall time, time per article and peak memory (all processes), and for
the largest size, the HTML page's load time in headless Chromium.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"


def main() -> None:
    from bench.gate import build
    from bench.run import measure

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    edcheck = [sys.executable, "-m", "checker"]
    print("| articles | command | wall time | per article | peak memory |\n|---|---|---|---|---|")
    html_page = None
    for size in args.sizes:
        repo = args.out.resolve() / f"audit-repo-{size}"
        # ten articles a commit and 200 folders keep fast-import's trees small at 100,000
        build(repo, size, per_commit=10, folders=200)
        audit = measure(
            [*edcheck, "audit", "--format", "json", "--output", "audit.json", "--today", TODAY],
            repo,
        )
        check = measure([*edcheck, "check", "--format", "json", "--today", TODAY], repo)
        html = measure(
            [*edcheck, "audit", "--format", "html", "--output", "audit.html", "--today", TODAY],
            repo,
        )
        runs = (("edcheck audit", audit), ("edcheck check", check), ("audit --format html", html))
        for name, result in runs:
            per = result.seconds / size * 1000
            memory = f"{result.peak_mb:,.0f} MB"
            print(f"| {size:,} | {name} | {result.seconds:.1f} s | {per:.3f} ms | {memory} |")
        html_page = repo / "audit.html"
    if html_page is not None and shutil.which("chromium"):
        print(
            f"\nHTML page for the largest site: {html_page.stat().st_size / 1e6:.1f} MB, "
            f"loaded in Chromium in {load_seconds(html_page):.1f} s."
        )


def load_seconds(page_file: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(page_file.as_uri(), wait_until="load", timeout=600_000)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
