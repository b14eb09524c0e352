"""The pre-commit hook's file patterns: which names the real pre-commit hands edcheck."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import ROOT

(HOOK,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
FILES = re.compile(HOOK["files"])


@pytest.mark.parametrize(
    "name",
    [
        "content/a.md",
        "content/A.MD",
        "post.markdown",
        "post.mdown",
        "post.mkd",
        "post.mkdn",
        "page.mdx",
        "source/documentation/index.html.md",
        "source/documentation/index.html.md.erb",
        "source/partials/_footer.md.erb",
    ],
)
def test_content_names_reach_the_hook(name: str) -> None:
    assert FILES.search(name)


@pytest.mark.parametrize(
    "name", ["layout.html.erb", "notes.txt", "config.yml", "image.md.png", "README", "a.mdxx"]
)
def test_other_names_do_not(name: str) -> None:
    assert not FILES.search(name)


def test_the_hook_only_takes_text_files() -> None:
    assert HOOK["types"] == ["text"]
    assert "types_or" not in HOOK
