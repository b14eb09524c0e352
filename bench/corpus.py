"""A deterministic corpus of articles in the default model, for benchmarks.

``python bench/corpus.py OUT N`` writes N articles (~1,200 words each, about 10% with a
defect) under OUT/content, and the same front matter as YAML files under OUT/frontmatter
(for tools that validate YAML files rather than Markdown).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = [
    "sleep",
    "mood",
    "anxiety",
    "therapy",
    "client",
    "relationship",
    "support",
    "evidence",
    "practice",
    "clinical",
    "research",
    "review",
    "treatment",
    "symptoms",
    "recovery",
    "family",
    "carer",
    "community",
    "health",
    "patient",
    "worry",
    "stress",
    "breathing",
    "routine",
    "exercise",
    "daylight",
    "appetite",
    "energy",
    "memory",
    "attention",
    "trial",
    "study",
    "guidance",
    "approach",
    "session",
    "weekly",
    "change",
    "habit",
    "plan",
    "goal",
    "progress",
    "risk",
    "benefit",
    "harm",
    "dose",
    "effect",
    "measure",
    "outcome",
    "quality",
    "life",
    "work",
    "school",
    "friend",
    "partner",
]
DEFECTS = ("no-review-date", "bad-date", "placeholder", "unresolved", "no-author", "no-disclosure")


def paragraph(rng: random.Random, citation: int | None) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(70, 90))]
    words[0] = words[0].capitalize()
    return " ".join(words) + (f" [{citation}]." if citation else ".")


def article(index: int, rng: random.Random) -> tuple[str, str]:
    """(front matter YAML, body) of article ``index``."""
    defect = DEFECTS[(index // 10) % len(DEFECTS)] if index % 10 == 0 else None
    is_review = index % 5 == 0
    published = f"20{rng.randint(20, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    reviewed = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if defect == "bad-date":
        reviewed = "2025-02-30"
    lines = [
        f'title: "Article {index}: {rng.choice(WORDS)} and {rng.choice(WORDS)}"',
        f"type: {'book-review' if is_review else 'article'}",
        "status: published",
        "" if defect == "no-author" else f"author: Writer {index % 37}",
        f"published: {published}",
        f"summary: A short standfirst about {rng.choice(WORDS)}.",
        "" if defect == "no-disclosure" else "disclosure: /policies/review-disclosure/",
        "peer_review: Checked by a clinical psychologist before publication.",
    ]
    if is_review:
        lines += [
            "rating: 3.5",
            "book:",
            f'  title: "Book {index}"',
            f'  authors: ["Author {index % 13}"]',
            "  year: 2019",
            '  isbn: "1593850336"',
            "  publisher: Northfield Press",
            "  pages: 240",
        ]
    lines += ["reviewed:", f"  by: reviewer-{index % 11}"]
    if defect != "no-review-date":
        lines.append(f"  on: {reviewed}")
    front = "\n".join(line for line in lines if line) + "\n"
    references = 4
    paras = [paragraph(rng, (n // 3) % references + 1 if n % 3 == 0 else None) for n in range(15)]
    if defect == "placeholder":
        paras[2] += " Edited by , 2004."
    if defect == "unresolved":
        paras[5] += " See [9]."
    refs = [
        f"[{n}] Source {n} for article {index}, Journal of {rng.choice(WORDS)}."
        for n in range(1, references + 1)
    ]
    body = "\n\n".join([f"# Article {index}", *paras, *refs]) + "\n"
    return front, body


def write(out: Path, count: int) -> None:
    rng = random.Random(20261125)
    for index in range(count):
        front, body = article(index, rng)
        folder = f"section-{index % 20:02d}"
        (out / "content" / folder).mkdir(parents=True, exist_ok=True)
        (out / "frontmatter" / folder).mkdir(parents=True, exist_ok=True)
        (out / "content" / folder / f"article-{index:06d}.md").write_text(
            f"---\n{front}---\n{body}"
        )
        (out / "frontmatter" / folder / f"article-{index:06d}.yaml").write_text(front)


if __name__ == "__main__":
    write(Path(sys.argv[1]), int(sys.argv[2]))
