"""Benchmark of the pull-request gate on a large repository.

    python bench/gate.py                  # 10,000 articles, 10,000 commits, a PR of 10
    python bench/gate.py --articles 2000

Builds (once, with `git fast-import`) a repository whose history has one commit per
article, then a pull request that edits 10 articles, and compares side by side the whole
process wall time of `edcheck ci --base main` with `edcheck check` on the same 10 files.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"


def build(repo: Path, articles: int, per_commit: int = 1, folders: int = 20) -> list[str]:
    from bench.corpus import article

    if (repo / ".git").exists():
        return [line for line in (repo / "changed.txt").read_text().splitlines() if line]
    repo.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    rng = random.Random(3)
    chunks: list[bytes] = []
    when = 1_700_000_000
    for first in range(0, articles, per_commit):
        message = f"articles {first} to {min(first + per_commit, articles) - 1}".encode()
        files = b""
        for index in range(first, min(first + per_commit, articles)):
            front, body = article(index, rng)
            data = f"---\n{front}---\n{body}".encode()
            path = f"content/section-{index % folders:03d}/article-{index:06d}.md"
            files += f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n"
        chunks.append(
            b"commit refs/heads/main\n"
            + f"committer Writer <w{first % 37}@example.org> {when + first} +0000\n".encode()
            + f"data {len(message)}\n".encode()
            + message
            + b"\n"
            + files
        )
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(chunks), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    subprocess.run(["git", "checkout", "-q", "-b", "feature"], cwd=repo, check=True)
    changed = [
        f"content/section-{index % folders:03d}/article-{index:06d}.md"
        for index in range(1, articles, articles // 10)
    ][:10]
    for path in changed:
        file = repo / path
        file.write_text(file.read_text().replace("Article", "Revised article", 1))
    env = {
        "GIT_AUTHOR_NAME": "Ed",
        "GIT_AUTHOR_EMAIL": "ed@example.org",
        "GIT_COMMITTER_NAME": "Ed",
        "GIT_COMMITTER_EMAIL": "ed@example.org",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", "commit", "-qam", "revise ten articles"], cwd=repo, check=True, env=env)
    (repo / "changed.txt").write_text("\n".join(changed) + "\n")
    (repo / ".git" / "info" / "exclude").write_text("changed.txt\n")
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from bench.run import median_ms

    repo = args.out.resolve() / f"gate-repo-{args.articles}"
    start = time.perf_counter()
    changed = build(repo, args.articles)
    built = time.perf_counter() - start
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    edcheck = [sys.executable, "-m", "checker"]
    gate = median_ms([*edcheck, "ci", "--base", "main", "--today", TODAY], repo, args.runs)
    check = median_ms([*edcheck, "check", "--today", TODAY, *changed], repo, args.runs)
    print(
        f"Repository: {args.articles:,} articles, {commits} commits (built in {built:.1f} s); "
        f"the pull request changes {len(changed)} articles.\n"
    )
    print("| command | median wall time |\n|---|---|")
    print(f"| edcheck ci --base main | {gate:.0f} ms |")
    print(f"| edcheck check (the same {len(changed)} files) | {check:.0f} ms |")
    print(f"\nedcheck ci takes {gate / check:.2f}x the time of edcheck check on the same files.")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
