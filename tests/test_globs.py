"""Gitignore-style globs."""

from __future__ import annotations

import pytest

from checker.globs import PathMatcher


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("**/*.md", "a.md", True),
        ("**/*.md", "content/reviews/a.md", True),
        ("**/*.md", "content/a.mdx", False),
        ("*.md", "content/deep/a.md", True),  # no slash: any folder, as in .gitignore
        ("content/*.md", "content/a.md", True),
        ("content/*.md", "content/reviews/a.md", False),
        ("content/**", "content/reviews/a.md", True),
        ("content/**", "other/a.md", False),
        ("**/node_modules/**", "site/node_modules/pkg/readme.md", True),
        ("**/node_modules/**", "node_modules/x.md", True),
        ("**/.*/**", ".github/a.md", True),
        ("**/.*/**", "content/a.md", False),
        ("**/README.md", "README.md", True),
        ("**/README.md", "docs/README.md", True),
        ("**/README.md", "docs/README.mdx", False),
        ("content/{reviews,articles}/*.md", "content/articles/a.md", True),
        ("content/{reviews,articles}/*.md", "content/policies/a.md", False),
        ("**/*.{md,mdx}", "x/y.mdx", True),
        ("content/?.md", "content/a.md", True),
        ("content/?.md", "content/ab.md", False),
        ("content/[ab].md", "content/b.md", True),
        ("content/[!ab].md", "content/c.md", True),
        ("content/[!ab].md", "content/a.md", False),
        ("/content/*.md", "content/a.md", True),
        ("a+b(c).md", "a+b(c).md", True),
    ],
)
def test_glob(glob: str, path: str, matches: bool) -> None:
    assert PathMatcher([glob])(path) is matches


def test_no_globs_match_nothing() -> None:
    assert PathMatcher([])("a.md") is False
