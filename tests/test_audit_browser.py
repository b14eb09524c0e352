"""The audit's HTML page in a real headless Chromium: no console errors, sorting and
filtering work, and a screenshot is kept as a test artifact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, TODAY, Run

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts"


def test_audit_page_in_chromium(tmp_path: Path, run: Run) -> None:
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: .ci/run installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    site = tmp_path / "site"
    shutil.copytree(ROOT / "examples" / "site", site)
    (site / ".git").mkdir()
    result = run("audit", "--format", "html", "--output", "audit.html", "--today", TODAY, cwd=site)
    assert result.code == 0
    page_file = site / "audit.html"
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on(
            "console",
            lambda message: problems.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        rows = page.locator("#articles tbody tr")
        assert rows.count() == 11
        # filter: only the reviews section
        page.fill("#filter", "content/reviews/")
        visible = [row for row in rows.all() if row.is_visible()]
        assert len(visible) == 3
        page.fill("#filter", "")
        # sort by errors, twice: ascending then descending
        page.click("th button[data-column='7']")
        page.click("th button[data-column='7']")
        first = page.locator("#articles tbody tr").first
        assert "how-connections-heal.md" in first.inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "audit.png"), full_page=True)
        browser.close()
    assert problems == []
    assert requests == [page_file.as_uri()]  # self-contained: nothing else was fetched
    assert (ARTIFACTS / "audit.png").stat().st_size > 10_000
